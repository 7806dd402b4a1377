import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataPlatform, MetadataError } from '../../src/data/index.js';
import { discoverSources } from '../../src/syntax/sources.js';
import { type ApexId, Decimal } from '../../src/values/values.js';
import { newOrg } from './helpers.js';

test('standard objects carry their documented key prefixes', () => {
  const org = newOrg();
  const prefixes = Object.fromEntries(
    ['Account', 'Contact', 'User', 'Opportunity', 'Lead', 'RecordType', 'Event', 'Task'].map((n) => [
      n,
      org.schema.object(n)!.keyPrefix
    ])
  );
  assert.deepEqual(prefixes, {
    Account: '001',
    Contact: '003',
    User: '005',
    Opportunity: '006',
    Lead: '00Q',
    RecordType: '012',
    Event: '00U',
    Task: '00T'
  });
});

test('object and field names resolve case-insensitively to their declared spelling', () => {
  const org = newOrg();
  assert.equal(org.schema.objectName('widget__C'), 'Widget__c');
  assert.equal(org.schema.fieldName('WIDGET__C', 'code__c'), 'Code__c');
  assert.equal(org.schema.fieldName('Widget__c', 'Nope__c'), null);
  assert.equal(org.schema.objectName('Name'), null, 'the Name pseudo-object is not a creatable type');
});

test('field metadata is read: type, length, precision, unique, external id, picklist restriction', () => {
  const org = newOrg();
  const w = org.schema.object('Widget__c')!;
  const code = w.fields.get('code__c')!;
  assert.equal(code.type, 'string');
  assert.equal(code.length, 10);
  assert.equal(code.unique && code.externalId, true);
  const amount = w.fields.get('amount__c')!;
  assert.deepEqual([amount.type, amount.precision, amount.scale], ['double', 5, 2]);
  const status = w.fields.get('status__c')!;
  assert.equal(status.restrictedPicklist, true);
  assert.deepEqual(
    status.picklist!.map((p) => p.value),
    ['New', 'Done']
  );
  assert.equal(status.defaultValue, 'New');
});

test('Activity fields are added to both Event and Task', () => {
  const org = newOrg();
  assert.equal(org.schema.fieldName('Event', 'stage__c'), 'Stage__c');
  assert.equal(org.schema.fieldName('Task', 'stage__c'), 'Stage__c');
});

test('lookups create parent and child relationship names', () => {
  const org = newOrg();
  const w = org.schema.object('Widget__c')!;
  assert.equal(org.schema.relationship(w, 'account__r')!.name, 'Account__c');
  const account = org.schema.object('Account')!;
  assert.equal(org.schema.childRelationship(account, 'Widgets__r')!.childObject, 'Widget__c');
});

test('objects with activities enabled become WhatId targets', () => {
  const org = newOrg();
  assert.ok(org.schema.object('Event')!.fields.get('whatid')!.referenceTo.includes('Widget__c'));
});

test('a master-detail child has no owner and its parent field is required', () => {
  const org = newOrg();
  const g = org.schema.object('Gadget__c')!;
  assert.equal(g.hasOwner, false);
  assert.equal(g.fields.get('widget__c')!.required, true);
  assert.equal(g.fields.get('name')!.createable, false, 'auto-number names are not writable');
});

test('custom object key prefixes are stable between loads', () => {
  assert.equal(newOrg().schema.object('Widget__c')!.keyPrefix, newOrg().schema.object('Widget__c')!.keyPrefix);
});

test('new records get checkbox and metadata defaults', () => {
  const defaults = newOrg().schema.newRecordDefaults('Widget__c');
  assert.equal(defaults.Active__c, true);
  assert.equal(defaults.Status__c, 'New');
});

test('Lead Status defaults to the first open status', () => {
  assert.equal(newOrg().schema.newRecordDefaults('Lead').Status, 'Open - Not Contacted');
});

test('malformed field XML is reported with file and line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-schema-'));
  const fields = path.join(dir, 'objects', 'Bad__c', 'fields');
  fs.mkdirSync(fields, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'objects', 'Bad__c', 'Bad__c.object-meta.xml'),
    '<CustomObject><label>Bad</label></CustomObject>'
  );
  fs.writeFileSync(
    path.join(fields, 'X__c.field-meta.xml'),
    '<CustomField>\n<fullName>X__c</fullName>\n<type>Text</oops>\n</CustomField>'
  );
  assert.throws(
    () => createDataPlatform(discoverSources(dir)),
    (e: unknown) => {
      assert.ok(e instanceof MetadataError);
      assert.match(e.message, /objects\/Bad__c\/fields\/X__c\.field-meta\.xml:3: malformed XML/);
      return true;
    }
  );
});

test('an unsupported field type is named in the error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-schema-'));
  const fields = path.join(dir, 'objects', 'Bad__c', 'fields');
  fs.mkdirSync(fields, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'objects', 'Bad__c', 'Bad__c.object-meta.xml'),
    '<CustomObject><label>Bad</label></CustomObject>'
  );
  fs.writeFileSync(
    path.join(fields, 'X__c.field-meta.xml'),
    '<CustomField><fullName>X__c</fullName><type>Hologram</type></CustomField>'
  );
  assert.throws(
    () => createDataPlatform(discoverSources(dir)),
    /X__c\.field-meta\.xml: field type 'Hologram' is not supported/
  );
});

test('custom metadata records load with typed values', () => {
  const org = newOrg();
  const rows = [...org.store.rows('setting__mdt')];
  assert.equal(rows.length, 2);
  const alpha = rows.find((r) => r.get('DeveloperName') === 'Alpha')!;
  assert.ok(alpha.get('Limit__c') instanceof Decimal);
  assert.equal((alpha.get('Limit__c') as Decimal).toString(), '12');
  assert.equal(alpha.get('Enabled__c'), true);
  assert.equal(alpha.get('MasterLabel'), 'Alpha label');
});

test('a fresh org holds the admin user, the standard profiles, the organization, price book and business hours', () => {
  const org = newOrg();
  assert.equal(org.user.timeZone, 'America/Los_Angeles');
  assert.equal(org.user.locale, 'en_US');
  const profiles = [...org.store.rows('profile')];
  assert.deepEqual(
    profiles.slice(0, 3).map((p) => p.get('Name')),
    ['System Administrator', 'Standard User', 'Minimum Access - Salesforce']
  );
  assert.deepEqual(
    profiles.slice(0, 2).map((p) => p.get('PermissionsModifyAllData')),
    [true, false]
  );
  const pricebooks = [...org.store.rows('pricebook2')];
  assert.deepEqual(
    pricebooks.map((p) => [p.get('Name'), p.get('IsStandard')]),
    [['Standard Price Book', true]]
  );
  assert.equal(pricebooks[0].id!.value, org.seed.standardPricebookId.value);
  const hours = [...org.store.rows('businesshours')];
  assert.deepEqual(
    hours.map((h) => [h.get('Name'), h.get('IsDefault')]),
    [['Default', true]]
  );
  assert.equal((org.store.get('user', org.user.id.value)!.get('ProfileId') as ApexId).value, org.user.profileId.value);
  assert.equal(org.store.count('organization'), 1);
});

test('a standard lookup re-declared with only <type>Lookup</type> keeps its platform target; a custom one must name it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-schema-'));
  const contactFields = path.join(dir, 'objects', 'Contact', 'fields');
  fs.mkdirSync(contactFields, { recursive: true });
  fs.writeFileSync(
    path.join(contactFields, 'AccountId.field-meta.xml'),
    '<CustomField><fullName>AccountId</fullName><trackFeedHistory>true</trackFeedHistory><type>Lookup</type></CustomField>'
  );
  const org = createDataPlatform(discoverSources(dir));
  assert.deepEqual(org.schema.field(org.schema.object('Contact')!, 'AccountId')?.referenceTo, ['Account']);
  fs.writeFileSync(
    path.join(contactFields, 'Partner__c.field-meta.xml'),
    '<CustomField><fullName>Partner__c</fullName><label>Partner</label><type>Lookup</type></CustomField>'
  );
  assert.throws(
    () => createDataPlatform(discoverSources(dir)),
    /objects\/Contact\/fields\/Partner__c\.field-meta\.xml: lookup field Partner__c has no <referenceTo>/
  );
});

test("a standard field's metadata with a type localorg does not load (Account.ParentId Hierarchy) keeps the platform field", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-schema-'));
  const accountFields = path.join(dir, 'objects', 'Account', 'fields');
  fs.mkdirSync(accountFields, { recursive: true });
  fs.writeFileSync(
    path.join(accountFields, 'ParentId.field-meta.xml'),
    '<CustomField><fullName>ParentId</fullName><trackFeedHistory>false</trackFeedHistory><type>Hierarchy</type></CustomField>'
  );
  fs.writeFileSync(
    path.join(accountFields, 'OwnerId.field-meta.xml'),
    '<CustomField><fullName>OwnerId</fullName><trackFeedHistory>false</trackFeedHistory><type>Lookup</type></CustomField>'
  );
  const org = createDataPlatform(discoverSources(dir));
  const account = org.schema.object('Account')!;
  assert.deepEqual(org.schema.field(account, 'ParentId')?.referenceTo, ['Account']);
  assert.equal(org.schema.field(account, 'OwnerId')?.type, 'reference');
});

test('a custom geolocation field is stored in its __Latitude__s and __Longitude__s components; the compound is read-only', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-schema-'));
  const fields = path.join(dir, 'objects', 'Place__c', 'fields');
  fs.mkdirSync(fields, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'objects', 'Place__c', 'Place__c.object-meta.xml'),
    '<CustomObject><label>Place</label></CustomObject>'
  );
  fs.writeFileSync(
    path.join(fields, 'Location__c.field-meta.xml'),
    '<CustomField><fullName>Location__c</fullName><label>Location</label><scale>7</scale><type>Location</type></CustomField>'
  );
  const org = createDataPlatform(discoverSources(dir));
  const place = org.schema.object('Place__c')!;
  const lat = org.schema.field(place, 'Location__Latitude__s')!;
  assert.deepEqual([lat.name, lat.type, lat.scale, lat.createable], ['Location__Latitude__s', 'double', 7, true]);
  assert.equal(org.schema.field(place, 'location__longitude__s')?.label, 'Location (Longitude)');
  assert.equal(org.schema.field(place, 'Location__c')?.createable, false);
});
