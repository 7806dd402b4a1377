import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseLocalOrgLimits } from '../../src/server/limits-headers.js';
import { call, startTestServer, TOKEN, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer({ maxBodyBytes: 1024 });
});
after(async () => {
  await s.close();
});

const q = (soql: string): string => `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;

test('a request without a bearer token is a 401 INVALID_SESSION_ID', async () => {
  const r = await call(s.url, '/services/data/v62.0/sobjects', { token: null });
  assert.equal(r.status, 401);
  assert.deepEqual(r.json, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
});

test('a wrong token is a 401 on Apex REST too', async () => {
  const r = await call(s.url, '/services/apexrest/echo/exact', { token: TOKEN + 'x' });
  assert.equal(r.status, 401);
});

test('the OAuth scheme is accepted like Bearer', async () => {
  const r = await call(s.url, '/services/apexrest/echo/exact', {
    token: null,
    headers: { Authorization: `OAuth ${TOKEN}` }
  });
  assert.equal(r.status, 200);
});

test('an unknown path under /services is a 404 NOT_FOUND', async () => {
  const r = await call(s.url, '/services/nope');
  assert.equal(r.status, 404);
  assert.equal((r.json as { errorCode: string }[])[0].errorCode, 'NOT_FOUND');
});

test('a body over the size limit is a 413 and the server keeps serving', async () => {
  const r = await call(s.url, '/services/apexrest/echo/x', { method: 'PUT', rawBody: 'x'.repeat(5000) });
  assert.equal(r.status, 413);
  assert.equal((r.json as { errorCode: string }[])[0].errorCode, 'REQUEST_ENTITY_TOO_LARGE');
  const next = await call(s.url, '/services/apexrest/echo/exact');
  assert.equal(next.status, 200);
});

test('every response carries X-LocalOrg-Limits, errors included', async () => {
  for (const r of [
    await call(s.url, '/services/apexrest/echo/exact'),
    await call(s.url, '/services/apexrest/none'),
    await call(s.url, '/services/data', { token: null })
  ]) {
    const limits = parseLocalOrgLimits(r.headers.get('x-localorg-limits') ?? '');
    assert.deepEqual(Object.keys(limits).sort(), ['cpu-ms', 'dml-rows', 'dml-statements', 'query-rows', 'soql']);
    assert.equal(limits.soql.max, 100);
  }
});

test('X-LocalOrg-Limits reports the SOQL and rows of that request only', async () => {
  const first = await call(s.url, q('SELECT Id, Name FROM Profile'));
  assert.equal(first.status, 200);
  const used = parseLocalOrgLimits(first.headers.get('x-localorg-limits') ?? '');
  assert.equal(used.soql.used, 1);
  assert.equal(used['query-rows'].used, (first.json as { totalSize: number }).totalSize);
  const second = await call(s.url, '/services/apexrest/echo/exact');
  assert.equal(parseLocalOrgLimits(second.headers.get('x-localorg-limits') ?? '').soql.used, 0);
});

test('Sforce-Limit-Info counts API requests', async () => {
  const a = await call(s.url, '/services/apexrest/echo/exact');
  const b = await call(s.url, '/services/apexrest/echo/exact');
  const n = (h: string | null): number => Number(/api-usage=(\d+)\/15000/.exec(h ?? '')?.[1]);
  assert.equal(n(b.headers.get('sforce-limit-info')), n(a.headers.get('sforce-limit-info')) + 1);
});
