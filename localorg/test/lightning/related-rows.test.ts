/**
 * The related-list helper (shell/relatedList/relatedRows.js): lightning-datatable columns and rows from a list's
 * description and the UI API's related-list records.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error -- a plain ES module of the browser shell, without type declarations
import { relatedColumns, relatedRows } from '../../src/lightning/client/lwc/shell/relatedList/relatedRows.js';

const list = {
  nameField: 'Subject',
  nameLabel: 'Subject',
  columns: [
    { name: 'StartDateTime', label: 'Start' },
    { name: 'Location', label: 'Location' }
  ]
};

test('the name column links to the record page; the others are text columns', () => {
  const columns = (relatedColumns as (l: unknown) => Record<string, unknown>[])(list);
  assert.deepEqual(
    columns.map((c) => [c.label, c.fieldName, c.type]),
    [
      ['Subject', 'url', 'url'],
      ['Start', 'StartDateTime', 'text'],
      ['Location', 'Location', 'text']
    ]
  );
  assert.deepEqual((columns[0].typeAttributes as { label: unknown }).label, { fieldName: 'name' });
});

test('rows show display values where there are some, raw values otherwise, and the id when the name is empty', () => {
  const rows = (relatedRows as (d: unknown, l: unknown) => Record<string, string>[])(
    {
      records: [
        {
          id: '00U000000000001AAA',
          apiName: 'Event',
          fields: {
            Subject: { value: 'Intro call', displayValue: null },
            StartDateTime: { value: '2026-12-02T15:00:00.000Z', displayValue: '12/2/26, 7:00 AM' },
            Location: { value: null, displayValue: null }
          }
        },
        { id: '00U000000000002AAA', apiName: 'Event', fields: { Subject: { value: null, displayValue: null } } }
      ]
    },
    list
  );
  assert.deepEqual(rows[0], {
    id: '00U000000000001AAA',
    url: '/lightning/r/Event/00U000000000001AAA/view',
    name: 'Intro call',
    StartDateTime: '12/2/26, 7:00 AM',
    Location: ''
  });
  assert.equal(rows[1].name, '00U000000000002AAA');
  assert.deepEqual((relatedRows as (d: unknown, l: unknown) => unknown[])(undefined, list), []);
});
