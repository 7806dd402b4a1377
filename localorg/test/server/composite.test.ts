/** sObject Collections and sObject Tree: jsforce's collection calls, the sf CLI's tree shape, and bad input. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Connection } from 'jsforce';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import { call, here, startTestServer, TOKEN, type TestServer } from './helpers.js';

let s: TestServer;
let conn: Connection;
before(async () => {
  s = await startTestServer({ runtime: loadOrgRuntime([path.join(here, 'fixtures', 'devapi')]) });
  conn = new Connection({ instanceUrl: s.url, accessToken: TOKEN, version: '62.0' });
});
after(async () => {
  await s.close();
});

interface SaveResult {
  id: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}
const count = async (soql: string): Promise<number> => (await conn.query(soql)).totalSize;

test('jsforce create/update/upsert/retrieve/destroy of many records go through sObject Collections', async () => {
  const created = await conn.sobject('Ticket__c').create([{ Subject__c: 'one' }, { Subject__c: 'two' }]);
  assert.equal(created.length, 2);
  assert.ok(created.every((r) => r.success && /^a\w{17}$/.test(r.id ?? '')));
  const ids = created.map((r) => r.id!);
  const updated = await conn.sobject('Ticket__c').update(ids.map((Id) => ({ Id, Priority__c: 'High' })));
  assert.ok(updated.every((r) => r.success));
  const read = (await conn
    .sobject('Ticket__c')
    .retrieve(ids, { fields: ['Subject__c', 'Priority__c'] })) as unknown as {
    Subject__c: string;
    Priority__c: string;
  }[];
  assert.deepEqual(
    read.map((r) => [r.Subject__c, r.Priority__c]),
    [
      ['one', 'High'],
      ['two', 'High']
    ]
  );
  const upserted = (await conn.sobject('Ticket__c').upsert(
    [
      { ExternalKey__c: 'K-1', Subject__c: 'new by key' },
      { ExternalKey__c: 'K-1b', Subject__c: 'another' }
    ],
    'ExternalKey__c'
  )) as unknown as SaveResult[];
  assert.deepEqual(
    upserted.map((r) => [r.success, r.created]),
    [
      [true, true],
      [true, true]
    ]
  );
  const again = (await conn
    .sobject('Ticket__c')
    .upsert([{ ExternalKey__c: 'K-1', Subject__c: 'changed by key' }], 'ExternalKey__c')) as unknown as SaveResult[];
  assert.deepEqual([again[0].success, again[0].created], [true, false]);
  assert.equal(await count("SELECT Id FROM Ticket__c WHERE Subject__c = 'changed by key'"), 1);
  const destroyed = await conn.sobject('Ticket__c').destroy(ids);
  assert.ok(destroyed.every((r) => r.success));
  assert.equal(await count(`SELECT Id FROM Ticket__c WHERE Id IN ('${ids.join("','")}')`), 0);
});

test('without allOrNone a bad record fails alone; with allOrNone every record is rolled back', async () => {
  const body = (allOrNone: boolean): unknown => ({
    allOrNone,
    records: [
      { attributes: { type: 'Ticket__c' }, Subject__c: `kept ${allOrNone}` },
      { attributes: { type: 'Ticket__c' }, Priority__c: 'Low' },
      { attributes: { type: 'Account' }, Name: `acct ${allOrNone}` }
    ]
  });
  const partial = await call(s.url, '/services/data/v62.0/composite/sobjects', { method: 'POST', body: body(false) });
  assert.equal(partial.status, 200);
  const p = partial.json as SaveResult[];
  assert.deepEqual(
    p.map((r) => r.success),
    [true, false, true]
  );
  assert.equal(p[1].id, null);
  assert.equal(p[1].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
  assert.deepEqual(p[1].errors[0].fields, ['Subject__c']);
  const all = await call(s.url, '/services/data/v62.0/composite/sobjects', { method: 'POST', body: body(true) });
  assert.equal(all.status, 200);
  const a = all.json as SaveResult[];
  assert.deepEqual(
    a.map((r) => [r.success, r.id, r.errors[0]?.statusCode]),
    [
      [false, null, 'ALL_OR_NONE_OPERATION_ROLLED_BACK'],
      [false, null, 'REQUIRED_FIELD_MISSING'],
      [false, null, 'ALL_OR_NONE_OPERATION_ROLLED_BACK']
    ]
  );
  assert.equal(await count("SELECT Id FROM Ticket__c WHERE Subject__c = 'kept true'"), 0);
  assert.equal(await count("SELECT Id FROM Account WHERE Name = 'acct true'"), 0);
  assert.equal(await count("SELECT Id FROM Ticket__c WHERE Subject__c = 'kept false'"), 1);
});

test('collections: per-record errors for bad records, request errors for bad requests', async () => {
  const post = (body: unknown): ReturnType<typeof call> =>
    call(s.url, '/services/data/v62.0/composite/sobjects', { method: 'POST', body });
  const rows = await post({
    records: [
      { Subject__c: 'no type' },
      { attributes: { type: 'Nope__c' } },
      { attributes: { type: 'Ticket__c' }, Id: 'a00000000000001AAA', Subject__c: 'x' },
      { attributes: { type: 'Ticket__c' }, Bogus__c: 1 },
      { attributes: { type: 'Ticket__c' }, Subject__c: 'x', Name: 'T-1' }
    ]
  });
  assert.equal(rows.status, 200);
  assert.deepEqual(
    (rows.json as SaveResult[]).map((r) => [r.success, r.errors[0].statusCode]),
    [
      [false, 'INVALID_TYPE'],
      [false, 'INVALID_TYPE'],
      [false, 'INVALID_FIELD'],
      [false, 'INVALID_FIELD'],
      [false, 'INVALID_FIELD_FOR_INSERT_UPDATE']
    ]
  );
  const tooMany = await post({
    records: Array.from({ length: 201 }, () => ({ attributes: { type: 'Account' }, Name: 'x' }))
  });
  assert.equal(tooMany.status, 400);
  assert.equal((tooMany.json as { errorCode: string }[])[0].errorCode, 'EXCEEDED_ID_LIMIT');
  for (const bad of [{}, { records: {} }, { records: [], allOrNone: 'yes' }, [1]]) {
    const r = await post(bad);
    assert.equal(r.status, 400, JSON.stringify(bad));
    assert.equal((r.json as { errorCode: string }[])[0].errorCode, 'JSON_PARSER_ERROR');
  }
  const garbage = await call(s.url, '/services/data/v62.0/composite/sobjects', {
    method: 'POST',
    rawBody: '{not json',
    headers: { 'content-type': 'application/json' }
  });
  assert.equal(garbage.status, 400);
  const update = await call(s.url, '/services/data/v62.0/composite/sobjects', {
    method: 'PATCH',
    body: {
      records: [
        { attributes: { type: 'Ticket__c' }, Subject__c: 'no id' },
        { attributes: { type: 'Ticket__c' }, Id: 'zzz' }
      ]
    }
  });
  assert.deepEqual(
    (update.json as SaveResult[]).map((r) => r.errors[0].statusCode),
    ['MISSING_ARGUMENT', 'MALFORMED_ID']
  );
  const del = await call(s.url, '/services/data/v62.0/composite/sobjects?ids=garbage', { method: 'DELETE' });
  assert.equal((del.json as SaveResult[])[0].errors[0].statusCode, 'MALFORMED_ID');
  const noIds = await call(s.url, '/services/data/v62.0/composite/sobjects', { method: 'DELETE' });
  assert.equal(noIds.status, 400);
  const notKey = await call(s.url, '/services/data/v62.0/composite/sobjects/Ticket__c/Subject__c', {
    method: 'PATCH',
    body: { records: [] }
  });
  assert.equal((notKey.json as { errorCode: string }[])[0].errorCode, 'INVALID_FIELD');
  const get = await call(s.url, '/services/data/v62.0/composite/sobjects');
  assert.equal(get.status, 405);
});

test('deleting a user through collections fails for that record only', async () => {
  const users = await conn.query<{ Id: string }>('SELECT Id FROM User LIMIT 1');
  const r = await call(s.url, `/services/data/v62.0/composite/sobjects?ids=${users.records[0].Id}`, {
    method: 'DELETE'
  });
  const [row] = r.json as SaveResult[];
  assert.equal(row.success, false);
  assert.equal(row.errors[0].statusCode, 'INVALID_TYPE_FOR_OPERATION');
  assert.equal(await count(`SELECT Id FROM User WHERE Id = '${users.records[0].Id}'`), 1);
});

test('composite/tree creates nested records all or nothing, as sf data import tree sends them', async () => {
  const tree = {
    records: [
      {
        attributes: { type: 'Account', referenceId: 'acc1' },
        Name: 'Tree Co',
        Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'con1' }, LastName: 'Leaf' }] },
        Tickets__r: { records: [{ attributes: { type: 'Ticket__c', referenceId: 't1' }, Subject__c: 'tree ticket' }] }
      },
      { attributes: { type: 'Account', referenceId: 'acc2' }, Name: 'Second Tree Co' }
    ]
  };
  const r = await call(s.url, '/services/data/v62.0/composite/tree/Account', { method: 'POST', body: tree });
  assert.equal(r.status, 201, r.text);
  const out = r.json as { hasErrors: boolean; results: { referenceId: string; id: string }[] };
  assert.equal(out.hasErrors, false);
  assert.deepEqual(
    out.results.map((x) => x.referenceId),
    ['acc1', 'acc2', 'con1', 't1']
  );
  const acc = out.results[0].id;
  assert.equal(await count(`SELECT Id FROM Contact WHERE AccountId = '${acc}' AND LastName = 'Leaf'`), 1);
  assert.equal(await count(`SELECT Id FROM Ticket__c WHERE Account__c = '${acc}'`), 1);
});

test('composite/tree: a failing record names its referenceId and nothing is kept', async () => {
  const r = await call(s.url, '/services/data/v62.0/composite/tree/Account', {
    method: 'POST',
    body: {
      records: [
        {
          attributes: { type: 'Account', referenceId: 'ok' },
          Name: 'Never kept',
          Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'noLastName' }, FirstName: 'X' }] }
        }
      ]
    }
  });
  assert.equal(r.status, 400);
  const out = r.json as {
    hasErrors: boolean;
    results: { referenceId: string; errors: { statusCode: string; fields: string[] }[] }[];
  };
  assert.equal(out.hasErrors, true);
  assert.equal(out.results[0].referenceId, 'noLastName');
  assert.equal(out.results[0].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
  assert.ok(Array.isArray(out.results[0].errors[0].fields));
  assert.equal(await count("SELECT Id FROM Account WHERE Name = 'Never kept'"), 0);
});

test('composite/tree refuses bad trees precisely', async () => {
  const tree = (records: unknown, type = 'Account'): ReturnType<typeof call> =>
    call(s.url, `/services/data/v62.0/composite/tree/${type}`, { method: 'POST', body: { records } });
  const dup = await tree([
    { attributes: { type: 'Account', referenceId: 'r' }, Name: 'a' },
    { attributes: { type: 'Account', referenceId: 'r' }, Name: 'b' }
  ]);
  assert.equal(dup.status, 400);
  assert.match(JSON.stringify(dup.json), /Duplicate ReferenceId/);
  const noRef = await tree([{ attributes: { type: 'Account' }, Name: 'a' }]);
  assert.equal(noRef.status, 400);
  assert.equal((noRef.json as { errorCode: string }[])[0].errorCode, 'INVALID_INPUT');
  const wrongType = await tree([{ attributes: { type: 'Contact', referenceId: 'w' }, LastName: 'a' }]);
  assert.equal(wrongType.status, 400);
  assert.equal((wrongType.json as { results: { referenceId: string }[] }).results[0].referenceId, 'w');
  const unknownField = await tree([{ attributes: { type: 'Account', referenceId: 'u' }, Nope__c: 1 }]);
  assert.equal(
    (unknownField.json as { results: { errors: { statusCode: string }[] }[] }).results[0].errors[0].statusCode,
    'INVALID_FIELD'
  );
  const big = await tree(
    Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account', referenceId: `b${i}` }, Name: 'x' }))
  );
  assert.equal(big.status, 400);
  assert.equal((await tree({})).status, 400);
  assert.equal((await tree([], 'Nope__c')).status, 404);
  assert.equal((await call(s.url, '/services/data/v62.0/composite/tree/Account')).status, 405);
  assert.equal(await count("SELECT Id FROM Account WHERE Name = 'x'"), 0);
});
