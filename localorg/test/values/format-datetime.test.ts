/**
 * A Datetime's debug form (GMT) is built from the clock fields directly; in any other zone luxon applies the zone's
 * rules. Both must print `yyyy-MM-dd HH:mm:ss` alike, padded years and instants before 1970 included.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { formatDatetime } from '../../src/values/format.js';
import { ApexDatetime } from '../../src/values/values.js';

test('the GMT form of a Datetime matches the zone-aware form for UTC', () => {
  const instants = [
    0,
    -1,
    86_399_999,
    Date.UTC(999, 0, 1, 5, 6, 7),
    Date.UTC(1, 0, 1),
    Date.UTC(2024, 1, 29, 23, 59, 59, 999),
    Date.UTC(9999, 11, 31, 23, 59, 59)
  ];
  for (const ms of instants)
    assert.equal(
      formatDatetime(new ApexDatetime(ms), 'UTC'),
      DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm:ss'),
      String(ms)
    );
  assert.equal(formatDatetime(new ApexDatetime(Date.UTC(999, 0, 1, 5, 6, 7)), 'UTC'), '0999-01-01 05:06:07');
});

test('another zone still applies its rules', () => {
  const ms = Date.UTC(2024, 6, 1, 12, 0, 0);
  assert.equal(formatDatetime(new ApexDatetime(ms), 'Europe/Paris'), '2024-07-01 14:00:00');
  assert.equal(formatDatetime(new ApexDatetime(ms), 'UTC'), '2024-07-01 12:00:00');
});
