/** Describe like an org: labels, picklist values, lengths, nillable, references and the real write flags. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import { call, here, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer({ runtime: loadOrgRuntime([path.join(here, 'fixtures', 'devapi')]) });
});
after(async () => {
  await s.close();
});

interface Field {
  name: string;
  label: string;
  type: string;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  calculated: boolean;
  autoNumber: boolean;
  externalId: boolean;
  unique: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: { value: string; label: string; defaultValue: boolean; active: boolean }[];
  restrictedPicklist: boolean;
  soapType: string;
  nameField: boolean;
}
interface Describe {
  name: string;
  label: string;
  labelPlural: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: Field[];
  childRelationships: { childSObject: string; field: string; relationshipName: string }[];
}

async function describe(name: string): Promise<Describe> {
  const r = await call(s.url, `/services/data/v68.0/sobjects/${name}/describe`);
  assert.equal(r.status, 200, r.text);
  return r.json as Describe;
}
const field = (d: Describe, name: string): Field => {
  const f = d.fields.find((x) => x.name === name);
  assert.ok(f, `${d.name}.${name} is described`);
  return f;
};

test('a custom object describes its labels, picklist values, lengths, nillable and references', async () => {
  const d = await describe('Ticket__c');
  assert.equal(d.label, 'Ticket');
  assert.equal(d.labelPlural, 'Tickets');
  assert.equal(d.custom, true);
  const priority = field(d, 'Priority__c');
  assert.equal(priority.type, 'picklist');
  assert.equal(priority.restrictedPicklist, true);
  assert.deepEqual(
    priority.picklistValues.map((p) => [p.value, p.label, p.defaultValue, p.active]),
    [
      ['Low', 'Low', true, true],
      ['High', 'High (urgent)', false, true]
    ]
  );
  const subject = field(d, 'Subject__c');
  assert.equal(subject.length, 120);
  assert.equal(subject.nillable, false);
  assert.equal(subject.label, 'Subject');
  const key = field(d, 'ExternalKey__c');
  assert.equal(key.externalId, true);
  assert.equal(key.unique, true);
  assert.equal(key.nillable, true);
  const account = field(d, 'Account__c');
  assert.equal(account.type, 'reference');
  assert.deepEqual(account.referenceTo, ['Account']);
  assert.equal(account.relationshipName, 'Account__r');
  assert.equal(account.soapType, 'tns:ID');
});

test('formula and auto-number fields are neither createable nor updateable', async () => {
  const d = await describe('Ticket__c');
  const name = field(d, 'Name');
  assert.equal(name.autoNumber, true);
  assert.equal(name.createable, false);
  assert.equal(name.updateable, false);
  assert.equal(name.nameField, true);
  const shout = field(d, 'Shout__c');
  assert.equal(shout.calculated, true);
  assert.equal(shout.createable, false);
  assert.equal(field(d, 'Id').createable, false);
  assert.equal(field(d, 'CreatedDate').updateable, false);
});

test('standard objects: references, child relationships and the real object flags', async () => {
  const contact = await describe('Contact');
  const accountId = field(contact, 'AccountId');
  assert.deepEqual(accountId.referenceTo, ['Account']);
  assert.equal(accountId.relationshipName, 'Account');
  const account = await describe('Account');
  assert.ok(account.childRelationships.some((c) => c.childSObject === 'Contact' && c.relationshipName === 'Contacts'));
  assert.ok(
    account.childRelationships.some((c) => c.childSObject === 'Ticket__c' && c.relationshipName === 'Tickets__r')
  );
  assert.equal(account.deletable, true);
  const user = await describe('User');
  assert.equal(user.deletable, false);
  assert.equal(user.createable, true);
  const profile = await describe('Profile');
  assert.deepEqual([profile.createable, profile.updateable, profile.deletable], [false, false, false]);
  const org = await describe('Organization');
  assert.equal(org.deletable, false);
});

test('the global describe lists objects with the same flags; unknown and Dev Hub objects are 404', async () => {
  const r = await call(s.url, '/services/data/v68.0/sobjects');
  const list = (r.json as { sobjects: { name: string; deletable: boolean; label: string }[] }).sobjects;
  const ticket = list.find((o) => o.name === 'Ticket__c');
  assert.equal(ticket?.label, 'Ticket');
  assert.equal(list.find((o) => o.name === 'User')?.deletable, false);
  assert.equal((await call(s.url, '/services/data/v68.0/sobjects/Nope__c/describe')).status, 404);
  assert.equal((await call(s.url, '/services/data/v68.0/sobjects/ScratchOrgInfo/describe')).status, 404);
});

test('an AutoNumber Name reads its generated value over REST', async () => {
  const created = await call(s.url, '/services/data/v68.0/sobjects/Ticket__c', {
    method: 'POST',
    body: { Subject__c: 'printer' }
  });
  assert.equal(created.status, 201, created.text);
  const id = (created.json as { id: string }).id;
  const read = await call(s.url, `/services/data/v68.0/sobjects/Ticket__c/${id}`);
  assert.match((read.json as { Name: string }).Name, /^T-\d{4}$/);
  const refused = await call(s.url, '/services/data/v68.0/sobjects/Ticket__c', {
    method: 'POST',
    body: { Subject__c: 'x', Name: 'T-9999' }
  });
  assert.equal(refused.status, 400);
  assert.equal((refused.json as { errorCode: string }[])[0].errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
});
