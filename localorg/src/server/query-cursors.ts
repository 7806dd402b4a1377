/**
 * Query paging as an org does it: a result larger than one batch (2,000 records by default; `Sforce-Query-Options:
 * batchSize=N` asks for 200–2,000) answers `done: false` with `nextRecordsUrl: /services/data/vNN.N/query/<locator>`,
 * and each GET of that URL returns the next batch. Locators have the org's `01g…-<offset>` shape, expire after 15
 * minutes unused, and at most 10 are open at once (opening an eleventh drops the oldest).
 */
import { randomBytes } from 'node:crypto';
import { HttpError } from './errors.js';
import type { Json } from './sobject-json.js';

export const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH = 200;
const MAX_OPEN = 10;
const IDLE_MS = 15 * 60 * 1000;

interface Cursor {
  records: Json[];
  /** Index of the next record to send. */
  next: number;
  batchSize: number;
  touched: number;
}

export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Json[];
}

/** `Sforce-Query-Options: batchSize=500` → 500 (clamped to 200–2,000 as the platform does). */
export function batchSizeOf(header: string | undefined): number {
  const m = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
  if (!m) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH, Number(m[1])));
}

export class QueryCursors {
  private readonly open = new Map<string, Cursor>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The first page of a result; keeps a cursor when more remain. */
  first(records: Json[], batchSize: number, base: string, kind: 'query' | 'queryAll'): QueryPage {
    if (records.length <= batchSize) return { totalSize: records.length, done: true, records };
    this.expire();
    if (this.open.size >= MAX_OPEN) this.open.delete(this.open.keys().next().value as string);
    const id = `01g${randomBytes(8).toString('hex').slice(0, 15).toUpperCase()}`;
    this.open.set(id, { records, next: 0, batchSize, touched: this.now() });
    return this.page(id, base, kind);
  }

  /** The page after `locator` (`01g…-2000`). */
  more(locator: string, base: string, kind: 'query' | 'queryAll'): QueryPage {
    this.expire();
    const m = /^(01g[0-9A-Za-z]+)-(\d+)$/.exec(locator);
    const cursor = m ? this.open.get(m[1]) : undefined;
    if (!m || !cursor || Number(m[2]) !== cursor.next) {
      throw HttpError.of(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    return this.page(m[1], base, kind);
  }

  private page(id: string, base: string, kind: 'query' | 'queryAll'): QueryPage {
    const c = this.open.get(id)!;
    const records = c.records.slice(c.next, c.next + c.batchSize);
    c.next += records.length;
    c.touched = this.now();
    const done = c.next >= c.records.length;
    if (done) {
      this.open.delete(id);
      return { totalSize: c.records.length, done, records };
    }
    return { totalSize: c.records.length, done, nextRecordsUrl: `${base}/${kind}/${id}-${c.next}`, records };
  }

  private expire(): void {
    const now = this.now();
    for (const [id, c] of this.open) if (now - c.touched > IDLE_MS) this.open.delete(id);
  }
}
