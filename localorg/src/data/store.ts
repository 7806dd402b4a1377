/**
 * The record store: one insertion-ordered table per object, a recycle bin, Id counters and an undo journal.
 *
 * Stored rows are never mutated in place: every write replaces the row object. That makes three things cheap:
 * undo (put back the previous object reference), savepoints (a journal length), and @TestSetup snapshots (copying the
 * maps, not the rows).
 */
import { ApexId, SObject } from '../values/values.js';
import { makeId } from '../values/ids.js';

interface UndoEntry {
  table: string;
  id: string;
  /** Row before the change, or null when it did not exist in the table. */
  before: SObject | null;
  /** Recycle-bin entry before the change. */
  binBefore: SObject | null;
}

export interface StoreSnapshot {
  tables: Map<string, Map<string, SObject>>;
  bin: Map<string, SObject>;
  counters: Map<string, number>;
}

export class Store {
  private tables = new Map<string, Map<string, SObject>>();
  /** Deleted rows keyed by Id; `table` is recoverable from the row's type. */
  private bin = new Map<string, SObject>();
  private counters = new Map<string, number>();
  private journal: UndoEntry[] = [];

  private table(typeKey: string): Map<string, SObject> {
    let t = this.tables.get(typeKey);
    if (!t) {
      t = new Map();
      this.tables.set(typeKey, t);
    }
    return t;
  }

  nextId(keyPrefix: string): ApexId {
    return new ApexId(makeId(keyPrefix, this.nextNumber(keyPrefix)));
  }

  /** The next value of a named sequence (Id prefixes, `#auto:case.casenumber` auto-number fields), from 1. */
  nextNumber(sequence: string): number {
    const n = (this.counters.get(sequence) ?? 0) + 1;
    this.counters.set(sequence, n);
    return n;
  }

  /** Moves a prefix's counter past `counter` (journal replay). */
  advanceCounter(keyPrefix: string, counter: number): void {
    if ((this.counters.get(keyPrefix) ?? 0) < counter) this.counters.set(keyPrefix, counter);
  }

  rows(typeKey: string): IterableIterator<SObject> {
    return this.table(typeKey).values();
  }

  deletedRows(typeKey: string): SObject[] {
    return [...this.bin.values()].filter((r) => r.typeKey === typeKey);
  }

  count(typeKey: string): number {
    return this.table(typeKey).size;
  }

  get(typeKey: string, id: string): SObject | undefined {
    return this.tables.get(typeKey)?.get(id);
  }

  getDeleted(id: string): SObject | undefined {
    return this.bin.get(id);
  }

  /** Inserts or replaces a row (the object becomes the store's; callers must not mutate it afterwards). */
  put(row: SObject): void {
    const id = row.id?.value;
    if (!id) throw new Error('store.put: row without Id');
    const t = this.table(row.typeKey);
    this.journal.push({ table: row.typeKey, id, before: t.get(id) ?? null, binBefore: this.bin.get(id) ?? null });
    t.set(id, row);
    this.bin.delete(id);
  }

  /** Moves a row to the recycle bin (its stored copy gets IsDeleted = true). */
  remove(typeKey: string, id: string, toBin = true): void {
    const t = this.table(typeKey);
    const row = t.get(id);
    if (!row) return;
    this.journal.push({ table: typeKey, id, before: row, binBefore: this.bin.get(id) ?? null });
    t.delete(id);
    if (toBin) {
      const deleted = copyRow(row);
      deleted.set('IsDeleted', true);
      this.bin.set(id, deleted);
    }
  }

  /** A savepoint is a journal position. */
  mark(): number {
    return this.journal.length;
  }

  rollbackTo(mark: number): void {
    while (this.journal.length > mark) {
      const e = this.journal.pop()!;
      const t = this.table(e.table);
      if (e.before) t.set(e.id, e.before);
      else t.delete(e.id);
      if (e.binBefore) this.bin.set(e.id, e.binBefore);
      else this.bin.delete(e.id);
    }
  }

  /** Ids (with their table) touched since `mark`, in first-touch order: what a commit publishes. */
  touchedSince(mark: number): { table: string; id: string }[] {
    const seen = new Set<string>();
    const out: { table: string; id: string }[] = [];
    for (let i = mark; i < this.journal.length; i++) {
      const e = this.journal[i];
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      out.push({ table: e.table, id: e.id });
    }
    return out;
  }

  /** Forgets undo history (a committed transaction cannot be rolled back). */
  clearJournal(): void {
    this.journal = [];
  }

  snapshot(): StoreSnapshot {
    const tables = new Map<string, Map<string, SObject>>();
    for (const [k, t] of this.tables) tables.set(k, new Map(t));
    return { tables, bin: new Map(this.bin), counters: new Map(this.counters) };
  }

  restore(s: StoreSnapshot): void {
    this.tables = new Map();
    for (const [k, t] of s.tables) this.tables.set(k, new Map(t));
    this.bin = new Map(s.bin);
    this.counters = new Map(s.counters);
    this.journal = [];
  }
}

/** A detached copy of a record's fields (not its relationship objects). */
export function copyRow(row: SObject): SObject {
  const out = new SObject(row.type);
  for (const [k, v] of row.fields) {
    if (v instanceof SObject) continue;
    out.fields.set(k, v);
    const n = row.names.get(k);
    if (n) out.names.set(k, n);
  }
  return out;
}
