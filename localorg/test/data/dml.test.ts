import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApexDatetime, ApexId, ApexRuntimeError, Decimal } from '../../src/values/values.js';
import { dmlError } from './dml-errors.js';
import { ALL_OR_NONE, dt, FakeTriggers, insert, newOrg, PARTIAL, rec, rows } from './helpers.js';

test('insert assigns an 18-character Id with the object key prefix to the caller record', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'Doe' }));
  assert.ok(c.id instanceof ApexId);
  assert.equal(c.id.value.length, 18);
  assert.equal(c.id.keyPrefix, '003');
});

test('insert sets audit fields and the running user as owner', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'Doe' }));
  const [r] = rows(org, `SELECT OwnerId, CreatedById, CreatedDate FROM Contact WHERE Id = '${c.id!.value}'`);
  assert.equal((r.get('OwnerId') as ApexId).value, org.user.id.value);
  assert.equal((r.get('CreatedById') as ApexId).value, org.user.id.value);
  assert.ok(r.get('CreatedDate') instanceof ApexDatetime);
});

test('Contact Name is derived from FirstName and LastName', () => {
  const org = newOrg();
  insert(org, rec('Contact', { FirstName: 'Ada', LastName: 'Lovelace' }));
  assert.equal(rows(org, 'SELECT Name FROM Contact')[0].get('Name'), 'Ada Lovelace');
});

test('a missing required field fails with REQUIRED_FIELD_MISSING and the platform message', () => {
  const org = newOrg();
  const e = dmlError(() => org.dml('insert', [rec('Contact', { FirstName: 'x' })], ALL_OR_NONE));
  assert.equal(
    e.message,
    'Insert failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [LastName]: [LastName]'
  );
  assert.deepEqual(e.data.dmlRows[0], {
    index: 0,
    id: null,
    statusCode: 'REQUIRED_FIELD_MISSING',
    message: 'Required fields are missing: [LastName]',
    fields: ['LastName']
  });
});

test('Lead requires Company and LastName and defaults Status', () => {
  const org = newOrg();
  const e = dmlError(() => org.dml('insert', [rec('Lead', { FirstName: 'x' })], ALL_OR_NONE));
  assert.deepEqual(e.data.dmlRows[0].fields, ['LastName', 'Company']);
  insert(org, rec('Lead', { LastName: 'L', Company: 'C' }));
  assert.equal(rows(org, 'SELECT Status FROM Lead')[0].get('Status'), 'Open - Not Contacted');
});

test('text longer than the field fails with STRING_TOO_LONG', () => {
  const org = newOrg();
  const e = dmlError(() => insert(org, rec('Widget__c', { Name: 'w', Code__c: 'ABCDEFGHIJK' })));
  assert.equal(e.data.dmlRows[0].statusCode, 'STRING_TOO_LONG');
  assert.equal(e.data.dmlRows[0].message, 'Code: data value too large: ABCDEFGHIJK (max length=10)');
});

test('a value outside a restricted picklist fails', () => {
  const org = newOrg();
  const e = dmlError(() => insert(org, rec('Widget__c', { Name: 'w', Status__c: 'Maybe' })));
  assert.equal(e.data.dmlRows[0].statusCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  assert.equal(e.data.dmlRows[0].message, 'Status: bad value for restricted picklist field: Maybe');
});

test('an unrestricted picklist accepts any value', () => {
  const org = newOrg();
  insert(org, rec('Account', { Name: 'a', Industry: 'Space Mining' }));
  assert.equal(rows(org, 'SELECT Industry FROM Account')[0].get('Industry'), 'Space Mining');
});

test('a malformed email fails with INVALID_EMAIL_ADDRESS', () => {
  const org = newOrg();
  const e = dmlError(() => insert(org, rec('Contact', { LastName: 'x', Email: 'not-an-email' })));
  assert.equal(e.data.dmlRows[0].statusCode, 'INVALID_EMAIL_ADDRESS');
});

test('a number beyond its precision fails with NUMBER_OUTSIDE_VALID_RANGE', () => {
  const org = newOrg();
  const e = dmlError(() => insert(org, rec('Widget__c', { Name: 'w', Amount__c: Decimal.parse('1234.5') })));
  assert.equal(e.data.dmlRows[0].statusCode, 'NUMBER_OUTSIDE_VALID_RANGE');
});

test('a duplicate unique value fails with DUPLICATE_VALUE, case-insensitively by default', () => {
  const org = newOrg();
  const [w] = insert(org, rec('Widget__c', { Name: 'a', Code__c: 'abc' }));
  const e = dmlError(() => insert(org, rec('Widget__c', { Name: 'b', Code__c: 'ABC' })));
  assert.equal(e.data.dmlRows[0].statusCode, 'DUPLICATE_VALUE');
  assert.equal(
    e.data.dmlRows[0].message,
    `duplicate value found: Code__c duplicates value on record with id: ${w.id!.value}`
  );
});

test('a case-sensitive unique field accepts values differing only in case', () => {
  const org = newOrg();
  const ev = (uid: string) =>
    rec('Event', { Uid__c: uid, StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 5 });
  insert(org, ev('abc'), ev('ABC'));
  assert.equal(rows(org, 'SELECT Id FROM Event').length, 2);
});

test('a lookup to the wrong object type fails', () => {
  const org = newOrg();
  const [a] = insert(org, rec('Account', { Name: 'a' }));
  const e = dmlError(() =>
    insert(org, rec('Event', { WhoId: a.id, StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 5 }))
  );
  assert.equal(e.data.dmlRows[0].statusCode, 'FIELD_INTEGRITY_EXCEPTION');
  assert.deepEqual(e.data.dmlRows[0].fields, ['WhoId']);
});

test('a lookup to a record that does not exist fails with INVALID_CROSS_REFERENCE_KEY', () => {
  const org = newOrg();
  const ghost = new ApexId(org.store.nextId('001').value);
  const e = dmlError(() => insert(org, rec('Contact', { LastName: 'x', AccountId: ghost })));
  assert.equal(e.data.dmlRows[0].statusCode, 'INVALID_CROSS_REFERENCE_KEY');
});

test('insert with an Id fails', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  const e = dmlError(() => insert(org, rec('Contact', { LastName: 'y', Id: c.id })));
  assert.equal(e.data.dmlRows[0].statusCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
});

test('allOrNone rolls back every row of the statement and leaves caller Ids unset', () => {
  const org = newOrg();
  const good = rec('Contact', { LastName: 'good' });
  dmlError(() => org.dml('insert', [good, rec('Contact', {})], ALL_OR_NONE));
  assert.equal(good.id, null);
  assert.equal(rows(org, 'SELECT Id FROM Contact').length, 0);
});

test('partial success saves the good rows and reports the bad ones', () => {
  const org = newOrg();
  const res = org.dml('insert', [rec('Contact', { LastName: 'ok' }), rec('Contact', {})], PARTIAL);
  assert.equal(res[0].success, true);
  assert.equal(res[1].success, false);
  assert.equal(res[1].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
  assert.equal(rows(org, 'SELECT Id FROM Contact').length, 1);
});

test('partial success retries the good rows and fires their triggers again', () => {
  const org = newOrg();
  const triggers = new FakeTriggers().on('Contact', 'before insert', (inv) => {
    for (const r of inv.newRecords!) if (r.get('LastName') === 'bad') r.errors.push({ message: 'no bad names' });
  });
  org.setTriggerHost(triggers);
  const res = org.dml('insert', [rec('Contact', { LastName: 'ok' }), rec('Contact', { LastName: 'bad' })], PARTIAL);
  assert.deepEqual(
    res.map((r) => r.success),
    [true, false]
  );
  assert.equal(res[1].errors[0].statusCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
  assert.equal(res[1].errors[0].message, 'no bad names');
  assert.deepEqual(
    triggers.calls.map((c) => c.size),
    [2, 1]
  );
});

test('triggers fire in order of execution: before, validation, save, after', () => {
  const org = newOrg();
  const seen: string[] = [];
  const triggers = new FakeTriggers()
    .on('Contact', 'before insert', (inv) => {
      seen.push('before');
      for (const r of inv.newRecords!) r.set('LastName', 'FromTrigger'); // fixes the missing required field
    })
    .on('Contact', 'after insert', (inv) => {
      seen.push(`after:${inv.newRecords![0].id ? 'has id' : 'no id'}`);
    });
  org.setTriggerHost(triggers);
  insert(org, rec('Contact', {}));
  assert.deepEqual(seen, ['before', 'after:has id']);
  assert.equal(rows(org, 'SELECT LastName FROM Contact')[0].get('LastName'), 'FromTrigger');
});

test('triggers run in chunks of 200 records', () => {
  const org = newOrg();
  const triggers = new FakeTriggers().on('Account', 'before insert', () => {});
  org.setTriggerHost(triggers);
  insert(org, ...Array.from({ length: 450 }, (_, i) => rec('Account', { Name: `a${i}` })));
  assert.deepEqual(
    triggers.calls.map((c) => c.size),
    [200, 200, 50]
  );
});

test('update triggers receive old and new values', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'Before' }));
  let seen: unknown[] = [];
  org.setTriggerHost(
    new FakeTriggers().on('Contact', 'before update', (inv) => {
      seen = [inv.oldRecords![0].get('LastName'), inv.newRecords![0].get('LastName')];
    })
  );
  org.dml('update', [rec('Contact', { Id: c.id, LastName: 'After' })], ALL_OR_NONE);
  assert.deepEqual(seen, ['Before', 'After']);
});

test('update keeps fields the caller did not set', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'L', Email: 'a@b.co' }));
  org.dml('update', [rec('Contact', { Id: c.id, FirstName: 'F' })], ALL_OR_NONE);
  const [r] = rows(org, 'SELECT Email, Name FROM Contact');
  assert.equal(r.get('Email'), 'a@b.co');
  assert.equal(r.get('Name'), 'F L');
});

test('update without an Id fails with MISSING_ARGUMENT', () => {
  const org = newOrg();
  const e = dmlError(() => org.dml('update', [rec('Contact', { LastName: 'x' })], ALL_OR_NONE));
  assert.equal(e.data.dmlRows[0].statusCode, 'MISSING_ARGUMENT');
});

test('update failure names the record id in the message', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  const e = dmlError(() => org.dml('update', [rec('Contact', { Id: c.id, LastName: null })], ALL_OR_NONE));
  assert.match(
    e.message,
    new RegExp(`^Update failed\\. First exception on row 0 with id ${c.id!.value}; first error: REQUIRED_FIELD_MISSING`)
  );
});

test('the same Id twice in one update throws ListException', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  assert.throws(
    () => org.dml('update', [rec('Contact', { Id: c.id }), rec('Contact', { Id: c.id })], ALL_OR_NONE),
    (e: unknown) => e instanceof ApexRuntimeError && e.typeName === 'System.ListException'
  );
});

test('upsert by external id updates a match case-insensitively and inserts the rest', () => {
  const org = newOrg();
  const [w] = insert(org, rec('Widget__c', { Name: 'old', Code__c: 'k1' }));
  const a = rec('Widget__c', { Name: 'new', Code__c: 'K1' });
  const b = rec('Widget__c', { Name: 'other', Code__c: 'k2' });
  const res = org.dml('upsert', [a, b], { allOrNone: true, externalIdField: 'Code__c' });
  assert.deepEqual(
    res.map((r) => r.created),
    [false, true]
  );
  assert.equal(a.id!.value, w.id!.value);
  assert.equal(rows(org, "SELECT Name FROM Widget__c WHERE Code__c = 'k1'")[0].get('Name'), 'new');
});

test('upsert with the same key twice fails both rows with DUPLICATE_EXTERNAL_ID', () => {
  const org = newOrg();
  const res = org.dml(
    'upsert',
    [rec('Widget__c', { Name: 'a', Code__c: 'x' }), rec('Widget__c', { Name: 'b', Code__c: 'X' })],
    { allOrNone: false, externalIdField: 'Code__c' }
  );
  assert.deepEqual(
    res.map((r) => r.errors[0]?.statusCode),
    ['DUPLICATE_EXTERNAL_ID', 'DUPLICATE_EXTERNAL_ID']
  );
});

test('upsert on a field that is not an external id is rejected', () => {
  const org = newOrg();
  assert.throws(
    () => org.dml('upsert', [rec('Widget__c', { Name: 'a' })], { allOrNone: true, externalIdField: 'Name__x' }),
    /Invalid field for upsert/
  );
});

test('upsert by Id inserts records without an Id', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  const res = org.dml(
    'upsert',
    [rec('Contact', { Id: c.id, LastName: 'y' }), rec('Contact', { LastName: 'z' })],
    ALL_OR_NONE
  );
  assert.deepEqual(
    res.map((r) => r.created),
    [false, true]
  );
});

test('delete moves records to the recycle bin and undelete restores them', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  org.dml('delete', [rec('Contact', { Id: c.id })], ALL_OR_NONE);
  assert.equal(rows(org, 'SELECT Id FROM Contact').length, 0);
  assert.equal(rows(org, 'SELECT Id, IsDeleted FROM Contact ALL ROWS')[0].get('IsDeleted'), true);
  org.dml('undelete', [rec('Contact', { Id: c.id })], ALL_OR_NONE);
  assert.equal(rows(org, 'SELECT Id FROM Contact').length, 1);
});

test('deleting a deleted record fails with ENTITY_IS_DELETED', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  org.dml('delete', [c], ALL_OR_NONE);
  const e = dmlError(() => org.dml('delete', [c], ALL_OR_NONE));
  assert.equal(e.data.dmlRows[0].statusCode, 'ENTITY_IS_DELETED');
});

test('undelete of a live record fails with UNDELETE_FAILED', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  const res = org.dml('undelete', [c], PARTIAL);
  assert.equal(res[0].errors[0].statusCode, 'UNDELETE_FAILED');
});

test('deleting a master record deletes its detail records', () => {
  const org = newOrg();
  const [w] = insert(org, rec('Widget__c', { Name: 'w' }));
  insert(org, rec('Gadget__c', { Widget__c: w.id }));
  org.dml('delete', [w], ALL_OR_NONE);
  assert.equal(rows(org, 'SELECT Id FROM Gadget__c').length, 0);
});

test('before delete triggers can block a delete with addError', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  org.setTriggerHost(
    new FakeTriggers().on('Contact', 'before delete', (inv) => inv.oldRecords![0].errors.push({ message: 'keep me' }))
  );
  const e = dmlError(() => org.dml('delete', [c], ALL_OR_NONE));
  assert.equal(e.data.dmlRows[0].message, 'keep me');
  assert.equal(rows(org, 'SELECT Id FROM Contact').length, 1);
});

test('field-level addError reports the field', () => {
  const org = newOrg();
  org.setTriggerHost(
    new FakeTriggers().on('Contact', 'before insert', (inv) =>
      inv.newRecords![0].errors.push({ message: 'bad email', field: 'Email' })
    )
  );
  const res = org.dml('insert', [rec('Contact', { LastName: 'x' })], PARTIAL);
  assert.deepEqual(res[0].errors[0].fields, ['Email']);
});

test('an exception escaping a trigger rolls back the statement and propagates', () => {
  const org = newOrg();
  org.setTriggerHost(
    new FakeTriggers().on('Contact', 'after insert', () => {
      throw new ApexRuntimeError('System.NullPointerException', 'boom');
    })
  );
  assert.throws(() => insert(org, rec('Contact', { LastName: 'x' })), /boom/);
  assert.equal(org.store.count('contact'), 0);
});

test('DML on custom metadata is not allowed', () => {
  const org = newOrg();
  assert.throws(() => insert(org, rec('Setting__mdt', {})), /DML operation Insert not allowed on Setting__mdt/);
});

test('checkbox fields are stored as false when not set', () => {
  const org = newOrg();
  insert(org, rec('Contact', { LastName: 'x' }));
  assert.equal(rows(org, 'SELECT DoNotCall FROM Contact')[0].get('DoNotCall'), false);
});

test('checkbox metadata defaults apply on insert', () => {
  const org = newOrg();
  insert(org, rec('Widget__c', { Name: 'w' }));
  assert.equal(rows(org, 'SELECT Active__c FROM Widget__c')[0].get('Active__c'), true);
});

test('integers assigned to a number field are stored as Decimal', () => {
  const org = newOrg();
  insert(org, rec('Widget__c', { Name: 'w', Amount__c: 7 }));
  assert.ok(rows(org, 'SELECT Amount__c FROM Widget__c')[0].get('Amount__c') instanceof Decimal);
});

test('the caller record learns its Id but not values set by before triggers', () => {
  const org = newOrg();
  org.setTriggerHost(
    new FakeTriggers().on('Contact', 'before insert', (inv) =>
      inv.newRecords!.forEach((r) => r.set('Title', 'Set by trigger'))
    )
  );
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  assert.ok(c.id);
  assert.equal(c.get('Title'), null);
  assert.equal(rows(org, 'SELECT Title FROM Contact')[0].get('Title'), 'Set by trigger');
});

test('a parent given by external id becomes the lookup Id', () => {
  const org = newOrg();
  const [w] = insert(org, rec('Widget__c', { Name: 'w', Code__c: 'W-1' }));
  const ev = rec('Event', { StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 5 });
  ev.set('What', rec('Widget__c', { Code__c: 'w-1' }));
  insert(org, ev);
  assert.equal((rows(org, 'SELECT WhatId FROM Event')[0].get('WhatId') as ApexId).value, w.id!.value);
});

test('a parent external id that matches nothing fails the row', () => {
  const org = newOrg();
  const g = rec('Gadget__c', {});
  g.set('Widget__r', rec('Widget__c', { Code__c: 'missing' }));
  const res = org.dml('insert', [g], PARTIAL);
  assert.equal(res[0].errors[0].statusCode, 'INVALID_FIELD');
  assert.match(
    res[0].errors[0].message,
    /Foreign key external ID: missing not found for field Code__c in entity Widget__c/
  );
});

test('an upserted row that fails on a retry reports no Id from the rolled-back attempt', () => {
  const org = newOrg();
  let attempt = 0;
  org.setTriggerHost(
    new FakeTriggers().on('Contact', 'after insert', (inv) => {
      attempt++;
      // Fails row 1 only on the second attempt, after it was saved once and rolled back.
      if (attempt === 2) inv.newRecords![1].errors.push({ message: 'late failure' });
    })
  );
  const res = org.dml(
    'upsert',
    [rec('Contact', { LastName: 'a' }), rec('Contact', { LastName: 'b' }), rec('Contact', {})],
    PARTIAL
  );
  assert.deepEqual(
    res.map((r) => [r.success, r.id === null]),
    [
      [true, false],
      [false, true],
      [false, true]
    ]
  );
  assert.equal(rows(org, 'SELECT Id FROM Contact').length, 1);
});
