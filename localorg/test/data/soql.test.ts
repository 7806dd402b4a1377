import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApexDate,
  ApexId,
  ApexList,
  ApexRuntimeError,
  ApexSet,
  Decimal,
  type SObject,
  typeRef
} from '../../src/values/values.js';
import { parseSoqlText } from '../../src/data/index.js';
import { dt, insert, newOrg, q, rec, rows } from './helpers.js';

function contacts() {
  const org = newOrg();
  const acme = insert(org, rec('Account', { Name: 'Acme' }))[0];
  insert(
    org,
    rec('Contact', { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@acme.com', AccountId: acme.id }),
    rec('Contact', { FirstName: 'alan', LastName: 'turing', Email: 'ALAN@acme.com' }),
    rec('Contact', { LastName: 'Hopper', Email: null })
  );
  return { org, acme };
}

function queryError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ApexRuntimeError, String(e));
    assert.equal(e.typeName, 'System.QueryException');
    assert.match(e.message, pattern);
    return true;
  });
}

test('string equality is case-insensitive', () => {
  const { org } = contacts();
  assert.equal(rows(org, "SELECT Id FROM Contact WHERE Email = 'alan@ACME.com'").length, 1);
});

test('LIKE matches % and _ case-insensitively', () => {
  const { org } = contacts();
  const names = rows(org, "SELECT LastName FROM Contact WHERE LastName LIKE 'TUR_n%'").map((r) => r.get('LastName'));
  assert.deepEqual(names, ['turing']);
});

test('LIKE treats escaped % literally', () => {
  const org = newOrg();
  insert(org, rec('Account', { Name: '100% Cotton' }), rec('Account', { Name: '100 Cotton' }));
  assert.equal(rows(org, "SELECT Id FROM Account WHERE Name LIKE '100\\\\%%'").length, 1);
});

test('parent fields are returned as queried relationship SObjects', () => {
  const { org } = contacts();
  const [ada] = rows(org, "SELECT Id, Account.Name FROM Contact WHERE LastName = 'Lovelace'");
  const account = ada.get('Account') as SObject;
  assert.equal(account.get('Name'), 'Acme');
  assert.ok(account.queried!.has('name'));
  assert.ok(!account.queried!.has('website'));
});

test('an Apex row read through a parent relationship also holds the lookup field; a REST row only what was selected', () => {
  const { org, acme } = contacts();
  const [ada] = rows(org, "SELECT Account.Name FROM Contact WHERE LastName = 'Lovelace'");
  assert.equal((ada.get('AccountId') as { value: string }).value, acme.id!.value);
  assert.ok(ada.queried!.has('accountid'));
  const [hopper] = rows(org, "SELECT Account.Name FROM Contact WHERE LastName = 'Hopper'");
  assert.equal(hopper.get('AccountId'), null);
  assert.ok(hopper.queried!.has('accountid'));
  const [viaRest] = org.queryText("SELECT Account.Name FROM Contact WHERE LastName = 'Lovelace'") as SObject[];
  assert.ok(!viaRest.has('accountid'));
});

test('a null parent reads as a null relationship', () => {
  const { org } = contacts();
  const [hopper] = rows(org, "SELECT Account.Name FROM Contact WHERE LastName = 'Hopper'");
  assert.equal(hopper.get('Account'), null);
  assert.ok(hopper.queried!.has('account'));
});

test('queried marks only the selected fields plus Id', () => {
  const { org } = contacts();
  const [r] = rows(org, 'SELECT LastName FROM Contact LIMIT 1');
  assert.deepEqual([...r.queried!].sort(), ['id', 'lastname']);
});

test('WHERE on a parent field filters through the lookup', () => {
  const { org } = contacts();
  assert.equal(rows(org, "SELECT Id FROM Contact WHERE Account.Name = 'acme'").length, 1);
});

test('polymorphic Who resolves through the Name pseudo-object with Type', () => {
  const { org } = contacts();
  const [ada] = rows(org, "SELECT Id FROM Contact WHERE LastName = 'Lovelace'");
  insert(
    org,
    rec('Event', { Subject: 'Call', WhoId: ada.id, StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 30 })
  );
  const [e] = rows(org, "SELECT Who.Email, Who.Type, Owner.Name FROM Event WHERE Who.Type = 'Contact'");
  const who = e.get('Who') as SObject;
  assert.equal(who.get('Email'), 'ada@acme.com');
  assert.equal(who.get('Type'), 'Contact');
  assert.equal((e.get('Owner') as SObject).get('Name'), 'Local Admin');
});

test('IN with a bound list of SObjects compares their Ids', () => {
  const { org } = contacts();
  const two = rows(org, "SELECT Id FROM Contact WHERE LastName != 'Hopper'");
  const ids = new ApexList(typeRef('Contact'), two);
  assert.equal(rows(org, 'SELECT Id FROM Contact WHERE Id IN :ids', { ids }).length, 2);
});

test('IN with a bound set of strings is case-insensitive', () => {
  const { org } = contacts();
  const emails = new ApexSet(typeRef('String'));
  emails.add('ADA@acme.com');
  emails.add('nobody@x.org');
  assert.equal(rows(org, 'SELECT Id FROM Contact WHERE Email IN :emails', { emails }).length, 1);
});

test('IN an empty bind matches nothing and NOT IN an empty bind matches everything', () => {
  const { org } = contacts();
  const empty = new ApexList(typeRef('String'), []);
  assert.equal(rows(org, 'SELECT Id FROM Contact WHERE Email IN :empty', { empty }).length, 0);
  assert.equal(rows(org, 'SELECT Id FROM Contact WHERE Email NOT IN :empty', { empty }).length, 3);
});

test('!= includes rows whose field is null', () => {
  const { org } = contacts();
  assert.equal(rows(org, "SELECT Id FROM Contact WHERE Email != 'ada@acme.com'").length, 2);
});

test('= null matches null fields', () => {
  const { org } = contacts();
  assert.equal(rows(org, 'SELECT Id FROM Contact WHERE Email = null').length, 1);
});

test('a 15-character Id literal matches the stored 18-character Id', () => {
  const { org, acme } = contacts();
  const id15 = acme.id!.id15;
  assert.equal(rows(org, `SELECT Id FROM Account WHERE Id = '${id15}'`).length, 1);
});

test('AND, OR and NOT combine with parentheses', () => {
  const { org } = contacts();
  const r = rows(
    org,
    "SELECT Id FROM Contact WHERE (LastName = 'Hopper' OR LastName = 'Turing') AND (NOT Email = null)"
  );
  assert.equal(r.length, 1);
});

test('AND and OR mixed without parentheses are rejected', () => {
  const { org } = contacts();
  queryError(() => q(org, "SELECT Id FROM Contact WHERE LastName = 'a' AND Email = 'b' OR FirstName = 'c'"), /OR/);
});

test('ORDER BY sorts case-insensitively with nulls first by default', () => {
  const { org } = contacts();
  const names = rows(org, 'SELECT FirstName FROM Contact ORDER BY FirstName').map((r) => r.get('FirstName'));
  assert.deepEqual(names, [null, 'Ada', 'alan']);
});

test('ORDER BY DESC keeps nulls first unless NULLS LAST is given', () => {
  const { org } = contacts();
  const desc = rows(org, 'SELECT FirstName FROM Contact ORDER BY FirstName DESC').map((r) => r.get('FirstName'));
  assert.deepEqual(desc, [null, 'alan', 'Ada']);
  const last = rows(org, 'SELECT FirstName FROM Contact ORDER BY FirstName DESC NULLS LAST').map((r) =>
    r.get('FirstName')
  );
  assert.deepEqual(last, ['alan', 'Ada', null]);
});

test('LIMIT and OFFSET take literals and binds', () => {
  const { org } = contacts();
  const r = rows(org, 'SELECT LastName FROM Contact ORDER BY LastName LIMIT :n OFFSET 1', { n: 1 });
  assert.deepEqual(
    r.map((x) => x.get('LastName')),
    ['Lovelace']
  );
});

test('COUNT() returns an Integer', () => {
  const { org } = contacts();
  assert.equal(q(org, "SELECT COUNT() FROM Contact WHERE Email LIKE '%acme.com'"), 2);
});

test('FOR UPDATE and WITH USER_MODE are accepted', () => {
  const { org } = contacts();
  assert.equal(rows(org, 'SELECT Id FROM Contact WITH USER_MODE LIMIT 1 FOR UPDATE').length, 1);
});

test('an unknown field fails with the platform message and the query position', () => {
  const { org } = contacts();
  assert.throws(
    () => q(org, 'SELECT Id, Nope__c FROM Contact'),
    (e: unknown) => {
      assert.ok(e instanceof ApexRuntimeError);
      assert.match(e.message, /^No such column 'Nope__c' on entity 'Contact'/);
      assert.equal(e.data.line, 1);
      return true;
    }
  );
});

test('an unknown field fails even when the table is empty', () => {
  queryError(() => q(newOrg(), "SELECT Id FROM Lead WHERE Nope = 'x'"), /No such column 'Nope' on entity 'Lead'/);
});

test('an unknown object is rejected', () => {
  queryError(() => q(newOrg(), 'SELECT Id FROM Nope__c'), /sObject type 'Nope__c' is not supported/);
});

test('an unknown relationship is rejected', () => {
  queryError(() => q(newOrg(), 'SELECT Foo.Name FROM Contact'), /Didn't understand relationship 'Foo'/);
});

test('a string literal compared with a number field is rejected', () => {
  queryError(() => q(newOrg(), "SELECT Id FROM Widget__c WHERE Amount__c = 'x'"), /Amount__c/);
});

test('an invalid Id literal is rejected', () => {
  queryError(() => q(newOrg(), "SELECT Id FROM Account WHERE Id = 'abc'"), /invalid ID field: abc/);
});

test('date literals are evaluated in the user time zone', () => {
  const org = newOrg(); // now = 2024-03-15 10:00 in Los Angeles
  insert(
    org,
    rec('Event', { Subject: 'today late', StartDateTime: dt('2024-03-16T06:30:00Z'), DurationInMinutes: 10 }), // 23:30 LA on the 15th
    rec('Event', { Subject: 'tomorrow', StartDateTime: dt('2024-03-16T08:00:00Z'), DurationInMinutes: 10 }) // 01:00 LA on the 16th
  );
  const today = rows(org, 'SELECT Subject FROM Event WHERE StartDateTime = TODAY').map((r) => r.get('Subject'));
  assert.deepEqual(today, ['today late']);
  assert.equal(rows(org, 'SELECT Id FROM Event WHERE StartDateTime = NEXT_N_DAYS:1').length, 1);
  assert.equal(rows(org, 'SELECT Id FROM Event WHERE ActivityDate = THIS_WEEK').length, 2);
});

test('date and datetime literals compare with date and datetime fields', () => {
  const org = newOrg();
  insert(org, rec('Widget__c', { Name: 'w', Due__c: new ApexDate(2024, 3, 1) }));
  assert.equal(rows(org, 'SELECT Id FROM Widget__c WHERE Due__c >= 2024-03-01').length, 1);
  assert.equal(rows(org, 'SELECT Id FROM Widget__c WHERE CreatedDate < 2024-03-15T17:00:01Z').length, 1);
});

test('number comparisons use decimal values', () => {
  const org = newOrg();
  insert(
    org,
    rec('Widget__c', { Name: 'a', Amount__c: Decimal.parse('10.50') }),
    rec('Widget__c', { Name: 'b', Amount__c: 9 })
  );
  assert.deepEqual(
    rows(org, 'SELECT Name FROM Widget__c WHERE Amount__c > 10').map((r) => r.get('Name')),
    ['a']
  );
  assert.equal(rows(org, 'SELECT Name FROM Widget__c WHERE Amount__c = 10.5').length, 1);
});

test('child subqueries return related records as a list', () => {
  const { org } = contacts();
  const [acct] = rows(org, 'SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account');
  const kids = acct.get('Contacts') as ApexList;
  assert.deepEqual(
    kids.items.map((c) => (c as SObject).get('LastName')),
    ['Lovelace']
  );
});

test('a subquery may qualify its relationship with the parent object (FROM Account.Contacts)', () => {
  const { org } = contacts();
  const [acct] = rows(org, 'SELECT Name, (SELECT LastName FROM Account.Contacts) FROM Account');
  assert.deepEqual(
    (acct.get('Contacts') as ApexList).items.map((c) => (c as SObject).get('LastName')),
    ['Lovelace']
  );
  queryError(
    () => q(org, 'SELECT Name, (SELECT LastName FROM Lead.Contacts) FROM Account'),
    /Didn't understand relationship 'Lead.Contacts' in FROM part of query call/
  );
});

test('aggregate queries group rows and name unaliased columns expr0, expr1', () => {
  const { org } = contacts();
  const res = rows(
    org,
    'SELECT AccountId, COUNT(Id) n, MAX(LastName) FROM Contact GROUP BY AccountId ORDER BY COUNT(Id) DESC'
  );
  assert.equal(res.length, 2);
  assert.equal(res[0].get('n'), 2);
  assert.equal(res[0].get('expr0'), 'turing');
});

test('HAVING filters groups', () => {
  const { org } = contacts();
  assert.equal(rows(org, 'SELECT AccountId FROM Contact GROUP BY AccountId HAVING COUNT(Id) > 1').length, 1);
});

test('a selected field that is neither grouped nor aggregated is rejected', () => {
  const { org } = contacts();
  queryError(
    () => q(org, 'SELECT LastName, COUNT(Id) FROM Contact GROUP BY AccountId'),
    /Field must be grouped or aggregated: LastName/
  );
});

test('semi-join subqueries filter by another object', () => {
  const { org } = contacts();
  const [ada] = rows(org, "SELECT Id FROM Contact WHERE LastName = 'Lovelace'");
  insert(org, rec('Event', { WhoId: ada.id, StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 30 }));
  const r = rows(org, 'SELECT LastName FROM Contact WHERE Id IN (SELECT WhoId FROM Event)');
  assert.deepEqual(
    r.map((x) => x.get('LastName')),
    ['Lovelace']
  );
});

test('custom metadata is queryable and the query is not counted against the SOQL limit', () => {
  const org = newOrg();
  const r = rows(org, 'SELECT DeveloperName, Limit__c FROM Setting__mdt WHERE Enabled__c = true');
  assert.deepEqual(
    r.map((x) => x.get('DeveloperName')),
    ['Alpha']
  );
  assert.equal(org.limits.current().queries, 0);
  assert.equal(org.limits.current().metadataQueries, 1);
});

test('bind values are evaluated once per query execution', () => {
  const { org } = contacts();
  let calls = 0;
  const parsed = parseSoqlText('SELECT Id FROM Contact WHERE LastName != :x', () => 'x');
  org.query(parsed, () => {
    calls++;
    return 'zzz';
  });
  assert.equal(calls, 1);
});

test('records of a query are fresh copies: editing one does not change the store', () => {
  const { org } = contacts();
  const [r] = rows(org, "SELECT LastName FROM Contact WHERE LastName = 'Hopper'");
  r.set('LastName', 'Changed');
  assert.equal(rows(org, "SELECT Id FROM Contact WHERE LastName = 'Hopper'").length, 1);
});

test('Id values come back as ApexId', () => {
  const { org } = contacts();
  assert.ok(rows(org, 'SELECT Id FROM Contact LIMIT 1')[0].get('Id') instanceof ApexId);
});

test('activities are a child relationship of the Who and What records', () => {
  const { org } = contacts();
  const [ada] = rows(org, "SELECT Id FROM Contact WHERE LastName = 'Lovelace'");
  insert(
    org,
    rec('Event', { Subject: 'Intro', WhoId: ada.id, StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 30 })
  );
  const [c] = rows(org, "SELECT Id, (SELECT Subject FROM Events) FROM Contact WHERE LastName = 'Lovelace'");
  assert.deepEqual(
    (c.get('Events') as ApexList).items.map((e) => (e as SObject).get('Subject')),
    ['Intro']
  );
});

test('a Date bound against a Datetime field compares with its midnight GMT', () => {
  const org = newOrg();
  insert(org, rec('Event', { StartDateTime: dt('2024-03-20T17:00:00Z'), DurationInMinutes: 5 }));
  assert.equal(rows(org, 'SELECT Id FROM Event WHERE StartDateTime > :d', { d: new ApexDate(2024, 3, 20) }).length, 1);
  assert.equal(rows(org, 'SELECT Id FROM Event WHERE StartDateTime > :d', { d: new ApexDate(2024, 3, 21) }).length, 0);
});

test('checkQuery reports an unknown field in a subquery without running the query', () => {
  const org = newOrg();
  const query = parseSoqlText(
    "SELECT Id, (SELECT Nope FROM Gadgets__r) FROM Widget__c WHERE Code__c = 'x'",
    () => null
  );
  assert.throws(() => org.checkQuery(query), /No such column 'Nope' on entity 'Gadget__c'/);
  assert.equal(org.limits.current().queries, 0);
});

test('checkQuery accepts a valid query with parents, children and semi-joins', () => {
  const org = newOrg();
  const query = parseSoqlText(
    'SELECT Name, Account__r.Name, (SELECT Id FROM Gadgets__r) FROM Widget__c WHERE Id IN (SELECT WhatId FROM Event) ORDER BY Name',
    () => null
  );
  assert.doesNotThrow(() => org.checkQuery(query));
});
