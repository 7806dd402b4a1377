/**
 * The compiled operators read locals and literals inline and take an Integer fast path (runtime/interpreter/
 * operands.ts, expressions.ts); these tests pin the Apex semantics those paths must keep: 32-bit wrapping, promotion
 * to Long and Decimal, null operands, division by zero, and the CPU limit in loops whose bodies do nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

/** A small CPU budget (the platform's is 10,000 ms), set on the instance over the class's `max` getter. */
const cpuBudget = (ms: number) => (p: { platform: { limits: unknown } }) => {
  const limits = p.platform.limits as { max: { cpuTimeMs: number } };
  Object.defineProperty(limits, 'max', { value: { ...limits.max, cpuTimeMs: ms } });
};

test('Integer operators on locals and literals wrap at 32 bits', () => {
  const body = `
    Integer a = 2147483647; Integer b = -2147483648; Integer m = -1;
    System.debug(a + 1); System.debug(1 + a); System.debug(b - 1); System.debug(a * 2);
    System.debug(b / m); System.debug(a / 2); System.debug(-7 / 2); System.debug(7 / -2);`;
  assert.deepEqual(out(body), [
    '-2147483648',
    '-2147483648',
    '2147483647',
    '-2',
    '-2147483648',
    '1073741823',
    '-3',
    '-3'
  ]);
});

test('an Integer local with a Long, Decimal or Double operand promotes instead of wrapping', () => {
  const body = `
    Integer i = 2147483647; Long l = 1; Decimal d = 0.5; Double x = 1.5;
    System.debug(i + l); System.debug(i + d); System.debug(i * x); System.debug(i / 2.0);
    System.debug(l < i); System.debug(d >= i); System.debug(i == 2147483647L);`;
  assert.deepEqual(out(body), [
    '2147483648',
    '2147483647.5',
    '3.2212254705E9',
    '1073741823.5',
    'true',
    'false',
    'true'
  ]);
});

test('comparisons of String locals ignore case; of Integer locals follow the numbers', () => {
  const body = `
    String a = 'apple'; String b = 'BANANA'; Integer x = 3; Integer y = 3;
    System.debug(a < b); System.debug(b <= a); System.debug(a >= 'APPLE'); System.debug(x <= y); System.debug(x >= 4);
    System.debug(x != y); System.debug(a == 'APPLE'); System.debug(a + x);`;
  assert.deepEqual(out(body), ['true', 'false', 'true', 'true', 'false', 'false', 'true', 'apple3']);
});

test('a null local in arithmetic throws NullPointerException at its line; in concatenation it reads null', () => {
  const r = apex('Integer x;\nString s;\nSystem.debug(s + 1);\nInteger y = x + 1;');
  assert.deepEqual(r.debug, ['null1']);
  assert.equal(r.fatal, 'System.NullPointerException: Attempt to de-reference a null object');
  assert.match(r.stack.join('\n'), /line 4/);
});

test('Integer division of locals by zero throws MathException', () => {
  const r = apex('Integer z = 0; Integer n = 5;\nInteger q = n / z;');
  assert.equal(r.fatal, 'System.MathException: Divide by 0');
  assert.match(r.stack.join('\n'), /line 2/);
});

test('loops with empty bodies still reach the CPU limit', () => {
  for (const loop of ['while (true) {}', 'for (;;) {}', 'do {} while (true);', 'for (Integer i = 0; i >= 0; ) {}']) {
    const r = apex(loop, [], cpuBudget(200));
    assert.match(r.fatal ?? '', /^System\.LimitException: Apex CPU time limit exceeded/, loop);
  }
});
