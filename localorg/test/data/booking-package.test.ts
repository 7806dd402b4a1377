/** The Booking Sync package's own metadata, loaded as the data platform's first real customer. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDataPlatform, type LocalOrg } from '../../src/data/index.js';
import { discoverSources } from '../../src/syntax/sources.js';
import { ApexRuntimeError, type ApexId, type SObject } from '../../src/values/values.js';
import { ALL_OR_NONE, dt, FIXED_NOW, insert, rec, REPO_ROOT, rows } from './helpers.js';

function packageOrg(): LocalOrg {
  return createDataPlatform(discoverSources(REPO_ROOT), { now: () => FIXED_NOW });
}

test('the package schema loads: custom objects, Event fields and metadata types', () => {
  const org = packageOrg();
  for (const name of ['BookingPage__c', 'BookingSyncLog__c', 'SyncProfile__mdt', 'FieldMapping__mdt']) {
    assert.ok(org.schema.objectName(name), `${name} is loaded`);
  }
  const status = org.schema.object('Event')!.fields.get('eventstatus__c')!;
  assert.equal(status.restrictedPicklist, true);
  assert.ok(status.picklist!.some((p) => p.value === 'Rescheduled (Reassigned by User)'));
});

test('the Default sync profile is queryable', () => {
  const org = packageOrg();
  const [p] = rows(org, "SELECT DeveloperName, AttendeeMode__c FROM SyncProfile__mdt WHERE DeveloperName = 'Default'");
  assert.equal(p.get('AttendeeMode__c'), 'Lead');
});

test('Events upsert by BookingUid__c and relate to a booking page', () => {
  const org = packageOrg();
  const [page] = insert(org, rec('BookingPage__c', { Name: 'Intro call', ExternalKey__c: 'intro-30' }));
  const booking = (subject: string) =>
    rec('Event', {
      Subject: subject,
      BookingUid__c: 'uid-1',
      EventStatus__c: 'Scheduled',
      WhatId: page.id,
      StartDateTime: dt('2024-03-20T17:00:00Z'),
      EndDateTime: dt('2024-03-20T17:30:00Z')
    });
  org.dml('upsert', [booking('first')], { allOrNone: true, externalIdField: 'BookingUid__c' });
  const res = org.dml('upsert', [booking('second')], { allOrNone: true, externalIdField: 'BookingUid__c' });
  assert.equal(res[0].created, false);
  const events = rows(org, 'SELECT Subject, What.Name, BookingUid__c FROM Event');
  assert.equal(events.length, 1);
  assert.equal(events[0].get('Subject'), 'second');
  assert.equal((events[0].get('What') as SObject).get('Name'), 'Intro call');
});

test('an Event status outside the restricted picklist is rejected', () => {
  const org = packageOrg();
  assert.throws(
    () =>
      insert(
        org,
        rec('Event', { EventStatus__c: 'Lost', StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 30 })
      ),
    (e: unknown) => e instanceof ApexRuntimeError && /INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST/.test(e.message)
  );
});

test('a sync log change id is unique (the idempotency key)', () => {
  const org = packageOrg();
  insert(org, rec('BookingSyncLog__c', { ChangeId__c: 'c-1' }));
  const res = org.dml('insert', [rec('BookingSyncLog__c', { ChangeId__c: 'c-1' })], { allOrNone: false });
  assert.equal(res[0].errors[0].statusCode, 'DUPLICATE_VALUE');
});

test('a Lead attendee keeps its Event without a WhatId', () => {
  const org = packageOrg();
  const [lead] = insert(org, rec('Lead', { LastName: 'Guest', Company: 'Acme', Email: 'guest@acme.com' }));
  insert(org, rec('Event', { WhoId: lead.id, StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 30 }));
  const [e] = rows(org, "SELECT Who.Email, Who.Type FROM Event WHERE Who.Type = 'Lead'");
  assert.equal((e.get('Who') as SObject).get('Email'), 'guest@acme.com');
  org.dml('update', [rec('Event', { Id: e.id as ApexId, WhatId: null })], ALL_OR_NONE);
});
