/**
 * SOSL: inline `[FIND …]`, `Search.query`, `Search.find`. In test methods a search returns only the
 * `Test.setFixedSearchResults` ids, filtered by each RETURNING entry; outside tests it matches record text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProject } from '../../src/boot/project.js';
import { runTests } from '../../src/testing/runner.js';
import { apex, out } from '../runtime/helpers.js';

const TESTS = `@IsTest
private class Sosl_Tests {
    @TestSetup
    static void setup() {
        insert new List<Account>{ new Account(Name = 'Kansas Corp'), new Account(Name = 'Alaska Inc') };
        insert new Contact(LastName = 'Kansas');
    }
    @IsTest
    static void emptyWithoutFixedResults() {
        List<List<SObject>> r = [FIND 'Kansas' IN ALL FIELDS RETURNING Account(Name), Contact];
        Assert.areEqual(2, r.size());
        Assert.areEqual(0, r[0].size());
        Assert.areEqual(0, r[1].size());
    }
    @IsTest
    static void fixedResultsFilteredByReturning() {
        List<Id> ids = new List<Id>();
        for (Account a : [SELECT Id FROM Account]) ids.add(a.Id);
        for (Contact c : [SELECT Id FROM Contact]) ids.add(c.Id);
        Test.setFixedSearchResults(ids);
        String term = 'nothing*';
        List<List<SObject>> r = [FIND :term RETURNING Account(Name WHERE Name LIKE 'Alaska%'), Contact(LastName, Account.Name)];
        Assert.areEqual(1, r[0].size());
        Assert.areEqual('Alaska Inc', ((Account) r[0][0]).Name);
        Assert.areEqual(1, r[1].size());
        Account[] accounts = [FIND 'xy*' RETURNING Account(Name ORDER BY Name DESC LIMIT 1)][0];
        Assert.areEqual('Kansas Corp', accounts[0].Name);
        Assert.areEqual(2, Limits.getSoslQueries());
    }
    @IsTest
    static void dynamicSearch() {
        Test.setFixedSearchResults(new List<Id>(new Map<Id, Account>([SELECT Id FROM Account]).keySet()));
        List<List<SObject>> r = Search.query('FIND \\'Kan*\\' IN NAME FIELDS RETURNING Account(Id, Name ORDER BY Name)');
        Assert.areEqual(2, r[0].size());
        Search.SearchResults found = Search.find('FIND {Kan*} RETURNING Contact, Account');
        List<Search.SearchResult> accounts = found.get('Account');
        Assert.areEqual(2, accounts.size());
        Assert.isTrue(accounts[0].getSObject() instanceof Account);
        Assert.areEqual(0, found.get('Contact').size());
    }
    @IsTest
    static void badSearches() {
        try {
            List<List<SObject>> r = [FIND 'a' RETURNING Account];
            Assert.fail('one character');
        } catch (SearchException e) {
            Assert.areEqual('search term must be longer than one character', e.getMessage());
        }
        try {
            Search.query('SELECT Id FROM Account');
            Assert.fail('not SOSL');
        } catch (QueryException e) {
            Assert.isTrue(e.getMessage().startsWith('Invalid SOSL'), e.getMessage());
        }
    }
}
`;

test('SOSL in test methods returns only fixed search results, filtered by RETURNING', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-sosl-'));
  fs.writeFileSync(path.join(dir, 'Sosl_Tests.cls'), TESTS);
  const run = runTests(loadProject({ sources: dir }));
  assert.equal(run.results.length, 4);
  for (const r of run.results) assert.equal(r.outcome, 'pass', `${r.methodName}: ${r.message ?? ''}`);
});

test('SOSL outside tests matches words, wildcards and search groups', () => {
  const debug = out(`
    insert new List<Account>{ new Account(Name = 'Kansas Corp', Phone = '555-0100'), new Account(Name = 'Alaska Inc') };
    insert new Contact(LastName = 'Kansas', Email = 'k@example.com');
    List<List<SObject>> r = [FIND 'Kan*' IN ALL FIELDS RETURNING Account(Name), Contact(LastName)];
    System.debug(r[0].size() + ' ' + r[1].size());
    System.debug([FIND 'Kansas OR Alaska' RETURNING Account(Name ORDER BY Name)][0].size());
    System.debug([FIND 'Kansas Inc' RETURNING Account][0].size());
    System.debug([FIND 'example' IN EMAIL FIELDS RETURNING Contact, Account][0].size());
    System.debug([FIND 'example' IN NAME FIELDS RETURNING Contact][0].size());
    System.debug([FIND 'Kan' RETURNING Account][0].size());
    System.debug([FIND 'Kansas' RETURNING Account LIMIT 1][0].size());
  `);
  assert.deepEqual(debug, ['1 1', '2', '0', '1', '0', '0', '1']);
});

test('a SOSL search names an unknown object or field as the platform does', () => {
  const r = apex(`List<List<SObject>> x = [FIND 'abc' RETURNING Nope__c];`);
  assert.match(r.fatal ?? '', /QueryException.*Nope__c/);
  const bad = apex(`List<List<SObject>> x = [FIND 'abc' RETURNING Account(Nope)];`);
  assert.match(bad.fatal ?? '', /No such column 'Nope' on entity 'Account'/);
});
