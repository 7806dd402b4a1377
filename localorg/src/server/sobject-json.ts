/**
 * Records as the REST API writes and reads them: Apex values to the platform's JSON forms (dates `2025-03-01`,
 * datetimes `2025-03-01T09:30:00.000+0000`, numbers as numbers) and request JSON to Apex values by each field's
 * describe type, with the platform's 400 errors for unknown fields and values of the wrong kind.
 */
import { to18 } from '../values/ids.js';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexId,
  ApexList,
  ApexTime,
  Decimal,
  SObject,
  type Value
} from '../values/values.js';
import { HttpError } from './errors.js';
import type { ObjectInfo } from './runtime-seams.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatDate(d: ApexDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function formatDatetime(d: ApexDatetime): string {
  return new Date(d.epochMs).toISOString().replace('Z', '+0000');
}

export function formatTime(t: ApexTime): string {
  const ms = t.millisOfDay;
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}Z`;
}

export function recordUrl(version: string, type: string, id: string): string {
  return `/services/data/v${version}/sobjects/${type}/${id}`;
}

/** A record in REST form: `attributes` first, then fields in the order the query or store produced them. */
export function recordToJson(record: SObject, version: string): { [key: string]: Json } {
  const id = record.id;
  const out: { [key: string]: Json } = {
    attributes: id ? { type: record.type, url: recordUrl(version, record.type, id.value) } : { type: record.type }
  };
  for (const [key, value] of record.fields) out[record.names.get(key) ?? key] = valueToJson(value, version);
  return out;
}

export function valueToJson(v: Value, version: string): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof ApexId) return v.value;
  if (v instanceof Decimal) return v.toNumber();
  if (v instanceof ApexDouble) return v.value;
  if (v instanceof ApexDate) return formatDate(v);
  if (v instanceof ApexDatetime) return formatDatetime(v);
  if (v instanceof ApexTime) return formatTime(v);
  if (v instanceof ApexBlob) return Buffer.from(v.bytes).toString('base64');
  if (v instanceof SObject) return recordToJson(v, version);
  if (v instanceof ApexList) {
    const records = v.items.filter((x): x is SObject => x instanceof SObject).map((r) => recordToJson(r, version));
    return { totalSize: records.length, done: true, records };
  }
  // Sets, maps, Apex objects and the like never sit in a record field; say what arrived rather than guess.
  throw new Error(`a ${v.constructor.name} cannot be written as a record field value`);
}

const STRING_TYPES = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'combobox',
  'encryptedstring'
]);

/** Builds an SObject from a request body, refusing fields the object lacks or the operation may not set. */
export function recordFromJson(info: ObjectInfo, body: unknown, operation: 'insert' | 'update'): SObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw HttpError.of(400, 'JSON_PARSER_ERROR', `Expected a JSON object with the fields of ${info.name}`);
  }
  const record = new SObject(info.name);
  const byName = new Map(info.fields.map((f) => [f.name.toLowerCase(), f]));
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key === 'attributes') continue;
    const field = byName.get(key.toLowerCase());
    if (!field) {
      throw new HttpError(400, [
        { message: `No such column '${key}' on sobject of type ${info.name}`, errorCode: 'INVALID_FIELD', fields: [] }
      ]);
    }
    const allowed = operation === 'insert' ? field.createable : field.updateable;
    if (!allowed) {
      throw new HttpError(400, [
        {
          message: `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          fields: [field.name]
        }
      ]);
    }
    record.set(field.name, jsonToValue(raw, field.type, `${info.name}.${field.name}`));
  }
  return record;
}

export function jsonToValue(raw: unknown, type: string, where: string): Value {
  if (raw === null) return null;
  const bad = (): never => {
    throw HttpError.of(
      400,
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${type} from ${JSON.stringify(raw)} for field ${where}`
    );
  };
  if (STRING_TYPES.has(type)) {
    if (typeof raw === 'string') return raw;
    if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
    return bad();
  }
  switch (type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      return bad();
    case 'int':
      if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
      if (typeof raw === 'string' && /^-?\d+$/.test(raw)) return Number(raw);
      return bad();
    case 'double':
    case 'currency':
    case 'percent':
      if (typeof raw === 'number' && Number.isFinite(raw)) return Decimal.parse(String(raw));
      if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw)) return Decimal.parse(raw);
      return bad();
    case 'date': {
      const m = typeof raw === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw) : null;
      return m ? new ApexDate(Number(m[1]), Number(m[2]), Number(m[3])) : bad();
    }
    case 'datetime': {
      if (typeof raw !== 'string') return bad();
      const iso = raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
      const ms = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? Date.parse(iso) : NaN;
      return Number.isNaN(ms) ? bad() : new ApexDatetime(ms);
    }
    case 'time': {
      const m = typeof raw === 'string' ? /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/.exec(raw) : null;
      if (!m) return bad();
      const ms =
        Number(m[1]) * 3600000 + Number(m[2]) * 60000 + Number(m[3] ?? 0) * 1000 + Number((m[4] ?? '0').padEnd(3, '0'));
      return new ApexTime(ms);
    }
    case 'reference':
    case 'id': {
      const id = typeof raw === 'string' ? to18(raw) : null;
      if (!id) throw HttpError.of(400, 'MALFORMED_ID', `${where}: id value of incorrect type: ${JSON.stringify(raw)}`);
      return new ApexId(id);
    }
    case 'base64':
      return typeof raw === 'string' ? new ApexBlob(new Uint8Array(Buffer.from(raw, 'base64'))) : bad();
    default:
      // An unfamiliar describe type: keep JSON scalars as they came rather than guess a conversion.
      if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
      if (typeof raw === 'number') return Decimal.parse(String(raw));
      return bad();
  }
}
