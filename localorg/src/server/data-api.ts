/**
 * `/services/data/vNN.N/…`: SOQL query, sObject create/read/update/delete, describe and limits, shaped like a real
 * org's REST API so that jsforce and the Salesforce CLI work against it. Writes go through the same DML path as Apex
 * (triggers, validation, limits). Runs inside the caller's transaction.
 */
import type { DmlError, DmlOperation, LimitsTracker } from '../runtime/data-platform.js';
import { to18 } from '../values/ids.js';
import { ApexId, ApexRuntimeError, SObject } from '../values/values.js';
import { listVersions } from './api-versions.js';
import { columnMetadata } from './column-metadata.js';
import { handleCollections } from './composite.js';
import { handleTree } from './composite-tree.js';
import { isDevHubOnly, refuseDevHubQuery } from './org-edition.js';
import { parseSoqlText } from '../syntax/soql/lower.js';
import type { SoqlQuery } from '../syntax/soql/ast.js';
import { describeGlobal, describeSObject, isDeletable } from './describe.js';
import { HttpError, malformedQuery, methodNotAllowed, notFound, type PlatformError } from './errors.js';
import { batchSizeOf, QueryCursors, type QueryPage } from './query-cursors.js';
import { parseJsonBody } from './request-body.js';
import type { ObjectInfo, ServerDataPlatform } from './runtime-seams.js';
import { jsonToValue, recordFromJson, recordToJson, type Json } from './sobject-json.js';

export interface DataApiRequest {
  method: string;
  version: string;
  /** Path segments after `/services/data/vNN.N`. */
  segments: string[];
  query: URLSearchParams;
  body: Buffer;
  /** Request headers, lower-cased (`sforce-query-options`). */
  headers?: Record<string, string>;
  /** Open query locators, kept by the server between requests. */
  cursors?: QueryCursors;
}

export interface DataApiAnswer {
  status: number;
  json: Json | undefined;
  headers?: Record<string, string>;
}

export function versionIndex(): Json {
  return listVersions() as unknown as Json;
}

export function handleDataApi(platform: ServerDataPlatform, req: DataApiRequest): DataApiAnswer {
  const [head, ...rest] = req.segments;
  const base = `/services/data/v${req.version}`;
  if (head === undefined) {
    only(req.method, ['GET']);
    return ok({
      limits: `${base}/limits`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      sobjects: `${base}/sobjects`
    });
  }
  if ((head === 'query' || head === 'queryAll') && rest.length === 0) {
    only(req.method, ['GET']);
    return ok(runQuery(platform, req, head));
  }
  if ((head === 'query' || head === 'queryAll') && rest.length === 1) {
    only(req.method, ['GET']);
    return ok((req.cursors ?? new QueryCursors()).more(decodeSegment(rest[0]), base, head) as unknown as Json);
  }
  if (head === 'limits' && rest.length === 0) {
    only(req.method, ['GET']);
    return ok(limitsResource(platform.limits));
  }
  if (head === 'sobjects') return sobjects(platform, req, rest);
  if (head === 'composite' && rest[0] === 'sobjects') {
    return ok(
      handleCollections(platform, req.method, rest.slice(1).map(decodeSegment), req.query, req.body, req.version)
    );
  }
  if (head === 'composite' && rest[0] === 'tree') {
    const a = handleTree(platform, req.method, rest.slice(1).map(decodeSegment), req.body);
    return ok(a.json, a.status);
  }
  throw notFound();
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound(`Malformed URL segment: ${segment}`);
  }
}

function ok(json: Json, status = 200): DataApiAnswer {
  return { status, json };
}

function only(method: string, allowed: string[]): void {
  const m = method === 'HEAD' ? 'GET' : method;
  if (!allowed.includes(m)) throw methodNotAllowed(method, allowed);
}

/** `columns=true`: the query's column metadata instead of its rows (the sf CLI lays out its table from it). */
function columnsOf(platform: ServerDataPlatform, q: string): Json {
  let parsed: SoqlQuery;
  try {
    parsed = parseSoqlText(q, () => {
      throw malformedQuery('Bind variables are not allowed in this query');
    });
  } catch (e) {
    throw e instanceof HttpError ? e : malformedQuery((e as Error).message);
  }
  return columnMetadata(platform, parsed);
}

function runQuery(platform: ServerDataPlatform, req: DataApiRequest, kind: 'query' | 'queryAll'): Json {
  const q = req.query.get('q');
  if (q === null || q.trim() === '') throw malformedQuery("A query string has to be passed in the 'q' parameter");
  refuseDevHubQuery(q);
  if (req.query.get('columns') === 'true') return columnsOf(platform, q);
  let result: SObject[] | number;
  try {
    result = platform.queryText(q, { allRows: kind === 'queryAll', unmetered: true });
  } catch (e) {
    throw queryError(e);
  }
  if (typeof result === 'number') return { totalSize: result, done: true, records: [] };
  const records = result.map((r) => recordToJson(r, req.version));
  const cursors = req.cursors ?? new QueryCursors();
  return page(
    cursors.first(records, batchSizeOf(req.headers?.['sforce-query-options']), `/services/data/v${req.version}`, kind)
  );
}

const page = (p: QueryPage): Json => p as unknown as Json;

/** The platform names unknown columns and objects with their own codes; everything else is MALFORMED_QUERY. */
function queryError(e: unknown): unknown {
  if (!(e instanceof ApexRuntimeError)) return e;
  if (/No such column/i.test(e.message)) return HttpError.of(400, 'INVALID_FIELD', e.message);
  if (/sObject type .* is not supported/i.test(e.message)) return HttpError.of(400, 'INVALID_TYPE', e.message);
  return malformedQuery(e.message);
}

/** `/limits`: the org's allowances (they do not depend on the running transaction, so the front answers it too). */
export function limitsResource(limits: Pick<LimitsTracker, 'max'>): Json {
  const max = limits.max;
  return {
    DailyApiRequests: { Max: 15000, Remaining: 15000 },
    SyncApexLimits: {
      SOQLQueries: max.queries,
      QueryRows: max.queryRows,
      DMLStatements: max.dmlStatements,
      DMLRows: max.dmlRows,
      CpuTimeMs: max.cpuTimeMs
    }
  };
}

function describeOrThrow(platform: ServerDataPlatform, type: string): ObjectInfo {
  const info = isDevHubOnly(type) ? null : platform.describeObject(type);
  if (!info) throw notFound(`The requested resource does not exist`);
  return info;
}

function sobjects(platform: ServerDataPlatform, req: DataApiRequest, rest: string[]): DataApiAnswer {
  if (rest.length === 0) {
    only(req.method, ['GET']);
    return ok(describeGlobal(platform, req.version));
  }
  const info = describeOrThrow(platform, rest[0]);
  if (rest.length === 1) {
    only(req.method, ['GET', 'POST']);
    if (req.method === 'POST') return create(platform, info, req);
    return ok({ objectDescribe: describeSObject(platform, info, req.version), recentItems: [] });
  }
  if (rest.length === 2 && rest[1] === 'describe') {
    only(req.method, ['GET']);
    return ok(describeSObject(platform, info, req.version));
  }
  if (rest.length === 2) {
    only(req.method, ['GET', 'PATCH', 'DELETE']);
    const id = checkedId(info, rest[1]);
    if (req.method === 'PATCH') return update(platform, info, id, req);
    if (req.method === 'DELETE') return remove(platform, info, id);
    return ok(read(platform, info, id, req));
  }
  if (rest.length === 3) {
    only(req.method, ['PATCH']);
    return upsertByExternalId(platform, info, rest[1], decodeSegment(rest[2]), req);
  }
  throw notFound();
}

/** `PATCH /sobjects/T/Field/value`: insert or update by an External ID field, 201 when created, 200 when updated. */
function upsertByExternalId(
  platform: ServerDataPlatform,
  info: ObjectInfo,
  fieldName: string,
  value: string,
  req: DataApiRequest
): DataApiAnswer {
  const field = info.fields.find((f) => f.name.toLowerCase() === fieldName.toLowerCase());
  if (!field) throw notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
  const record = recordFromJson(info, parseJsonBody(req.body), 'insert');
  record.set(field.name, jsonToValue(value, field.type, `${info.name}.${field.name}`));
  const [row] = platform.dml('upsert', [record], { allOrNone: false, externalIdField: field.name });
  if (!row || !row.success) throw dmlFailure('upsert', row?.errors ?? []);
  const created = row.created ?? false;
  return ok({ id: row.id ? row.id.value : null, success: true, errors: [], created }, created ? 201 : 200);
}

function checkedId(info: ObjectInfo, raw: string): string {
  const id = to18(raw);
  if (!id || (info.keyPrefix && !id.startsWith(info.keyPrefix))) {
    throw notFound(`Provided external ID field does not exist or is not accessible: ${raw}`);
  }
  return id;
}

function create(platform: ServerDataPlatform, info: ObjectInfo, req: DataApiRequest): DataApiAnswer {
  const record = recordFromJson(info, parseJsonBody(req.body), 'insert');
  if (platform.events.isEventObject(info.name)) return publishEvent(platform, record);
  const row = runDml(platform, 'insert', record);
  return ok({ id: row, success: true, errors: [] }, 201);
}

/**
 * Creating a platform event record publishes it: 201 with the message's UUID under `OPERATION_ENQUEUED`
 * [doc: "Match a Publish Result with the Event Published"]; a message that fails validation is a 400 like a record.
 */
function publishEvent(platform: ServerDataPlatform, record: SObject): DataApiAnswer {
  const [row] = platform.publishEvents([record], { testContext: false });
  if (!row.success) throw dmlFailure('insert', row.errors);
  return ok(
    {
      id: row.id ? row.id.value : null,
      success: true,
      errors: row.errors.map((e) => ({ statusCode: e.statusCode, message: e.message, fields: e.fields }))
    },
    201
  );
}

function update(platform: ServerDataPlatform, info: ObjectInfo, id: string, req: DataApiRequest): DataApiAnswer {
  const record = recordFromJson(info, parseJsonBody(req.body), 'update');
  record.set('Id', new ApexId(id));
  existing(platform, info, id);
  runDml(platform, 'update', record);
  return { status: 204, json: undefined };
}

function remove(platform: ServerDataPlatform, info: ObjectInfo, id: string): DataApiAnswer {
  if (!isDeletable(info)) throw methodNotAllowed('DELETE', ['HEAD', 'GET', 'PATCH']);
  existing(platform, info, id);
  const record = new SObject(info.name);
  record.set('Id', new ApexId(id));
  runDml(platform, 'delete', record);
  return { status: 204, json: undefined };
}

function read(platform: ServerDataPlatform, info: ObjectInfo, id: string, req: DataApiRequest): Json {
  const wanted = req.query.get('fields');
  const names = wanted ? wanted.split(',').map((f) => f.trim()) : info.fields.map((f) => f.name);
  const rows = selectById(platform, info, id, names);
  if (rows.length === 0) throw notFound();
  return recordToJson(rows[0], req.version);
}

function existing(platform: ServerDataPlatform, info: ObjectInfo, id: string): void {
  if (selectById(platform, info, id, ['Id']).length === 0) throw notFound();
}

function selectById(platform: ServerDataPlatform, info: ObjectInfo, id: string, fields: string[]): SObject[] {
  let result: SObject[] | number;
  try {
    result = platform.queryText(`SELECT ${fields.join(', ')} FROM ${info.name} WHERE Id = '${id}'`);
  } catch (e) {
    throw queryError(e);
  }
  return typeof result === 'number' ? [] : result;
}

/** One-row DML with the platform's REST error shape: each `Database.Error` becomes `{message, errorCode, fields}`. */
function runDml(platform: ServerDataPlatform, op: DmlOperation, record: SObject): string | null {
  const [row] = platform.dml(op, [record], { allOrNone: false });
  if (!row || !row.success) throw dmlFailure(op, row?.errors ?? []);
  return row.id ? row.id.value : null;
}

function dmlFailure(op: DmlOperation, rowErrors: DmlError[]): HttpError {
  const errors: PlatformError[] = rowErrors.map((e) => ({
    message: e.message,
    errorCode: e.statusCode,
    fields: e.fields
  }));
  return new HttpError(400, errors.length ? errors : [{ message: `${op} failed`, errorCode: 'UNKNOWN_EXCEPTION' }]);
}
