/**
 * The resolver: overloads chosen by the arguments' static types (null casts, numeric widening, generic collections,
 * SObject vs a specific SObject), and anonymous Apex that does not compile running nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from '../runtime/helpers.js';
import { runAnonymousText } from '../../src/boot/anonymous.js';

const OVERLOADS = `public class Pick {
  public static String of(Boolean b) { return 'Boolean'; }
  public static String of(String s) { return 'String'; }
  public static String of(Object o) { return 'Object'; }
  public static String num(Long l) { return 'Long'; }
  public static String num(Object o) { return 'Object'; }
  public static String wide(Decimal d) { return 'Decimal'; }
  public static String wide(String s) { return 'String'; }
  public static String rows(List<Object> xs) { return 'List<Object>'; }
  public static String rows(List<String> xs) { return 'List<String>'; }
  public static String rows(List<Database.DeleteResult> xs) { return 'List<DeleteResult>'; }
  public static String rec(SObject r) { return 'SObject'; }
  public static String rec(Account r) { return 'Account'; }
}`;

test('a cast null chooses the overload of the cast type, not the first that accepts null', () => {
  assert.deepEqual(out('System.debug(Pick.of((String) null)); System.debug(Pick.of((Boolean) null));', [OVERLOADS]), [
    'String',
    'Boolean'
  ]);
});

test("a variable's declared type chooses, even when its value is null or of another run-time type", () => {
  assert.deepEqual(
    out("String s; Object o = 'text'; System.debug(Pick.of(s)); System.debug(Pick.of(o));", [OVERLOADS]),
    ['String', 'Object']
  );
});

test('numeric widening: an Integer argument reaches a Long or Decimal parameter', () => {
  assert.deepEqual(
    out('System.debug(Pick.num(5)); System.debug(Pick.wide(5)); System.debug(Pick.wide(5L));', [OVERLOADS]),
    ['Long', 'Decimal', 'Decimal']
  );
});

test('generic collections: List<String> is not a List<Database.DeleteResult>, and an Integer list takes List<Object>', () => {
  assert.deepEqual(
    out(
      "System.debug(Pick.rows(new List<String>{ 'a' })); System.debug(Pick.rows(new List<Integer>{ 1 })); List<String> none = new List<String>(); System.debug(Pick.rows(none));",
      [OVERLOADS]
    ),
    ['List<String>', 'List<Object>', 'List<String>']
  );
});

test('a specific SObject chooses its own overload; one typed SObject chooses the generic one', () => {
  assert.deepEqual(
    out("Account a = new Account(Name = 'x'); SObject s = a; System.debug(Pick.rec(a)); System.debug(Pick.rec(s));", [
      OVERLOADS
    ]),
    ['Account', 'SObject']
  );
});

test('instance overloads and constructors choose by static types too', () => {
  const classes = [
    `public class Box {
       public String made;
       public Box(String s) { made = 'String'; }
       public Box(Integer i) { made = 'Integer'; }
       public String put(Object o) { return 'Object'; }
       public String put(String s) { return 'String'; }
     }`
  ];
  assert.deepEqual(
    out("System.debug(new Box((String) null).made); Object o = 'x'; System.debug(new Box(1).put(o));", classes),
    ['String', 'Object']
  );
});

test('an anonymous block calling an unknown method does not compile and runs nothing', () => {
  const r = apex("insert new Account(Name = 'kept?'); System.debug('ran'); Pick.missing(1, 'a');", [OVERLOADS]);
  assert.equal(
    r.fatal,
    'test.apex:1:63 Method does not exist or incorrect signature: void missing(Integer, String) from the type Pick'
  );
  assert.deepEqual(r.debug, []);
  // The same org afterwards: the insert before the broken line never ran.
  assert.equal(runAnonymousText(r.project, 'System.debug([SELECT COUNT() FROM Account]);', 'count.apex'), null);
  assert.deepEqual(r.debug, ['0']);
});

test('an unknown variable or bare method in an anonymous block is a compile error at its line and column', () => {
  assert.equal(apex('Integer a = 1;\nSystem.debug(a + b);').fatal, 'test.apex:2:18 Variable does not exist: b');
  assert.equal(
    apex("System.debug('x');\n  helper(1);").fatal,
    'test.apex:2:3 Method does not exist or incorrect signature: void helper(Integer) from the type anon'
  );
});

test('names the resolver cannot judge are left to run time: natives, SObjects, namespaces, Trigger, inherited members', () => {
  assert.deepEqual(
    out(
      "System.debug(String.valueOf(3)); System.debug(Schema.SObjectType.Account.getName()); Account a = new Account(Name = 'n'); System.debug(a.Name); System.debug(Trigger.isExecuting); System.debug(new Kid().hello());",
      [
        "public virtual class Base { protected String greeting = 'hi'; public virtual String hello() { return greeting; } }",
        "public class Kid extends Base { public override String hello() { return greeting + '!'; } }"
      ]
    ),
    ['3', 'Account', 'n', 'false', 'hi!']
  );
});

test('a class with a compile error still loads; the error is listed and the rest of the class runs', () => {
  const r = apex('System.debug(Half.ok());', [
    "public class Half { public static String ok() { return 'fine'; } public static void broken() { nothere(); } }"
  ]);
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, ['fine']);
  assert.deepEqual(
    r.project.interp.compileErrors().map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`),
    ['C0.cls:1:96 Method does not exist or incorrect signature: void nothere() from the type Half']
  );
});
