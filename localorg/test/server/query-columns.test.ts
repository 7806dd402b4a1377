/** `columns=true` (the sf CLI's table layout) and the answers that tell the sf CLI this org is not a Dev Hub. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import { call, here, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer({ runtime: loadOrgRuntime([path.join(here, 'fixtures', 'devapi')]) });
});
after(async () => {
  await s.close();
});

interface Column {
  columnName: string;
  displayName: string;
  aggregate: boolean;
  joinColumns: Column[];
}
async function columns(soql: string): Promise<Column[]> {
  const r = await call(s.url, `/services/data/v68.0/query?q=${encodeURIComponent(soql)}&columns=true`);
  assert.equal(r.status, 200, r.text);
  return (r.json as { columnMetadata: Column[] }).columnMetadata;
}
const shape = (cs: Column[]): unknown =>
  cs.map((c) => [c.columnName, c.displayName, c.aggregate, ...(c.joinColumns.length ? [shape(c.joinColumns)] : [])]);

test('plain fields take the schema spelling; relationship paths nest under one column', async () => {
  assert.deepEqual(shape(await columns('select id, name, owner.name, owner.email, account__r.name from ticket__c')), [
    ['Id', 'Id', false],
    ['Name', 'Name', false],
    [
      'Owner',
      'Owner',
      false,
      [
        ['Name', 'Owner.Name', false],
        ['Email', 'Owner.Email', false]
      ]
    ],
    ['Account__r', 'Account__r', false, [['Name', 'Account__r.Name', false]]]
  ]);
});

test('aggregates are expr0… unless aliased; subqueries are aggregate columns with their own columns', async () => {
  assert.deepEqual(shape(await columns('SELECT COUNT(Id), MAX(Name) latest FROM Account')), [
    ['expr0', 'COUNT(Id)', true],
    ['latest', 'MAX(Name)', true]
  ]);
  assert.deepEqual(shape(await columns('SELECT Name, (SELECT LastName FROM Contacts) FROM Account')), [
    ['Name', 'Name', false],
    ['Contacts', 'Contacts', true, [['LastName', 'LastName', false]]]
  ]);
  assert.deepEqual(await columns('SELECT COUNT() FROM Account'), []);
});

test('every column carries a joinColumns array (the sf CLI crashes without one)', async () => {
  const all = await columns('SELECT FIELDS(STANDARD) FROM Ticket__c');
  assert.ok(all.length > 5);
  assert.ok(all.every((c) => Array.isArray(c.joinColumns)));
});

test('a malformed query with columns=true is MALFORMED_QUERY, not a 500', async () => {
  const r = await call(s.url, `/services/data/v68.0/query?q=${encodeURIComponent('SELECT FROM')}&columns=true`);
  assert.equal(r.status, 400);
  assert.equal((r.json as { errorCode: string }[])[0].errorCode, 'MALFORMED_QUERY');
});

test('Dev Hub objects are unknown to this org, so the sf CLI does not take it for a Dev Hub', async () => {
  for (const soql of ['SELECT Id FROM ScratchOrgInfo limit 1', 'SELECT Id FROM ActiveScratchOrg']) {
    const r = await call(s.url, `/services/data/v51.0/query?q=${encodeURIComponent(soql)}`);
    assert.equal(r.status, 400, soql);
    const [e] = r.json as { errorCode: string; message: string }[];
    assert.equal(e.errorCode, 'INVALID_TYPE');
    assert.match(e.message, /sObject type '\w+' is not supported/);
  }
});
