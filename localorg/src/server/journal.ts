/**
 * The durability log: one JSON line per committed transaction, written and fsync'd before the request that committed
 * it is answered, and replayed at start. A line is only trusted once its newline is on disk, so a process killed in the
 * middle of a write leaves a torn last line that replay ignores (and cuts off, so the next append starts clean):
 * a change is either wholly in the org after restart or wholly absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CommittedChange } from './runtime-seams.js';
import { decodeRecord, encodeRecord, type EncodedRecord } from './value-codec.js';

export const JOURNAL_FILE = 'journal.jsonl';

export interface JournalEntry {
  seq: number;
  /** ISO instant of the commit. */
  at: string;
  /** Why the transaction ran: `POST /services/apexrest/…`, `seed data/sample-plan.json sha256:…`. */
  label: string;
  changes: { type: string; id: string; after: EncodedRecord | null }[];
}

export class JournalError extends Error {}

export interface ReplayResult {
  entries: JournalEntry[];
  /** True when a torn last line was found and cut off. */
  tornTail: boolean;
}

export class Journal {
  private fd: number;
  private seq: number;

  private constructor(
    readonly file: string,
    fd: number,
    lastSeq: number
  ) {
    this.fd = fd;
    this.seq = lastSeq;
  }

  /** Opens (creating when needed) the journal in `dir`, returning it with the entries to replay. */
  static open(dir: string): { journal: Journal; replay: ReplayResult } {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, JOURNAL_FILE);
    const replay = readJournal(file);
    const fd = fs.openSync(file, 'a');
    const last = replay.entries.at(-1);
    return { journal: new Journal(file, fd, last ? last.seq : 0), replay };
  }

  /** Appends one transaction and waits for the disk; returns the entry written. */
  append(label: string, changes: CommittedChange[], now = new Date()): JournalEntry {
    const entry: JournalEntry = {
      seq: this.seq + 1,
      at: now.toISOString(),
      label,
      changes: changes.map((c) => ({ type: c.sobjectType, id: c.id, after: c.after ? encodeRecord(c.after) : null }))
    };
    const line = Buffer.from(JSON.stringify(entry) + '\n', 'utf8');
    let off = 0;
    while (off < line.length) off += fs.writeSync(this.fd, line, off);
    fs.fsyncSync(this.fd);
    this.seq = entry.seq;
    return entry;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** Reads every complete line; a torn last line is cut off, any other bad line is an error naming file:line. */
export function readJournal(file: string): ReplayResult {
  if (!fs.existsSync(file)) return { entries: [], tornTail: false };
  const text = fs.readFileSync(file, 'utf8');
  const entries: JournalEntry[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    lineNo++;
    if (end === -1) {
      // No newline: the write of this line never finished, so its transaction was never acknowledged.
      fs.truncateSync(file, Buffer.byteLength(text.slice(0, start), 'utf8'));
      return { entries, tornTail: true };
    }
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch (e) {
      throw new JournalError(`${file}:${lineNo}: not a journal entry (${(e as Error).message})`);
    }
    if (typeof entry.seq !== 'number' || !Array.isArray(entry.changes)) {
      throw new JournalError(`${file}:${lineNo}: journal entry lacks "seq" or "changes"`);
    }
    entries.push(entry);
  }
  return { entries, tornTail: false };
}

/** Turns a journal entry back into the changes the data platform re-applies. */
export function changesOf(entry: JournalEntry, file: string): CommittedChange[] {
  return entry.changes.map((c) => ({
    sobjectType: c.type,
    id: c.id,
    after: c.after ? decodeRecord(c.after, `${file} seq ${entry.seq}`) : null
  }));
}
