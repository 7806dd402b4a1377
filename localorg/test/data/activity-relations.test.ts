import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexRuntimeError, type Value } from '../../src/values/values.js';
import { dt, insert, newOrg, rec, rows } from './helpers.js';

function event(fields: Record<string, Value>) {
  return rec('Event', { StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 30, ...fields });
}

function refused(fn: () => unknown): { statusCode: string; message: string; fields: string[] } {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ApexRuntimeError, String(e));
    assert.equal(e.typeName, 'System.DmlException');
    return (e as ApexRuntimeError & { data: { dmlRows: { statusCode: string; message: string; fields: string[] }[] } })
      .data.dmlRows[0];
  }
  assert.fail('expected a DmlException');
}

test('an Event whose WhoId is a Lead cannot have a WhatId, on insert and on update', () => {
  const org = newOrg();
  const [lead] = insert(org, rec('Lead', { LastName: 'Lee', Company: 'Lee Co' }));
  const [account] = insert(org, rec('Account', { Name: 'Acme' }));
  const row = refused(() => insert(org, event({ WhoId: lead.id, WhatId: account.id })));
  assert.equal(row.statusCode, 'FIELD_INTEGRITY_EXCEPTION');
  assert.deepEqual(row.fields, ['WhatId']);
  const [kept] = insert(org, event({ WhoId: lead.id }));
  const change = rec('Event', { Id: kept.id, WhatId: account.id });
  assert.equal(refused(() => org.dml('update', [change], { allOrNone: true })).statusCode, 'FIELD_INTEGRITY_EXCEPTION');
});

test('an Event whose WhoId is a Contact may have a WhatId', () => {
  const org = newOrg();
  const [contact] = insert(org, rec('Contact', { LastName: 'Cole' }));
  const [account] = insert(org, rec('Account', { Name: 'Acme' }));
  insert(org, event({ WhoId: contact.id, WhatId: account.id }));
  assert.equal(rows(org, 'SELECT Id FROM Event WHERE WhatId != null').length, 1);
});

test('a private Event can be related to neither a person nor a record', () => {
  const org = newOrg();
  const [contact] = insert(org, rec('Contact', { LastName: 'Cole' }));
  const [account] = insert(org, rec('Account', { Name: 'Acme' }));
  const both = refused(() => insert(org, event({ IsPrivate: true, WhoId: contact.id, WhatId: account.id })));
  assert.equal(both.statusCode, 'FIELD_INTEGRITY_EXCEPTION');
  assert.deepEqual(both.fields, ['WhoId', 'WhatId']);
  assert.deepEqual(refused(() => insert(org, event({ IsPrivate: true, WhatId: account.id }))).fields, ['WhatId']);
  insert(org, event({ IsPrivate: true }));
  assert.equal(rows(org, 'SELECT Id FROM Event WHERE IsPrivate = true').length, 1);
});
