/**
 * The durability log: one JSON line per committed transaction, written and fsync'd before the request that committed
 * it is answered, and replayed at start. Every line carries its sequence number, the checksum of the line before it
 * (`prev`) and its own (`sum`, sha256 of the line without `sum`), so a gap, a reordering or an edit is found at its
 * `file:line`. A line is only trusted once its newline is on disk: a process killed in the middle of a write leaves a
 * torn last line that replay cuts off, so a change is either wholly in the org after restart or wholly absent.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { forEachLine, type TornTail } from './line-reader.js';
import type { CommittedChange } from './runtime-seams.js';
import { decodeRecord, encodeRecord, type EncodedRecord } from './value-codec.js';

export const JOURNAL_FILE = 'journal.jsonl';
/** The `prev` of the first entry of a folder that has never been compacted. */
export const GENESIS = '0'.repeat(64);

export interface JournalEntry {
  seq: number;
  /** ISO instant of the commit. */
  at: string;
  /** Why the transaction ran: `POST /services/apexrest/…`, `seed data/sample-plan.json sha256:…`. */
  label: string;
  changes: { type: string; id: string; after: EncodedRecord | null }[];
  /** Checksum of the previous entry (or of the snapshot this journal continues). */
  prev?: string;
}

export class JournalError extends Error {}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const SUM_SUFFIX = /,"sum":"([0-9a-f]{64})"\}$/;

/** The line for an entry (with its newline) and its checksum. */
export function encodeEntry(entry: JournalEntry): { line: string; sum: string } {
  const body = JSON.stringify({
    seq: entry.seq,
    at: entry.at,
    label: entry.label,
    changes: entry.changes,
    prev: entry.prev
  });
  const sum = sha256(body);
  return { line: `${body.slice(0, -1)},"sum":"${sum}"}\n`, sum };
}

/** Where a scan stopped, for `--repair` and for the error message. */
export interface JournalProblem {
  line: number;
  offset: number;
  message: string;
}

export interface ScanResult {
  lastSeq: number;
  head: string;
  /** Entries applied (seq after the snapshot's). */
  applied: number;
  /** Entries written before journals carried checksums (accepted, then sealed by compaction). */
  legacy: number;
  tornTail: TornTail | null;
  problem: JournalProblem | null;
  /** Byte length of the valid prefix. */
  validBytes: number;
}

/**
 * Streams the journal, checking each line's checksum and its link to the one before, and calls `onEntry` for entries
 * after `from.seq` (earlier ones are already in the snapshot: left over from a compaction interrupted before it reset
 * the journal). Stops at the first problem and reports it rather than throwing, so the caller can repair.
 */
export function scanJournal(
  file: string,
  from: { seq: number; head: string },
  onEntry: (entry: JournalEntry, line: number) => void
): ScanResult {
  const r: ScanResult = {
    lastSeq: from.seq,
    head: from.head,
    applied: 0,
    legacy: 0,
    tornTail: null,
    problem: null,
    validBytes: 0
  };
  if (!fs.existsSync(file)) return r;
  class Stop extends Error {}
  try {
    r.tornTail = forEachLine(file, (l) => {
      const fail = (message: string): never => {
        r.problem = { line: l.number, offset: l.offset, message };
        throw new Stop();
      };
      if (l.text.trim() === '') {
        r.validBytes = l.end;
        return;
      }
      let entry: JournalEntry & { sum?: string };
      try {
        entry = JSON.parse(l.text) as JournalEntry & { sum?: string };
      } catch (e) {
        return fail(`not a journal entry (${(e as Error).message})`);
      }
      if (typeof entry.seq !== 'number' || !Array.isArray(entry.changes)) {
        return fail('journal entry lacks "seq" or "changes"');
      }
      let sum: string;
      if (entry.sum === undefined && entry.prev === undefined) {
        if (r.applied > r.legacy || from.seq > 0) fail('entry without a checksum after checksummed entries');
        r.legacy++;
        sum = sha256(l.text);
      } else {
        if (typeof entry.prev !== 'string') return fail('checksummed entry lacks "prev"');
        const m = SUM_SUFFIX.exec(l.text);
        if (!m || m[1] !== entry.sum) return fail('checksum field is missing or not the last field');
        if (sha256(l.text.slice(0, m.index) + '}') !== m[1]) return fail(`checksum mismatch: the entry was edited`);
        sum = m[1];
      }
      if (entry.seq <= from.seq) {
        // Already in the snapshot; its successor is checked against the snapshot's head.
        r.validBytes = l.end;
        return;
      }
      if (entry.seq !== r.lastSeq + 1) {
        fail(
          entry.seq > r.lastSeq + 1
            ? `sequence gap: expected seq ${r.lastSeq + 1}, found ${entry.seq} (entries are missing)`
            : `sequence out of order: expected seq ${r.lastSeq + 1}, found ${entry.seq}`
        );
      }
      if (entry.prev !== undefined && entry.prev !== r.head) {
        fail(`chain broken: seq ${entry.seq} does not follow the entry before it (reordered or replaced)`);
      }
      onEntry(entry, l.number);
      r.applied++;
      r.lastSeq = entry.seq;
      r.head = sum;
      r.validBytes = l.end;
    });
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return r;
}

/** Appends checksummed entries to an open journal file; every append is on disk before it returns. */
export class JournalWriter {
  private fd: number;
  private bytes: number;

  constructor(
    readonly file: string,
    private seq: number,
    private head: string
  ) {
    this.fd = fs.openSync(file, 'a', 0o600);
    fs.chmodSync(file, 0o600);
    this.bytes = fs.fstatSync(this.fd).size;
  }

  get lastSeq(): number {
    return this.seq;
  }

  get lastSum(): string {
    return this.head;
  }

  get size(): number {
    return this.bytes;
  }

  append(label: string, changes: CommittedChange[], now = new Date()): JournalEntry {
    if (this.fd < 0) throw new JournalError(`${this.file}: the journal is closed`);
    const entry: JournalEntry = {
      seq: this.seq + 1,
      at: now.toISOString(),
      label,
      changes: changes.map((c) => ({ type: c.sobjectType, id: c.id, after: c.after ? encodeRecord(c.after) : null })),
      prev: this.head
    };
    const { line, sum } = encodeEntry(entry);
    const buf = Buffer.from(line, 'utf8');
    let off = 0;
    while (off < buf.length) off += fs.writeSync(this.fd, buf, off);
    fs.fsyncSync(this.fd);
    this.seq = entry.seq;
    this.head = sum;
    this.bytes += buf.length;
    return entry;
  }

  /** Points the writer at a fresh (empty) file that replaced the journal, keeping seq and chain. */
  reopen(): void {
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.bytes = fs.fstatSync(this.fd).size;
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}

/** Turns a journal entry back into the changes the data platform re-applies. */
export function changesOf(entry: Pick<JournalEntry, 'seq' | 'changes'>, file: string): CommittedChange[] {
  return entry.changes.map((c) => ({
    sobjectType: c.type,
    id: c.id,
    after: c.after ? decodeRecord(c.after, `${file} seq ${entry.seq}`) : null
  }));
}
