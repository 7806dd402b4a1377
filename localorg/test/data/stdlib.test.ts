import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/stdlib/schema.js';
import '../../src/stdlib/database.js';
import '../../src/stdlib/sobject.js';
import '../../src/stdlib/custommetadata.js';
import '../../src/stdlib/limits.js';
import { type NativeContext } from '../../src/runtime/natives.js';
import { show } from '../../src/data/coerce.js';
import type { LocalOrg } from '../../src/data/index.js';
import {
  type ApexEnumValue,
  ApexList,
  ApexMap,
  ApexRuntimeError,
  type NativeObject,
  SObject,
  typeRef,
  type Value
} from '../../src/values/values.js';
import { insert, libraryFor, newOrg, rec, rows } from './helpers.js';
import { standardLibrary } from '../../src/stdlib/index.js';

const natives = standardLibrary();

function ctxFor(org: LocalOrg, binds: Record<string, Value> = {}): NativeContext {
  return {
    platform: org,
    natives: libraryFor(org),
    user: org.user,
    now: () => org.now(),
    toApexString: show,
    equals: (a, b) => a === b,
    keyOf: (v) => show(v),
    call: () => null,
    newObject: () => null,
    instantiate: () => null,
    debugString: show,
    classFor: () => null,
    sobjectName: (name) => org.schema.objectName(name),
    runningTest: false,
    asyncQueue: [],
    enqueueAsync: (work) => org.deferUntilCommit(work),
    testState: {},
    quiddity: null,
    resetStatics: () => {},
    resolveType: () => null,
    typeInfo: () => ({ kind: 'unknown' }),
    debug: () => {},
    currentLine: () => 7,
    lowerBindExpression: (e) => (e as { getText(): string }).getText(),
    evaluateInCallerScope: (name) => binds[name as string] ?? null,
    dataAccess: () => ({ sharing: false, permissions: false })
  };
}

const call = (cls: string, method: string, ctx: NativeContext, args: Value[]) =>
  natives.classFor(cls)!.statics![method](ctx, args, null);
const inst = (target: Value, method: string, ctx: NativeContext, args: Value[] = []) => {
  const kind = target instanceof SObject ? 'sobject' : (target as NativeObject).nativeType;
  return natives.classFor(kind)!.instance![method](ctx, args, target);
};

test('Database.insert with allOrNone=false returns SaveResults with StatusCode errors', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const list = new ApexList(typeRef('Contact'), [rec('Contact', { LastName: 'ok' }), rec('Contact', {})]);
  const results = call('database', 'insert', ctx, [list, false]) as ApexList;
  const [ok, bad] = results.items;
  assert.equal(inst(ok, 'issuccess', ctx), true);
  assert.equal(inst(bad, 'issuccess', ctx), false);
  const [err] = (inst(bad, 'geterrors', ctx) as ApexList).items;
  const code = inst(err, 'getstatuscode', ctx) as ApexEnumValue;
  assert.equal(code.enumType, 'system.statuscode');
  assert.equal(code.name, 'REQUIRED_FIELD_MISSING');
  assert.deepEqual((inst(err, 'getfields', ctx) as ApexList).items, ['LastName']);
});

test('Database.insert of one record returns one SaveResult and throws DmlException by default', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const r = call('database', 'insert', ctx, [rec('Contact', { LastName: 'x' })]) as NativeObject;
  assert.equal(r.nativeType, 'database.saveresult');
  assert.throws(
    () => call('database', 'insert', ctx, [rec('Contact', {})]),
    (e: unknown) => e instanceof ApexRuntimeError && e.typeName === 'System.DmlException'
  );
});

test('Database.upsert with a field token reports isCreated', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  insert(org, rec('Widget__c', { Name: 'a', Code__c: 'k' }));
  const token = natives.sobjectTypeStatics().staticProp(ctx, 'Widget__c', 'Code__c');
  const list = new ApexList(typeRef('Widget__c'), [
    rec('Widget__c', { Name: 'b', Code__c: 'K' }),
    rec('Widget__c', { Name: 'c', Code__c: 'z' })
  ]);
  const res = call('database', 'upsert', ctx, [list, token, true]) as ApexList;
  assert.deepEqual(
    res.items.map((r) => inst(r, 'iscreated', ctx)),
    [false, true]
  );
});

test('Database.delete accepts Ids', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  call('database', 'delete', ctx, [c.id]);
  assert.equal(rows(org, 'SELECT Id FROM Contact').length, 0);
});

test('Database.query evaluates binds in the caller scope', () => {
  const org = newOrg();
  insert(org, rec('Contact', { LastName: 'Ada' }), rec('Contact', { LastName: 'Bob' }));
  const r = call('database', 'query', ctxFor(org, { who: 'ada' }), [
    'SELECT LastName FROM Contact WHERE LastName = :who'
  ]) as ApexList;
  assert.deepEqual(
    r.items.map((x) => (x as SObject).get('LastName')),
    ['Ada']
  );
});

test('Database.query rejects malformed SOQL with QueryException', () => {
  const org = newOrg();
  assert.throws(
    () => call('database', 'query', ctxFor(org), ['SELECT FROM Contact']),
    (e: unknown) => e instanceof ApexRuntimeError && e.typeName === 'System.QueryException'
  );
});

test('Database.queryWithBinds reads binds from the map', () => {
  const org = newOrg();
  insert(org, rec('Contact', { LastName: 'Ada' }), rec('Contact', { LastName: 'Bob' }));
  const m = new ApexMap(typeRef('String'), typeRef('Object'));
  m.put('Name', 'bob');
  const r = call('database', 'querywithbinds', ctxFor(org), [
    'SELECT Id FROM Contact WHERE LastName = :name',
    m,
    null
  ]) as ApexList;
  assert.equal(r.items.length, 1);
});

test('Database.countQuery returns an Integer', () => {
  const org = newOrg();
  insert(org, rec('Contact', { LastName: 'Ada' }));
  assert.equal(call('database', 'countquery', ctxFor(org), ['SELECT COUNT() FROM Contact']), 1);
});

test('Database.setSavepoint and rollback undo later DML', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const sp = call('database', 'setsavepoint', ctx, []);
  insert(org, rec('Contact', { LastName: 'x' }));
  call('database', 'rollback', ctx, [sp]);
  assert.equal(rows(org, 'SELECT Id FROM Contact').length, 0);
});

test('setting a savepoint and rolling back each count as one DML statement of no rows', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const sp = call('database', 'setsavepoint', ctx, []);
  assert.equal(org.limits.current().dmlStatements, 1);
  call('database', 'rollback', ctx, [sp]);
  assert.deepEqual([org.limits.current().dmlStatements, org.limits.current().dmlRows], [2, 0]);
});

test('getGlobalDescribe maps lower-case names to SObjectType tokens', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const m = call('schema', 'getglobaldescribe', ctx, []) as ApexMap;
  const token = m.get('widget__c');
  assert.equal(token, natives.sobjectTypeStatics().staticProp(ctx, 'Widget__c', 'SObjectType'), 'tokens are identical');
  const d = inst(token, 'getdescribe', ctx);
  assert.equal(inst(d, 'getname', ctx), 'Widget__c');
  assert.equal(inst(d, 'getlabel', ctx), 'Widget');
});

test('fields.getMap and DescribeFieldResult report type, length, picklist and references', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const d = natives.classFor('schema.sobjecttype')!.dynamicStaticProp!(ctx, 'widget__c')!;
  const fields = natives.classFor('schema.describesobjectresult')!.props!.fields(ctx, d);
  const map = inst(fields, 'getmap', ctx) as ApexMap;
  const status = inst(map.get('status__c'), 'getdescribe', ctx);
  assert.equal((inst(status, 'gettype', ctx) as ApexEnumValue).name, 'PICKLIST');
  const values = (inst(status, 'getpicklistvalues', ctx) as ApexList).items.map((p) => inst(p, 'getvalue', ctx));
  assert.deepEqual(values, ['New', 'Done']);
  const code = natives.classFor('schema.sobjecttypefields')!.dynamicProp!(ctx, fields, 'code__c')!;
  assert.equal(inst(code, 'getlength', ctx), 10);
  assert.equal(inst(code, 'isexternalid', ctx), true);
  const account = inst(map.get('account__c'), 'getdescribe', ctx);
  const targets = (inst(account, 'getreferenceto', ctx) as ApexList).items.map((t) => inst(t, 'tostring', ctx));
  assert.deepEqual(targets, ['Account']);
  assert.equal(inst(inst(map.get('name'), 'getdescribe', ctx), 'isnillable', ctx), true);
});

test('SObjectType.newSObject applies defaults', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const token = natives.sobjectTypeStatics().staticProp(ctx, 'Widget__c', 'SObjectType');
  const w = inst(token, 'newsobject', ctx) as SObject;
  assert.equal(w.get('Status__c'), 'New');
});

test('SObject.get on a field a query did not select throws SObjectException', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  insert(org, rec('Contact', { LastName: 'x', Email: 'x@y.co' }));
  const [c] = rows(org, 'SELECT LastName FROM Contact');
  assert.equal(inst(c, 'get', ctx, ['lastname']), 'x');
  assert.throws(
    () => inst(c, 'get', ctx, ['Email']),
    (e: unknown) =>
      e instanceof ApexRuntimeError &&
      e.typeName === 'System.SObjectException' &&
      e.message === 'SObject row was retrieved via SOQL without querying the requested field: Contact.Email'
  );
});

test('SObject.put rejects unknown fields and returns the previous value', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const c = rec('Contact', { LastName: 'a' });
  assert.equal(inst(c, 'put', ctx, ['LastName', 'b']), 'a');
  assert.throws(() => inst(c, 'put', ctx, ['Nope', 'b']), /Invalid field Nope for Contact/);
});

test('SObject.addError with a field name records a field error the DML pipeline reports', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const c = rec('Contact', { LastName: 'a' });
  inst(c, 'adderror', ctx, ['Email', 'bad']);
  assert.deepEqual(c.errors, [{ message: 'bad', field: 'Email' }]);
});

test('SObject.clone drops the Id unless asked to keep it', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const [c] = insert(org, rec('Contact', { LastName: 'a' }));
  assert.equal((inst(c, 'clone', ctx) as SObject).id, null);
  assert.equal((inst(c, 'clone', ctx, [true]) as SObject).id!.value, c.id!.value);
});

test('getPopulatedFieldsAsMap uses declared field spellings', () => {
  const org = newOrg();
  const m = inst(rec('Contact', { LastName: 'a' }), 'getpopulatedfieldsasmap', ctxFor(org)) as ApexMap;
  assert.equal(m.get('LastName'), 'a');
});

test('custom metadata getAll and getInstance return records by DeveloperName', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const all = natives.sobjectTypeStatics().staticCall(ctx, 'Setting__mdt', 'getAll', []) as ApexMap;
  assert.deepEqual(
    [...all.entries.values()].map(([k]) => k),
    ['Alpha', 'Beta']
  );
  const beta = natives.sobjectTypeStatics().staticCall(ctx, 'Setting__mdt', 'getInstance', ['Beta']) as SObject;
  assert.equal(beta.get('Enabled__c'), false);
  assert.equal(natives.sobjectTypeStatics().staticCall(ctx, 'Setting__mdt', 'getInstance', ['Gamma']), null);
  assert.equal(org.limits.current().queries, 0);
});

test('Limits reports the tracker', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  rows(org, 'SELECT Id FROM Contact');
  assert.equal(call('limits', 'getqueries', ctx, []), 1);
  assert.equal(call('limits', 'getlimitqueries', ctx, []), 100);
});
