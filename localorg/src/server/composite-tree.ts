/**
 * `POST /composite/tree/T` (sObject Tree): root records of type T with nested child records under their child
 * relationship names, created all or nothing. Each record carries `attributes: {type, referenceId}`; the answer maps
 * every referenceId to its new Id (201), or names the records that failed (400, `hasErrors: true`). At most 200 records
 * in all and five levels deep. The sf CLI's `data import tree` sends one of these per plan part.
 */
import type { DmlError } from '../runtime/data-platform.js';
import { ApexId, type SObject } from '../values/values.js';
import { HttpError, methodNotAllowed } from './errors.js';
import { isDevHubOnly } from './org-edition.js';
import { parseJsonBody } from './request-body.js';
import type { ObjectInfo, ServerDataPlatform } from './runtime-seams.js';
import { recordFromJson, type Json } from './sobject-json.js';

const MAX_RECORDS = 200;
const MAX_DEPTH = 5;

interface TreeError {
  statusCode: string;
  message: string;
  fields: string[];
}

interface PendingRecord {
  referenceId: string;
  record: SObject;
  /** The parent's pending entry and the lookup field that points at it, for children. */
  parent: { entry: PendingRecord; field: string } | null;
  depth: number;
}

export interface TreeAnswer {
  status: number;
  json: Json;
}

function failure(referenceId: string, error: TreeError): TreeAnswer {
  return { status: 400, json: { hasErrors: true, results: [{ referenceId, errors: [{ ...error }] }] } };
}

/** A request the tree resource refuses as a whole (the platform answers these with a plain error list). */
function badRequest(message: string): HttpError {
  return HttpError.of(400, 'INVALID_INPUT', message);
}

export function handleTree(platform: ServerDataPlatform, method: string, rest: string[], body: Buffer): TreeAnswer {
  if (method !== 'POST') throw methodNotAllowed(method, ['POST']);
  if (rest.length !== 1) throw HttpError.of(404, 'NOT_FOUND', 'The requested resource does not exist');
  const rootInfo = isDevHubOnly(rest[0]) ? null : platform.describeObject(rest[0]);
  if (!rootInfo) throw HttpError.of(404, 'NOT_FOUND', `The requested resource does not exist`);
  const parsed = parseJsonBody(body);
  const records =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as { records?: unknown }).records
      : undefined;
  if (!Array.isArray(records)) {
    throw HttpError.of(400, 'JSON_PARSER_ERROR', 'Expected {"records": […]} in the request body');
  }
  const pending: PendingRecord[] = [];
  const seen = new Map<string, number>();
  const problem = collect(platform, rootInfo, records, null, 1, pending, seen);
  if (problem) return problem;
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([ref]) => ref);
  if (duplicates.length) {
    return {
      status: 400,
      json: {
        hasErrors: true,
        results: duplicates.map((referenceId) => ({
          referenceId,
          errors: [
            { statusCode: 'INVALID_INPUT', message: 'Duplicate ReferenceId provided in the request', fields: [] }
          ]
        }))
      }
    };
  }
  if (pending.length > MAX_RECORDS) throw badRequest(`Exceeded the maximum of ${MAX_RECORDS} records in one request`);
  return insertLevels(platform, pending);
}

/** Walks one list of request records (roots, or children under a relationship), checking shape as it goes. */
function collect(
  platform: ServerDataPlatform,
  info: ObjectInfo,
  records: unknown[],
  parent: { entry: PendingRecord; field: string } | null,
  depth: number,
  pending: PendingRecord[],
  seen: Map<string, number>
): TreeAnswer | null {
  if (depth > MAX_DEPTH) throw badRequest(`Exceeded the maximum depth of ${MAX_DEPTH} levels of records`);
  for (const raw of records) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw HttpError.of(400, 'JSON_PARSER_ERROR', 'Each record must be a JSON object');
    }
    const rec = raw as Record<string, unknown>;
    const attributes = (rec['attributes'] ?? {}) as { type?: unknown; referenceId?: unknown };
    const referenceId = typeof attributes.referenceId === 'string' ? attributes.referenceId : '';
    if (referenceId === '') throw badRequest('Include a reference ID for each record in the request.');
    seen.set(referenceId, (seen.get(referenceId) ?? 0) + 1);
    if (typeof attributes.type !== 'string' || attributes.type.toLowerCase() !== info.name.toLowerCase()) {
      return failure(referenceId, {
        statusCode: 'INVALID_INPUT',
        message: `The type of each record must be ${info.name} (attributes.type was ${JSON.stringify(attributes.type ?? null)})`,
        fields: []
      });
    }
    const fields: Record<string, unknown> = {};
    const children: [string, unknown][] = [];
    for (const [key, value] of Object.entries(rec)) {
      if (key === 'attributes') continue;
      const rel = info.def?.childRelationships.find((c) => c.relationshipName.toLowerCase() === key.toLowerCase());
      if (rel) children.push([rel.relationshipName, value]);
      else fields[key] = value;
    }
    if (Object.keys(fields).some((k) => k.toLowerCase() === 'id')) {
      return failure(referenceId, {
        statusCode: 'INVALID_FIELD',
        message: 'cannot specify Id in an insert call',
        fields: ['Id']
      });
    }
    let record: SObject;
    try {
      record = recordFromJson(info, fields, 'insert');
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const first = e.errors[0];
      return failure(referenceId, { statusCode: first.errorCode, message: first.message, fields: first.fields ?? [] });
    }
    const entry: PendingRecord = { referenceId, record, parent, depth };
    pending.push(entry);
    for (const [relName, value] of children) {
      const rel = info.def!.childRelationships.find((c) => c.relationshipName === relName)!;
      const childRecords = (value as { records?: unknown } | null)?.records;
      if (!Array.isArray(childRecords)) {
        return failure(referenceId, {
          statusCode: 'INVALID_INPUT',
          message: `${relName} must be {"records": […]}`,
          fields: []
        });
      }
      const childInfo = platform.describeObject(rel.childObject);
      if (!childInfo) continue;
      const problem = collect(platform, childInfo, childRecords, { entry, field: rel.field }, depth + 1, pending, seen);
      if (problem) return problem;
    }
  }
  return null;
}

/** Inserts level by level, each level grouped by type; any failure rolls the whole request back. */
function insertLevels(platform: ServerDataPlatform, pending: PendingRecord[]): TreeAnswer {
  const savepoint = platform.setSavepoint();
  const ids = new Map<PendingRecord, string>();
  const results: Json[] = [];
  const errors: Json[] = [];
  const maxDepth = Math.max(0, ...pending.map((p) => p.depth));
  for (let depth = 1; depth <= maxDepth && errors.length === 0; depth++) {
    const level = pending.filter((p) => p.depth === depth);
    const types = [...new Set(level.map((p) => p.record.type))];
    for (const type of types) {
      const group = level.filter((p) => p.record.type === type);
      for (const p of group) {
        if (p.parent) p.record.set(p.parent.field, new ApexId(ids.get(p.parent.entry)!));
      }
      const rows = platform.dml(
        'insert',
        group.map((p) => p.record),
        { allOrNone: false }
      );
      rows.forEach((row, i) => {
        const p = group[i];
        if (row.success && row.id) {
          ids.set(p, row.id.value);
          results.push({ referenceId: p.referenceId, id: row.id.value });
        } else {
          errors.push({ referenceId: p.referenceId, errors: row.errors.map((e: DmlError) => ({ ...e })) as Json });
        }
      });
    }
  }
  if (errors.length) {
    platform.rollbackTo(savepoint);
    return { status: 400, json: { hasErrors: true, results: errors } };
  }
  return { status: 201, json: { hasErrors: false, results } };
}
