/**
 * Type checking when code is loaded: illegal assignments, missing returns and bodiless methods are compile errors
 * worded as the platform words them, and only when static types decide them with certainty.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex } from '../runtime/helpers.js';

function errors(body: string, classes: string[] = []): string[] {
  const r = apex(body, classes);
  return [
    ...r.project.interp.compileErrors().map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`),
    ...(r.fatal ? [r.fatal] : [])
  ];
}

test('an assignment no conversion allows is an Illegal assignment, and the anonymous block runs nothing', () => {
  const r = apex("System.debug('ran');\nInteger i = 'text';");
  assert.equal(r.fatal, 'test.apex:2:13 Illegal assignment from String to Integer');
  assert.deepEqual(r.debug, []);
  assert.deepEqual(errors('Long l = 5L;\nInteger i;\ni = l;'), [
    'test.apex:3:5 Illegal assignment from Long to Integer'
  ]);
  assert.deepEqual(errors("Object o = 'x';\nString s = o;"), [
    'test.apex:2:12 Illegal assignment from Object to String'
  ]);
  assert.deepEqual(errors('Account a = new Account();\nContact c = a;'), [
    'test.apex:2:13 Illegal assignment from Account to Contact'
  ]);
  assert.deepEqual(errors('List<String> xs = new Set<String>();'), [
    'test.apex:1:19 Illegal assignment from Set<String> to List<String>'
  ]);
});

test('user classes: a subclass assigns to its superclass or interface, an unrelated class does not', () => {
  const classes = [
    'public interface Shape {}',
    'public virtual class Base implements Shape {}',
    'public class Kid extends Base {}',
    'public class Other {}'
  ];
  assert.deepEqual(errors('Kid k = new Kid(); Base b = k; Shape s = k; Object o = k;', classes), []);
  assert.deepEqual(errors('Base b = new Other();', classes), ['test.apex:1:10 Illegal assignment from Other to Base']);
  assert.deepEqual(errors('Kid k = new Base();', classes), ['test.apex:1:9 Illegal assignment from Base to Kid']);
});

test('the conversions Apex allows are not errors: numeric widening, Id and String, null, SObject, collections', () => {
  assert.deepEqual(
    errors(
      "Integer i = 1; Long l = i; Double d = l; Decimal m = d; Double back = 1.5; Id x = '001000000000001AAA'; String s = x; Id y = s; Integer n = null; SObject so = new Account(); List<Object> objs = new List<String>(); Date day = Date.today();"
    ),
    []
  );
});

test('what static types cannot decide stays silent: native results, SObject fields, SObject to a specific SObject', () => {
  assert.deepEqual(
    errors(
      "String s = String.valueOf(1); Account a = new Account(Name = 'n'); String n = a.Name; SObject so = a; Account back = so; Datetime dt = Date.today();"
    ),
    []
  );
});

test('a non-void method that can run off its end is a Missing return statement; the rest of the class still loads', () => {
  const r = apex('System.debug(Half.ok(true));', [
    `public class Half {
       public static String ok(Boolean b) { if (b) { return 'yes'; } else { return 'no'; } }
       public static Integer broken(Boolean b) {
         if (b) { return 1; }
       }
     }`
  ]);
  assert.deepEqual(r.debug, ['yes']);
  assert.deepEqual(
    r.project.interp.compileErrors().map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`),
    ['C0.cls:3:22 Missing return statement required return type: Integer']
  );
});

test('methods that always return or throw are complete: if/else, try/catch, loops for ever, switch with else', () => {
  const cls = `public class Full {
    public static Integer a(Integer x) { if (x > 0) return 1; else if (x < 0) return -1; else return 0; }
    public static Integer b() { try { return 1; } catch (Exception e) { throw e; } }
    public static Integer c() { while (true) { if (Math.random() > 0.5) return 1; } }
    public static Integer d(Integer x) { switch on x { when 1 { return 1; } when else { return 2; } } }
    public static Integer e() { throw new IllegalArgumentException('no'); }
    public static List<String> f() { for (;;) { return new List<String>(); } }
    public static Integer g() { try { System.debug('x'); } finally { return 3; } }
    public static void h() { }
  }`;
  assert.deepEqual(errors('System.debug(Full.a(1));', [cls]), []);
});

test('loops that may end, and a break out of a loop for ever, leave the method incomplete', () => {
  const cls = `public class Loops {
    public static Integer a(List<Integer> xs) { for (Integer x : xs) { return x; } }
    public static Integer b() { while (true) { break; } }
  }`;
  assert.deepEqual(errors('', [cls]), [
    'C0.cls:2:19 Missing return statement required return type: Integer',
    'C0.cls:3:19 Missing return statement required return type: Integer'
  ]);
});

test('a method of a class without a body and not abstract must define a body', () => {
  assert.deepEqual(
    errors('', [
      'public abstract class Shape { public abstract Integer sides(); public Integer corners(); }',
      'public interface Named { String name(); }'
    ]),
    ['C0.cls:1:71 Method must define a body']
  );
});
