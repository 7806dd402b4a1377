/**
 * The detail panel's cell helper (shell/recordDetail/cellView.js): what one field shows, from the page's field
 * description and the UI API record's values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error -- a plain ES module of the browser shell, without type declarations
import { cellView } from '../../src/lightning/client/lwc/shell/recordDetail/cellView.js';

type View = Record<string, unknown>;
const view = cellView as (cell: unknown, values: Record<string, unknown>, key: string) => View;

test('a lookup shows the related record name with its id for the link, and Created By adds the date', () => {
  const owner = view(
    {
      key: 'CreatedById',
      name: 'CreatedById',
      label: 'Created By',
      kind: 'reference',
      relationship: 'CreatedBy',
      auditDate: 'CreatedDate',
      paths: []
    },
    {
      CreatedById: { value: '005000000000001AAA', displayValue: null },
      CreatedBy: { value: {}, displayValue: 'Local Admin' },
      CreatedDate: { value: '2026-11-30T22:27:00.000Z', displayValue: '11/30/26, 2:27 PM' }
    },
    'k'
  );
  assert.equal(owner.isReference, true);
  assert.equal(owner.recordId, '005000000000001AAA');
  assert.equal(owner.displayValue, 'Local Admin');
  assert.equal(owner.auditDate, ', 11/30/26, 2:27 PM');
});

test('an empty lookup shows nothing; a lookup whose name is unknown falls back to the id', () => {
  const cell = {
    key: 'WhatId',
    name: 'WhatId',
    label: 'Related To',
    kind: 'reference',
    relationship: 'What',
    paths: []
  };
  const empty = view(cell, { WhatId: { value: null, displayValue: null } }, 'k');
  assert.equal(empty.isReference, false);
  assert.equal(empty.value, '');
  const unnamed = view(cell, { WhatId: { value: '001000000000001AAA', displayValue: null } }, 'k');
  assert.equal(unnamed.displayValue, '001000000000001AAA');
});

test('a checkbox is checked only for true; a blank cell is blank; a Name shows its salutation', () => {
  const box = { key: 'B', name: 'B', label: 'B', kind: 'boolean', paths: [] };
  assert.equal(view(box, { B: { value: true, displayValue: null } }, 'k').checked, true);
  assert.equal(view(box, { B: { value: false, displayValue: null } }, 'k').checked, false);
  assert.equal(view(box, {}, 'k').checked, false);
  assert.equal(view(null, {}, '3').isBlank, true);
  const name = view(
    { key: 'Name', name: 'Name', label: 'Name', kind: 'name', paths: [] },
    { Name: { value: 'Ada Lovelace', displayValue: null }, Salutation: { value: 'Dr.', displayValue: null } },
    'k'
  );
  assert.equal(name.value, 'Dr. Ada Lovelace');
});
