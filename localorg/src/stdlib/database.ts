/**
 * The Database class: DML methods with allOrNone and their result objects (SaveResult, UpsertResult, DeleteResult,
 * UndeleteResult, Database.Error with a `System.StatusCode`), dynamic SOQL (`query`, `queryWithBinds`, `countQuery`)
 * and savepoints. DML runs through the data platform, so triggers and validation behave as for DML statements.
 */
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
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';
import { fieldNameArg, orgOf } from './schema.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

/** `System.StatusCode` values the data platform produces, plus common ones Apex code switches on. */
export const STATUS_CODES = [
  'ALREADY_IN_PROCESS',
  'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
  'DUPLICATE_EXTERNAL_ID',
  'DUPLICATE_USERNAME',
  'DUPLICATE_VALUE',
  'ENTITY_IS_DELETED',
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
  'MISSING_ARGUMENT',
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

function allOrNoneArg(args: Value[], i: number): boolean {
  const v = args[i];
  if (v === undefined || v === null) return true;
  if (typeof v === 'boolean') return v;
  if (v instanceof NativeObject && v.nativeType === 'database.dmloptions') {
    return (v.state as { optAllOrNone: boolean | null }).optAllOrNone ?? true;
  }
  return true;
}

function result(op: DmlOperation, r: DmlRowResult): NativeObject {
  return new NativeObject(RESULT_TYPES[op].toLowerCase(), r);
}

function dml(ctx: NativeContext, op: DmlOperation, args: Value[], externalIdField?: string): Value {
  const { records, single } = recordsOf(ctx, op, args[0]);
  const allOrNone = allOrNoneArg(args, externalIdField === undefined ? 1 : 2);
  const rows = ctx.platform.dml(op, records, {
    allOrNone,
    ...(externalIdField ? { externalIdField } : {}),
    access: accessArg(ctx, args)
  });
  const results = rows.map((r) => result(op, r));
  return single ? results[0] : new ApexList(typeRef(RESULT_TYPES[op]), results);
}

function upsert(ctx: NativeContext, args: Value[]): Value {
  // upsert(records), upsert(records, allOrNone), upsert(records, SObjectField[, allOrNone])
  if (
    args.length >= 2 &&
    args[1] !== null &&
    typeof args[1] !== 'boolean' &&
    !(args[1] instanceof NativeObject && args[1].nativeType === 'database.dmloptions')
  ) {
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
    setsavepoint: (ctx) => new NativeObject('system.savepoint', { id: ctx.platform.setSavepoint() }),
    rollback(ctx, args) {
      const sp = args[0];
      if (!(sp instanceof NativeObject) || sp.nativeType !== 'system.savepoint') {
        return apexThrow('NullPointerException', 'Argument cannot be null.');
      }
      ctx.platform.rollbackTo((sp.state as { id: number }).id);
      return null;
    },
    releasesavepoint: () => null,
    getquerylocator: (_ctx, args) => unsupported('Database', 'getQueryLocator', args)
  }
});

natives.defineClass({ name: 'System.Savepoint' });

natives.defineClass({
  name: 'Database.DMLOptions',
  construct: () => new NativeObject('database.dmloptions', { optAllOrNone: null }),
  props: {
    optallornone: (_ctx, self) => (self as NativeObject<{ optAllOrNone: boolean | null }>).state.optAllOrNone
  }
});

function errorObjects(errors: DmlError[]): ApexList {
  return new ApexList(
    typeRef('Database.Error'),
    errors.map((e) => new NativeObject('database.error', e))
  );
}

const resultMethods = {
  getid: (_c: NativeContext, _a: Value[], self: Value) => (self as NativeObject<DmlRowResult>).state.id,
  issuccess: (_c: NativeContext, _a: Value[], self: Value) => (self as NativeObject<DmlRowResult>).state.success,
  geterrors: (_c: NativeContext, _a: Value[], self: Value) =>
    errorObjects((self as NativeObject<DmlRowResult>).state.errors)
};

for (const name of ['Database.SaveResult', 'Database.DeleteResult', 'Database.UndeleteResult']) {
  natives.defineClass({ name, instance: { ...resultMethods } });
}
natives.defineClass({
  name: 'Database.UpsertResult',
  instance: {
    ...resultMethods,
    iscreated: (_c, _a, self) => (self as NativeObject<DmlRowResult>).state.created ?? false
  }
});

natives.defineClass({
  name: 'Database.Error',
  instance: {
    getstatuscode: (_c, _a, self) => {
      const code = (self as NativeObject<DmlError>).state.statusCode;
      return STATUS_CODES.includes(code) ? STATUS_CODE.value(code) : STATUS_CODE.value('UNKNOWN_EXCEPTION');
    },
    getmessage: (_c, _a, self) => (self as NativeObject<DmlError>).state.message,
    getfields: (_c, _a, self) => new ApexList(typeRef('String'), [...(self as NativeObject<DmlError>).state.fields])
  }
});
