import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApexDate, type ApexDatetime, type ApexId, type SObject } from '../../src/values/values.js';
import { dmlError } from './dml-errors.js';
import { ALL_OR_NONE, dt, insert, newOrg, rec, rows } from './helpers.js';

test('Event derives end, duration, ActivityDateTime and ActivityDate', () => {
  const org = newOrg();
  insert(org, rec('Event', { StartDateTime: dt('2024-03-16T06:30:00Z'), DurationInMinutes: 45 }));
  const [e] = rows(org, 'SELECT ActivityDateTime, EndDateTime, ActivityDate FROM Event');
  assert.equal((e.get('EndDateTime') as ApexDatetime).epochMs, Date.parse('2024-03-16T07:15:00Z'));
  assert.equal((e.get('ActivityDateTime') as ApexDatetime).epochMs, Date.parse('2024-03-16T06:30:00Z'));
  assert.deepEqual(e.get('ActivityDate'), new ApexDate(2024, 3, 15), 'the date is the user-zone date (LA)');
});

test('Event derives the duration from EndDateTime', () => {
  const org = newOrg();
  insert(org, rec('Event', { StartDateTime: dt('2024-03-20T17:00:00Z'), EndDateTime: dt('2024-03-20T18:30:00Z') }));
  assert.equal(rows(org, 'SELECT DurationInMinutes FROM Event')[0].get('DurationInMinutes'), 90);
});

test('Event without end or duration fails', () => {
  const org = newOrg();
  const e = dmlError(() => insert(org, rec('Event', { StartDateTime: dt('2024-03-20T17:00:00Z') })));
  assert.equal(e.data.dmlRows[0].statusCode, 'REQUIRED_FIELD_MISSING');
});

test('Event with disagreeing end and duration fails', () => {
  const org = newOrg();
  const e = dmlError(() =>
    insert(
      org,
      rec('Event', {
        StartDateTime: dt('2024-03-20T17:00:00Z'),
        EndDateTime: dt('2024-03-20T18:00:00Z'),
        DurationInMinutes: 30
      })
    )
  );
  assert.equal(e.data.dmlRows[0].statusCode, 'FIELD_INTEGRITY_EXCEPTION');
});

test('Event duration is capped by the multiday setting', () => {
  const capped = newOrg({ settings: { multidayEvents: false } });
  const e = dmlError(() =>
    insert(capped, rec('Event', { StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 1441 }))
  );
  assert.equal(e.data.dmlRows[0].message, 'Duration must be between 0 and 1440 minutes');
  const multi = newOrg();
  insert(multi, rec('Event', { StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 3 * 1440 }));
  const tooLong = dmlError(() =>
    insert(multi, rec('Event', { StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 15 * 1440 }))
  );
  assert.equal(tooLong.data.dmlRows[0].statusCode, 'FIELD_INTEGRITY_EXCEPTION');
});

test('moving an Event start on update keeps its duration', () => {
  const org = newOrg();
  const [e] = insert(org, rec('Event', { StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 30 }));
  org.dml('update', [rec('Event', { Id: e.id, StartDateTime: dt('2024-03-21T17:00:00Z') })], ALL_OR_NONE);
  const [r] = rows(org, 'SELECT EndDateTime, ActivityDateTime FROM Event');
  assert.equal((r.get('EndDateTime') as ApexDatetime).epochMs, Date.parse('2024-03-21T17:30:00Z'));
  assert.equal((r.get('ActivityDateTime') as ApexDatetime).epochMs, Date.parse('2024-03-21T17:00:00Z'));
});

test('an Event with a Lead WhoId cannot have a WhatId', () => {
  const org = newOrg();
  const [l] = insert(org, rec('Lead', { LastName: 'L', Company: 'C' }));
  const [a] = insert(org, rec('Account', { Name: 'A' }));
  const e = dmlError(() =>
    insert(
      org,
      rec('Event', { WhoId: l.id, WhatId: a.id, StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 5 })
    )
  );
  assert.deepEqual(e.data.dmlRows[0].fields, ['WhatId']);
});

test('Event AccountId is derived from the Contact in WhoId', () => {
  const org = newOrg();
  const [a] = insert(org, rec('Account', { Name: 'A' }));
  const [c] = insert(org, rec('Contact', { LastName: 'C', AccountId: a.id }));
  insert(org, rec('Event', { WhoId: c.id, StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 5 }));
  assert.equal((rows(org, 'SELECT AccountId FROM Event')[0].get('AccountId') as ApexId).value, a.id!.value);
});

test('Event WhatId may point at a custom object with activities', () => {
  const org = newOrg();
  const [w] = insert(org, rec('Widget__c', { Name: 'w' }));
  insert(org, rec('Event', { WhatId: w.id, StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 5 }));
  const [e] = rows(org, 'SELECT What.Name, What.Type FROM Event');
  assert.deepEqual(
    [(e.get('What') as SObject).get('Name'), (e.get('What') as SObject).get('Type')],
    ['w', 'Widget__c']
  );
});

test('deleting a Contact deletes the activities related to it', () => {
  const org = newOrg();
  const [c] = insert(org, rec('Contact', { LastName: 'x' }));
  insert(org, rec('Event', { WhoId: c.id, StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 5 }));
  insert(org, rec('Event', { StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 5 }));
  org.dml('delete', [c], ALL_OR_NONE);
  assert.equal(rows(org, 'SELECT Id FROM Event').length, 1);
});
