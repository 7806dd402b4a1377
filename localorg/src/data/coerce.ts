/**
 * Conversions between Apex values and a field's storage type, used by DML (normalising what Apex assigned), by the
 * custom metadata loader (XML text → value) and by SOQL (literal → comparable value).
 */
import { DateTime } from 'luxon';
import { to18 } from '../values/ids.js';
import { ApexDate, ApexDatetime, ApexDouble, ApexId, ApexTime, Decimal, type Value } from '../values/values.js';
import type { FieldDef } from './schema/types.js';
import { isNumberType, isTextType } from './schema/types.js';

/** A value as messages show it (close to String.valueOf; exact rendering is the interpreter's). */
export function show(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof ApexId || v instanceof Decimal) return v.toString();
  if (v instanceof ApexDouble) return String(v.value);
  if (v instanceof ApexDate) return `${v.year}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
  if (v instanceof ApexDatetime)
    return new Date(v.epochMs)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, '');
  return Object.prototype.toString.call(v);
}

/** Why a value does not fit a field; the DML pipeline turns it into a field error. */
export class CoercionError extends Error {}

export function toDecimal(v: Value): Decimal | null {
  if (v === null) return null;
  if (v instanceof Decimal) return v;
  if (typeof v === 'number') return Decimal.fromInteger(v);
  if (typeof v === 'bigint') return Decimal.fromInteger(v);
  if (v instanceof ApexDouble) return Decimal.fromDouble(v.value);
  if (typeof v === 'string') {
    try {
      return Decimal.parse(v);
    } catch {
      return null;
    }
  }
  return null;
}

/** The 18-character Id in a value (an Id, a 15/18-character String, or an SObject's Id), or null. */
export function idOf(v: Value): string | null {
  if (v instanceof ApexId) return v.value;
  if (typeof v === 'string') return to18(v);
  if (v !== null && typeof v === 'object' && 'fields' in v && 'type' in v) {
    const id = (v as { id: ApexId | null }).id;
    return id ? id.value : null;
  }
  return null;
}

/** Normalises a value Apex put into a field to the field's storage type, or throws CoercionError. */
export function toFieldValue(f: FieldDef, v: Value): Value {
  if (v === null) return null;
  if (f.type === 'id' || f.type === 'reference') {
    const id = idOf(v);
    if (!id) throw new CoercionError(`${f.label}: id value of incorrect type: ${show(v)}`);
    return new ApexId(id);
  }
  if (isTextType(f.type)) {
    if (typeof v === 'string') return v;
    if (v instanceof ApexId) return v.value;
    throw new CoercionError(`${f.label}: value not of required type: ${show(v)}`);
  }
  if (isNumberType(f.type)) {
    if (f.type === 'integer') {
      if (typeof v === 'number') return v;
      const d = toDecimal(v);
      if (!d) throw new CoercionError(`${f.label}: value not of required type: ${show(v)}`);
      return Math.trunc(d.toNumber());
    }
    const d = toDecimal(v);
    if (!d) throw new CoercionError(`${f.label}: value not of required type: ${show(v)}`);
    return d;
  }
  if (f.type === 'boolean') {
    if (typeof v === 'boolean') return v;
    throw new CoercionError(`${f.label}: value not of required type: ${show(v)}`);
  }
  if (f.type === 'date') {
    if (v instanceof ApexDate) return v;
    throw new CoercionError(`${f.label}: value not of required type: ${show(v)}`);
  }
  if (f.type === 'datetime') {
    if (v instanceof ApexDatetime) return v;
    throw new CoercionError(`${f.label}: value not of required type: ${show(v)}`);
  }
  if (f.type === 'time') {
    if (v instanceof ApexTime) return v;
    throw new CoercionError(`${f.label}: value not of required type: ${show(v)}`);
  }
  return v;
}

/** Parses metadata/SOQL text (`2024-01-31`, `2024-01-31T10:00:00.000Z`, `12.5`, `true`) into a field-typed value. */
export function parseFieldText(f: FieldDef, text: string): Value {
  if (f.type === 'boolean') {
    if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
    throw new CoercionError(`'${text}' is not a Boolean`);
  }
  if (f.type === 'integer') {
    if (/^[+-]?\d+$/.test(text)) return parseInt(text, 10);
    throw new CoercionError(`'${text}' is not an Integer`);
  }
  if (isNumberType(f.type)) {
    try {
      return Decimal.parse(text);
    } catch {
      throw new CoercionError(`'${text}' is not a number`);
    }
  }
  if (f.type === 'date') {
    const d = parseDateText(text);
    if (!d) throw new CoercionError(`'${text}' is not a date (YYYY-MM-DD)`);
    return d;
  }
  if (f.type === 'datetime') {
    const d = parseDatetimeText(text);
    if (!d) throw new CoercionError(`'${text}' is not a datetime (YYYY-MM-DDThh:mm:ssZ)`);
    return d;
  }
  if (f.type === 'reference' || f.type === 'id') {
    const id = to18(text);
    if (!id) throw new CoercionError(`'${text}' is not an Id`);
    return new ApexId(id);
  }
  return text;
}

export function parseDateText(text: string): ApexDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = DateTime.utc(y, mo, d);
  if (!dt.isValid || dt.month !== mo || dt.day !== d) return null;
  return new ApexDate(y, mo, d);
}

/** ISO datetimes as SOQL and metadata write them: a zone (`Z` or `±hh:mm`) is required. */
export function parseDatetimeText(text: string): ApexDatetime | null {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/.test(t)) return null;
  const dt = DateTime.fromISO(t, { setZone: true });
  return dt.isValid ? new ApexDatetime(dt.toMillis()) : null;
}
