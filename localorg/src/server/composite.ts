/**
 * `/composite/sobjects` (sObject Collections: create, update, upsert by External ID, delete and retrieve up to 200
 * records per call, `allOrNone` optional) and `/composite/tree/T` (nested records created all or nothing, up to 200).
 * Writes go through the platform's DML like every other write; answers take the platform's SaveResult and tree shapes.
 */
import type { DmlError, DmlOperation, DmlRowResult } from '../runtime/data-platform.js';
import { to18 } from '../values/ids.js';
import { ApexId, SObject } from '../values/values.js';
import { isDeletable } from './describe.js';
import { HttpError, methodNotAllowed, notFound } from './errors.js';
import { isDevHubOnly } from './org-edition.js';
import { parseJsonBody } from './request-body.js';
import type { ObjectInfo, ServerDataPlatform } from './runtime-seams.js';
import { jsonToValue, recordFromJson, recordToJson, type Json } from './sobject-json.js';

export const MAX_RECORDS = 200;
/** A collections request is processed in chunks of consecutive same-type records, at most ten. */
const MAX_CHUNKS = 10;
const ROLLED_BACK: DmlError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: []
};

interface SaveResult {
  id: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

/** A row that failed before reaching DML (bad type, bad field): it never runs, and its error is reported as-is. */
class RowError extends Error {
  constructor(readonly error: DmlError) {
    super(error.message);
  }
}

function rowError(statusCode: string, message: string, fields: string[] = []): RowError {
  return new RowError({ statusCode, message, fields });
}

export function handleCollections(
  platform: ServerDataPlatform,
  method: string,
  rest: string[],
  query: URLSearchParams,
  body: Buffer,
  version: string
): Json {
  if (rest.length === 0) {
    if (method === 'POST') return saveMany(platform, 'insert', collectionBody(body), undefined) as unknown as Json;
    if (method === 'PATCH') return saveMany(platform, 'update', collectionBody(body), undefined) as unknown as Json;
    if (method === 'DELETE') return deleteMany(platform, query) as unknown as Json;
    throw methodNotAllowed(method, ['POST', 'PATCH', 'DELETE']);
  }
  const info = describeOrThrow(platform, rest[0]);
  if (rest.length === 1) {
    if (method === 'GET') return retrieveMany(platform, info, idsParam(query), fieldsParam(query), version);
    if (method === 'POST') {
      const parsed = parseJsonBody(body);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw jsonError('an object');
      const { ids, fields } = parsed as { ids?: unknown; fields?: unknown };
      if (!Array.isArray(ids) || !ids.every((i) => typeof i === 'string')) throw jsonError('"ids": an array of Ids');
      if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string') || fields.length === 0) {
        throw jsonError('"fields": a non-empty array of field names');
      }
      return retrieveMany(platform, info, ids, fields, version);
    }
    throw methodNotAllowed(method, ['GET', 'POST']);
  }
  if (rest.length === 2) {
    if (method !== 'PATCH') throw methodNotAllowed(method, ['PATCH']);
    const field = info.fields.find((f) => f.name.toLowerCase() === rest[1].toLowerCase());
    if (!field?.def?.externalId && field?.name !== 'Id') {
      throw HttpError.of(
        400,
        'INVALID_FIELD',
        `Field name provided, ${rest[1]} is not an External ID or indexed field for ${info.name}`
      );
    }
    return saveMany(platform, 'upsert', collectionBody(body), { info, field: field.name }) as unknown as Json;
  }
  throw notFound();
}

function jsonError(expected: string): HttpError {
  return HttpError.of(400, 'JSON_PARSER_ERROR', `Expected ${expected} in the request body`);
}

function describeOrThrow(platform: ServerDataPlatform, name: string): ObjectInfo {
  const info = isDevHubOnly(name) ? null : platform.describeObject(name);
  if (!info) throw notFound(`The requested resource does not exist`);
  return info;
}

interface CollectionBody {
  allOrNone: boolean;
  records: unknown[];
}

function collectionBody(body: Buffer): CollectionBody {
  const parsed = parseJsonBody(body);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw jsonError('{"allOrNone": …, "records": […]}');
  }
  const { allOrNone, records } = parsed as { allOrNone?: unknown; records?: unknown };
  if (!Array.isArray(records)) throw jsonError('"records": an array of sObjects');
  if (allOrNone !== undefined && typeof allOrNone !== 'boolean') throw jsonError('"allOrNone": true or false');
  if (records.length > MAX_RECORDS) throw tooMany();
  return { allOrNone: allOrNone ?? false, records };
}

function tooMany(): HttpError {
  return HttpError.of(
    400,
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`
  );
}

/** Builds the SObject for one request record, or the row error the platform reports for it. */
function buildRecord(
  platform: ServerDataPlatform,
  op: DmlOperation,
  raw: unknown,
  upsertInto: { info: ObjectInfo; field: string } | undefined
): SObject {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw rowError('INVALID_INPUT', 'Each record must be a JSON object');
  }
  const rec = raw as Record<string, unknown>;
  const attributes = rec['attributes'] as { type?: unknown } | undefined;
  const type = typeof attributes?.type === 'string' ? attributes.type : upsertInto?.info.name;
  if (!type) throw rowError('INVALID_TYPE', 'Must send a concrete entity type.');
  const info = isDevHubOnly(type) ? null : platform.describeObject(type);
  if (!info) throw rowError('INVALID_TYPE', `sObject type '${type}' is not supported.`);
  if (upsertInto && info.name !== upsertInto.info.name) {
    throw rowError('INVALID_TYPE', `Record type ${info.name} does not match ${upsertInto.info.name}`);
  }
  const idRaw = Object.entries(rec).find(([k]) => k.toLowerCase() === 'id')?.[1];
  const fields = Object.fromEntries(Object.entries(rec).filter(([k]) => k.toLowerCase() !== 'id'));
  if (op === 'insert' && idRaw !== undefined && idRaw !== null) {
    throw rowError('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
  }
  let record: SObject;
  try {
    record = recordFromJson(info, fields, op === 'update' ? 'update' : 'insert');
    if (upsertInto && upsertInto.field !== 'Id') {
      const key = Object.entries(rec).find(([k]) => k.toLowerCase() === upsertInto.field.toLowerCase())?.[1];
      if (key === undefined || key === null || key === '') {
        throw rowError('MISSING_ARGUMENT', `${upsertInto.field} not specified`, [upsertInto.field]);
      }
      const field = info.fields.find((f) => f.name === upsertInto.field)!;
      record.set(field.name, jsonToValue(key, field.type, `${info.name}.${field.name}`));
    }
  } catch (e) {
    if (e instanceof HttpError) {
      const first = e.errors[0];
      throw rowError(first.errorCode, first.message, first.fields ?? []);
    }
    throw e;
  }
  if (op === 'update' || (upsertInto?.field === 'Id' && idRaw !== undefined)) {
    if (idRaw === undefined || idRaw === null) {
      throw rowError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
    }
    const id = typeof idRaw === 'string' ? to18(idRaw) : null;
    if (!id || (info.keyPrefix && !id.startsWith(info.keyPrefix))) {
      throw rowError('MALFORMED_ID', `${info.name} ID: id value of incorrect type: ${JSON.stringify(idRaw)}`, ['Id']);
    }
    record.set('Id', new ApexId(id));
  }
  return record;
}

function toSaveResult(row: DmlRowResult, op: DmlOperation): SaveResult {
  const out: SaveResult = {
    id: row.id ? row.id.value : null,
    success: row.success,
    errors: row.errors.map((e) => ({ statusCode: e.statusCode, message: e.message, fields: e.fields }))
  };
  if (op === 'upsert') out.created = row.created ?? false;
  return out;
}

function failed(error: DmlError, op: DmlOperation): SaveResult {
  const out: SaveResult = { id: null, success: false, errors: [{ ...error }] };
  if (op === 'upsert') out.created = false;
  return out;
}

function saveMany(
  platform: ServerDataPlatform,
  op: DmlOperation,
  body: CollectionBody,
  upsertInto: { info: ObjectInfo; field: string } | undefined
): SaveResult[] {
  const results: (SaveResult | null)[] = body.records.map(() => null);
  // Consecutive records of one type form a chunk, each one DML call.
  const chunks: { type: string; rows: { index: number; record: SObject }[] }[] = [];
  body.records.forEach((raw, index) => {
    try {
      const record = buildRecord(platform, op, raw, upsertInto);
      const last = chunks[chunks.length - 1];
      if (last?.type === record.type) last.rows.push({ index, record });
      else chunks.push({ type: record.type, rows: [{ index, record }] });
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      results[index] = failed(e.error, op);
    }
  });
  if (chunks.length > MAX_CHUNKS) {
    throw HttpError.of(
      400,
      'INVALID_BATCH_REQUEST',
      `Too many chunks: a request may hold at most ${MAX_CHUNKS} runs of records of one type (this one has ${chunks.length})`
    );
  }
  const savepoint = platform.setSavepoint();
  for (const chunk of chunks) {
    const rows = platform.dml(
      op,
      chunk.rows.map((r) => r.record),
      { allOrNone: false, ...(upsertInto ? { externalIdField: upsertInto.field } : {}) }
    );
    chunk.rows.forEach((r, i) => (results[r.index] = toSaveResult(rows[i], op)));
  }
  const done = results as SaveResult[];
  if (body.allOrNone && done.some((r) => !r.success)) {
    platform.rollbackTo(savepoint);
    return done.map((r) => (r.success ? failed(ROLLED_BACK, op) : { ...r, id: null }));
  }
  return done;
}

function idsParam(query: URLSearchParams): string[] {
  const ids = query.get('ids');
  if (ids === null || ids.trim() === '') {
    throw HttpError.of(400, 'MISSING_ARGUMENT', 'The ids parameter is required: ?ids=<comma-separated record Ids>');
  }
  const list = ids.split(',').map((s) => s.trim());
  if (list.length > MAX_RECORDS) throw tooMany();
  return list;
}

function fieldsParam(query: URLSearchParams): string[] {
  const fields = query.get('fields');
  if (fields === null || fields.trim() === '') {
    throw HttpError.of(400, 'MISSING_ARGUMENT', 'The fields parameter is required: ?fields=<comma-separated names>');
  }
  return fields.split(',').map((s) => s.trim());
}

function deleteMany(platform: ServerDataPlatform, query: URLSearchParams): SaveResult[] {
  const ids = idsParam(query);
  const allOrNone = query.get('allOrNone') === 'true';
  const results: SaveResult[] = [];
  const savepoint = platform.setSavepoint();
  for (const raw of ids) {
    const id = to18(raw);
    const type = id ? platform.objectNameForKeyPrefix(id.slice(0, 3)) : null;
    if (!id || !type) {
      results.push(failed({ statusCode: 'MALFORMED_ID', message: `malformed id ${raw}`, fields: [] }, 'delete'));
      continue;
    }
    const info = platform.describeObject(type);
    if (info && !isDeletable(info)) {
      results.push(
        failed(
          { statusCode: 'INVALID_TYPE_FOR_OPERATION', message: `entity type cannot be deleted`, fields: [] },
          'delete'
        )
      );
      continue;
    }
    const record = new SObject(type);
    record.set('Id', new ApexId(id));
    const [row] = platform.dml('delete', [record], { allOrNone: false });
    results.push(toSaveResult(row, 'delete'));
    if (row.success) results[results.length - 1].id = id;
  }
  if (allOrNone && results.some((r) => !r.success)) {
    platform.rollbackTo(savepoint);
    return results.map((r) => (r.success ? { ...failed(ROLLED_BACK, 'delete'), id: r.id } : r));
  }
  return results;
}

function retrieveMany(
  platform: ServerDataPlatform,
  info: ObjectInfo,
  ids: string[],
  fields: string[],
  version: string
): Json {
  if (ids.length > MAX_RECORDS) throw tooMany();
  const valid = ids.map((raw) => to18(raw));
  for (const [i, id] of valid.entries()) {
    if (!id || (info.keyPrefix && !id.startsWith(info.keyPrefix))) {
      throw HttpError.of(400, 'MALFORMED_ID', `malformed id ${ids[i]}`);
    }
  }
  for (const f of fields) {
    if (!/^[A-Za-z][\w.]*$/.test(f))
      throw HttpError.of(400, 'INVALID_FIELD', `No such column '${f}' on entity '${info.name}'`);
  }
  const inList = valid.map((id) => `'${id}'`).join(',');
  let rows: SObject[] | number;
  try {
    rows = platform.queryText(
      `SELECT ${['Id', ...fields.filter((f) => f.toLowerCase() !== 'id')].join(', ')} FROM ${info.name} WHERE Id IN (${inList})`,
      {
        unmetered: true
      }
    );
  } catch (e) {
    throw HttpError.of(400, 'INVALID_FIELD', (e as Error).message);
  }
  const byId = new Map((typeof rows === 'number' ? [] : rows).map((r) => [r.id?.value ?? '', r]));
  return valid.map((id) => {
    const row = byId.get(id!);
    return row ? recordToJson(row, version) : null;
  });
}
