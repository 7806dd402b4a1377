import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/stdlib/schema.js';
import '../../src/stdlib/custommetadata.js';
import { type NativeContext } from '../../src/runtime/natives.js';
import type { LocalOrg } from '../../src/data/index.js';
import type { ApexId, ApexMap, NativeObject, Value } from '../../src/values/values.js';
import { insert, libraryFor, newOrg, rec, rows } from './helpers.js';
import { standardLibrary } from '../../src/stdlib/index.js';

const natives = standardLibrary();

function ctxFor(org: LocalOrg): NativeContext {
  return { platform: org, natives: libraryFor(org), user: org.user } as unknown as NativeContext;
}
const inst = (ctx: NativeContext, target: Value, method: string) =>
  natives.classFor((target as NativeObject).nativeType)!.instance![method](ctx, [], target);

test('record types load as RecordType rows', () => {
  const org = newOrg();
  const [rt] = rows(org, "SELECT Id, Name, SobjectType FROM RecordType WHERE DeveloperName = 'Partner'");
  assert.deepEqual([rt.get('Name'), rt.get('SobjectType')], ['Partner Account', 'Account']);
});

test('an object with record types gets a RecordTypeId lookup', () => {
  const org = newOrg();
  const [rt] = rows(org, "SELECT Id FROM RecordType WHERE DeveloperName = 'Partner'");
  insert(org, rec('Account', { Name: 'a', RecordTypeId: rt.id }));
  const [a] = rows(org, 'SELECT RecordType.DeveloperName FROM Account');
  assert.equal((a.get('RecordType') as unknown as { get(f: string): Value }).get('DeveloperName'), 'Partner');
});

test('describe lists record types by developer name, with Master', () => {
  const org = newOrg();
  const ctx = ctxFor(org);
  const token = natives.sobjectTypeStatics().staticProp(ctx, 'Account', 'SObjectType');
  const d = inst(ctx, token, 'getdescribe');
  const byName = inst(ctx, d, 'getrecordtypeinfosbydevelopername') as ApexMap;
  const partner = byName.get('Partner');
  assert.equal(inst(ctx, partner, 'isdefaultrecordtypemapping'), true);
  assert.equal((inst(ctx, byName.get('Master'), 'getrecordtypeid') as ApexId).value, '012000000000000AAA');
  assert.equal(inst(ctx, partner, 'getname'), 'Partner Account');
});
