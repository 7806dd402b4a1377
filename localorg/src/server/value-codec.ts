/**
 * Lossless JSON encoding of stored record values for the journal. Plain JSON would lose the difference between an
 * Integer and a Decimal with scale, or between a Date and a String, and a replayed org must hold exactly what was
 * committed.
 */
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexId,
  ApexTime,
  Decimal,
  SObject,
  type Value
} from '../values/values.js';

export type EncodedValue =
  | null
  | boolean
  | string
  | number
  | { $: 'long'; v: string }
  | { $: 'double'; v: number }
  | { $: 'decimal'; v: string }
  | { $: 'id'; v: string }
  | { $: 'date'; v: string }
  | { $: 'datetime'; v: number }
  | { $: 'time'; v: number }
  | { $: 'blob'; v: string };

export interface EncodedRecord {
  type: string;
  /** Field API names as spelled in the store → encoded values, in the record's field order. */
  fields: Record<string, EncodedValue>;
}

export class CodecError extends Error {}

export function encodeValue(v: Value, where: string): EncodedValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return { $: 'long', v: v.toString() };
  if (v instanceof ApexDouble) return { $: 'double', v: v.value };
  if (v instanceof Decimal) return { $: 'decimal', v: v.toString() };
  if (v instanceof ApexId) return { $: 'id', v: v.value };
  if (v instanceof ApexDate) return { $: 'date', v: `${v.year}-${v.month}-${v.day}` };
  if (v instanceof ApexDatetime) return { $: 'datetime', v: v.epochMs };
  if (v instanceof ApexTime) return { $: 'time', v: v.millisOfDay };
  if (v instanceof ApexBlob) return { $: 'blob', v: Buffer.from(v.bytes).toString('base64') };
  throw new CodecError(`${where}: a stored field holds a ${v.constructor.name}, which a record field cannot hold`);
}

export function decodeValue(e: EncodedValue, where: string): Value {
  if (e === null || typeof e !== 'object') return e;
  switch (e.$) {
    case 'long':
      return BigInt(e.v);
    case 'double':
      return new ApexDouble(e.v);
    case 'decimal':
      return Decimal.parse(e.v);
    case 'id':
      return new ApexId(e.v);
    case 'date': {
      const [y, m, d] = e.v.split('-').map(Number);
      return new ApexDate(y, m, d);
    }
    case 'datetime':
      return new ApexDatetime(e.v);
    case 'time':
      return new ApexTime(e.v);
    case 'blob':
      return new ApexBlob(new Uint8Array(Buffer.from(e.v, 'base64')));
  }
  throw new CodecError(`${where}: unknown value tag ${JSON.stringify((e as { $: unknown }).$)}`);
}

export function encodeRecord(record: SObject): EncodedRecord {
  const fields: Record<string, EncodedValue> = {};
  for (const [key, value] of record.fields) {
    // Relationship objects and child lists are query artefacts, never stored columns.
    if (value !== null && typeof value === 'object' && !isScalar(value)) continue;
    fields[record.names.get(key) ?? key] = encodeValue(value, `${record.type}.${key}`);
  }
  return { type: record.type, fields };
}

export function decodeRecord(e: EncodedRecord, where: string): SObject {
  const record = new SObject(e.type);
  for (const [name, value] of Object.entries(e.fields))
    record.set(name, decodeValue(value, `${where} ${e.type}.${name}`));
  return record;
}

function isScalar(v: object): boolean {
  return (
    v instanceof ApexDouble ||
    v instanceof Decimal ||
    v instanceof ApexId ||
    v instanceof ApexDate ||
    v instanceof ApexDatetime ||
    v instanceof ApexTime ||
    v instanceof ApexBlob
  );
}
