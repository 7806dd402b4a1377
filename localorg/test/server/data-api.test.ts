import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => {
  await s.close();
});

const q = (soql: string): string => `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
type QueryResult = { totalSize: number; done: boolean; records: Record<string, unknown>[] };
type Errors = { errorCode: string; message: string; fields?: string[] }[];

test('/services/data lists versions like a real org', async () => {
  const r = await call(s.url, '/services/data');
  const versions = r.json as { label: string; url: string; version: string }[];
  assert.ok(versions.some((v) => v.version === '62.0' && v.url === '/services/data/v62.0' && v.label === "Winter '25"));
  assert.ok(
    versions.some((v) => v.version === '50.0'),
    'jsforce default version'
  );
});

test('/services/data/vNN.N lists the resources', async () => {
  const r = await call(s.url, '/services/data/v58.0');
  assert.equal((r.json as Record<string, string>).query, '/services/data/v58.0/query');
});

test('an unsupported API version is a 404', async () => {
  const r = await call(s.url, '/services/data/v99.0/query?q=SELECT+Id+FROM+User');
  assert.equal(r.status, 404);
});

test('query returns totalSize, done and records with attributes', async () => {
  const r = await call(s.url, q("SELECT Id, Name FROM Profile WHERE Name = 'Standard User'"));
  assert.equal(r.status, 200);
  const body = r.json as QueryResult;
  assert.equal(body.totalSize, 1);
  assert.equal(body.done, true);
  const [rec] = body.records;
  assert.deepEqual(Object.keys(rec), ['attributes', 'Id', 'Name']);
  assert.deepEqual(rec.attributes, { type: 'Profile', url: `/services/data/v62.0/sobjects/Profile/${String(rec.Id)}` });
});

test('a fresh org has the admin User, both standard Profiles and the Organization', async () => {
  const users = (await call(s.url, q('SELECT Id, Profile.Name FROM User'))).json as QueryResult;
  assert.ok(users.records.some((u) => (u.Profile as { Name: string }).Name === 'System Administrator'));
  const profiles = (await call(s.url, q('SELECT Name FROM Profile ORDER BY Name'))).json as QueryResult;
  assert.deepEqual(
    profiles.records.map((p) => p.Name).filter((n) => n === 'System Administrator' || n === 'Standard User'),
    ['Standard User', 'System Administrator']
  );
  const org = (await call(s.url, q('SELECT Id FROM Organization'))).json as QueryResult;
  assert.equal(org.totalSize, 1);
});

test('malformed SOQL is a 400 MALFORMED_QUERY', async () => {
  const r = await call(s.url, q('SELEC Id FROM Account'));
  assert.equal(r.status, 400);
  assert.equal((r.json as Errors)[0].errorCode, 'MALFORMED_QUERY');
});

test('an unknown column is a 400 INVALID_FIELD', async () => {
  const r = await call(s.url, q('SELECT Nope__c FROM Account'));
  assert.equal(r.status, 400);
  assert.equal((r.json as Errors)[0].errorCode, 'INVALID_FIELD');
});

test('query without q is a 400', async () => {
  const r = await call(s.url, '/services/data/v62.0/query');
  assert.equal(r.status, 400);
});

test('create answers 201 with id, success and errors', async () => {
  const r = await call(s.url, '/services/data/v62.0/sobjects/Account', { method: 'POST', body: { Name: 'Contoso' } });
  assert.equal(r.status, 201);
  const body = r.json as { id: string; success: boolean; errors: unknown[] };
  assert.match(body.id, /^001[a-zA-Z0-9]{15}$/);
  assert.equal(body.success, true);
  assert.deepEqual(body.errors, []);
});

test('read returns the record with typed values', async () => {
  const created = await call(s.url, '/services/data/v62.0/sobjects/Visit__c', {
    method: 'POST',
    body: { Name: 'v1', Uid__c: 'read-1', VisitDate__c: '2026-03-01' }
  });
  const id = (created.json as { id: string }).id;
  const r = await call(s.url, `/services/data/v62.0/sobjects/Visit__c/${id}`);
  assert.equal(r.status, 200);
  const rec = r.json as Record<string, unknown>;
  assert.equal(rec.Uid__c, 'read-1');
  assert.equal(rec.VisitDate__c, '2026-03-01');
  assert.equal(rec.Id, id);
});

test('update answers 204 and changes the field', async () => {
  const created = await call(s.url, '/services/data/v62.0/sobjects/Account', { method: 'POST', body: { Name: 'Old' } });
  const id = (created.json as { id: string }).id;
  const r = await call(s.url, `/services/data/v62.0/sobjects/Account/${id}`, {
    method: 'PATCH',
    body: { Name: 'New' }
  });
  assert.equal(r.status, 204);
  const read = await call(s.url, `/services/data/v62.0/sobjects/Account/${id}?fields=Name`);
  assert.equal((read.json as { Name: string }).Name, 'New');
});

test('delete answers 204 and the record is gone', async () => {
  const created = await call(s.url, '/services/data/v62.0/sobjects/Account', {
    method: 'POST',
    body: { Name: 'Gone' }
  });
  const id = (created.json as { id: string }).id;
  assert.equal((await call(s.url, `/services/data/v62.0/sobjects/Account/${id}`, { method: 'DELETE' })).status, 204);
  assert.equal((await call(s.url, `/services/data/v62.0/sobjects/Account/${id}`)).status, 404);
});

test('a validation failure is a 400 with the status code and fields', async () => {
  const r = await call(s.url, '/services/data/v62.0/sobjects/Contact', { method: 'POST', body: { FirstName: 'No' } });
  assert.equal(r.status, 400);
  const [e] = r.json as Errors;
  assert.equal(e.errorCode, 'REQUIRED_FIELD_MISSING');
  assert.deepEqual(e.fields, ['LastName']);
});

test('an unknown field is a 400 INVALID_FIELD', async () => {
  const r = await call(s.url, '/services/data/v62.0/sobjects/Account', { method: 'POST', body: { Nme: 'x' } });
  assert.equal(r.status, 400);
  assert.equal((r.json as Errors)[0].errorCode, 'INVALID_FIELD');
});

test('a value of the wrong type is a 400 JSON_PARSER_ERROR', async () => {
  const r = await call(s.url, '/services/data/v62.0/sobjects/Visit__c', {
    method: 'POST',
    body: { Name: 'x', VisitDate__c: 'next tuesday' }
  });
  assert.equal(r.status, 400);
  assert.equal((r.json as Errors)[0].errorCode, 'JSON_PARSER_ERROR');
});

test('an unknown object is a 404', async () => {
  const r = await call(s.url, '/services/data/v62.0/sobjects/Nope__c', { method: 'POST', body: {} });
  assert.equal(r.status, 404);
});

test('a wrong verb on a record is a 405', async () => {
  const r = await call(s.url, '/services/data/v62.0/sobjects/Account', { method: 'DELETE' });
  assert.equal(r.status, 405);
});

test('a User can be created through the data API', async () => {
  const profile = (await call(s.url, q("SELECT Id FROM Profile WHERE Name = 'Standard User'"))).json as QueryResult;
  const r = await call(s.url, '/services/data/v62.0/sobjects/User', {
    method: 'POST',
    body: {
      Username: 'host.one@serve-test.example',
      Email: 'host.one@serve-test.example',
      LastName: 'One',
      FirstName: 'Host',
      Alias: 'hone',
      TimeZoneSidKey: 'America/New_York',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
      ProfileId: profile.records[0].Id
    }
  });
  assert.equal(r.status, 201, r.text);
  assert.match((r.json as { id: string }).id, /^005/);
});

test('upsert by External ID creates with 201, then updates with 200', async () => {
  const url = '/services/data/v62.0/sobjects/Visit__c/Uid__c/ext-42';
  const first = await call(s.url, url, { method: 'PATCH', body: { Name: 'first', Client__c: 'a' } });
  assert.equal(first.status, 201, first.text);
  const created = first.json as { id: string; created: boolean };
  assert.equal(created.created, true);
  const second = await call(s.url, url, { method: 'PATCH', body: { Name: 'second', Client__c: 'b' } });
  assert.equal(second.status, 200, second.text);
  assert.deepEqual(second.json, { id: created.id, success: true, errors: [], created: false });
  const read = await call(s.url, `/services/data/v62.0/sobjects/Visit__c/${created.id}?fields=Client__c`);
  assert.equal((read.json as { Client__c: string }).Client__c, 'b');
});
