/**
 * The Database class: DML methods with allOrNone and their result objects (SaveResult, UpsertResult, DeleteResult,
 * UndeleteResult, Database.Error with a `System.StatusCode`), dynamic SOQL (`query`, `queryWithBinds`, `countQuery`)
 * and savepoints. DML runs through the data platform, so triggers and validation behave as for DML statements.
 */
import { executeBatch } from './batch-apex.js';
import { idOf } from '../data/coerce.js';
import type { DmlError, DmlOperation, DmlRowResult } from '../runtime/data-platform.js';
import { parseSoqlText } from '../syntax/soql/lower.js';
import type { SoqlQuery } from '../syntax/soql/ast.js';
import {
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  NativeObject,
  SObject,
  typeRef,
  type Value
} from '../values/values.js';
import type { DataAccess } from '../runtime/data-platform.js';
import { argString } from './native-args.js';
import { dmlOptionsOf, type DmlOptionValues } from './dml-options.js';
import { iteratorInstance } from './collections.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';
import { orgOf } from './data-org.js';
import { fieldNameArg } from './schema.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

/** `System.StatusCode` values the data platform produces, plus common ones Apex code switches on. */
export const STATUS_CODES = [
  'ALREADY_IN_PROCESS',
  'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
  'DELETE_FAILED',
  'DUPLICATE_EXTERNAL_ID',
  'DUPLICATE_USERNAME',
  'DUPLICATE_VALUE',
  'ENTITY_IS_DELETED',
  'ENTITY_IS_LOCKED',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'FIELD_FILTER_VALIDATION_EXCEPTION',
  'FIELD_INTEGRITY_EXCEPTION',
  'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'INVALID_CROSS_REFERENCE_KEY',
  'INVALID_EMAIL_ADDRESS',
  'INVALID_FIELD',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'INVALID_ID_FIELD',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'INVALID_TYPE_ON_FIELD_IN_RECORD',
  'MALFORMED_ID',
  'MERGE_FAILED',
  'MISSING_ARGUMENT',
  'NO_APPLICABLE_PROCESS',
  'NUMBER_OUTSIDE_VALID_RANGE',
  'OPERATION_ENQUEUED',
  'REQUIRED_FIELD_MISSING',
  'STRING_TOO_LONG',
  'UNABLE_TO_LOCK_ROW',
  'UNDELETE_FAILED',
  'UNKNOWN_EXCEPTION'
];
const STATUS_CODE = natives.defineEnum('System.StatusCode', STATUS_CODES);
natives.defineEnum('System.AccessLevel', ['USER_MODE', 'SYSTEM_MODE']);

const RESULT_TYPES: Record<DmlOperation, string> = {
  insert: 'Database.SaveResult',
  update: 'Database.SaveResult',
  upsert: 'Database.UpsertResult',
  delete: 'Database.DeleteResult',
  undelete: 'Database.UndeleteResult'
};

/** Records from a DML argument: an SObject, a list of SObjects, or (delete/undelete) Ids. */
function recordsOf(ctx: NativeContext, op: DmlOperation, v: Value): { records: SObject[]; single: boolean } {
  if (v === null || v === undefined) return apexThrow('NullPointerException', 'Argument cannot be null.');
  const one = (x: Value): SObject => {
    if (x instanceof SObject) return x;
    if (op === 'delete' || op === 'undelete') {
      const id = idOf(x);
      const object = id ? orgOf(ctx).schema.objectByPrefix(id.slice(0, 3)) : undefined;
      if (!id || !object) return apexThrow('StringException', `Invalid id: ${ctx.toApexString(x)}`);
      const rec = new SObject(object.name);
      rec.set('Id', new ApexId(id));
      return rec;
    }
    return apexThrow('TypeException', `DML requires SObject or SObject list type`);
  };
  if (v instanceof ApexList) return { records: v.items.map(one), single: false };
  return { records: [one(v)], single: true };
}

/**
 * The access an operation runs with: an `AccessLevel` argument anywhere in the call (`Database.insert(rows, false,
 * AccessLevel.USER_MODE)`, `Database.query(q, AccessLevel.SYSTEM_MODE)`), else the calling class's default.
 */
function accessArg(ctx: NativeContext, args: Value[]): DataAccess {
  const level = args.find((a): a is ApexEnumValue => a instanceof ApexEnumValue && a.enumType === 'system.accesslevel');
  return ctx.dataAccess(level ? (level.name === 'USER_MODE' ? 'user' : 'system') : null);
}

/** allOrNone from a Boolean or `Database.DMLOptions` argument (true when absent), and the options' truncation. */
function optionsArg(args: Value[], i: number): DmlOptionValues {
  const v = args[i];
  if (typeof v === 'boolean') return { allOrNone: v, allowFieldTruncation: false };
  return dmlOptionsOf(v ?? null) ?? { allOrNone: true, allowFieldTruncation: false };
}

function result(op: DmlOperation, r: DmlRowResult): NativeObject {
  return new NativeObject(RESULT_TYPES[op].toLowerCase(), r);
}

function dml(ctx: NativeContext, op: DmlOperation, args: Value[], externalIdField?: string): Value {
  const { records, single } = recordsOf(ctx, op, args[0]);
  const { allOrNone, allowFieldTruncation } = optionsArg(args, externalIdField === undefined ? 1 : 2);
  const rows = ctx.platform.dml(op, records, {
    allOrNone,
    ...(allowFieldTruncation ? { allowFieldTruncation } : {}),
    ...(externalIdField ? { externalIdField } : {}),
    access: accessArg(ctx, args)
  });
  const results = rows.map((r) => result(op, r));
  return single ? results[0] : new ApexList(typeRef(RESULT_TYPES[op]), results);
}

function upsert(ctx: NativeContext, args: Value[]): Value {
  // upsert(records), upsert(records, allOrNone), upsert(records, SObjectField[, allOrNone])
  if (args.length >= 2 && args[1] !== null && typeof args[1] !== 'boolean' && dmlOptionsOf(args[1]) === null) {
    return dml(ctx, 'upsert', args, fieldNameArg(args, 1));
  }
  return dml(ctx, 'upsert', args);
}

/** Dynamic SOQL: binds are lowered by the interpreter and evaluated in the caller's scope. */
function parseDynamic(ctx: NativeContext, text: string): SoqlQuery {
  return parseSoqlText(text, (e) => ctx.lowerBindExpression(e), { line: ctx.currentLine(), column: 1 });
}

/** `queryWithBinds`: a bind must be a plain name present in the map (matched case-insensitively [mem]). */
function mapBinds(
  ctx: NativeContext,
  text: string,
  binds: Value
): { query: SoqlQuery; values: (expr: unknown) => Value } {
  if (!(binds instanceof ApexMap)) return apexThrow('NullPointerException', 'Argument cannot be null.');
  const query = parseSoqlText(text, (e) => (e as { getText(): string }).getText(), {
    line: ctx.currentLine(),
    column: 1
  });
  const lookup = new Map<string, Value>();
  for (const [, [k, v]] of binds.entries) if (typeof k === 'string') lookup.set(k.toLowerCase(), v);
  return {
    query,
    values: (expr) => {
      const name = String(expr);
      if (!lookup.has(name.toLowerCase())) {
        return apexThrow('QueryException', `Key '${name}' does not exist in the bindMap`);
      }
      return lookup.get(name.toLowerCase())!;
    }
  };
}

natives.defineClass({
  name: 'Database',
  statics: {
    insert: (ctx, args) => dml(ctx, 'insert', args),
    update: (ctx, args) => dml(ctx, 'update', args),
    upsert: (ctx, args) => upsert(ctx, args),
    delete: (ctx, args) => dml(ctx, 'delete', args),
    undelete: (ctx, args) => dml(ctx, 'undelete', args),
    query(ctx, args) {
      const q = parseDynamic(ctx, argString(args, 0));
      return ctx.platform.query(q, (b) => ctx.evaluateInCallerScope(b), accessArg(ctx, args));
    },
    querywithbinds(ctx, args) {
      const { query, values } = mapBinds(ctx, argString(args, 0), args[1]);
      return ctx.platform.query(query, values, accessArg(ctx, args));
    },
    countquery(ctx, args) {
      const q = parseDynamic(ctx, argString(args, 0));
      const r = ctx.platform.query(q, (b) => ctx.evaluateInCallerScope(b), accessArg(ctx, args));
      if (typeof r !== 'number') return apexThrow('QueryException', 'countQuery needs a SELECT COUNT() query');
      return r;
    },
    countquerywithbinds(ctx, args) {
      const { query, values } = mapBinds(ctx, argString(args, 0), args[1]);
      const r = ctx.platform.query(query, values, accessArg(ctx, args));
      if (typeof r !== 'number') return apexThrow('QueryException', 'countQueryWithBinds needs a SELECT COUNT() query');
      return r;
    },
    // Setting a savepoint and rolling back each count as a DML statement (of no rows).
    setsavepoint: (ctx) => {
      ctx.platform.limits.chargeDml(0);
      return new NativeObject('system.savepoint', { id: ctx.platform.setSavepoint() });
    },
    rollback(ctx, args) {
      const sp = args[0];
      if (!(sp instanceof NativeObject) || sp.nativeType !== 'system.savepoint') {
        return apexThrow('NullPointerException', 'Argument cannot be null.');
      }
      ctx.platform.limits.chargeDml(0);
      ctx.platform.rollbackTo((sp.state as { id: number }).id);
      return null;
    },
    releasesavepoint: () => null,
    getquerylocator: (ctx, args) => queryLocator(ctx, args),
    executebatch: (ctx, args) => executeBatch(ctx, args[0], args.length > 1 ? args[1] : null)
  }
});

interface QueryLocatorState {
  /** The SOQL text of the String form; null for the inline-query form (its text is not kept). */
  query: string | null;
  records: Value[];
}

/**
 * `Database.getQueryLocator(String)` runs the query now (binds from the caller's scope); the inline form
 * `getQueryLocator([SELECT …])` receives the rows already queried. Iteration walks those rows.
 */
function queryLocator(ctx: NativeContext, args: Value[]): NativeObject<QueryLocatorState> {
  const arg = args[0];
  if (arg === null || arg === undefined) return apexThrow('NullPointerException', 'Argument cannot be null.');
  if (arg instanceof ApexList) return new NativeObject('database.querylocator', { query: null, records: arg.items });
  const text = argString(args, 0);
  const rows = ctx.platform.query(parseDynamic(ctx, text), (b) => ctx.evaluateInCallerScope(b), accessArg(ctx, args));
  if (!(rows instanceof ApexList))
    return apexThrow('QueryException', 'getQueryLocator needs a query that returns rows');
  return new NativeObject('database.querylocator', { query: text, records: rows.items });
}

natives.defineClass({
  name: 'Database.QueryLocator',
  instance: {
    getquery: (_c, _a, self) => (self as NativeObject<QueryLocatorState>).state.query,
    iterator: (_c, _a, self) =>
      new NativeObject('database.querylocatoriterator', {
        items: (self as NativeObject<QueryLocatorState>).state.records,
        index: 0
      })
  }
});
natives.defineClass({ name: 'Database.QueryLocatorIterator', instance: { ...iteratorInstance } });

natives.defineClass({ name: 'System.Savepoint' });

function errorObjects(errors: DmlError[]): ApexList {
  return new ApexList(
    typeRef('Database.Error'),
    errors.map((e) => new NativeObject('database.error', e))
  );
}

function row(self: Value): DmlRowResult {
  return (self as NativeObject<DmlRowResult>).state;
}

/**
 * The result classes: methods, and the properties `success`, `id`, `errors` (and `created` on UpsertResult) that Apex
 * code reads directly and JSON carries, as the SOAP API's SaveResult names them.
 */
const resultMethods = {
  getid: (_c: NativeContext, _a: Value[], self: Value) => row(self).id,
  issuccess: (_c: NativeContext, _a: Value[], self: Value) => row(self).success,
  geterrors: (_c: NativeContext, _a: Value[], self: Value) => errorObjects(row(self).errors)
};
const resultProps = {
  id: (_c: NativeContext, self: Value) => row(self).id,
  success: (_c: NativeContext, self: Value) => row(self).success,
  errors: (_c: NativeContext, self: Value) => errorObjects(row(self).errors)
};
const RESULT_JSON = [
  { name: 'id', type: typeRef('Id') },
  { name: 'success', type: typeRef('Boolean') },
  { name: 'errors', type: typeRef('List', [typeRef('Database.Error')]) }
];

/** A result built by `JSON.deserialize`: absent `success` is false, absent `errors` an empty list [mem]. */
function resultFromJson(nativeType: string, values: Map<string, Value>, upsert: boolean): NativeObject<DmlRowResult> {
  const errors = values.get('errors');
  const state: DmlRowResult = {
    success: values.get('success') === true,
    id: (values.get('id') as ApexId | null | undefined) ?? null,
    errors: errors instanceof ApexList ? errors.items.map((e) => ({ ...(e as NativeObject<DmlError>).state })) : []
  };
  if (upsert) state.created = values.get('created') === true;
  return new NativeObject(nativeType, state);
}

for (const name of ['Database.SaveResult', 'Database.DeleteResult', 'Database.UndeleteResult']) {
  natives.defineClass({
    name,
    instance: { ...resultMethods },
    props: { ...resultProps },
    json: { properties: RESULT_JSON, create: (values) => resultFromJson(name.toLowerCase(), values, false) }
  });
}
natives.defineClass({
  name: 'Database.UpsertResult',
  instance: {
    ...resultMethods,
    iscreated: (_c, _a, self) => row(self).created ?? false
  },
  props: { ...resultProps, created: (_c, self) => row(self).created ?? false },
  json: {
    properties: [...RESULT_JSON, { name: 'created', type: typeRef('Boolean') }],
    create: (values) => resultFromJson('database.upsertresult', values, true)
  }
});

function dmlError(self: Value): DmlError {
  return (self as NativeObject<DmlError>).state;
}

function statusCodeOf(self: Value): ApexEnumValue {
  const code = dmlError(self).statusCode;
  return STATUS_CODES.includes(code) ? STATUS_CODE.value(code) : STATUS_CODE.value('UNKNOWN_EXCEPTION');
}

natives.defineClass({
  name: 'Database.Error',
  instance: {
    getstatuscode: (_c, _a, self) => statusCodeOf(self),
    getmessage: (_c, _a, self) => dmlError(self).message,
    getfields: (_c, _a, self) => new ApexList(typeRef('String'), [...dmlError(self).fields])
  },
  props: {
    statuscode: (_c, self) => statusCodeOf(self),
    message: (_c, self) => dmlError(self).message,
    fields: (_c, self) => new ApexList(typeRef('String'), [...dmlError(self).fields])
  },
  json: {
    properties: [
      { name: 'statusCode', type: typeRef('String') },
      { name: 'message', type: typeRef('String') },
      { name: 'fields', type: typeRef('List', [typeRef('String')]) }
    ],
    create: (values) => {
      const fields = values.get('fields');
      const error: DmlError = {
        statusCode: (values.get('statuscode') as string | null | undefined) ?? 'UNKNOWN_EXCEPTION',
        message: (values.get('message') as string | null | undefined) ?? '',
        fields: fields instanceof ApexList ? fields.items.map(String) : []
      };
      return new NativeObject('database.error', error);
    }
  }
});
