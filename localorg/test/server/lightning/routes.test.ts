/**
 * The Lightning shell's routes over HTTP with the package's real Apex: frontdoor sign-in and its bad cases, pages
 * without a session, the Apex bridge's success and error shapes, the UI API for records, and page errors. The bundle
 * is a stand-in folder (the browser suite under tests/browser covers the compiled one).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { findToolchain } from '../../../src/lightning/build/toolchain.js';
import { readUiMetadata } from '../../../src/lightning/metadata/project-ui.js';
import { discoverSources } from '../../../src/syntax/sources.js';
import { loadOrgRuntime } from '../../../src/server/org-runtime.js';
import { createLightningRoutes } from '../../../src/server/lightning/routes.js';
import { SessionStore } from '../../../src/server/lightning/sessions.js';
import { REPO_ROOT, startTestServer, TOKEN, type TestServer } from '../helpers.js';

let server: TestServer;
let cookie = '';
const logged: string[] = [];
const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lightning-bundle-'));

before(async () => {
  fs.writeFileSync(path.join(bundleDir, 'entry.js'), 'export {};\n');
  const runtime = loadOrgRuntime([REPO_ROOT]);
  const lightning = createLightningRoutes({
    ui: readUiMetadata(discoverSources(REPO_ROOT)),
    bundle: { status: { state: 'ready', hash: 'abc123', dir: bundleDir } },
    sessions: new SessionStore(TOKEN),
    platform: runtime.platform,
    apex: runtime.apex,
    designSystemAssets: findToolchain().designSystemAssets,
    log: (line) => logged.push(line)
  });
  server = await startTestServer({ runtime, lightning });
  const signIn = await fetch(`${server.url}/secur/frontdoor.jsp?sid=${encodeURIComponent(TOKEN)}&retURL=/lightning`, {
    redirect: 'manual'
  });
  cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
});

after(async () => {
  await server.close();
  fs.rmSync(bundleDir, { recursive: true, force: true });
});

async function get(pathname: string, withCookie = true): Promise<Response> {
  return fetch(server.url + pathname, { redirect: 'manual', headers: withCookie ? { cookie } : {} });
}

async function apex(body: unknown, raw?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/lightning/apex`, {
    method: 'POST',
    headers: { cookie, 'Content-Type': 'application/json' },
    body: raw ?? JSON.stringify(body)
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

test('frontdoor with the token sets an HttpOnly SameSite=Strict session cookie and redirects to retURL', async () => {
  const res = await fetch(
    `${server.url}/secur/frontdoor.jsp?sid=${encodeURIComponent(TOKEN)}&retURL=/lightning/n/BookingSyncAdmin`,
    {
      redirect: 'manual'
    }
  );
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), '/lightning/n/BookingSyncAdmin');
  assert.match(res.headers.get('set-cookie') ?? '', /^sid=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
});

test('frontdoor refuses a missing sid, a wrong sid and an off-site retURL with error pages and no cookie', async () => {
  for (const [query, status, text] of [
    ['', 400, 'Missing session id'],
    ['?sid=nope', 401, 'Invalid session id'],
    [`?sid=${encodeURIComponent(TOKEN)}&retURL=https://evil.example/`, 400, 'Invalid retURL'],
    [`?sid=${encodeURIComponent(TOKEN)}&retURL=//evil.example/`, 400, 'Invalid retURL']
  ] as const) {
    const res = await fetch(`${server.url}/secur/frontdoor.jsp${query}`, { redirect: 'manual' });
    assert.equal(res.status, status, query);
    assert.equal(res.headers.get('set-cookie'), null, query);
    assert.match(await res.text(), new RegExp(text), query);
  }
});

test('pages and calls without a session answer 401 (HTML for pages, JSON for calls)', async () => {
  const page = await get('/lightning/n/BookingSyncAdmin', false);
  assert.equal(page.status, 401);
  assert.match(await page.text(), /Sign in first/);
  const call = await fetch(`${server.url}/lightning/apex`, { method: 'POST', body: '{}' });
  assert.equal(call.status, 401);
  assert.deepEqual(await call.json(), { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' });
});

test('a tab page carries the app navigation and the bundle entry; unknown tabs and records are 404 pages', async () => {
  const res = await get('/lightning/n/BookingSyncAdmin');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /\/lightning\/_bundle\/abc123\/entry\.js/);
  assert.match(html, /salesforce-lightning-design-system\.min\.css/);
  const config = JSON.parse(/<script type="application\/json" id="localorg-page">(.*?)<\/script>/s.exec(html)![1]) as {
    app: { label: string; tabs: { label: string; url: string }[] };
    page: { component: string };
  };
  assert.equal(config.app.label, 'Booking Sync');
  assert.deepEqual(config.app.tabs.map((t) => t.url).slice(0, 3), [
    '/lightning/n/BookingSyncAdmin',
    '/lightning/o/Lead/home',
    '/lightning/o/Contact/home'
  ]);
  assert.equal(config.page.component, 'c/bookingSyncAdmin');
  assert.equal((await get('/lightning/n/NoSuchTab')).status, 404);
  assert.equal((await get('/lightning/r/Contact/003000000000000AAA/view')).status, 404);
  assert.equal((await get('/lightning/r/Contact/not-an-id/view')).status, 404);
  assert.equal((await get('/lightning/x/y')).status, 404);
  const home = await get('/lightning');
  assert.equal(home.status, 302);
  assert.equal(home.headers.get('location'), '/lightning/n/BookingSyncAdmin');
});

test('the bundle and design-system assets are served; paths cannot leave their folders', async () => {
  assert.equal((await get('/lightning/_bundle/abc123/entry.js')).status, 200);
  assert.equal((await get('/lightning/_bundle/other/entry.js')).status, 404);
  assert.equal((await get('/lightning/_bundle/abc123/..%2F..%2Fetc%2Fpasswd')).status, 404);
  const css = await get('/assets/styles/salesforce-lightning-design-system.min.css', false);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  assert.equal((await get('/assets/..%2F..%2Fpackage.json', false)).status, 404);
});

test('an @AuraEnabled call returns its value; AuraHandledException reaches the client as body.message', async () => {
  const ok = await apex({ classname: 'BookingSyncAdminController', method: 'getLog', params: {} });
  assert.equal(ok.status, 200);
  const page = ok.json.returnValue as { rows: unknown[]; counts: { outcome: string }[] };
  assert.deepEqual(page.rows, []);
  assert.ok(page.counts.some((c) => c.outcome === 'rejected'));
  const bad = await apex({
    classname: 'BookingSyncAdminController',
    method: 'getLog',
    params: { fromDate: '2026-12-05', toDate: '2026-12-01' }
  });
  assert.equal(bad.status, 500);
  assert.match(String(bad.json.message), /after the end date/);
  assert.equal(bad.json.exceptionType, 'System.AuraHandledException');
  assert.equal(bad.json.stackTrace, undefined, 'no stack trace for a handled exception');
});

test('the bridge refuses bad calls precisely: unknown method, @wire of a non-cacheable method, bad JSON, bad params', async () => {
  const unknown = await apex({ classname: 'BookingSyncAdminController', method: 'nope' });
  assert.equal(unknown.status, 404);
  assert.match(String(unknown.json.message), /No @AuraEnabled static method BookingSyncAdminController\.nope/);
  const wired = await apex({ classname: 'BookingSyncAdminController', method: 'replay', params: {}, wired: true });
  assert.equal(wired.status, 400);
  assert.match(String(wired.json.message), /not marked @AuraEnabled\(cacheable=true\)/);
  assert.equal((await apex(null, '{oops')).status, 400);
  assert.equal((await apex({ classname: 'BookingSyncAdminController' })).status, 400);
  const badParam = await apex({
    classname: 'BookingSyncAdminController',
    method: 'getLog',
    params: { fromDate: 'soon' }
  });
  assert.equal(badParam.status, 400);
  assert.match(String(badParam.json.message), /Cannot deserialize parameter fromDate as Date/);
});

test('the UI API reads and updates a record and reports bad fields in its error shape', async () => {
  const created = await fetch(`${server.url}/services/data/v68.0/sobjects/Contact`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ LastName: 'Lovelace', Email: 'ada@analytical.example' })
  });
  assert.equal(created.status, 201);
  const id = ((await created.json()) as { id: string }).id;
  const read = await get(`/lightning/ui-api/records/${id}?fields=Contact.LastName&optionalFields=Contact.Nope__c`);
  assert.equal(read.status, 200);
  const record = (await read.json()) as { apiName: string; fields: Record<string, { value: unknown }> };
  assert.equal(record.apiName, 'Contact');
  assert.ok(typeof record.fields.LastName.value === 'string');
  assert.equal(record.fields.Nope__c, undefined, 'a missing optional field is skipped');
  const badField = await get(`/lightning/ui-api/records/${id}?fields=Contact.Nope__c`);
  assert.equal(badField.status, 400);
  assert.equal(((await badField.json()) as { errorCode: string }).errorCode, 'INVALID_FIELD');
  const patched = await fetch(`${server.url}/lightning/ui-api/records/${id}`, {
    method: 'PATCH',
    headers: { cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ fields: { Title: 'Head of Scheduling' } })
  });
  assert.equal(patched.status, 200);
  assert.equal(
    ((await patched.json()) as { fields: { Title: { value: string } } }).fields.Title.value,
    'Head of Scheduling'
  );
  const badId = await get('/lightning/ui-api/records/zzz');
  assert.equal(badId.status, 400);
});

test('browser errors posted by a page reach the server log', async () => {
  const res = await fetch(`${server.url}/lightning/_log`, {
    method: 'POST',
    headers: { cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'This page has an error', message: 'boom', page: '/lightning/n/X' })
  });
  assert.equal(res.status, 204);
  assert.ok(logged.some((l) => l.includes('browser error on /lightning/n/X') && l.includes('boom')));
});
