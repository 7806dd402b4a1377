import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeId } from '../../src/values/ids.js';
import { ApexId, SObject } from '../../src/values/values.js';
import { call, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => {
  await s.close();
});

const q = (soql: string, kind = 'query'): string => `/services/data/v62.0/${kind}?q=${encodeURIComponent(soql)}`;
type Page = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: { Id: string; Name?: string }[] };
type Errors = { errorCode: string; message: string }[];

function addAccounts(n: number, prefix: string): void {
  const rows = Array.from({ length: n }, (_, i) => {
    const a = new SObject('Account');
    a.set('Id', new ApexId(makeId('001', 500000 + i)));
    a.set('Name', `${prefix} ${i}`);
    return { sobjectType: 'Account', id: makeId('001', 500000 + i), after: a };
  });
  s.runtime.platform.applyCommitted(rows);
}

test('a query of more than 50,000 rows pages through nextRecordsUrl in batches of 2,000, as an org does', async () => {
  addAccounts(50_001, 'Paged');
  const first = await call(s.url, q("SELECT Id, Name FROM Account WHERE Name LIKE 'Paged %'"));
  assert.equal(first.status, 200, first.text.slice(0, 300));
  let page = first.json as Page;
  assert.equal(page.totalSize, 50_001);
  assert.equal(page.done, false);
  assert.equal(page.records.length, 2000);
  assert.match(page.nextRecordsUrl ?? '', /^\/services\/data\/v62\.0\/query\/01g[0-9A-Z]+-2000$/);
  const ids = new Set(page.records.map((r) => r.Id));
  let pages = 1;
  while (!page.done) {
    const r = await call(s.url, page.nextRecordsUrl!);
    assert.equal(r.status, 200);
    page = r.json as Page;
    page.records.forEach((x) => ids.add(x.Id));
    pages++;
  }
  assert.equal(pages, 26);
  assert.equal(ids.size, 50_001);
  assert.equal(page.nextRecordsUrl, undefined);
  // A used-up locator is refused like an org refuses it.
  const again = await call(s.url, '/services/data/v62.0/query/01gAAAAAAAAAAAAAAA-2000');
  assert.equal(again.status, 400);
  assert.equal((again.json as Errors)[0].errorCode, 'INVALID_QUERY_LOCATOR');
});

test('Sforce-Query-Options batchSize sets the page size (200 to 2,000)', async () => {
  const r = await call(s.url, q('SELECT Id FROM Account'), { headers: { 'Sforce-Query-Options': 'batchSize=500' } });
  const page = r.json as Page;
  assert.equal(page.records.length, 500);
  assert.match(page.nextRecordsUrl ?? '', /-500$/);
});

test('queryAll includes deleted rows; query does not', async () => {
  const created = await call(s.url, '/services/data/v62.0/sobjects/Contact', {
    method: 'POST',
    body: { LastName: 'Binned' }
  });
  const id = (created.json as { id: string }).id;
  assert.equal((await call(s.url, `/services/data/v62.0/sobjects/Contact/${id}`, { method: 'DELETE' })).status, 204);
  const soql = "SELECT Id FROM Contact WHERE LastName = 'Binned'";
  assert.equal(((await call(s.url, q(soql))).json as Page).totalSize, 0);
  assert.equal(((await call(s.url, q(soql, 'queryAll'))).json as Page).totalSize, 1);
});

test('DELETE of the admin User answers 405 as an org does, and the user stays', async () => {
  const users = (await call(s.url, q("SELECT Id FROM User WHERE Profile.Name = 'System Administrator'"))).json as Page;
  const id = users.records[0].Id;
  const r = await call(s.url, `/services/data/v62.0/sobjects/User/${id}`, { method: 'DELETE' });
  assert.equal(r.status, 405);
  assert.deepEqual(r.json, [
    { errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'DELETE' not allowed. Allowed are HEAD,GET,PATCH" }
  ]);
  assert.equal((await call(s.url, `/services/data/v62.0/sobjects/User/${id}?fields=Id`)).status, 200);
  const describe = (await call(s.url, '/services/data/v62.0/sobjects/User/describe')).json as { deletable: boolean };
  assert.equal(describe.deletable, false);
  const acc = (await call(s.url, '/services/data/v62.0/sobjects/Account/describe')).json as { deletable: boolean };
  assert.equal(acc.deletable, true);
});

test('a query nested 2,000 parentheses deep is refused at once as MALFORMED_QUERY', { timeout: 20_000 }, async () => {
  const soql = `SELECT Id FROM Account WHERE ${'('.repeat(2000)}Name = 'x'${')'.repeat(2000)}`;
  const r = await call(s.url, q(soql));
  assert.equal(r.status, 400);
  const [e] = r.json as Errors;
  assert.equal(e.errorCode, 'MALFORMED_QUERY');
  assert.match(e.message, /parentheses nest 2000 deep; localorg accepts at most 32/);
  // Parentheses inside a string literal are data, not nesting.
  const literal = await call(s.url, q(`SELECT Id FROM Account WHERE Name = '${'('.repeat(100)}'`));
  assert.equal(literal.status, 200);
});

test('a query over the platform length limit (100,000 characters) is refused before parsing', () => {
  // (Over HTTP a URL this long is refused first by Node's 16 KB header limit with 431.)
  const soql = `SELECT Id FROM Account WHERE Name = '${'x'.repeat(100_000)}'`;
  assert.throws(() => s.runtime.platform.queryText(soql), /the query is 100038 characters long; the limit is 100000/);
});

test('paths starting with // (the sf CLI keeps a trailing slash on the instance URL) are served', async () => {
  const r = await call(s.url, '//services/data');
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.json));
});

test('userinfo and the identity URL name the admin user and the org', async () => {
  const r = await call(s.url, '/services/oauth2/userinfo');
  assert.equal(r.status, 200);
  const info = r.json as { user_id: string; organization_id: string; preferred_username: string; sub: string };
  assert.match(info.user_id, /^005/);
  assert.match(info.organization_id, /^00D/);
  const id = await call(s.url, new URL(info.sub).pathname);
  assert.equal(id.status, 200);
  assert.equal((id.json as { username: string }).username, info.preferred_username);
  const user = await call(s.url, `/services/data/v51.0/sobjects/User/${info.user_id}`);
  assert.equal((user.json as { Username: string }).Username, info.preferred_username);
  assert.equal((await call(s.url, '/services/oauth2/userinfo', { token: 'wrong-token-123' })).status, 401);
  assert.equal((await call(s.url, `/id/${info.organization_id}/005000000000000AAA`)).status, 404);
});
