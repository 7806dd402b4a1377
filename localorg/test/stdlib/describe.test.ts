/** Schema describe driven from Apex: describe maps, tokens, field describe results, field sets. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { out } from '../runtime/helpers.js';

test('getGlobalDescribe finds objects whatever the case of the name, and its keys are lower case', () => {
  assert.deepEqual(
    out(`Map<String, Schema.SObjectType> gd = Schema.getGlobalDescribe();
      System.debug(gd.get('Account'));
      System.debug(gd.containsKey('CONTACT'));
      System.debug(gd.keySet().contains('Account'));
      System.debug(gd.keySet().contains('account'));
      System.debug(gd.get('NoSuchObject__c'));`),
    ['Account', 'true', 'false', 'true', 'null']
  );
});

test('fields.getMap() finds fields whatever the case, also after put, remove and clone', () => {
  assert.deepEqual(
    out(`Map<String, Schema.SObjectField> m = Schema.SObjectType.Account.fields.getMap();
      System.debug(m.get('Name'));
      System.debug(m.get('ID') == Account.Id);
      Map<String, Schema.SObjectField> c = m.clone();
      System.debug(c.containsKey('BillingCity'));
      c.remove('NAME');
      System.debug(c.containsKey('name') + ' ' + m.containsKey('name'));
      Map<String, Schema.SObjectField> plain = new Map<String, Schema.SObjectField>(m);
      System.debug(plain.get('Name') + ' ' + plain.get('name'));`),
    ['Name', 'true', 'true', 'false true', 'null Name']
  );
});

test('an ordinary Map<String, …> stays case-sensitive', () => {
  assert.deepEqual(out(`Map<String, Integer> m = new Map<String, Integer>{'Red' => 1}; System.debug(m.get('red'));`), [
    'null'
  ]);
});
