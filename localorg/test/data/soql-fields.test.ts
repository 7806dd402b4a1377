import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApexRuntimeError } from '../../src/values/values.js';
import { apex } from '../runtime/helpers.js';
import { insert, newOrg, rec, rows } from './helpers.js';

function widgetOrg() {
  const org = newOrg();
  insert(org, rec('Widget__c', { Name: 'w1', Code__c: 'A' }));
  return org;
}

test('FIELDS(STANDARD) selects the standard fields only, FIELDS(CUSTOM) the custom ones', () => {
  const org = widgetOrg();
  const std = rows(org, 'SELECT FIELDS(STANDARD) FROM Widget__c')[0];
  assert.ok(std.queried?.has('name') && std.queried.has('id'));
  assert.ok(!std.queried?.has('code__c'));
  const custom = rows(org, 'SELECT FIELDS(CUSTOM) FROM Widget__c LIMIT 200')[0];
  assert.ok(custom.queried?.has('code__c') && !custom.queried.has('name'));
  assert.equal(custom.get('Code__c'), 'A');
});

test('FIELDS(ALL) mixes with named fields; a field named twice is refused', () => {
  const org = widgetOrg();
  const all = rows(org, 'SELECT FIELDS(ALL) FROM Widget__c LIMIT 10')[0];
  assert.ok(all.queried?.has('name') && all.queried.has('code__c'));
  assert.throws(
    () => rows(org, 'SELECT Code__c, FIELDS(CUSTOM) FROM Widget__c LIMIT 200'),
    (e: unknown) => e instanceof ApexRuntimeError && /duplicate field selected: Code__c/.test(e.message)
  );
});

test('FIELDS(ALL) and FIELDS(CUSTOM) need a LIMIT of at most 200', () => {
  const org = widgetOrg();
  for (const soql of ['SELECT FIELDS(ALL) FROM Widget__c', 'SELECT FIELDS(CUSTOM) FROM Widget__c LIMIT 201'])
    assert.throws(
      () => rows(org, soql),
      (e: unknown) => e instanceof ApexRuntimeError && /LIMIT of at most 200/.test(e.message)
    );
});

test('an inline query localorg cannot run fails only the code that reaches it, with file:line', () => {
  const cls = `public class Q {
    public static Integer ok() { return 1; }
    public static void rollup() {
        List<AggregateResult> r = [SELECT COUNT(Id) FROM Account GROUP BY ROLLUP(Name)];
    }
}`;
  assert.deepEqual(apex('System.debug(Q.ok());', [cls]).debug, ['1']);
  const r = apex('Q.rollup();', [cls]);
  assert.match(
    r.fatal ?? '',
    /^C0\.cls:4:35 unsupported construct: GROUP BY ROLLUP\/CUBE is not supported by localorg/
  );
});
