/**
 * Auto-number fields (`CaseNumber`, a custom object's auto-number Name): on insert the platform gives each record the
 * next number of the field's sequence, shown through its display format [doc: Custom Field Types, "Auto Number"]:
 * `{0}` with as many zeros as digits, and `{YYYY}`, `{YY}`, `{MM}`, `{DD}` for the date of the insert.
 */
import { DateTime } from 'luxon';
import type { SObject } from '../../values/values.js';
import type { ObjectDef } from '../schema/types.js';
import type { Store } from '../store.js';

/** Formats `n` through a display format such as `BSL-{0000000}` or `{YYYY}-{0000}`. */
export function formatAutoNumber(displayFormat: string, n: number, now: DateTime): string {
  return displayFormat.replace(/\{(0+|YYYY|YY|MM|DD)\}/g, (_m, token: string) => {
    if (token === 'YYYY') return String(now.year);
    if (token === 'YY') return String(now.year % 100).padStart(2, '0');
    if (token === 'MM') return String(now.month).padStart(2, '0');
    if (token === 'DD') return String(now.day).padStart(2, '0');
    return String(n).padStart(token.length, '0');
  });
}

/** Sets every auto-number field of a record being inserted. */
export function assignAutoNumbers(store: Store, object: ObjectDef, row: SObject, nowMs: number, zone: string): void {
  for (const f of object.fields.values()) {
    if (!f.autoNumber) continue;
    const n = store.nextNumber(`#auto:${object.name.toLowerCase()}.${f.name.toLowerCase()}`);
    row.set(f.name, formatAutoNumber(f.displayFormat ?? '{0}', n, DateTime.fromMillis(nowMs, { zone })));
  }
}

/** After a journal replay, each auto-number sequence continues past the numbers replayed rows carry. */
export function replayAutoNumbers(store: Store, object: ObjectDef, row: SObject): void {
  for (const f of object.fields.values()) {
    const v = f.autoNumber ? row.get(f.name) : null;
    const digits = typeof v === 'string' ? /(\d+)\D*$/.exec(v) : null;
    if (digits) store.advanceCounter(`#auto:${object.name.toLowerCase()}.${f.name.toLowerCase()}`, Number(digits[1]));
  }
}
