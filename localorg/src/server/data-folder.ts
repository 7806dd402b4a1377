/**
 * The `--data` folder: locked for one server (`lock`), private (0700 folder, 0600 files), holding a snapshot and a
 * checksummed journal. Opening it replays both, streaming, into the org; a journal that does not verify stops the start
 * at its `file:line` unless `repair` is asked for, which keeps the valid prefix and sets the rest aside in a file it
 * names. Appends go to the journal; past `compactAtBytes` the caller is told to compact (fold into a new snapshot).
 */
import fs from 'node:fs';
import path from 'node:path';
import { acquireLock, type DataLock } from './data-lock.js';
import { changesOf, JOURNAL_FILE, JournalError, JournalWriter, scanJournal, type JournalEntry } from './journal.js';
import type { CommittedChange } from './runtime-seams.js';
import { compactFolder, readSnapshot, SNAPSHOT_FILE, type CompactResult } from './snapshot.js';
import { decodeRecord } from './value-codec.js';

export const DEFAULT_COMPACT_AT_BYTES = 64 * 1024 * 1024;

export interface OpenDataOptions {
  repair?: boolean;
  compactAtBytes?: number;
  now?: () => Date;
}

export interface OpenReport {
  snapshotRows: number;
  entries: number;
  rows: number;
  /** Seed labels already applied (from the snapshot and the journal). */
  seeds: Set<string>;
  /** Lines of report for the console: torn tail cut off, entries dropped by repair, legacy entries sealed. */
  notes: string[];
}

/** Applies replayed rows to the org; throws when a row cannot be applied. */
export type ApplyRows = (changes: CommittedChange[]) => void;

function makePrivate(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  for (const name of fs.readdirSync(dir)) {
    const f = path.join(dir, name);
    if (fs.statSync(f).isFile()) fs.chmodSync(f, 0o600);
  }
}

export class DataFolder {
  private constructor(
    readonly dir: string,
    private readonly writer: JournalWriter,
    private readonly lock: DataLock,
    private readonly compactAtBytes: number
  ) {}

  get file(): string {
    return this.writer.file;
  }

  static open(
    dir: string,
    apply: ApplyRows,
    options: OpenDataOptions = {}
  ): { folder: DataFolder; report: OpenReport } {
    makePrivate(dir);
    const lock = acquireLock(dir);
    try {
      return DataFolder.replay(dir, apply, lock, options);
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  private static replay(
    dir: string,
    apply: ApplyRows,
    lock: DataLock,
    options: OpenDataOptions
  ): { folder: DataFolder; report: OpenReport } {
    const file = path.join(dir, JOURNAL_FILE);
    const snapFile = path.join(dir, SNAPSHOT_FILE);
    const report: OpenReport = { snapshotRows: 0, entries: 0, rows: 0, seeds: new Set(), notes: [] };
    const header = readSnapshot(snapFile, (rows) => {
      apply(
        rows.map((r) => ({
          sobjectType: r.type,
          id: r.id,
          after: r.after ? decodeRecord(r.after, `${snapFile} ${r.type} ${r.id}`) : null
        }))
      );
      report.snapshotRows += rows.length;
    });
    header.seeds.forEach((s) => report.seeds.add(s));
    const scan = scanJournal(file, header, (entry: JournalEntry, line) => {
      try {
        apply(changesOf(entry, file));
      } catch (e) {
        throw new JournalError(`${file}:${line}: entry seq ${entry.seq} cannot be replayed: ${(e as Error).message}`);
      }
      if (entry.label.startsWith('seed ')) report.seeds.add(entry.label);
      report.entries++;
      report.rows += entry.changes.length;
    });
    if (scan.problem) {
      const { line, offset, message } = scan.problem;
      if (!options.repair) {
        throw new JournalError(
          `${file}:${line}: ${message}. Nothing was served. To keep the ${scan.applied} valid entr${scan.applied === 1 ? 'y' : 'ies'} before it and set the rest aside, start again with --repair`
        );
      }
      const total = fs.statSync(file).size;
      const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      const aside = `${file}.dropped-${stamp}`;
      const fd = fs.openSync(file, 'r');
      const dropped = Buffer.alloc(total - offset);
      fs.readSync(fd, dropped, 0, dropped.length, offset);
      fs.closeSync(fd);
      fs.writeFileSync(aside, dropped, { mode: 0o600 });
      fs.truncateSync(file, offset);
      const lines = dropped
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '').length;
      report.notes.push(
        `repair: kept ${scan.applied} valid entr${scan.applied === 1 ? 'y' : 'ies'} (through seq ${scan.lastSeq}); dropped ${lines} line(s) from ${path.basename(file)}:${line} on (${message}); saved them to ${aside}`
      );
    } else if (scan.tornTail) {
      fs.truncateSync(file, scan.tornTail.offset);
      report.notes.push(`ignored a torn last line (${scan.tornTail.bytes} bytes) from an interrupted write`);
    }
    const writer = new JournalWriter(file, scan.lastSeq, scan.head);
    const folder = new DataFolder(dir, writer, lock, options.compactAtBytes ?? DEFAULT_COMPACT_AT_BYTES);
    if (scan.legacy > 0) {
      folder.compact();
      report.notes.push(
        `sealed ${scan.legacy} entr${scan.legacy === 1 ? 'y' : 'ies'} written before checksums into ${SNAPSHOT_FILE}`
      );
    }
    return { folder, report };
  }

  append(label: string, changes: CommittedChange[]): void {
    this.writer.append(label, changes);
  }

  wantsCompaction(): boolean {
    return this.writer.size > this.compactAtBytes;
  }

  /** Folds the journal into the snapshot; the caller makes sure no append runs meanwhile. */
  compact(): CompactResult {
    const result = compactFolder(this.dir, this.writer.file);
    this.writer.reopen();
    return result;
  }

  close(): void {
    this.writer.close();
    this.lock.release();
  }
}

/** `localorg compact --data DIR`: takes the lock (so never under a running server) and compacts. */
export function compactDataFolder(dir: string): CompactResult {
  if (!fs.existsSync(dir)) throw new JournalError(`${dir}: no such data folder`);
  makePrivate(dir);
  const lock = acquireLock(dir);
  try {
    return compactFolder(dir, path.join(dir, JOURNAL_FILE));
  } finally {
    lock.release();
  }
}
