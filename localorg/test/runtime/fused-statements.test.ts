/**
 * The statements compiled with their operators inside (runtime/interpreter/statements.ts: a `for` whose test compares
 * locals or literals and whose step is `i++`, an `if` on such a comparison, `x = x + y` into an Integer local) must
 * behave exactly as the general path when the operands are not plain Integers: Long and Decimal counters and bounds,
 * null bounds and totals, and overflow.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

test('a for loop over a Long counter, a Decimal bound or a counting-down step runs as the general loop', () => {
  const body = `
    Long big = 2147483646L; Integer n = 0;
    for (Long i = big; i < big + 3; i++) { n = n + 1; } System.debug(n);
    Decimal limitValue = 2.5; Integer m = 0;
    for (Integer i = 0; i < limitValue; i++) { m = m + 1; } System.debug(m);
    Integer down = 0;
    for (Integer i = 3; i >= 0; i--) { down = down + i; } System.debug(down);
    Integer wraps = 0;
    for (Integer i = 2147483646; i > 0; i++) { wraps = wraps + 1; } System.debug(wraps);`;
  assert.deepEqual(out(body), ['3', '3', '6', '2']);
});

test('a null bound or counter compares false as the general comparison does; a null total fails on its line', () => {
  // Apex operators: "If x or y equal null and are Integers, Doubles, Dates, or Datetimes, the expression is false."
  assert.deepEqual(
    out('Integer n; Integer runs = 0;\nfor (Integer i = 0; i < n; i++) { runs++; }\nSystem.debug(runs);'),
    ['0']
  );
  assert.deepEqual(out("Integer i;\nif (i > 0) { System.debug('yes'); } else { System.debug('no'); }"), ['no']);
  const total = apex('Integer s;\ns = s + 1;');
  assert.match(total.fatal ?? '', /System\.NullPointerException/);
  assert.match(total.stack.join('\n'), /line 2/);
});

test('x = x + y into an Integer keeps wrapping, promotion errors and the right operand evaluated once', () => {
  const cls =
    'public class Counter { public static Integer calls = 0; public static Integer next() { calls++; return 5; } }';
  const body = `
    Integer s = 2147483647; s = s + 1; System.debug(s);
    Integer t = 10; t = t - Counter.next(); System.debug(t); System.debug(Counter.calls);
    Integer u = 1; u = 2 + u; System.debug(u);`;
  assert.deepEqual(out(body, [cls]), ['-2147483648', '5', '1', '3']);
});

test('an if on a comparison of Decimals, Longs and Integers decides as the general comparison', () => {
  const body = `
    Decimal d = 1.5; Long l = 3; Integer i = 2;
    if (d < i) { System.debug('d<i'); } else { System.debug('no'); }
    if (l > i) { System.debug('l>i'); }
    if (i <= 2) { System.debug('i<=2'); }
    if (i >= 3) { System.debug('no'); } else { System.debug('i<3'); }`;
  assert.deepEqual(out(body), ['d<i', 'l>i', 'i<=2', 'i<3']);
});
