/**
 * Compile errors the resolver reports when static types decide them with certainty, worded as the platform's
 * compiler words them (the message catalogue of forcedotcom/apex-language-support): casts and instanceof tests that
 * can never succeed, instance methods reached from a static context and static methods through a value, calls and
 * constructors no declaration takes, interface overloads the compiler cannot rank, duplicate variables, unreachable
 * statements and returns that carry a value where none is allowed. What static types cannot decide stays silent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex } from '../runtime/helpers.js';
import { runAnonymousText } from '../../src/boot/anonymous.js';

function errors(body: string, classes: string[] = []): string[] {
  const r = apex(body, classes);
  return [
    ...r.project.interp.compileErrors().map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`),
    ...(r.fatal ? r.fatal.split('\n') : [])
  ];
}

const SHAPES = [
  'public interface Shape {}',
  'public virtual class Base implements Shape {}',
  'public class Kid extends Base {}',
  'public class Other {}',
  'public enum Color { RED }'
];

test('a cast no value can pass is "Incompatible types"; the block runs nothing', () => {
  const r = apex("System.debug('ran');\nString s = 'x';\nInteger i = (Integer) s;");
  assert.equal(
    r.fatal,
    'test.apex:3:13 Incompatible types since an instance of String is never an instance of Integer'
  );
  assert.deepEqual(r.debug, []);
  assert.deepEqual(errors('Account a = new Account();\nContact c = (Contact) a;'), [
    'test.apex:2:13 Incompatible types since an instance of Account is never an instance of Contact'
  ]);
  assert.deepEqual(errors('Base b = new Base();\nOther o = (Other) b;', SHAPES), [
    'test.apex:2:11 Incompatible types since an instance of Base is never an instance of Other'
  ]);
  assert.deepEqual(errors('List<String> xs = new List<String>();\nSet<String> s = (Set<String>) xs;'), [
    'test.apex:2:17 Incompatible types since an instance of List<String> is never an instance of Set<String>'
  ]);
});

test('casts that may succeed are silent: down and up the hierarchy, Object, SObject, interfaces, numbers, natives', () => {
  assert.deepEqual(
    errors(
      "Base b = new Kid(); Kid k = (Kid) b; Object o = (Object) k; Shape s = (Shape) k; Other back = (Other) (Shape) null; SObject so = new Account(); Account a = (Account) so; Decimal d = null; Integer i = (Integer) d; Id x = (Id) '001000000000001AAA'; Color c = (Color) (Object) null; List<Account> accs = (List<Account>) new List<SObject>(); Datetime dt = null; Date day = (Date) dt;",
      SHAPES
    ),
    []
  );
});

test('instanceof that can never be true does not compile', () => {
  assert.deepEqual(errors("String s = 'x';\nBoolean b = s instanceof Integer;"), [
    'test.apex:2:13 Operation instanceof is always false since an instance of String is never an instance of Integer'
  ]);
  assert.deepEqual(
    errors(
      'Object o = new Kid(); Base b = new Base(); Boolean y = o instanceof Kid || b instanceof Kid || b instanceof Shape;',
      SHAPES
    ),
    []
  );
});

const SVC = `public class Svc {
  public static String make() { return 'made'; }
  public String run() { return 'ran'; }
  public static String fromStatic() {
    return run();
  }
}`;

test('an instance method reached from a static context, a static method reached through a value', () => {
  assert.deepEqual(errors('Svc.run();', [SVC]), [
    'C0.cls:5:12 Non static method cannot be referenced from a static context: String Svc.run()',
    'test.apex:1:5 Non static method cannot be referenced from a static context: String Svc.run()'
  ]);
  assert.deepEqual(errors('System.debug(new Svc().make());', [SVC.replace('return run();', "return 'x';")]), [
    'test.apex:1:24 Static method cannot be referenced from a non static context: String Svc.make()'
  ]);
  assert.deepEqual(
    errors('System.debug(Svc.make()); System.debug(new Svc().run());', [SVC.replace('return run();', "return 'x';")]),
    []
  );
});

test('a call or constructor no declaration takes by number or type of arguments does not compile', () => {
  const classes = [
    'public class Two { public Two(String a, Integer b) {} public String m(String a) { return a; } }',
    'public class None { public String m() { return null; } }'
  ];
  assert.deepEqual(errors("Two t = new Two('a');\nNone n = new None(5);\nSystem.debug(new None().m('x'));", classes), [
    'test.apex:1:9 Constructor not defined: [Two].<Constructor>(String)',
    'test.apex:2:10 Constructor not defined: [None].<Constructor>(Integer)',
    'test.apex:3:25 Method does not exist or incorrect signature: void m(String) from the type None'
  ]);
  assert.deepEqual(
    errors("Two t = new Two(1, 1);\nSystem.debug(new None().m());\nString s = new Two('a', 1).m(5L);", classes),
    [
      'test.apex:1:9 Constructor not defined: [Two].<Constructor>(Integer, Integer)',
      'test.apex:3:28 Method does not exist or incorrect signature: void m(Long) from the type Two'
    ]
  );
  assert.deepEqual(errors('Object o = new Abs();', ['public abstract class Abs {}']), [
    'test.apex:1:12 Abstract classes cannot be constructed: Abs'
  ]);
  assert.deepEqual(
    errors(
      "Two t = new Two('a', 1); None n = new None(); System.debug(t.m('x')); Exception e = new MyEx('m'); t = new Two(null, (Integer) null); Id x = null; t.m(x); Object o = t.m(null);",
      [...classes, 'public class MyEx extends Exception {}']
    ),
    []
  );
});

test('overloads reached only through interfaces the argument implements are ambiguous (the platform does not rank them)', () => {
  const classes = [
    'public interface IDomain {}',
    'public interface ISObjectDomain extends IDomain {}',
    'public virtual class Domain implements ISObjectDomain {}',
    'public class Assets extends Domain {}',
    `public class Factory {
       public static String setMock(ISObjectDomain d) { return 'ISObjectDomain'; }
       public static String setMock(IDomain d) { return 'IDomain'; }
     }`
  ];
  assert.deepEqual(errors('Assets a = new Assets();\nFactory.setMock(a);', classes), [
    'test.apex:2:9 Ambiguous method signature: String setMock(Assets)'
  ]);
  // A variable typed as one of the interfaces matches it exactly.
  assert.deepEqual(errors('ISObjectDomain d = new Assets(); System.debug(Factory.setMock(d));', classes), []);
});

test('a variable declared twice in one scope or in a nested one is a Duplicate variable; sibling scopes are not', () => {
  assert.deepEqual(errors('Integer a = 1;\nif (a > 0) {\n  String a;\n}'), ['test.apex:3:10 Duplicate variable: a']);
  assert.deepEqual(errors('', ['public class P { public static void m(String x) {\n  Integer x = 1;\n} }']), [
    'C0.cls:2:11 Duplicate variable: x'
  ]);
  assert.deepEqual(
    errors('for (Integer i = 0; i < 1; i++) {} for (Integer i = 0; i < 1; i++) {} { String s; } { String s; }'),
    []
  );
});

test('a statement after return, throw, break or continue is unreachable', () => {
  assert.deepEqual(
    errors('', ["public class U { public static Integer m() {\n  return 1;\n  System.debug('never');\n} }"]),
    ['C0.cls:3:3 Unreachable statement']
  );
  assert.deepEqual(errors('for (Integer i = 0; i < 3; i++) { if (i == 1) { continue; } System.debug(i); }'), []);
});

test('a return value in a void method or a constructor, and this in a static method, do not compile', () => {
  assert.deepEqual(
    errors('', [
      'public class R {\n  public R() { return 1; }\n  public static void v() { return 2; }\n  public static Object s() { return this; }\n}'
    ]),
    [
      'C0.cls:3:28 Void method must not return a value',
      'C0.cls:4:37 This cannot be referenced in a static context',
      'C0.cls:2:16 Constructors must not return a value'
    ]
  );
});

test('an anonymous script whose third line does not compile runs nothing: its first line inserts no record', () => {
  const r = apex("insert new Account(Name = 'first line');\nSystem.debug('second line');\nString s = (String) 5;");
  assert.equal(
    r.fatal,
    'test.apex:3:12 Incompatible types since an instance of Integer is never an instance of String'
  );
  assert.deepEqual(r.debug, []);
  assert.equal(runAnonymousText(r.project, 'System.debug([SELECT COUNT() FROM Account]);', 'count.apex'), null);
  assert.deepEqual(r.debug, ['0']);
});

test('a platform namespace or System class localorg does not model is a type, not an unknown variable', () => {
  const r = apex("System.debug('ran');\nBoolean b = FeatureManagement.checkPermission('X');");
  assert.deepEqual(r.debug, ['ran']);
  assert.equal(r.fatal, 'test.apex:2:1 FeatureManagement is not supported by localorg');
  assert.deepEqual(
    errors(
      "Object o;\nif (o != null) { o = Invocable.Action.createCustomAction('apex', 'X'); o = FormulaEval.FormulaBuilder.builder(); o = Page.myPage; }"
    ),
    []
  );
  assert.deepEqual(errors('Object o = Nope.Thing.m();'), ['test.apex:1:12 Variable does not exist: Nope']);
  // name=value pairs are SObject fields even for an SObject the schema lacks (a share object), never variables.
  assert.deepEqual(errors("Object o;\nif (o != null) { o = new Log__Share(ParentId = null, RowCause = 'x'); }"), []);
});

test('a field a user class lacks, and an instance field named from a static method, do not compile; a type of the same name is the type there', () => {
  const classes = [
    `public class Holder {
  public Integer count;
  public static Integer total;
  public static Integer read() {
    return count;
  }
}`,
    'public enum Color { RED }',
    `public class Query {
  public enum Operator { EQUALS }
  public final Operator operator;
  public Query(Operator o) { operator = o; }
  public static Query equal() { return new Query(Operator.EQUALS); }
}`
  ];
  assert.deepEqual(errors('Holder h = new Holder();\nSystem.debug(h.missing);\nSystem.debug(Holder.nope);', classes), [
    'C0.cls:5:12 Non static field cannot be referenced from a static context: count from the type Holder',
    'test.apex:2:14 Variable does not exist: missing',
    'test.apex:3:14 Variable does not exist: nope'
  ]);
  assert.deepEqual(
    errors(
      'Holder h = new Holder(); h.count = 1; Holder.total = 2; System.debug(Color.RED); System.debug(h.count + Holder.total);',
      [classes[0].replace('return count;', 'return total;'), classes[1], classes[2]]
    ),
    []
  );
});

test('comparing types no value shares, or a condition that is not Boolean, does not compile', () => {
  assert.deepEqual(errors("String s = 'a';\nInteger i = 1;\nBoolean b = s == i;\nif (i) {}\nwhile (s) {}"), [
    'test.apex:3:13 Comparison arguments must be compatible types: String, Integer',
    'test.apex:4:5 Condition expression must be of type Boolean: Integer',
    'test.apex:5:8 Condition expression must be of type Boolean: String'
  ]);
  assert.deepEqual(
    errors(
      "Id x = null; String s = 'a'; Long l = 1; Integer i = 1; Object o = s; Boolean b = x == s || l == i || o == i || s != null; if (b) {} while (i > 2) {} Boolean n = true; if (n) {}"
    ),
    []
  );
});

test('a private field read from outside its top-level class is not visible; inner classes and test classes may read it', () => {
  const classes = [
    `public class Vault {
  private Integer secret = 1;
  Integer implicit = 2;
  public Integer open = 3;
  public class Inner {
    private Integer mine = 4;
    public Integer peek(Vault v) { return v.secret; }
  }
  public Integer peekInner(Inner i) { return i.mine; }
}`,
    '@IsTest public class VaultTest { static Integer read(Vault v) { return v.secret; } }'
  ];
  assert.deepEqual(errors('Vault v = new Vault();\nInteger a = v.secret + v.implicit + v.open;', classes), [
    'test.apex:2:13 Variable is not visible: secret',
    'test.apex:2:24 Variable is not visible: implicit'
  ]);
});
