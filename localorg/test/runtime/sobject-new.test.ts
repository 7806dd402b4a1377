/** `new X(Field = value, …)`: fields and parent relationships of standard objects, and bad names. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

test('new X(Relationship = record) sets the parent record, leaving the Id field alone', () => {
  assert.deepEqual(
    out(`Opportunity o = new Opportunity(Name = 'o', Account = new Account(Name = 'Acme'));
      OpportunityLineItem li = new OpportunityLineItem(product2 = new Product2(Name = 'P'));
      System.debug(o.Account.Name + ' ' + o.AccountId + ' ' + li.Product2.Name);`),
    ['Acme null P']
  );
});

test('new X(Unknown = value) is an SObjectException naming the field', () => {
  assert.equal(
    apex(`Opportunity o = new Opportunity(Acount = null);`).fatal,
    'System.SObjectException: Invalid field Acount for Opportunity'
  );
});
