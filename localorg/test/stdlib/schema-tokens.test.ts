/**
 * Schema tokens belong to the project that made them: within one project `Account.SObjectType` is one object (tokens
 * compare by identity), and a second project loaded in the same process gets its own tokens instead of sharing
 * process-wide ones.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex } from '../runtime/helpers.js';
import { sobjectFieldToken, sobjectTypeToken } from '../../src/stdlib/schema.js';

test('within a project an SObjectType token is one object, however it is reached', () => {
  const r = apex(
    "System.debug(Account.SObjectType === new Account().getSObjectType()); System.debug(Id.valueOf('001000000000001AAA').getSObjectType() === Account.SObjectType);"
  );
  assert.deepEqual(r.debug, ['true', 'true']);
});

test('two projects in one process have their own tokens', () => {
  const one = apex('').project.interp;
  const two = apex('').project.interp;
  assert.equal(sobjectTypeToken(one, 'Account'), sobjectTypeToken(one, 'account'));
  assert.notEqual(sobjectTypeToken(one, 'Account'), sobjectTypeToken(two, 'Account'));
  assert.equal(sobjectFieldToken(one, 'Account', 'Name'), sobjectFieldToken(one, 'account', 'name'));
  assert.notEqual(sobjectFieldToken(one, 'Account', 'Name'), sobjectFieldToken(two, 'Account', 'Name'));
});
