/**
 * Compaction: the snapshot (`snapshot.jsonl`) holds the last state of every row the journal ever touched — a row's
 * latest record, or a tombstone for a deleted one (a deleted built-in row stays deleted) — plus the seed labels already
 * imported, the last sequence number and the checksum the next journal entry must chain to. It ends with a line
 * carrying the count and the sha256 of every line before it. It is written beside, fsync'd and renamed into place, and
 * only then is the journal replaced by an empty one: a crash at any point leaves either the old snapshot with the
 * whole journal, or the new snapshot with journal entries it already covers (skipped by sequence number).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JournalError, scanJournal, GENESIS, type JournalEntry } from './journal.js';
import { forEachLine } from './line-reader.js';
import type { EncodedRecord } from './value-codec.js';

export const SNAPSHOT_FILE = 'snapshot.jsonl';

export interface SnapshotHeader {
  snapshot: 1;
  seq: number;
  head: string;
  seeds: string[];
  at: string;
}

export interface SnapshotRow {
  type: string;
  id: string;
  after: EncodedRecord | null;
}

const EMPTY: SnapshotHeader = { snapshot: 1, seq: 0, head: GENESIS, seeds: [], at: '' };

/** Streams the snapshot's rows to `onRows` in batches; checks its closing checksum. Absent: the empty snapshot. */
export function readSnapshot(file: string, onRows: (rows: SnapshotRow[]) => void, batch = 1000): SnapshotHeader {
  if (!fs.existsSync(file)) return EMPTY;
  const hash = createHash('sha256');
  let header: SnapshotHeader | null = null;
  let rows: SnapshotRow[] = [];
  let count = 0;
  let closed = false;
  const torn = forEachLine(file, (l) => {
    const where = `${file}:${l.number}`;
    if (closed) throw new JournalError(`${where}: data after the snapshot's closing line`);
    let v: unknown;
    try {
      v = JSON.parse(l.text);
    } catch (e) {
      throw new JournalError(`${where}: not a snapshot line (${(e as Error).message})`);
    }
    if (header === null) {
      const h = v as SnapshotHeader;
      if (h.snapshot !== 1 || typeof h.seq !== 'number' || typeof h.head !== 'string' || !Array.isArray(h.seeds)) {
        throw new JournalError(`${where}: not a localorg snapshot header`);
      }
      header = h;
    } else if (typeof (v as { end?: unknown }).end === 'number') {
      const end = v as { end: number; sum: string };
      if (end.end !== count || end.sum !== hash.digest('hex')) {
        throw new JournalError(`${where}: snapshot checksum mismatch: the snapshot was edited or damaged`);
      }
      closed = true;
      return;
    } else {
      const row = v as SnapshotRow;
      if (typeof row.type !== 'string' || typeof row.id !== 'string') {
        throw new JournalError(`${where}: snapshot row lacks "type" or "id"`);
      }
      rows.push(row);
      count++;
      if (rows.length >= batch) {
        onRows(rows);
        rows = [];
      }
    }
    hash.update(l.text + '\n', 'utf8');
  });
  if (!closed || torn || header === null)
    throw new JournalError(`${file}: the snapshot is incomplete (no closing line)`);
  if (rows.length) onRows(rows);
  return header;
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `file` atomically: to a temporary name, fsync, rename, fsync the folder. */
export function writeAtomically(file: string, write: (put: (text: string) => void) => void): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    let buf: string[] = [];
    let size = 0;
    const flush = (): void => {
      const b = Buffer.from(buf.join(''), 'utf8');
      let off = 0;
      while (off < b.length) off += fs.writeSync(fd, b, off);
      buf = [];
      size = 0;
    };
    write((text) => {
      buf.push(text);
      size += text.length;
      if (size > 1 << 20) flush();
    });
    flush();
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

export interface CompactResult {
  seq: number;
  head: string;
  rows: number;
  journalBytesBefore: number;
}

/**
 * Folds snapshot + journal into a new snapshot and an empty journal. The caller holds the folder's lock and makes sure
 * no append runs meanwhile. Throws (leaving both files as they were) when the journal does not verify.
 */
export function compactFolder(dir: string, journalFile: string, now = new Date()): CompactResult {
  const snapFile = path.join(dir, SNAPSHOT_FILE);
  const state = new Map<string, SnapshotRow>();
  const key = (type: string, id: string): string => `${type}\u0000${id}`;
  const header = readSnapshot(snapFile, (rows) => rows.forEach((r) => state.set(key(r.type, r.id), r)));
  const seeds = new Set(header.seeds);
  const journalBytesBefore = fs.existsSync(journalFile) ? fs.statSync(journalFile).size : 0;
  const scan = scanJournal(journalFile, header, (entry: JournalEntry) => {
    if (entry.label.startsWith('seed ')) seeds.add(entry.label);
    for (const c of entry.changes) {
      const k = key(c.type, c.id);
      state.delete(k); // keep the latest write last, so replay order follows commit order
      state.set(k, { type: c.type, id: c.id, after: c.after });
    }
  });
  if (scan.problem) {
    throw new JournalError(`${journalFile}:${scan.problem.line}: ${scan.problem.message}; not compacted`);
  }
  const next: SnapshotHeader = {
    snapshot: 1,
    seq: scan.lastSeq,
    head: scan.head,
    seeds: [...seeds],
    at: now.toISOString()
  };
  writeAtomically(snapFile, (put) => {
    const hash = createHash('sha256');
    const line = (text: string): void => {
      hash.update(text + '\n', 'utf8');
      put(text + '\n');
    };
    line(JSON.stringify(next));
    for (const row of state.values()) line(JSON.stringify(row));
    put(JSON.stringify({ end: state.size, sum: hash.digest('hex') }) + '\n');
  });
  // Only now may the journal go: every entry it held is in the snapshot that is on disk.
  writeAtomically(journalFile, () => undefined);
  return { seq: next.seq, head: next.head, rows: state.size, journalBytesBefore };
}
