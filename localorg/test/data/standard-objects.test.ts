/**
 * Standard objects from the published catalogue (standard-objects.json) with their details, auto-number fields and
 * the records a new org holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAutoNumber } from '../../src/data/dml/auto-number.js';
import { DateTime } from 'luxon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXED_NOW, newOrg, REPO_ROOT, rec, rows } from './helpers.js';
import { discoverSources } from '../../src/syntax/sources.js';
import { createDataPlatform } from '../../src/data/index.js';

test('catalogued standard objects load with their fields, key prefixes and relationships', () => {
  const org = newOrg();
  const kase = org.schema.object('case')!;
  assert.equal(kase.keyPrefix, '500');
  assert.equal(org.schema.field(kase, 'casenumber')!.autoNumber, true);
  assert.equal(org.schema.field(kase, 'casenumber')!.createable, false);
  assert.deepEqual(org.schema.field(kase, 'AccountId')!.referenceTo, ['Account']);
  assert.equal(org.schema.field(org.schema.object('Account')!, 'AccountSource')!.type, 'picklist');
  assert.equal(org.schema.field(org.schema.object('Contact')!, 'Fax')!.type, 'phone');
  assert.equal(org.schema.field(org.schema.object('Profile')!, 'PermissionsModifyAllData')!.type, 'boolean');
  assert.equal(org.schema.field(org.schema.object('Organization')!, 'TrialExpirationDate')!.type, 'datetime');
  assert.equal(org.schema.object('CurrencyType') !== undefined, true);
  // DatedConversionRate exists only with advanced currency management (multi-currency orgs).
  assert.equal(org.schema.object('DatedConversionRate'), undefined);
  // Multi-currency and record-type fields exist only when the org has them.
  assert.equal(org.schema.field(org.schema.object('Account')!, 'CurrencyIsoCode'), undefined);
  // Child relationships come from the catalogue's child lists.
  assert.ok(org.schema.childRelationship(org.schema.object('Account')!, 'Cases'));
  assert.equal(
    org.schema.childRelationship(org.schema.object('Pricebook2')!, 'PricebookEntries')?.field,
    'Pricebook2Id'
  );
  // Polymorphic targets come from the objects that list the child: a Task may hang off a Case.
  assert.ok(org.schema.field(org.schema.object('Task')!, 'WhatId')!.referenceTo.includes('Case'));
  // Key prefixes stay unique.
  const prefixes = [...org.schema.objects.values()].map((o) => o.keyPrefix).filter((p) => p);
  assert.equal(new Set(prefixes).size, prefixes.length);
});

test('setup objects cannot be written by DML', () => {
  const org = newOrg();
  assert.throws(
    () => org.dml('insert', [rec('ApexClass', { Name: 'X' })], { allOrNone: true }),
    /not allowed on ApexClass/
  );
});

test('auto-number fields count per field and follow their display format', () => {
  const org = newOrg();
  const one = rec('Case', { Subject: 'a' });
  const two = rec('Case', { Subject: 'b' });
  org.dml('insert', [one, two], { allOrNone: true });
  assert.deepEqual(
    rows(org, 'SELECT CaseNumber, Status FROM Case ORDER BY CaseNumber').map((r) => [
      r.get('CaseNumber'),
      r.get('Status')
    ]),
    [
      ['00000001', 'New'],
      ['00000002', 'New']
    ]
  );
  const day = DateTime.fromISO('2024-03-05T10:00:00', { zone: 'UTC' });
  assert.equal(formatAutoNumber('BSL-{0000000}', 42, day), 'BSL-0000042');
  assert.equal(formatAutoNumber('{YYYY}{MM}{DD}-{0}', 7, day), '20240305-7');
  assert.equal(formatAutoNumber('A-{00}', 123, day), 'A-123');
});

test('ApexClass and ApexTrigger rows come from the project sources', () => {
  const org = createDataPlatform(discoverSources(REPO_ROOT), { now: () => FIXED_NOW });
  const classes = rows(org, "SELECT Name, Body, ApiVersion, Status FROM ApexClass WHERE Name = 'BookingService'");
  assert.equal(classes.length, 1);
  assert.match(classes[0].get('Body') as string, /class BookingService/);
  assert.equal(classes[0].get('Status'), 'Active');
  assert.ok(classes[0].get('ApiVersion') !== null);
  const triggers = rows(org, 'SELECT Name, TableEnumOrId FROM ApexTrigger');
  assert.ok(triggers.length > 0);
  assert.ok(triggers.every((t) => typeof t.get('TableEnumOrId') === 'string'));
});

test('a static resource body is read from its content file, whatever its extension (.resource, .json, .png)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-static-'));
  const folder = path.join(dir, 'staticresources');
  fs.mkdirSync(folder, { recursive: true });
  const meta = (type: string) =>
    `<StaticResource><cacheControl>Public</cacheControl><contentType>${type}</contentType></StaticResource>`;
  fs.writeFileSync(path.join(folder, 'brokers.resource-meta.xml'), meta('application/json'));
  fs.writeFileSync(path.join(folder, 'brokers.json'), '[{"Name":"B"}]');
  fs.writeFileSync(path.join(folder, 'hello.resource-meta.xml'), meta('text/plain'));
  fs.writeFileSync(path.join(folder, 'hello.resource'), 'hi');
  const org = createDataPlatform(discoverSources(dir), { now: () => FIXED_NOW });
  const found = rows(org, 'SELECT Name, Body, BodyLength, ContentType FROM StaticResource ORDER BY Name');
  const text = (v: unknown) => Buffer.from((v as { bytes: Uint8Array }).bytes).toString('utf8');
  assert.deepEqual(
    found.map((r) => [r.get('Name'), text(r.get('Body')), r.get('BodyLength'), r.get('ContentType')]),
    [
      ['brokers', '[{"Name":"B"}]', 14, 'application/json'],
      ['hello', 'hi', 2, 'text/plain']
    ]
  );
});
