/** A Date stored into a Datetime slot: Apex converts it implicitly, to midnight GMT of that day. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { out } from './helpers.js';

test('a Date argument to a Datetime parameter arrives as a Datetime at midnight GMT', () => {
  assert.deepEqual(
    out('C0 c = new C0(Date.newInstance(2024, 1, 2)); System.debug(C0.kind(Date.newInstance(2024, 3, 4)));', [
      `public class C0 {
        public C0(Datetime d) { Object o = d; System.debug((o instanceof Datetime) + ' ' + ((Datetime) o).formatGmt('yyyy-MM-dd HH:mm')); }
        public static String kind(Datetime d) { Object o = d; return o instanceof Datetime ? 'Datetime' : 'other'; }
      }`
    ]),
    ['true 2024-01-02 00:00', 'Datetime']
  );
});

test('assigning a Date to a Datetime variable converts it too', () => {
  assert.deepEqual(out('Datetime d = Date.newInstance(2024, 1, 2); System.debug(d.getTime());'), [
    String(Date.UTC(2024, 0, 2))
  ]);
});

test('casting a Date to Datetime converts it the same way (coral-cloud CheckWeather: (Datetime) request.dateToCheck)', () => {
  assert.deepEqual(
    out(
      "Date d = Date.newInstance(2024, 1, 2); Datetime dt = (Datetime) d; System.debug(dt.formatGmt('yyyy-MM-dd HH:mm')); Object o = (Datetime) d; System.debug(o instanceof Datetime);"
    ),
    ['2024-01-02 00:00', 'true']
  );
});
