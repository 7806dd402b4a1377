/**
 * Standard field labels (data/schema/standard-labels.ts): the labels record pages show for the objects a package
 * touches, and a label for every other field of every standard object.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { standardObjects } from '../../src/data/schema/standard.js';

const objects = new Map(standardObjects().map((o) => [o.name, o]));
const label = (object: string, field: string): string | undefined =>
  objects.get(object)?.fields.get(field.toLowerCase())?.label;

test("Event, Contact and Lead fields carry the platform's labels, lookups by their relationship", () => {
  assert.equal(label('Event', 'OwnerId'), 'Assigned To');
  assert.equal(label('Event', 'WhoId'), 'Name');
  assert.equal(label('Event', 'WhatId'), 'Related To');
  assert.equal(label('Event', 'StartDateTime'), 'Start');
  assert.equal(label('Event', 'EndDateTime'), 'End');
  assert.equal(label('Event', 'IsAllDayEvent'), 'All-Day Event');
  assert.equal(label('Event', 'ShowAs'), 'Show Time As');
  assert.equal(label('Event', 'CreatedById'), 'Created By');
  assert.equal(label('Contact', 'OwnerId'), 'Contact Owner');
  assert.equal(label('Contact', 'AccountId'), 'Account Name');
  assert.equal(label('Lead', 'Status'), 'Lead Status');
  assert.equal(label('Account', 'Name'), 'Account Name');
  // The guide's Contact table (API 202.0) labels Description plain "Description", as record pages show it.
  assert.equal(label('Contact', 'Description'), 'Description');
});

test('every field of every standard object has a label (fields without one are named after their API name)', () => {
  const missing: string[] = [];
  for (const o of objects.values()) {
    for (const f of o.fields.values()) if (typeof f.label !== 'string' || !f.label) missing.push(`${o.name}.${f.name}`);
  }
  assert.deepEqual(missing.slice(0, 5), []);
  assert.equal(label('Event', 'Location'), 'Location');
  assert.equal(label('Contact', 'LastName'), 'Last Name');
});
