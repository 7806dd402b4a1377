import assert from 'node:assert/strict';
import { test } from 'node:test';
import { out } from './helpers.js';

test('instanceof on a number follows the numeric hierarchy Integer < Long < Double < Decimal', () => {
  const lines = out(
    `List<Object> values = new List<Object>{ 9, 9L, 9.99, Double.valueOf('9.5') };
     for (Object v : values) {
       System.debug((v instanceof Integer) + ' ' + (v instanceof Long) + ' ' + (v instanceof Double) + ' ' + (v instanceof Decimal));
     }`
  );
  assert.deepEqual(lines, [
    'true true true true',
    'false true true true',
    'false false true true',
    'false false true true'
  ]);
});

test('instanceof Decimal on an Integer does not change which overload a call picks', () => {
  const lines = out(
    `Object o = 3; System.debug(o instanceof Decimal); System.debug(Pick.of(3)); System.debug(Pick.of(3.5));`,
    [
      `public class Pick {
       public static String of(Integer i) { return 'Integer'; }
       public static String of(Decimal d) { return 'Decimal'; }
     }`
    ]
  );
  assert.deepEqual(lines, ['true', 'Integer', 'Decimal']);
});

test('a failed cast names the target type in its canonical spelling, whatever the source wrote', () => {
  const lines = out(
    `Object o = new Foo();
     try { DateTime d = (DateTime) o; } catch (TypeException e) { System.debug(e.getMessage()); }
     try { String s = (string) o; } catch (TypeException e) { System.debug(e.getMessage()); }
     try { Foo f = (foo) (Object) 5; } catch (TypeException e) { System.debug(e.getMessage()); }
     try { Account a = (account) o; } catch (TypeException e) { System.debug(e.getMessage()); }`,
    ['public class Foo {}']
  );
  assert.deepEqual(lines, [
    'Invalid conversion from runtime type Foo to Datetime',
    'Invalid conversion from runtime type Foo to String',
    'Invalid conversion from runtime type Integer to Foo',
    'Invalid conversion from runtime type Foo to Account'
  ]);
});

test('instanceof: a Date is a Datetime, a String holding a valid Id is an Id, Schema tokens answer to their bare names', () => {
  const lines = out(
    `Object d = Date.newInstance(2024, 1, 5); Object dt = Datetime.now();
     Object idText = '001000000000001AAA'; Object bob = 'bob';
     Object f = Account.Name; Object t = Account.SObjectType;
     System.debug((d instanceof Datetime) + ' ' + (dt instanceof Date) + ' ' + (d instanceof Date));
     System.debug((idText instanceof Id) + ' ' + (bob instanceof Id) + ' ' + (idText instanceof String));
     System.debug((f instanceof SObjectField) + ' ' + (t instanceof SObjectType) + ' ' + (f instanceof SObjectType));`
  );
  assert.deepEqual(lines, ['true false true', 'true false true', 'true true false']);
});
