import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexDouble, Decimal } from '../../src/values/values.js';

import { javaDoubleToString } from '../../src/stdlib/number-format.js';
import { FakeContext, apexError, callInstance, callStatic } from './fake-context.js';
import { standardLibrary } from '../../src/stdlib/index.js';

const natives = standardLibrary();

const ctx = new FakeContext();
const d = (t: string) => Decimal.parse(t);
const str = (v: unknown) => (v as Decimal).toString();
const mode = (m: string) => natives.enumValue('System.RoundingMode', m);

test('Double prints Java-style: plain between 1e-3 and 1e7, scientific outside', () => {
  assert.equal(javaDoubleToString(5), '5.0');
  assert.equal(javaDoubleToString(0.1 + 0.2), '0.30000000000000004');
  assert.equal(javaDoubleToString(1e7), '1.0E7');
  assert.equal(javaDoubleToString(1234567.0), '1234567.0');
  assert.equal(javaDoubleToString(0.001), '0.001');
  assert.equal(javaDoubleToString(0.0001), '1.0E-4');
  assert.equal(javaDoubleToString(-1.5e-10), '-1.5E-10');
  assert.equal(javaDoubleToString(1.2345e21), '1.2345E21');
});

test('Integer.valueOf parses and rejects with TypeException', () => {
  assert.equal(callStatic(ctx, 'Integer', 'valueOf', '-42'), -42);
  assert.equal(
    apexError(() => callStatic(ctx, 'Integer', 'valueOf', '4.2')),
    'System.TypeException: Invalid integer: 4.2'
  );
  assert.equal(
    apexError(() => callStatic(ctx, 'Integer', 'valueOf', '2147483648')),
    'System.TypeException: Invalid integer: 2147483648'
  );
});

test('Long.valueOf and Double.valueOf parse their ranges', () => {
  assert.equal(callStatic(ctx, 'Long', 'valueOf', '9223372036854775807'), 9223372036854775807n);
  assert.equal((callStatic(ctx, 'Double', 'valueOf', '1e3') as ApexDouble).value, 1000);
  assert.match(
    apexError(() => callStatic(ctx, 'Double', 'valueOf', 'abc')),
    /TypeException: Invalid double: abc/
  );
});

test('Decimal.valueOf keeps the scale written in the string', () => {
  assert.equal(str(callStatic(ctx, 'Decimal', 'valueOf', '1.10')), '1.10');
  assert.equal(callInstance(ctx, callStatic(ctx, 'Decimal', 'valueOf', '1.10'), 'scale'), 2);
});

test('Decimal.valueOf(Double) goes through Double.toString, so 1.0 has scale 1', () => {
  assert.equal(str(callStatic(ctx, 'Decimal', 'valueOf', new ApexDouble(1))), '1.0');
  assert.equal(str(callStatic(ctx, 'Decimal', 'valueOf', new ApexDouble(0.1))), '0.1');
});

test('setScale defaults to half-even and honours an explicit RoundingMode', () => {
  assert.equal(str(callInstance(ctx, d('2.345'), 'setScale', 2)), '2.34');
  assert.equal(str(callInstance(ctx, d('2.345'), 'setScale', 2, mode('HALF_UP'))), '2.35');
  assert.equal(str(callInstance(ctx, d('1.5'), 'setScale', 3)), '1.500');
});

test('round uses the documented rounding modes (Apex Decimal doc examples)', () => {
  const cases: [string, string, bigint][] = [
    ['5.5', 'CEILING', 6n],
    ['-1.1', 'CEILING', -1n],
    ['-2.7', 'CEILING', -2n],
    ['5.5', 'DOWN', 5n],
    ['-2.7', 'DOWN', -2n],
    ['-1.1', 'FLOOR', -2n],
    ['5.5', 'HALF_DOWN', 5n],
    ['5.5', 'HALF_EVEN', 6n],
    ['2.5', 'HALF_EVEN', 2n],
    ['-2.5', 'HALF_UP', -3n],
    ['1.1', 'UP', 2n]
  ];
  for (const [v, m, want] of cases) assert.equal(callInstance(ctx, d(v), 'round', mode(m)), want, `${v} ${m}`);
  assert.equal(callInstance(ctx, d('2.5'), 'round'), 2n);
});

test('UNNECESSARY rounding of an inexact value throws MathException', () => {
  assert.match(
    apexError(() => callInstance(ctx, d('1.5'), 'round', mode('UNNECESSARY'))),
    /MathException: Rounding necessary/
  );
});

test('divide with a scale and mode; divide by zero throws MathException', () => {
  assert.equal(str(callInstance(ctx, d('10'), 'divide', d('3'), 4)), '3.3333');
  assert.equal(str(callInstance(ctx, d('2'), 'divide', d('3'), 2, mode('DOWN'))), '0.66');
  assert.match(
    apexError(() => callInstance(ctx, d('1'), 'divide', d('0'), 2)),
    /MathException: Divide by 0/
  );
});

test('Decimal precision, stripTrailingZeros, intValue and pow', () => {
  assert.equal(callInstance(ctx, d('123.4500'), 'precision'), 7);
  assert.equal(str(callInstance(ctx, d('123.4500'), 'stripTrailingZeros')), '123.45');
  assert.equal(callInstance(ctx, d('-7.9'), 'intValue'), -7);
  assert.equal(str(callInstance(ctx, d('1.1'), 'pow', 2)), '1.21');
});

test('format uses the user locale grouping', () => {
  assert.equal(callInstance(ctx, 1234567, 'format'), '1,234,567');
  assert.equal(callInstance(new FakeContext({ locale: 'de_DE' }), d('1234.5'), 'format'), '1.234,5');
});

test('Double intValue truncates toward zero', () => {
  assert.equal(callInstance(ctx, new ApexDouble(-3.99), 'intValue'), -3);
  assert.equal(callInstance(ctx, new ApexDouble(3.5), 'round'), 4n);
});

test('Math.mod keeps the sign of the dividend and rejects division by zero', () => {
  assert.equal(callStatic(ctx, 'Math', 'mod', -7, 3), -1);
  assert.equal(callStatic(ctx, 'Math', 'mod', 7n, 3n), 1n);
  assert.match(
    apexError(() => callStatic(ctx, 'Math', 'mod', 1, 0)),
    /MathException: Divide by 0/
  );
});

test('Math.max/min/abs keep the argument type', () => {
  assert.equal(callStatic(ctx, 'Math', 'max', 3, 5), 5);
  assert.equal(str(callStatic(ctx, 'Math', 'min', d('1.50'), d('2'))), '1.50');
  assert.equal(callStatic(ctx, 'Math', 'abs', -2147483648), -2147483648);
  assert.equal((callStatic(ctx, 'Math', 'max', 3, new ApexDouble(2.5)) as ApexDouble).value, 3);
});

test('Math.round on a Double rounds half up; on a Decimal half even', () => {
  assert.equal(callStatic(ctx, 'Math', 'round', new ApexDouble(-2.5)), -2);
  assert.equal(callStatic(ctx, 'Math', 'round', new ApexDouble(2.5)), 3);
  assert.equal(callStatic(ctx, 'Math', 'round', d('2.5')), 2);
  assert.equal(callStatic(ctx, 'Math', 'roundToLong', new ApexDouble(1e12 + 0.5)), 1000000000001n);
});

test('Math.floor/ceil of a Decimal stay Decimal', () => {
  assert.equal(str(callStatic(ctx, 'Math', 'floor', d('-1.5'))), '-2');
  assert.equal((callStatic(ctx, 'Math', 'ceil', new ApexDouble(1.2)) as ApexDouble).value, 2);
});

test('Integer.valueOf(Object) narrows Decimal, Long and Double values', () => {
  assert.equal(callStatic(ctx, 'Integer', 'valueOf', d('12.9')), 12);
  assert.equal(callStatic(ctx, 'Integer', 'valueOf', 7n), 7);
  assert.equal(callStatic(ctx, 'Long', 'valueOf', d('-3.5')), -3n);
  assert.match(
    apexError(() => callStatic(ctx, 'Integer', 'valueOf', true)),
    /TypeException: Invalid conversion from runtime type Boolean to Integer/
  );
});

test('Boolean.valueOf: true in any case, false for other text, an exception for null', () => {
  assert.equal(callStatic(ctx, 'Boolean', 'valueOf', 'TRUE'), true);
  assert.equal(callStatic(ctx, 'Boolean', 'valueOf', 'yes'), false);
  assert.equal(callStatic(ctx, 'Boolean', 'valueOf', false), false);
  assert.match(
    apexError(() => callStatic(ctx, 'Boolean', 'valueOf', null)),
    /NullPointerException/
  );
});
