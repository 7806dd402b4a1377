/**
 * Overload choice by static types, following the Apex guide's numeric hierarchy (Integer → Long → Double → Decimal:
 * a lower type converts to any higher one, and the nearest higher type is the better fit), null casts, generic
 * collections and SObject subtypes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { out } from '../runtime/helpers.js';

const NUMS = `public class Num {
  public static String of(Decimal d) { return 'Decimal'; }
  public static String of(Double d) { return 'Double'; }
  public static String of(Long l) { return 'Long'; }
  public static String big(Decimal d) { return 'Decimal'; }
  public static String big(Double d) { return 'Double'; }
  public static String top(Decimal d) { return 'Decimal'; }
  public static String top(Object o) { return 'Object'; }
}`;

test('an Integer argument takes the nearest higher numeric type: Long before Double before Decimal', () => {
  assert.deepEqual(
    out('Integer i = 1; System.debug(Num.of(i)); System.debug(Num.big(i)); System.debug(Num.top(i));', [NUMS]),
    ['Long', 'Double', 'Decimal']
  );
});

test('a Long takes Double before Decimal, a Double takes Double, a Decimal takes Decimal', () => {
  assert.deepEqual(
    out(
      'Long l = 1L; Double d = 1.5; Decimal m = 2.5; System.debug(Num.big(l)); System.debug(Num.of(d)); System.debug(Num.of(m));',
      [NUMS]
    ),
    ['Double', 'Double', 'Decimal']
  );
});

test('a null cast to a numeric type chooses that type; a bare null in a typed local chooses by the declared type', () => {
  assert.deepEqual(
    out(
      'System.debug(Num.of((Long) null)); Double d; System.debug(Num.of(d)); System.debug(Num.top((Decimal) null));',
      [NUMS]
    ),
    ['Long', 'Double', 'Decimal']
  );
});

test('generic collections: List<Account> takes List<SObject> over List<Object>, a Set<Id> takes Set<Id>', () => {
  const cls = `public class Rows {
    public static String of(List<Object> xs) { return 'List<Object>'; }
    public static String of(List<SObject> xs) { return 'List<SObject>'; }
    public static String ids(Set<String> xs) { return 'Set<String>'; }
    public static String ids(Set<Id> xs) { return 'Set<Id>'; }
  }`;
  assert.deepEqual(
    out(
      'List<Account> accs = new List<Account>(); System.debug(Rows.of(accs)); List<Integer> ns = new List<Integer>(); System.debug(Rows.of(ns)); System.debug(Rows.ids(new Set<Id>()));',
      [cls]
    ),
    ['List<SObject>', 'List<Object>', 'Set<Id>']
  );
});

test('user class subtypes: the most specific supertype wins over a more distant one and over Object', () => {
  const classes = [
    'public virtual class Animal {}',
    'public virtual class Dog extends Animal {}',
    'public class Puppy extends Dog {}',
    `public class Vet {
       public static String see(Object o) { return 'Object'; }
       public static String see(Animal a) { return 'Animal'; }
       public static String see(Dog d) { return 'Dog'; }
     }`
  ];
  assert.deepEqual(
    out('Puppy p = new Puppy(); System.debug(Vet.see(p)); Animal a = p; System.debug(Vet.see(a));', classes),
    ['Dog', 'Animal']
  );
});

test('a null cast to String or to Account chooses that overload; a bare null local of either type too', () => {
  const cls = `public class Rec {
    public static String of(String s) { return 'String'; }
    public static String of(Account a) { return 'Account'; }
  }`;
  assert.deepEqual(
    out(
      'System.debug(Rec.of((String) null)); System.debug(Rec.of((Account) null)); Account a; System.debug(Rec.of(a));',
      [cls]
    ),
    ['String', 'Account', 'Account']
  );
});

test('Map and Set generics: a Map<Id, Account> takes Map<Id, SObject> over Object, a Set<String> its own overload', () => {
  const cls = `public class Keys {
    public static String of(Map<Id, SObject> m) { return 'Map<Id, SObject>'; }
    public static String of(Map<String, Object> m) { return 'Map<String, Object>'; }
    public static String of(Object o) { return 'Object'; }
    public static String set(Set<Id> s) { return 'Set<Id>'; }
    public static String set(Set<String> s) { return 'Set<String>'; }
    public static String set(Object o) { return 'Object'; }
  }`;
  assert.deepEqual(
    out(
      "System.debug(Keys.of(new Map<Id, Account>())); System.debug(Keys.of(new Map<String, Integer>())); System.debug(Keys.set(new Set<String>{ 'a' })); System.debug(Keys.set(new Set<Id>())); System.debug(Keys.set(new List<String>()));",
      [cls]
    ),
    ['Map<Id, SObject>', 'Map<String, Object>', 'Set<String>', 'Set<Id>', 'Object']
  );
});
