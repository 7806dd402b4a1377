import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/stdlib/custommetadata.js';
import { type NativeContext } from '../../src/runtime/natives.js';
import type { LocalOrg } from '../../src/data/index.js';
import { type ApexMap, type SObject, type Value } from '../../src/values/values.js';
import { ALL_OR_NONE, insert, libraryFor, newOrg, rec, rows } from './helpers.js';
import { standardLibrary } from '../../src/stdlib/index.js';

const natives = standardLibrary();

function ctxFor(org: LocalOrg): NativeContext {
  return { platform: org, natives: libraryFor(org), user: org.user } as unknown as NativeContext;
}
const statics = (org: LocalOrg, object: string, method: string, args: Value[] = []) =>
  natives.sobjectTypeStatics().staticCall(ctxFor(org), object, method, args);

test('a standard object localorg does not bundle still loads with its custom fields', () => {
  const org = newOrg();
  assert.equal(org.schema.fieldName('Case', 'score__c'), 'Score__c');
  insert(org, rec('Case', { Name: 'c', Score__c: 5 }));
  assert.equal(rows(org, 'SELECT Score__c FROM Case').length, 1);
});

test('custom settings have no owner; hierarchy settings have SetupOwnerId', () => {
  const org = newOrg();
  assert.equal(org.schema.object('Prefs__c')!.customSetting, 'Hierarchy');
  assert.equal(org.schema.fieldName('Prefs__c', 'OwnerId'), null);
  assert.equal(org.schema.fieldName('Prefs__c', 'SetupOwnerId'), 'SetupOwnerId');
});

test('a hierarchy setting merges user, profile and org levels field by field', () => {
  const org = newOrg();
  org.dml(
    'insert',
    [
      rec('Prefs__c', { SetupOwnerId: org.user.organizationId, Color__c: 'org', Size__c: 'org-size' }),
      rec('Prefs__c', { SetupOwnerId: org.user.id, Color__c: 'mine' })
    ],
    ALL_OR_NONE
  );
  const mine = statics(org, 'Prefs__c', 'getInstance') as SObject;
  assert.deepEqual([mine.get('Color__c'), mine.get('Size__c')], ['mine', 'org-size']);
  assert.equal((statics(org, 'Prefs__c', 'getOrgDefaults') as SObject).get('Color__c'), 'org');
});

test('a hierarchy setting with no rows returns an empty record', () => {
  const org = newOrg();
  const none = statics(org, 'Prefs__c', 'getInstance') as SObject;
  assert.equal(none.get('Color__c'), null);
  assert.equal(none.id, null);
});

test('list settings are read by name', () => {
  const org = newOrg();
  insert(org, rec('Codes__c', { Name: 'A', Value__c: '1' }), rec('Codes__c', { Name: 'B', Value__c: '2' }));
  assert.equal((statics(org, 'Codes__c', 'getValues', ['B']) as SObject).get('Value__c'), '2');
  assert.equal((statics(org, 'Codes__c', 'getAll') as ApexMap).size, 2);
  assert.equal(statics(org, 'Codes__c', 'getInstance', ['Z']), null);
});
