/**
 * Locals live in frame slots the compiler assigns (runtime/scope.ts StaticScope): what each name means is decided
 * once, in its lexical scope, and running code only reads and writes slots.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

test('a local being declared does not capture its own type name in its initializer', () => {
  const body = `
    Contact contact = new Contact(LastName = String.valueOf(Contact.LastName));
    System.debug(contact.LastName);`;
  assert.deepEqual(out(body), ['LastName']);
});

test('a local declared in a loop body starts afresh on every iteration', () => {
  const body = `
    for (Integer i = 0; i < 3; i++) { Integer x; if (x == null) { x = 0; } x += i; System.debug(x); }`;
  assert.deepEqual(out(body), ['0', '1', '2']);
});

test('sibling blocks may reuse a name with another type, each with its own conversions', () => {
  const body = `
    if (true) { String v = 'a'; System.debug(v); }
    if (true) { Long v = 5; System.debug(v + 2147483647); }
    if (true) { Decimal v = 1; System.debug(v / 4); }`;
  assert.deepEqual(out(body), ['a', '2147483652', '0.25']);
});

test('each call has its own locals (recursion)', () => {
  const cls = `public class Fact {
    public static Integer of(Integer n) { Integer r = n <= 1 ? 1 : n * of(n - 1); return r; }
  }`;
  assert.deepEqual(out('System.debug(Fact.of(5));', [cls]), ['120']);
});

test('catch, for-each and switch-when variables are locals of their own blocks', () => {
  const body = `
    try { Integer z = null; z++; } catch (NullPointerException e) { System.debug(e.getTypeName()); }
    for (String s : new List<String>{ 'p', 'q' }) { System.debug(s); }
    Object o = 7;
    switch on o { when Integer n { System.debug(n + 1); } when else { System.debug('other'); } }`;
  assert.deepEqual(out(body), ['System.NullPointerException', 'p', 'q', '8']);
});

test('constructor parameters reach this(...) arguments and a setter reads value', () => {
  const cls = `public class Pair {
    public Integer n;
    public Integer doubled { get; set { doubled = value * 2; } }
    public Pair(Integer a) { this(a, 1); }
    public Pair(Integer a, Integer b) { n = a + b; }
  }`;
  const body = `Pair p = new Pair(4); p.doubled = p.n; System.debug(p.n + ' ' + p.doubled);`;
  assert.deepEqual(out(body, [cls]), ['5 10']);
});

test('a dynamic SOQL bind reads a local of the calling code', () => {
  const body = `
    insert new Account(Name = 'x');
    String wanted = 'x';
    List<Account> found = Database.query('SELECT Name FROM Account WHERE Name = :wanted');
    System.debug(found.size());`;
  assert.deepEqual(out(body), ['1']);
});

test('Integer arithmetic on locals wraps at 32 bits; null operands and division by zero throw', () => {
  assert.deepEqual(
    out(`Integer big = 2147483647; big++; System.debug(big); Integer m = 2147483647; System.debug(m * 2);`),
    ['-2147483648', '-2']
  );
  assert.deepEqual(out(`String s; Integer one = 1; System.debug(s + one);`), ['null1']);
  const npe = apex(`Integer a;\nInteger b = a + 1;`);
  assert.match(npe.fatal ?? '', /System\.NullPointerException: Attempt to de-reference a null object/);
  assert.match(npe.stack[0] ?? '', /line 2, column/);
  const div = apex(`Integer zero = 0;\nInteger q = 1 / zero;`);
  assert.match(div.fatal ?? '', /System\.MathException: Divide by 0/);
});
