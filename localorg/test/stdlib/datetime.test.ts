import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexDate, ApexDatetime, type ApexTime, type NativeObject } from '../../src/values/values.js';
import { FakeContext, apexError, callInstance, callStatic } from './fake-context.js';

const la = new FakeContext({ timeZone: 'America/Los_Angeles' });
const paris = new FakeContext({ timeZone: 'Europe/Paris', locale: 'fr_FR' });
const gmt = (v: unknown) => new Date((v as ApexDatetime).epochMs).toISOString();

test('newInstance reads the fields in the user time zone', () => {
  assert.equal(gmt(callStatic(la, 'Datetime', 'newInstance', 2024, 1, 15, 9, 30, 0)), '2024-01-15T17:30:00.000Z');
  assert.equal(gmt(callStatic(paris, 'Datetime', 'newInstance', 2024, 1, 15, 9, 30, 0)), '2024-01-15T08:30:00.000Z');
});

test('newInstanceGmt reads the fields in GMT', () => {
  assert.equal(gmt(callStatic(la, 'Datetime', 'newInstanceGmt', 2024, 7, 1, 12, 0, 0)), '2024-07-01T12:00:00.000Z');
});

test('a local time inside the spring-forward gap moves forward one hour', () => {
  // 2024-03-10 02:30 does not exist in Los Angeles; lenient Calendar gives 03:30 PDT (10:30 GMT).
  const dt = callStatic(la, 'Datetime', 'newInstance', 2024, 3, 10, 2, 30, 0);
  assert.equal(gmt(dt), '2024-03-10T10:30:00.000Z');
  assert.equal(callInstance(la, dt, 'hour'), 3);
});

test('addDays keeps the wall-clock time across a DST change', () => {
  const before = callStatic(la, 'Datetime', 'newInstance', 2024, 3, 9, 9, 0, 0);
  const after = callInstance(la, before, 'addDays', 1);
  assert.equal(callInstance(la, after, 'hour'), 9);
  assert.equal((after as ApexDatetime).epochMs - (before as ApexDatetime).epochMs, 23 * 3600000);
  assert.equal(callInstance(la, callInstance(la, before, 'addHours', 24), 'hour'), 10);
});

test('hour() is local and hourGmt() is GMT', () => {
  const dt = new ApexDatetime(Date.UTC(2024, 6, 1, 2, 0, 0));
  assert.equal(callInstance(la, dt, 'hour'), 19);
  assert.equal(callInstance(la, dt, 'hourGmt'), 2);
  assert.deepEqual(callInstance(la, dt, 'date'), new ApexDate(2024, 6, 30));
  assert.deepEqual(callInstance(la, dt, 'dateGmt'), new ApexDate(2024, 7, 1));
});

test('format with a Java pattern and zone', () => {
  const dt = new ApexDatetime(Date.UTC(2024, 6, 4, 16, 5, 9, 7));
  assert.equal(callInstance(la, dt, 'format', "yyyy-MM-dd'T'HH:mm:ss.SSSZ"), '2024-07-04T09:05:09.007-0700');
  assert.equal(
    callInstance(la, dt, 'format', 'EEE, MMM d, yyyy h:mm a z', 'America/New_York'),
    'Thu, Jul 4, 2024 12:05 PM EDT'
  );
  assert.equal(callInstance(la, dt, 'formatGmt', "yyyy-MM-dd'T'HH:mm:ssXXX"), '2024-07-04T16:05:09Z');
  assert.equal(
    callInstance(la, dt, 'format', "EEEE d MMMM yy 'at' H 'o''clock' XXX"),
    "Thursday 4 July 24 at 9 o'clock -07:00"
  );
});

test('format with an illegal pattern letter throws', () => {
  const dt = new ApexDatetime(0);
  assert.match(
    apexError(() => callInstance(la, dt, 'format', 'yyyy-qq')),
    /StringException: Illegal pattern character 'q'/
  );
});

test('default format and formatLong follow the user locale (ICU: a comma after the date in English)', () => {
  const dt = new ApexDatetime(Date.UTC(2024, 0, 5, 22, 7, 0));
  assert.equal(callInstance(la, dt, 'format'), '1/5/2024, 2:07 PM');
  assert.equal(callInstance(paris, dt, 'format'), '05/01/2024 23:07');
  assert.equal(callInstance(la, dt, 'formatLong'), '1/5/2024, 2:07:00 PM PST');
});

test('valueOf parses yyyy-MM-dd HH:mm:ss in the user zone; valueOfGmt in GMT', () => {
  assert.equal(gmt(callStatic(la, 'Datetime', 'valueOf', '2024-01-15 08:00:00')), '2024-01-15T16:00:00.000Z');
  assert.equal(gmt(callStatic(la, 'Datetime', 'valueOfGmt', '2024-01-15 08:00:00')), '2024-01-15T08:00:00.000Z');
  assert.match(
    apexError(() => callStatic(la, 'Datetime', 'valueOf', 'Jan 15')),
    /TypeException: Invalid date\/time: Jan 15/
  );
});

test('Datetime.parse and Date.parse use the locale format', () => {
  assert.equal(gmt(callStatic(la, 'Datetime', 'parse', '10/14/2011, 11:46 AM')), '2011-10-14T18:46:00.000Z');
  assert.equal(gmt(callStatic(la, 'Datetime', 'parse', '10/14/2011 11:46 AM')), '2011-10-14T18:46:00.000Z');
  assert.deepEqual(callStatic(la, 'Date', 'parse', '12/27/2009'), new ApexDate(2009, 12, 27));
  assert.deepEqual(callStatic(paris, 'Date', 'parse', '27/12/2009'), new ApexDate(2009, 12, 27));
});

test('Date.today and Datetime.now use the context clock and user zone', () => {
  const ctx = new FakeContext({ timeZone: 'Pacific/Auckland', now: Date.UTC(2024, 0, 1, 12, 0) });
  assert.deepEqual(callStatic(ctx, 'Date', 'today'), new ApexDate(2024, 1, 2));
  assert.equal((callStatic(ctx, 'Datetime', 'now') as ApexDatetime).epochMs, Date.UTC(2024, 0, 1, 12, 0));
});

test('Date arithmetic: addMonths clamps to month end, daysBetween and monthsBetween', () => {
  const jan31 = new ApexDate(2024, 1, 31);
  assert.deepEqual(callInstance(la, jan31, 'addMonths', 1), new ApexDate(2024, 2, 29));
  assert.deepEqual(callInstance(la, jan31, 'addDays', 1), new ApexDate(2024, 2, 1));
  assert.equal(callInstance(la, jan31, 'daysBetween', new ApexDate(2024, 3, 1)), 30);
  assert.equal(callInstance(la, jan31, 'monthsBetween', new ApexDate(2024, 3, 1)), 2);
  assert.deepEqual(callStatic(la, 'Date', 'newInstance', 2024, 13, 1), new ApexDate(2025, 1, 1));
});

test('toStartOfWeek is Sunday in en_US and Monday in fr_FR', () => {
  const wed = new ApexDate(2024, 7, 3);
  assert.deepEqual(callInstance(la, wed, 'toStartOfWeek'), new ApexDate(2024, 6, 30));
  assert.deepEqual(callInstance(paris, wed, 'toStartOfWeek'), new ApexDate(2024, 7, 1));
  assert.deepEqual(callInstance(la, wed, 'toStartOfMonth'), new ApexDate(2024, 7, 1));
});

test('Date.valueOf parses ISO dates and rejects others', () => {
  assert.deepEqual(callStatic(la, 'Date', 'valueOf', '2024-02-29'), new ApexDate(2024, 2, 29));
  assert.match(
    apexError(() => callStatic(la, 'Date', 'valueOf', '02/29/2024')),
    /TypeException: Invalid date: 02\/29\/2024/
  );
});

test('Date.format uses the locale short date', () => {
  assert.equal(callInstance(la, new ApexDate(2024, 2, 5), 'format'), '2/5/2024');
  assert.equal(callInstance(paris, new ApexDate(2024, 2, 5), 'format'), '05/02/2024');
});

test('Time wraps around midnight', () => {
  const t = callStatic(la, 'Time', 'newInstance', 23, 30, 0, 0) as ApexTime;
  const later = callInstance(la, t, 'addMinutes', 45) as ApexTime;
  assert.equal(callInstance(la, later, 'hour'), 0);
  assert.equal(callInstance(la, later, 'minute'), 15);
});

test('newInstance(Date, Time) combines in the user zone', () => {
  const t = callStatic(la, 'Time', 'newInstance', 8, 0, 0, 0);
  assert.equal(
    gmt(callStatic(paris, 'Datetime', 'newInstance', new ApexDate(2024, 7, 1), t)),
    '2024-07-01T06:00:00.000Z'
  );
});

test('TimeZone offsets differ across DST; unknown ids fall back to GMT', () => {
  const tz = callStatic(la, 'TimeZone', 'getTimeZone', 'America/New_York') as NativeObject;
  assert.equal(callInstance(la, tz, 'getID'), 'America/New_York');
  assert.equal(callInstance(la, tz, 'getOffset', new ApexDatetime(Date.UTC(2024, 0, 1))), -18000000);
  assert.equal(callInstance(la, tz, 'getOffset', new ApexDatetime(Date.UTC(2024, 6, 1))), -14400000);
  assert.equal(callInstance(la, tz, 'getDisplayName'), 'Eastern Standard Time');
  assert.equal(callInstance(la, callStatic(la, 'TimeZone', 'getTimeZone', 'Mars/Base'), 'getID'), 'GMT');
});

test('TimeZone ids are case-sensitive as in java.util.TimeZone; aliases keep their spelling', () => {
  const id = (zone: string): unknown => callInstance(la, callStatic(la, 'TimeZone', 'getTimeZone', zone), 'getID');
  assert.equal(id('europe/paris'), 'GMT');
  assert.equal(id('Europe/Paris'), 'Europe/Paris');
  assert.equal(id('UTC'), 'UTC');
  assert.equal(id('Asia/Calcutta'), 'Asia/Calcutta');
});

test('getTime returns epoch milliseconds as a Long', () => {
  assert.equal(callInstance(la, new ApexDatetime(1234), 'getTime'), 1234n);
});

test('an ambiguous local time in the fall-back hour resolves to standard time', () => {
  // 2024-11-03 01:30 happens twice in Los Angeles; localorg takes the PST instant (09:30 GMT).
  assert.equal(gmt(callStatic(la, 'Datetime', 'newInstance', 2024, 11, 3, 1, 30, 0)), '2024-11-03T09:30:00.000Z');
});

test('z uses Java short names where ICU has none (CET/CEST, BST)', () => {
  const summer = new ApexDatetime(Date.UTC(2024, 6, 1, 12, 0));
  const winter = new ApexDatetime(Date.UTC(2024, 0, 1, 12, 0));
  assert.equal(callInstance(la, summer, 'format', 'HH:mm z', 'Europe/Paris'), '14:00 CEST');
  assert.equal(callInstance(la, winter, 'format', 'HH:mm z', 'Europe/Paris'), '13:00 CET');
  assert.equal(callInstance(la, summer, 'format', 'HH:mm z', 'Europe/London'), '13:00 BST');
  assert.equal(callInstance(la, winter, 'format', 'zzzz', 'Europe/Paris'), 'Central European Standard Time');
});

test('Java three-letter zone ids resolve to their region', () => {
  const tz = callStatic(la, 'TimeZone', 'getTimeZone', 'PST') as NativeObject;
  assert.equal(callInstance(la, tz, 'getID'), 'PST');
  assert.equal(callInstance(la, tz, 'getOffset', new ApexDatetime(Date.UTC(2024, 6, 1))), -25200000);
  assert.equal(callInstance(la, new ApexDatetime(Date.UTC(2024, 6, 1, 12)), 'format', 'HH:mm', 'JST'), '21:00');
});

test('Datetime arithmetic past the representable range is an Apex error', () => {
  const dt = new ApexDatetime(Date.UTC(2024, 0, 1));
  assert.match(
    apexError(() => callInstance(la, callInstance(la, dt, 'addYears', 300000), 'addYears', 300000)),
    /TypeException: Datetime value out of range/
  );
});
