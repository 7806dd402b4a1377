import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Connection } from 'jsforce';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import { FIXTURE_PROJECT, startTestServer, TOKEN, type TestServer } from './helpers.js';

let s: TestServer;
let conn: Connection;
before(async () => {
  s = await startTestServer({ runtime: loadOrgRuntime([FIXTURE_PROJECT]) });
  conn = new Connection({ instanceUrl: s.url, accessToken: TOKEN, version: '62.0' });
});
after(async () => {
  await s.close();
});

test('jsforce conn.query reads records', async () => {
  const r = await conn.query<{ Name: string }>("SELECT Id, Name FROM Profile WHERE Name = 'System Administrator'");
  assert.equal(r.totalSize, 1);
  assert.equal(r.records[0].Name, 'System Administrator');
});

test('jsforce sobject().create inserts a record', async () => {
  const r = await conn.sobject('Account').create({ Name: 'Created by jsforce' });
  assert.equal(r.success, true);
  const back = await conn.query<{ Name: string }>(`SELECT Name FROM Account WHERE Id = '${r.id}'`);
  assert.equal(back.records[0].Name, 'Created by jsforce');
});

test('jsforce conn.apex.post calls an Apex REST resource', async () => {
  const r = await conn.apex.post<{ outcome: string }>('/visits', { uid: 'jsforce-1', client: 'jsforce' });
  assert.equal(r.outcome, 'created');
});

test('jsforce conn.apex.get calls an @HttpGet method', async () => {
  assert.equal(await conn.apex.get<string>('/visits/9?q=hi'), 'GET /visits/9 /services/apexrest/visits/* hi');
});

test('jsforce surfaces the platform error code of a bad query', async () => {
  await assert.rejects(
    async () => await conn.query('SELECT Nope__c FROM Account'),
    (e: unknown) => (e as { errorCode?: string }).errorCode === 'INVALID_FIELD'
  );
});

test('jsforce with a wrong token gets INVALID_SESSION_ID', async () => {
  const bad = new Connection({ instanceUrl: s.url, accessToken: 'wrong-token-xyz', version: '62.0' });
  await assert.rejects(
    async () => await bad.query('SELECT Id FROM User'),
    (e: unknown) => (e as { errorCode?: string }).errorCode === 'INVALID_SESSION_ID'
  );
});
