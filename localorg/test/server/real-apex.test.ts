import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import { call, FIXTURE_PROJECT, startTestServer, type TestServer } from './helpers.js';

// The same server driven by the real interpreter over a fixture project's Apex (fixtures/org/force-app/classes).
let s: TestServer;
before(async () => {
  s = await startTestServer({ runtime: loadOrgRuntime([FIXTURE_PROJECT]) });
});
after(async () => {
  await s.close();
});

const visits = async (): Promise<string[]> =>
  (
    (await call(s.url, `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Uid__c FROM Visit__c')}`)).json as {
      records: { Uid__c: string }[];
    }
  ).records.map((r) => r.Uid__c);

test('an @HttpPost method gets its JSON parameters and its return value is serialised', async () => {
  const r = await call(s.url, '/services/apexrest/visits', { method: 'POST', body: { uid: 'real-1', client: 'Ada' } });
  assert.equal(r.status, 200, r.text);
  const body = r.json as { outcome: string; visitId: string };
  assert.equal(body.outcome, 'created');
  assert.match(body.visitId, /^a[0-9A-Za-z]{17}$/);
});

test('an @HttpGet method reads RestContext.request', async () => {
  const r = await call(s.url, '/services/apexrest/visits/7?q=hello');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json, 'GET /visits/7 /services/apexrest/visits/* hello');
});

test('a void method sets status, header and body through RestContext.response', async () => {
  const r = await call(s.url, '/services/apexrest/visits/x', { method: 'PUT', rawBody: 'payload' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('x-seen'), 'payload');
  assert.equal(r.text, 'stored');
});

test('an unhandled exception is a 500 APEX_ERROR with the Apex stack line and nothing is kept', async () => {
  const r = await call(s.url, '/services/apexrest/visits/x', { method: 'DELETE' });
  assert.equal(r.status, 500);
  const [e] = r.json as { errorCode: string; message: string }[];
  assert.equal(e.errorCode, 'APEX_ERROR');
  assert.match(e.message, /^System\.NullPointerException: .*\n\nClass\.VisitResource\.fail: line 46, column \d+/);
  const q = await call(
    s.url,
    `/services/data/v62.0/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'Doomed'")}`
  );
  assert.equal((q.json as { totalSize: number }).totalSize, 0);
});

test('50 concurrent clients booking through Apex lose nothing and create no duplicates', async () => {
  const outcomes = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const own = await call(s.url, '/services/apexrest/visits', {
        method: 'POST',
        body: { uid: `c-own-${i}`, client: 'x' }
      });
      const shared = await call(s.url, '/services/apexrest/visits', {
        method: 'POST',
        body: { uid: `c-shared-${i % 10}`, client: 'x' }
      });
      return [own, shared].map((r) => (r.json as { outcome: string }).outcome);
    })
  );
  const flat = outcomes.flat();
  assert.equal(flat.filter((o) => o === 'created').length, 60);
  assert.equal(flat.filter((o) => o === 'duplicate').length, 40);
  const uids = (await visits()).filter((u) => u.startsWith('c-'));
  assert.equal(uids.length, 60);
  assert.equal(new Set(uids).size, 60);
});
