/** The front (main thread of `localorg serve`): what it answers itself, what it forwards, and how it fails. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createFront, type Front } from '../../src/server/front.js';
import type { IdentityFacts } from '../../src/server/identity.js';
import { call, TOKEN } from './helpers.js';

const facts: IdentityFacts = {
  orgId: '00D000000000001EAA',
  userId: '005000000000001AAA',
  username: 'admin@localorg.example',
  name: 'Local Admin',
  firstName: 'Local',
  lastName: 'Admin',
  email: 'admin@localorg.example',
  timeZone: 'America/Los_Angeles',
  language: 'en_US',
  locale: 'en_US'
};
const max = {
  queries: 100,
  queryRows: 50_000,
  dmlStatements: 150,
  dmlRows: 10_000,
  cpuTimeMs: 10_000,
  metadataQueries: 0,
  searches: 0
};

let org: http.Server;
let front: Front;
let url: string;
const forwarded: string[] = [];

const listen = (server: http.Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

before(async () => {
  org = http.createServer((req, res) => {
    forwarded.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Sforce-Limit-Info': 'api-usage=5/15000' });
    res.end(JSON.stringify({ from: 'org' }));
  });
  const orgPort = await listen(org);
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-assets-'));
  fs.mkdirSync(path.join(assets, 'styles'));
  fs.writeFileSync(path.join(assets, 'styles', 'slds.css'), 'body{}');
  front = createFront({ token: TOKEN, orgPort, limitsMax: max, identity: () => facts, assetsDir: assets });
  url = `http://127.0.0.1:${await listen(front.server)}`;
});

after(async () => {
  front.server.closeAllConnections();
  await new Promise((resolve) => front.server.close(resolve));
  await new Promise((resolve) => org.close(resolve));
});

test('the front answers versions, limits and userinfo itself, with a session, in the platform shapes', async () => {
  const before = forwarded.length;
  const anonymous = await call(url, '/services/data', { token: null });
  assert.equal(anonymous.status, 401);
  assert.equal((anonymous.json as { errorCode: string }[])[0].errorCode, 'INVALID_SESSION_ID');
  const versions = await call(url, '//services/data');
  assert.equal(versions.status, 200);
  assert.ok((versions.json as { version: string }[]).some((v) => v.version === '62.0'));
  const limits = await call(url, '/services/data/v62.0/limits');
  assert.equal((limits.json as { SyncApexLimits: { CpuTimeMs: number } }).SyncApexLimits.CpuTimeMs, 10_000);
  assert.match(limits.headers.get('x-localorg-limits') ?? '', /cpu-ms=0\/10000/);
  const post = await call(url, '/services/data', { method: 'POST', body: {} });
  assert.equal(post.status, 405);
  const userinfo = await call(url, '/services/oauth2/userinfo');
  assert.equal((userinfo.json as { user_id: string }).user_id, facts.userId);
  assert.match((userinfo.json as { sub: string }).sub, /^http:\/\/127\.0\.0\.1:\d+\/id\/00D000000000001EAA\//);
  const otherUser = await call(url, `/id/${facts.orgId}/005000000000009AAA`);
  assert.equal(otherUser.status, 404);
  assert.equal(forwarded.length, before, 'nothing of this reached the org');
});

test('static assets come from the assets folder and never from outside it', async () => {
  const css = await fetch(`${url}/assets/styles/slds.css`);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  assert.equal(await css.text(), 'body{}');
  const escape = await fetch(`${url}/assets/..%2f..%2fetc%2fpasswd`);
  assert.equal(escape.status, 404);
});

test('everything else goes to the org unchanged, and the usage header counts both sides', async () => {
  const r = await call(url, '/services/apexrest/visits?x=1', { method: 'POST', body: { uid: 'a' } });
  assert.deepEqual(r.json, { from: 'org' });
  assert.equal(forwarded.at(-1), `POST /services/apexrest/visits?x=1 Bearer ${TOKEN}`);
  const used = Number(/api-usage=(\d+)\/15000/.exec(r.headers.get('sforce-limit-info') ?? '')?.[1]);
  assert.ok(used > 5, `the org counted 5, the front its own: ${r.headers.get('sforce-limit-info')}`);
});

test('when the org thread is gone, a forwarded request gets 503 SERVER_UNAVAILABLE, not a hang', async () => {
  org.closeAllConnections();
  await new Promise((resolve) => org.close(resolve));
  const r = await call(url, '/services/data/v62.0/query?q=SELECT+Id+FROM+Account');
  assert.equal(r.status, 503);
  assert.equal((r.json as { errorCode: string }[])[0].errorCode, 'SERVER_UNAVAILABLE');
  org = http.createServer();
});

test('a WebSocket upgrade (Faye tries one before long polling) is refused with 405, not dropped', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${url}/cometd/62.0`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ=='
      }
    });
    req.on('response', (res) => resolve(res.statusCode ?? 0));
    req.on('upgrade', () => reject(new Error('upgraded')));
    req.on('error', reject);
    req.end();
  });
  assert.equal(status, 405);
});
