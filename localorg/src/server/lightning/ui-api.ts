/**
 * The record part of the User Interface API that `lightning/uiRecordApi` uses: read a record's fields (as
 * `{apiName, id, fields: {Name: {value, displayValue}}}`), update, create and delete. Writes go through the data
 * API's DML path (triggers, validation rules, limits); errors take the UI API's shape
 * `{message, errorCode, output: {errors, fieldErrors}}`. Runs inside the caller's transaction.
 */
import { handleDataApi } from '../data-api.js';
import { MAX_API_VERSION } from '../api-versions.js';
import { HttpError } from '../errors.js';
import type { ObjectInfo, ServerDataPlatform } from '../runtime-seams.js';
import { valueToJson, type Json } from '../sobject-json.js';
import { SObject } from '../../values/values.js';

const VERSION = `${MAX_API_VERSION}.0`;

export interface UiUser {
  locale: string;
  timeZone: string;
}

export interface UiApiRequest {
  method: string;
  /** Segments after `/lightning/ui-api/records`. */
  segments: string[];
  query: URLSearchParams;
  body: Buffer;
}

export class UiApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json
  ) {
    const message = typeof body === 'object' && body && !Array.isArray(body) ? body.message : null;
    super(typeof message === 'string' ? message : 'UI API error');
  }
}

export function uiError(status: number, errorCode: string, message: string, fields: string[] = []): UiApiError {
  const fieldErrors: Record<string, Json> = {};
  for (const f of fields) fieldErrors[f] = [{ errorCode, message }];
  return new UiApiError(status, {
    message,
    errorCode,
    output: { errors: fields.length ? [] : [{ errorCode, message }], fieldErrors }
  });
}

/** The data API's `[{message, errorCode, fields}]` as the UI API reports it. */
function fromHttpError(e: HttpError): UiApiError {
  const [first] = e.errors;
  return uiError(e.status, first?.errorCode ?? 'UNKNOWN_EXCEPTION', first?.message ?? e.message, first?.fields ?? []);
}

export function objectOfId(platform: ServerDataPlatform, id: string): ObjectInfo {
  const prefix = id.slice(0, 3);
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id)) throw uiError(400, 'MALFORMED_ID', `Invalid record id: ${id}`);
  const name = platform.objectNameForKeyPrefix(prefix);
  const info = name ? platform.describeObject(name) : null;
  if (info) return info;
  throw uiError(404, 'NOT_FOUND', `No object has records with the key prefix ${prefix} (${id})`);
}

export function handleUiApi(
  platform: ServerDataPlatform,
  user: UiUser,
  req: UiApiRequest
): { status: number; json: Json } {
  try {
    return route(platform, user, req);
  } catch (e) {
    if (e instanceof HttpError) throw fromHttpError(e);
    throw e;
  }
}

function route(platform: ServerDataPlatform, user: UiUser, req: UiApiRequest): { status: number; json: Json } {
  const [id, ...rest] = req.segments;
  if (rest.length > 0) throw uiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (!id) {
    if (req.method !== 'POST')
      throw uiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are POST`);
    const input = parseInput(req.body);
    const apiName = typeof input.apiName === 'string' ? input.apiName : '';
    const info = platform.describeObject(apiName);
    if (!info) throw uiError(400, 'INVALID_TYPE', `apiName ${apiName || '(missing)'} is not an object`);
    const created = handleDataApi(
      platform,
      dataRequest('POST', ['sobjects', info.name], Buffer.from(JSON.stringify(input.fields ?? {})))
    );
    const newId = (created.json as Record<string, Json>).id;
    if (typeof newId !== 'string') throw uiError(500, 'UNKNOWN_EXCEPTION', 'The insert returned no id');
    return { status: 201, json: readRecord(platform, user, info, newId, Object.keys(input.fields ?? {}), []) };
  }
  const info = objectOfId(platform, id);
  switch (req.method) {
    case 'GET': {
      const fields = list(req.query.get('fields'), info);
      const optional = list(req.query.get('optionalFields'), info);
      return { status: 200, json: readRecord(platform, user, info, id, fields, optional) };
    }
    case 'PATCH': {
      const input = parseInput(req.body);
      const fields = input.fields ?? {};
      handleDataApi(platform, dataRequest('PATCH', ['sobjects', info.name, id], Buffer.from(JSON.stringify(fields))));
      return { status: 200, json: readRecord(platform, user, info, id, Object.keys(fields), []) };
    }
    case 'DELETE':
      handleDataApi(platform, dataRequest('DELETE', ['sobjects', info.name, id], Buffer.alloc(0)));
      return { status: 204, json: null };
    default:
      throw uiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,PATCH,DELETE`);
  }
}

function dataRequest(method: string, segments: string[], body: Buffer) {
  return { method, version: VERSION, segments, query: new URLSearchParams(), body };
}

function parseInput(body: Buffer): { apiName?: unknown; fields?: Record<string, unknown> } {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { apiName?: unknown; fields?: Record<string, unknown> };
    if (parsed && typeof parsed === 'object') return parsed;
  } catch {
    // Reported below.
  }
  throw uiError(400, 'JSON_PARSER_ERROR', 'The request body must be JSON: {"fields": {...}}');
}

/** `Contact.Name,Contact.Owner.Name` → the paths under this object (`Name`, `Owner.Name`). */
function list(raw: string | null, info: ObjectInfo): string[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f.toLowerCase().startsWith(info.name.toLowerCase() + '.'))
    .map((f) => f.slice(info.name.length + 1));
}

function readRecord(
  platform: ServerDataPlatform,
  user: UiUser,
  info: ObjectInfo,
  id: string,
  fields: string[],
  optional: string[]
): Json {
  const known = new Set(info.fields.map((f) => f.name.toLowerCase()));
  const relationships = new Set(
    info.fields.map((f) => f.def?.relationshipName?.toLowerCase()).filter((r): r is string => !!r)
  );
  // A spanning path (`Owner.Name`) needs a relationship of this object; what lies beyond it the query checks.
  const exists = (path: string): boolean =>
    path.includes('.') ? relationships.has(path.split('.')[0].toLowerCase()) : known.has(path.toLowerCase());
  const missing = fields.filter((f) => !exists(f));
  if (missing.length) {
    throw uiError(400, 'INVALID_FIELD', `${info.name}.${missing[0]}: no such column on ${info.name}`);
  }
  const wanted = [...new Set(['Id', ...fields, ...optional.filter(exists)])];
  let rows: SObject[] | number;
  try {
    rows = platform.queryText(`SELECT ${wanted.join(', ')} FROM ${info.name} WHERE Id = '${id}'`);
  } catch (e) {
    throw uiError(400, 'INVALID_FIELD', (e as Error).message);
  }
  if (typeof rows === 'number' || rows.length === 0) {
    throw uiError(404, 'NOT_FOUND', `The requested resource does not exist: ${info.name} ${id}`);
  }
  return recordJson(rows[0], info, user, platform, wanted);
}

export function recordJson(
  record: SObject,
  info: ObjectInfo,
  user: UiUser,
  platform: ServerDataPlatform,
  paths: string[]
): Json {
  const fields: Record<string, Json> = {};
  for (const path of paths) {
    const [head] = path.split('.');
    const key = record.names.get(head.toLowerCase()) ?? head;
    if (fields[key] !== undefined) continue;
    const value = record.get(head);
    if (value instanceof SObject) {
      const nestedInfo = platform.describeObject(value.type);
      const nestedPaths = paths.filter((p) => p.startsWith(head + '.')).map((p) => p.slice(head.length + 1));
      // A related record's display value is its name (UI API Field Value: "the value property is a related record").
      const name = nestedInfo ? value.get('Name') : null;
      fields[key] = {
        value: nestedInfo ? recordJson(value, nestedInfo, user, platform, nestedPaths) : null,
        displayValue: typeof name === 'string' ? name : null
      };
      continue;
    }
    const type = info.fields.find((f) => f.name.toLowerCase() === head.toLowerCase())?.type ?? 'string';
    const json = value === null ? null : valueToJson(value, VERSION);
    fields[key] = { value: json, displayValue: displayValue(json, type, user) };
  }
  const idValue = record.id?.value ?? '';
  return {
    apiName: info.name,
    id: idValue,
    childRelationships: {},
    fields,
    recordTypeId: null,
    lastModifiedById: null,
    lastModifiedDate: null,
    systemModstamp: null
  };
}

/** The UI API formats dates, times and numbers for the user; plain text has no display value [mem]. */
function displayValue(value: Json, type: string, user: UiUser): string | null {
  if (value === null) return null;
  const locale = user.locale.replace('_', '-');
  if (type === 'datetime' && typeof value === 'string') {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: user.timeZone }).format(
      new Date(value)
    );
  }
  if (type === 'date' && typeof value === 'string') {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`)
    );
  }
  if (type === 'boolean') return null;
  if ((type === 'double' || type === 'int' || type === 'percent') && typeof value === 'number') {
    return new Intl.NumberFormat(locale).format(value);
  }
  if (type === 'currency' && typeof value === 'number') {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(value);
  }
  return null;
}
