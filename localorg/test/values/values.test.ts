import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from '../runtime/helpers.js';

test('Integer arithmetic wraps at 32 bits', () => {
  assert.deepEqual(out('Integer i = 2147483647; i++; System.debug(i); System.debug(2147483647 * 2);'), [
    '-2147483648',
    '-2'
  ]);
});

test('Long arithmetic wraps at 64 bits', () => {
  assert.deepEqual(out('Long l = 9223372036854775807L; System.debug(l + 1);'), ['-9223372036854775808']);
});

test('Integer division truncates and dividing by zero throws MathException', () => {
  const r = apex('System.debug(7 / 2); System.debug(-7 / 2); Integer z = 0; System.debug(1 / z);');
  assert.deepEqual(r.debug, ['3', '-3']);
  assert.equal(r.fatal, 'System.MathException: Divide by 0');
});

test('Double prints Java-style', () => {
  assert.deepEqual(
    out(
      'Double d = 5; System.debug(d); Double b = 10000000000.0; System.debug(b); Double s = 0.0001; System.debug(s);'
    ),
    ['5.0', '1.0E10', '1.0E-4']
  );
});

test('Decimal keeps its scale through addition and String.valueOf', () => {
  assert.deepEqual(out("Decimal d = 1.10; System.debug(d); System.debug(d + 1); System.debug('' + (d * 2));"), [
    '1.10',
    '2.10',
    '2.20'
  ]);
});

test('assigning an Integer to Long, Decimal and Double slots converts it', () => {
  assert.deepEqual(
    out(
      'Long l = 5; Decimal d = 5; Double x = 5; Object o = l; System.debug(o instanceof Long); System.debug(d); System.debug(x);'
    ),
    ['true', '5', '5.0']
  );
});

test('String == ignores case while Set and Map keys do not', () => {
  assert.deepEqual(
    out(
      "System.debug('abc' == 'ABC'); Set<String> s = new Set<String>{'a', 'A'}; System.debug(s.size()); Map<String,Integer> m = new Map<String,Integer>{'a' => 1}; System.debug(m.get('A'));"
    ),
    ['true', '2', 'null']
  );
});

test("concatenating null gives 'null' text", () => {
  assert.deepEqual(out("String n; System.debug('x' + n); System.debug(n + 1);"), ['xnull', 'null1']);
});

test('dereferencing null throws NullPointerException with an Apex stack line', () => {
  const r = apex('String s;\nInteger n = s.length();');
  assert.equal(r.fatal, 'System.NullPointerException: Attempt to de-reference a null object');
  assert.match(r.stack[0], /^AnonymousBlock: line 2, column \d+$/);
});

test('collections render as (a, b), {a, b} and {k=v}', () => {
  assert.deepEqual(
    out(
      "System.debug(new List<Integer>{1, 2}); System.debug(new Set<String>{'a', 'b'}); System.debug(new Map<String, Decimal>{'a' => 1.0});"
    ),
    ['(1, 2)', '{a, b}', '{a=1.0}']
  );
});

test('Datetime debug output is GMT and Date prints ISO', () => {
  assert.deepEqual(out('System.debug(System.now()); System.debug(System.today());'), [
    '2024-01-05 13:00:00',
    '2024-01-05'
  ]);
});

test('an invalid cast throws TypeException naming both types', () => {
  const r = apex("Object o = 'x'; Integer i = (Integer) o;");
  assert.equal(r.fatal, 'System.TypeException: Invalid conversion from runtime type String to Integer');
});

test('instanceof, safe navigation and null coalescing', () => {
  assert.deepEqual(
    out(
      "Object o = 'x'; System.debug(o instanceof String); String s; System.debug(s?.length()); System.debug(s ?? 'dflt');"
    ),
    ['true', 'null', 'dflt']
  );
});

test('a ?. that meets null skips the rest of its chain; a null met after a non-null ?. still throws', () => {
  const r = apex(
    [
      'Account a;',
      'System.debug(a?.Owner.Name);',
      'System.debug(a?.Name.length());',
      'System.debug(a?.Name.trim().length() ?? -1);',
      'a = new Account();',
      'System.debug(a?.Owner?.Name);',
      'System.debug(a?.Name.length());'
    ].join(' ')
  );
  assert.deepEqual(r.debug, ['null', 'null', '-1', 'null']);
  assert.equal(r.fatal, 'System.NullPointerException: Attempt to de-reference a null object');
});

test('a ?. chain also skips an index after it, and parentheses end the chain', () => {
  assert.deepEqual(out('Account a; System.debug(a?.Contacts[0]);'), ['null']);
  const r = apex('Account a; System.debug((a?.Owner).Name);');
  assert.equal(r.fatal, 'System.NullPointerException: Attempt to de-reference a null object');
});

test('comparisons with null are false rather than throwing', () => {
  assert.deepEqual(out('Integer n; System.debug(n > 1); System.debug(n < 1);'), ['false', 'false']);
});

test('Id equality ignores the 15/18 form', () => {
  assert.deepEqual(
    out("Id a = '001000000000001'; Id b = '001000000000001AAA'; System.debug(a == b); System.debug(a);"),
    ['true', '001000000000001AAA']
  );
});

test('an invalid Id string throws StringException', () => {
  assert.equal(apex("Id a = 'nope';").fatal, 'System.StringException: Invalid id: nope');
});

test('bit shifts and bitwise operators on Integer and Long', () => {
  assert.deepEqual(
    out(
      'System.debug(1 << 31); System.debug(-8 >> 1); System.debug(-8 >>> 28); System.debug(6 & 3); System.debug(1L << 40);'
    ),
    ['-2147483648', '-4', '15', '2', '1099511627776']
  );
});
