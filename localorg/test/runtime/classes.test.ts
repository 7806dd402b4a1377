import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

const SHAPES = [
  `public abstract class Shape {
     public String name { get; private set; }
     protected Shape(String name) { this.name = name; }
     public abstract Decimal area();
     public virtual String describe() { return name + ' ' + area(); }
   }`,
  `public class Square extends Shape {
     private Decimal side;
     public Square(Decimal side) { super('square'); this.side = side; }
     public Square() { this(1); }
     public override Decimal area() { return side * side; }
     public override String describe() { return 'a ' + super.describe(); }
   }`
];

test('abstract, virtual, override and super dispatch', () => {
  assert.deepEqual(
    out('Shape s = new Square(2.0); System.debug(s.describe()); System.debug(new Square().area());', SHAPES),
    ['a square 4.00', '1']
  );
});

test('instantiating an abstract class fails: `new` does not compile', () => {
  assert.equal(
    apex('Object o = new Shape();', SHAPES).fatal,
    'test.apex:1:12 Abstract classes cannot be constructed: Shape'
  );
  assert.equal(
    apex("Object o = Type.forName('Blank').newInstance();", ['public abstract class Blank {}']).fatal,
    'System.TypeException: Abstract classes cannot be instantiated: Blank'
  );
});

test('overloads are chosen by arity and argument type', () => {
  const cls = `public class Over {
    public static String f(Integer i) { return 'int'; }
    public static String f(String s) { return 'string'; }
    public static String f(String s, Integer i) { return 'two'; }
    public static String f(Object o) { return 'object'; }
  }`;
  assert.deepEqual(
    out(
      "System.debug(Over.f(1)); System.debug(Over.f('x')); System.debug(Over.f('x', 1)); System.debug(Over.f(true));",
      [cls]
    ),
    ['int', 'string', 'two', 'object']
  );
});

test('properties run their accessors and see their backing value', () => {
  const cls = `public class Temp {
    public Integer calls = 0;
    public Integer celsius { get { calls++; return celsius; } set { celsius = value * 2; } }
    public Integer doubled { get { return celsius * 2; } }
  }`;
  assert.deepEqual(
    out(
      'Temp t = new Temp(); t.celsius = 5; System.debug(t.celsius); System.debug(t.doubled); System.debug(t.calls);',
      [cls]
    ),
    ['10', '20', '2']
  );
});

test('static initialisation is lazy and runs once', () => {
  const cls = `public class Counter {
    public static Integer hits = init();
    static Integer init() { System.debug('init'); return 0; }
    public static void hit() { hits++; }
  }`;
  assert.deepEqual(out("System.debug('before'); Counter.hit(); Counter.hit(); System.debug(Counter.hits);", [cls]), [
    'before',
    'init',
    '2'
  ]);
});

test('field initialisers and instance blocks run in declaration order before the constructor body', () => {
  const cls = `public class Order {
    public List<String> log = new List<String>{'field'};
    { log.add('block'); }
    public Order() { log.add('ctor'); }
  }`;
  assert.deepEqual(out('System.debug(new Order().log);', [cls]), ['(field, block, ctor)']);
});

test('inner classes, interfaces and enums with values(), name() and ordinal()', () => {
  const cls = `public class Outer {
    public interface Greeter { String greet(); }
    public class Hello implements Greeter { public String greet() { return 'hello'; } }
    public enum Color { RED, GREEN }
  }`;
  assert.deepEqual(
    out(
      'Outer.Greeter g = new Outer.Hello(); System.debug(g.greet()); System.debug(g instanceof Outer.Greeter); System.debug(Outer.Color.values()); System.debug(Outer.Color.GREEN.name() + Outer.Color.GREEN.ordinal());',
      [cls]
    ),
    ['hello', 'true', '(RED, GREEN)', 'GREEN1']
  );
});

test('a user toString is used by String.valueOf and debug; the default shows fields', () => {
  const cls = [
    "public class Named { public override String toString() { return 'named!'; } }",
    'public class Plain { public Integer a = 1; public String b; }'
  ];
  assert.deepEqual(out("System.debug(new Named()); System.debug('' + new Named()); System.debug(new Plain());", cls), [
    'named!',
    'named!',
    'Plain:[a=1, b=null]'
  ]);
});

test('user equals and hashCode drive == and Set membership', () => {
  const cls = `public class Key {
    public String k;
    public Key(String k) { this.k = k; }
    public Boolean equals(Object o) { return o instanceof Key && ((Key) o).k == k; }
    public Integer hashCode() { return k.toLowerCase().hashCode(); }
  }`;
  assert.deepEqual(
    out(
      "System.debug(new Key('a') == new Key('A')); Set<Key> s = new Set<Key>{new Key('a'), new Key('a')}; System.debug(s.size());",
      [cls]
    ),
    ['true', '1']
  );
});

test('Type.forName and newInstance create a user class', () => {
  const cls = "public class Made { public String hi() { return 'made'; } }";
  assert.deepEqual(
    out(
      "Type t = Type.forName('made'); Made m = (Made) t.newInstance(); System.debug(m.hi()); System.debug(t.getName()); System.debug(Type.forName('Nope'));",
      [cls]
    ),
    ['made', 'Made', 'null']
  );
});

test('Type.forName of an SObject type and newInstance make a new record of that type', () => {
  assert.deepEqual(
    out(`SObject a = (SObject) System.Type.forName('Account').newInstance();
      a.put('Name', 'x');
      SObject c = (SObject) Type.forName('Schema.Contact').newInstance();
      System.debug(a.getSObjectType() + ' ' + a.get('Name') + ' ' + c.getSObjectType() + ' ' + (c.Id == null));`),
    ['Account x Contact true']
  );
});

test('Type.forName of a collection type and newInstance make an empty collection of that type', () => {
  assert.deepEqual(
    out(`Map<String, SObject> m = (Map<String, SObject>) Type.forName('Map<String,Account>').newInstance();
      m.put('a', new Account(Name = 'x'));
      List<Object> l = (List<Object>) Type.forName('List<Integer>').newInstance();
      l.add(1);
      System.debug(m.size() + ' ' + l + ' ' + (m instanceof Map<String, Account>));`),
    ['1 (1) true']
  );
});

test('an exception that declares a constructor keeps the four built-in ones', () => {
  const cls = `public class Fail extends Exception {
    public Integer code;
    public Fail(Integer code) { this('code ' + code); this.code = code; }
  }`;
  assert.deepEqual(
    out(
      `for (Exception e : new List<Exception>{ new Fail(), new Fail('m'), new Fail(7), new Fail('w', new Fail('c')) })
         System.debug(e.getMessage() + ' ' + e.getCause());`,
      [cls]
    ),
    ['null null', 'm null', 'code 7 null', 'w Fail: c']
  );
  assert.match(
    apex("new Fail(1, 'x');", [cls]).fatal ?? '',
    /^System\.TypeException: Constructor not defined: \[Fail\]\.<Constructor>\(Integer, String\)/
  );
});

test('a deep recursion ends in an uncatchable LimitException', () => {
  const cls = 'public class Deep { public static Integer down(Integer n) { return down(n + 1); } }';
  const r = apex("try { Deep.down(0); } catch (Exception e) { System.debug('caught'); }", [cls]);
  assert.deepEqual(r.debug, []);
  assert.match(r.fatal ?? '', /^System.LimitException: Maximum stack depth reached/);
});

test('calling a missing variable is reported at file:line:column', () => {
  assert.match(apex('Integer x = nope + 1;').fatal ?? '', /^test\.apex:1:13 Variable does not exist: nope$/);
});

test('JSON.serialize reads properties through their getters', () => {
  const cls = "public class Person { public String first = 'Ada'; public String full { get { return first + '!'; } } }";
  assert.deepEqual(out('System.debug(JSON.serialize(new Person()));', [cls]), ['{"first":"Ada","full":"Ada!"}']);
});

test('coverage marks the line of an explicit super(...) constructor call', () => {
  const classes = [
    'public virtual class Base { public Base(String s) {} }',
    "public class Child extends Base {\n  public Child() {\n    super('x');\n  }\n}"
  ];
  const r = apex('new Child();', classes, (p) => (p.interp.coverage = new Map()));
  assert.equal(r.fatal, null);
  assert.ok(r.project.interp.coverage!.get('C1.cls')!.has(3));
});
