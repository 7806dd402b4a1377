import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

const PROVIDER = `@IsTest public class Recorder implements System.StubProvider {
  public List<String> calls = new List<String>();
  public Object handleMethodCall(Object stubbed, String name, Type returnType, List<Type> paramTypes,
      List<String> paramNames, List<Object> args) {
    calls.add(name + '|' + returnType + '|' + paramTypes + '|' + paramNames + '|' + args + '|' + (stubbed instanceof Greeter));
    if (returnType == Integer.class) return 42;
    if (returnType == String.class) return 'stubbed ' + args[0];
    return null;
  }
}`;
const GREETER = `public virtual class Greeter {
  public Integer built = 1;
  public Greeter() { built = 2; }
  public virtual String greet(String who) { return 'hello ' + who; }
  public Integer count(List<Account> rows, Boolean flag) { return rows.size(); }
  public void touch() {}
}`;

test('Test.createStub routes every instance method to handleMethodCall with name, types, names and args', () => {
  const lines = out(
    `Recorder r = new Recorder();
     Greeter g = (Greeter) Test.createStub(Greeter.class, r);
     System.debug(g.greet('ada'));
     System.debug(g.count(new List<Account>(), true));
     g.touch();
     System.debug(g instanceof Greeter);
     for (String c : r.calls) System.debug(c);`,
    [PROVIDER, GREETER]
  );
  assert.deepEqual(lines, [
    'stubbed ada',
    '42',
    'true',
    'greet|String|(String)|(who)|(ada)|true',
    'count|Integer|(List<Account>, Boolean)|(rows, flag)|((), true)|true',
    'touch|void|()|()|()|true'
  ]);
});

test('a stub runs no constructor or initialiser; an interface can be stubbed', () => {
  const lines = out(
    `Greeter g = (Greeter) Test.createStub(Greeter.class, new Recorder());
     System.debug(g.built);
     Shape s = (Shape) Test.createStub(Shape.class, new Recorder());
     System.debug(s.sides());`,
    [PROVIDER, GREETER, 'public interface Shape { Integer sides(); }']
  );
  assert.deepEqual(lines, ['null', '42']);
});

test('the provider answer is cast to the return type; a wrong type is a TypeException', () => {
  const r = apex(
    `Shape s = (Shape) Test.createStub(Shape.class, new Wrong());
     Integer n = s.sides();`,
    [
      'public interface Shape { Integer sides(); }',
      `public class Wrong implements StubProvider {
         public Object handleMethodCall(Object o, String n, Type t, List<Type> pt, List<String> pn, List<Object> a) {
           return 'not a number';
         }
       }`
    ]
  );
  assert.match(r.fatal ?? '', /^System\.TypeException: Invalid conversion from runtime type String to Integer/);
});

test('createStub refuses a provider that is not a StubProvider and a system type', () => {
  const notProvider = apex(`Object o = Test.createStub(Shape.class, new Shape2());`, [
    'public interface Shape { Integer sides(); }',
    'public class Shape2 {}'
  ]);
  assert.match(notProvider.fatal ?? '', /^System\.TypeException: Test\.createStub needs a System\.StubProvider/);
  const system = apex(`Object o = Test.createStub(String.class, new Recorder());`, [PROVIDER, GREETER]);
  assert.match(system.fatal ?? '', /^System\.TypeException: Test\.createStub cannot stub String/);
});

test('a stub is an instance of the generated class <Type>__sfdc_ApexStub, as String.valueOf shows', () => {
  const lines = out(
    `Greeter g = (Greeter) Test.createStub(Greeter.class, new Recorder());
     System.debug(String.valueOf(g).split(':')[0]);
     Outer.Shape s = (Outer.Shape) Test.createStub(Outer.Shape.class, new Recorder());
     System.debug(String.valueOf(s).split(':')[0]);
     System.debug(String.valueOf(new Greeter()).split(':')[0]);`,
    [PROVIDER, GREETER, 'public class Outer { public interface Shape { Integer sides(); } }']
  );
  assert.deepEqual(lines, ['Greeter__sfdc_ApexStub', 'Shape__sfdc_ApexStub', 'Greeter']);
});
