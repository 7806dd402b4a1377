/** Database class APIs beyond DML: query locators, dynamic queries assigned to one record. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

test('Database.getQueryLocator(String) runs the query with binds from the caller and iterates its rows', () => {
  const lines = out(
    `insert new List<Account>{ new Account(Name = 'B'), new Account(Name = 'A') };
     System.debug(C0.names(new Set<String>{ 'A', 'B' }));`,
    [
      `public class C0 {
        public static String names(Set<String> wanted) {
          Database.QueryLocator ql = Database.getQueryLocator('SELECT Name FROM Account WHERE Name IN :wanted ORDER BY Name');
          System.Iterator<SObject> it = ql.iterator();
          String out = ql.getQuery() + ':';
          while (it.hasNext()) out += ' ' + ((Account) it.next()).Name;
          return out;
        }
      }`
    ]
  );
  assert.deepEqual(lines, ['SELECT Name FROM Account WHERE Name IN :wanted ORDER BY Name: A B']);
});

test('the inline form takes the queried rows; an exhausted iterator throws NoSuchElementException', () => {
  const r = apex(`insert new Account(Name = 'A');
    Database.QueryLocatorIterator it = Database.getQueryLocator([SELECT Name FROM Account]).iterator();
    System.debug(((Account) it.next()).Name + ' ' + it.hasNext());
    it.next();`);
  assert.deepEqual(r.debug, ['A false']);
  assert.match(r.fatal ?? '', /^System\.NoSuchElementException: /);
});

test('getQueryLocator with a null or a bad query fails as the platform does', () => {
  assert.match(apex('Database.getQueryLocator((String) null);').fatal ?? '', /^System\.NullPointerException/);
  assert.match(apex("Database.getQueryLocator('SELECT Nope FROM Account');").fatal ?? '', /^System\.QueryException/);
});

test('a dynamic query cast to one record takes its single row, with the inline-SOQL row-count errors', () => {
  assert.deepEqual(
    out(`insert new Account(Name = 'A');
      Account a = (Account) Database.query('SELECT Name FROM Account');
      SObject s = (SObject) Database.query('SELECT Name FROM Account');
      System.debug(a.Name + ' ' + s.get('Name'));`),
    ['A A']
  );
  assert.equal(
    apex("Account a = (Account) Database.query('SELECT Id FROM Account');").fatal,
    'System.QueryException: List has no rows for assignment to SObject'
  );
  assert.equal(
    apex(`insert new List<Account>{ new Account(Name = 'A'), new Account(Name = 'B') };
      Account a = (Account) Database.query('SELECT Id FROM Account');`).fatal,
    'System.QueryException: List has more than 1 row for assignment to SObject'
  );
  assert.equal(
    apex(`insert new Account(Name = 'A');
      Contact c = (Contact) Database.query('SELECT Id FROM Account');`).fatal,
    'System.TypeException: Invalid conversion from runtime type Account to Contact'
  );
});

test('a String written to an Id field is an Id, so DML on an unknown Id fails as the platform says', () => {
  assert.deepEqual(
    out(`Account a = new Account(Id = '001000000000099AAA', Name = 'z');
      Account b = new Account(Name = 'y');
      b.Id = '001000000000098AAA';
      System.debug((a.Id instanceof Id) + ' ' + (b.Id instanceof Id));
      try { upsert a; } catch (DmlException e) { System.debug(e.getDmlType(0) + ' ' + e.getMessage().contains('invalid cross reference id')); }`),
    ['true true', 'INVALID_CROSS_REFERENCE_KEY true']
  );
  assert.equal(apex("Account a = new Account(Id = 'nope');").fatal, 'System.StringException: Invalid id: nope');
  assert.equal(apex("Account a = new Account(); a.Id = 'nope';").fatal, 'System.StringException: Invalid id: nope');
});
