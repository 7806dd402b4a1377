/** How SOQL compares values: the comparable key of a field's value, equality, order, and where nulls sort. */
import { to18 } from '../../values/ids.js';
import { ApexDate, ApexDatetime, ApexDouble, ApexId, ApexTime, Decimal, type Value } from '../../values/values.js';
import { show, toDecimal } from '../coerce.js';
import { isNumberType, type FieldDef } from '../schema/types.js';

/** A comparable form of a value: numbers and strings compare natively; null stays null. */
export type Key = string | number | Decimal | null;

/** The value used for equality and ordering; strings fold case, Ids compare in 18-character form. */
export function comparisonKey(v: Value, f: FieldDef): Key {
  // The platform keeps no empty strings: `Field = ''` finds the rows where the field is null [mem].
  if (v === null || v === '') return null;
  if (f.type === 'id' || f.type === 'reference') {
    if (v instanceof ApexId) return v.value;
    if (typeof v === 'string') return to18(v) ?? `!${v}`;
    return `!${show(v)}`;
  }
  if (typeof v === 'string') return v.toLowerCase();
  if (v instanceof ApexId) return v.value.toLowerCase();
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return isNumberType(f.type) ? Decimal.fromInteger(v) : v;
  if (typeof v === 'bigint' || v instanceof Decimal || v instanceof ApexDouble) return toDecimal(v);
  // A Date bound against a Datetime field means its midnight GMT, and a Datetime against a Date field its GMT date [mem].
  if (v instanceof ApexDate)
    return f.type === 'datetime' ? Date.UTC(v.year, v.month - 1, v.day) : v.year * 10000 + v.month * 100 + v.day;
  if (v instanceof ApexDatetime) {
    if (f.type !== 'date') return v.epochMs;
    const d = new Date(v.epochMs);
    return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
  }
  if (v instanceof ApexTime) return v.millisOfDay;
  return `!${show(v)}`;
}

export function sortKey(v: Value, f: FieldDef): Key {
  return comparisonKey(v, f);
}

export function keysEqual(a: Key, b: Key): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof Decimal && b instanceof Decimal) return a.compareTo(b) === 0;
  if (a instanceof Decimal || b instanceof Decimal) {
    const x = a instanceof Decimal ? a : Decimal.fromDouble(a as number);
    const y = b instanceof Decimal ? b : Decimal.fromDouble(b as number);
    return x.compareTo(y) === 0;
  }
  return a === b;
}

export function compareKeys(a: Exclude<Key, null>, b: Exclude<Key, null>): number {
  if (a instanceof Decimal || b instanceof Decimal) {
    const x = a instanceof Decimal ? a : typeof a === 'number' ? Decimal.fromDouble(a) : null;
    const y = b instanceof Decimal ? b : typeof b === 'number' ? Decimal.fromDouble(b) : null;
    if (x && y) return x.compareTo(y);
    return String(a.toString()).localeCompare(String(b.toString()));
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Nulls sort first unless NULLS LAST is given, in either direction [doc: ORDER BY]. */
export function compareForOrder(a: Key, b: Key, descending: boolean, nullsFirst: boolean | null): number {
  const nf = nullsFirst ?? true;
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === nf ? -1 : 1;
  }
  const c = compareKeys(a, b);
  return descending ? -c : c;
}
