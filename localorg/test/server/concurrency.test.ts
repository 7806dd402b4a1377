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

test('50 concurrent clients posting bookings lose nothing and create no duplicates', async () => {
  // Every client books its own visit and one of ten visits that five clients book at once.
  const outcomes = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const own = await call(s.url, '/services/apexrest/visits', {
        method: 'POST',
        body: { uid: `own-${i}`, client: `c${i}` }
      });
      const shared = await call(s.url, '/services/apexrest/visits', {
        method: 'POST',
        body: { uid: `shared-${i % 10}`, client: `c${i}` }
      });
      return [own, shared].map((r) => (r.json as { outcome: string }).outcome);
    })
  );
  const flat = outcomes.flat();
  assert.equal(flat.filter((o) => o === 'created').length, 60);
  assert.equal(flat.filter((o) => o === 'duplicate').length, 40);
  const r = await call(s.url, `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Uid__c FROM Visit__c')}`);
  const uids = (r.json as { records: { Uid__c: string }[] }).records.map((x) => x.Uid__c);
  assert.equal(uids.length, 60);
  assert.equal(new Set(uids).size, 60);
});
