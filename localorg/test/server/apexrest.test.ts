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

test('GET is dispatched by urlMapping with RestContext filled', async () => {
  const r = await call(s.url, '/services/apexrest/echo/items/42?status=open', { headers: { 'X-Probe': 'p1' } });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, {
    uri: '/echo/items/42',
    resourcePath: '/services/apexrest/echo/*',
    method: 'GET',
    params: { status: 'open' },
    probe: 'p1',
    remote: '127.0.0.1'
  });
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
});

test('the exact mapping wins over the wildcard', async () => {
  const r = await call(s.url, '/services/apexrest/echo/exact');
  assert.equal(r.json, 'exact');
});

test('HEAD is served by the @HttpGet method without a body', async () => {
  const r = await call(s.url, '/services/apexrest/echo/x', { method: 'HEAD' });
  assert.equal(r.status, 200);
  assert.equal(r.text, '');
});

test('JSON parameters are bound by name and requestBody stays null', async () => {
  const r = await call(s.url, '/services/apexrest/echo/x', { method: 'POST', body: { count: 3, name: 'Ada' } });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { greeting: 'hello Ada', count: 3, bodySeen: false });
});

test('a parameter missing from the body is bound to null', async () => {
  const r = await call(s.url, '/services/apexrest/echo/x', { method: 'POST', body: { name: 'Ada' } });
  assert.deepEqual(r.json, { greeting: 'hello Ada', count: null, bodySeen: false });
});

test('an unknown parameter is a 400 JSON_PARSER_ERROR', async () => {
  const r = await call(s.url, '/services/apexrest/echo/x', { method: 'POST', body: { name: 'Ada', colour: 'red' } });
  assert.equal(r.status, 400);
  assert.deepEqual(
    (r.json as { errorCode: string }[]).map((e) => e.errorCode),
    ['JSON_PARSER_ERROR']
  );
  assert.match((r.json as { message: string }[])[0].message, /colour/);
});

test('a parameter of the wrong type is a 400 JSON_PARSER_ERROR naming it', async () => {
  const r = await call(s.url, '/services/apexrest/echo/x', { method: 'POST', body: { name: 'Ada', count: 'many' } });
  assert.equal(r.status, 400);
  assert.match((r.json as { message: string }[])[0].message, /count/);
});

test('malformed JSON is a 400 JSON_PARSER_ERROR', async () => {
  const r = await call(s.url, '/services/apexrest/echo/x', { method: 'POST', rawBody: '{"name": ' });
  assert.equal(r.status, 400);
  assert.equal((r.json as { errorCode: string }[])[0].errorCode, 'JSON_PARSER_ERROR');
});

test('a method without parameters reads requestBody and sets status, headers and responseBody', async () => {
  const r = await call(s.url, '/services/apexrest/echo/x', { method: 'PUT', rawBody: 'plain bytes' });
  assert.equal(r.status, 202);
  assert.equal(r.headers.get('x-echo'), 'yes');
  assert.equal(r.text, 'plain bytes');
});

test('a verb the resource lacks is a 405 naming the allowed ones', async () => {
  const r = await call(s.url, '/services/apexrest/echo/exact', { method: 'DELETE' });
  assert.equal(r.status, 405);
  const [e] = r.json as { errorCode: string; message: string }[];
  assert.equal(e.errorCode, 'METHOD_NOT_ALLOWED');
  assert.match(e.message, /GET/);
  assert.match(r.headers.get('allow') ?? '', /GET, HEAD/);
});

test('an unknown path is a 404 NOT_FOUND', async () => {
  const r = await call(s.url, '/services/apexrest/nothing/here');
  assert.equal(r.status, 404);
  assert.equal((r.json as { errorCode: string }[])[0].errorCode, 'NOT_FOUND');
});

test('a mapping declared without a leading slash is served', async () => {
  const r = await call(s.url, '/services/apexrest/relative/x');
  assert.equal(r.json, 'relative');
});

test('an unhandled Apex exception is a 500 APEX_ERROR with type, message and stack', async () => {
  const r = await call(s.url, '/services/apexrest/boom', { method: 'POST' });
  assert.equal(r.status, 500);
  assert.deepEqual(r.json, [
    {
      errorCode: 'APEX_ERROR',
      message:
        'System.NullPointerException: Attempt to de-reference a null object\n\nClass.Boom.explode: line 7, column 1'
    }
  ]);
});

test('an unhandled Apex exception rolls back what the request wrote', async () => {
  await call(s.url, '/services/apexrest/boom', { method: 'POST' });
  const q = await call(
    s.url,
    `/services/data/v62.0/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'Written before the failure'")}`
  );
  assert.equal((q.json as { totalSize: number }).totalSize, 0);
});

test('a committed request is visible to the next one', async () => {
  const r = await call(s.url, '/services/apexrest/visits', { method: 'POST', body: { uid: 'v-commit', client: 'c' } });
  assert.equal((r.json as { outcome: string }).outcome, 'created');
  const again = await call(s.url, '/services/apexrest/visits', {
    method: 'POST',
    body: { uid: 'v-commit', client: 'c' }
  });
  assert.equal((again.json as { outcome: string }).outcome, 'duplicate');
});
