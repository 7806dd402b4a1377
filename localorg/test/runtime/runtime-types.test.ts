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
