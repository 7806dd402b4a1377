import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

test('switch on literals, when null and when else', () => {
  const body = `
    for (Object o : new List<Object>{1, 5, null}) {
      Integer i = (Integer) o;
      switch on i {
        when 1, 2 { System.debug('small'); }
        when null { System.debug('nothing'); }
        when else { System.debug('other'); }
      }
    }`;
  assert.deepEqual(out(body), ['small', 'other', 'nothing']);
});

test('switch on enum values and on SObject type patterns', () => {
  const cls = 'public class Modes { public enum Mode { CREATE, UPDATE_ONLY } }';
  const body = `
    Modes.Mode m = Modes.Mode.UPDATE_ONLY;
    switch on m { when CREATE { System.debug('c'); } when UPDATE_ONLY { System.debug('u'); } }
    SObject rec = new Event(Subject = 'x');
    switch on rec { when Account a { System.debug('account'); } when Event e { System.debug(e.Subject); } }`;
  assert.deepEqual(out(body, [cls]), ['u', 'x']);
});

test('loops: for, while, do-while, break and continue', () => {
  const body = `
    Integer sum = 0;
    for (Integer i = 0; i < 10; i++) { if (i == 3) continue; if (i == 6) break; sum += i; }
    System.debug(sum);
    Integer n = 0; while (n < 3) n++; System.debug(n);
    do { n--; } while (n > 0); System.debug(n);
    List<String> l = new List<String>{'a', 'b'}; String s = ''; for (String x : l) s += x; System.debug(s);`;
  assert.deepEqual(out(body), ['12', '3', '0', 'ab']);
});

test('catch picks the first matching subtype and finally always runs', () => {
  const body = `
    try { Integer z = 0; Integer x = 1 / z; }
    catch (NullPointerException e) { System.debug('npe'); }
    catch (MathException e) { System.debug('math: ' + e.getMessage()); }
    finally { System.debug('finally'); }`;
  assert.deepEqual(out(body), ['math: Divide by 0', 'finally']);
});

test('user exceptions get the platform constructors and getTypeName', () => {
  const cls = 'public class BookingException extends Exception {}';
  const body = `
    try { throw new BookingException('bad booking'); }
    catch (Exception e) { System.debug(e.getTypeName() + ': ' + e.getMessage()); System.debug(e instanceof BookingException); }
    BookingException wrapped = new BookingException('outer', new DmlException('inner'));
    System.debug(wrapped.getCause().getMessage());`;
  assert.deepEqual(out(body, [cls]), ['BookingException: bad booking', 'true', 'inner']);
});

test('an uncaught user exception is the fatal error', () => {
  const r = apex("throw new MyEx('boom');", ['public class MyEx extends Exception {}']);
  assert.equal(r.fatal, 'MyEx: boom');
});

test('AssertException cannot be caught', () => {
  const r = apex("try { System.assertEquals(1, 2); } catch (Exception e) { System.debug('caught'); }");
  assert.deepEqual(r.debug, []);
  assert.equal(r.fatal, 'System.AssertException: Assertion Failed: Expected: 1, Actual: 2');
});

test('assertEquals compares Strings case-sensitively', () => {
  assert.equal(
    apex("System.assertEquals('a', 'A');").fatal,
    'System.AssertException: Assertion Failed: Expected: a, Actual: A'
  );
});

test('a SOQL result assigned to one SObject needs exactly one row', () => {
  const r = apex("Account a = [SELECT Id FROM Account WHERE Name = 'none'];");
  assert.equal(r.fatal, 'System.QueryException: List has no rows for assignment to SObject');
});

test('DML inserts records that SOQL then finds', () => {
  const body = `
    insert new List<Account>{ new Account(Name = 'A1'), new Account(Name = 'A2') };
    List<Account> found = [SELECT Name FROM Account ORDER BY Name];
    System.debug(found.size()); System.debug(found[0].Name);
    Account one = [SELECT Id, Name FROM Account WHERE Name = 'A2'];
    System.debug(one.Id != null);`;
  assert.deepEqual(out(body), ['2', 'A1', 'true']);
});

test('reading a field that was not queried throws SObjectException', () => {
  const r = apex("insert new Account(Name = 'A'); Account a = [SELECT Id FROM Account]; String n = a.Name;");
  assert.equal(
    r.fatal,
    'System.SObjectException: SObject row was retrieved via SOQL without querying the requested field: Account.Name'
  );
});

test('an unsupported construct fails at its file:line with the construct name when executed', () => {
  const r = apex(
    "System.debug('before');\nList<List<SObject>> r = [FIND 'xy' RETURNING Account(Id USING LISTVIEW = Recent)];"
  );
  assert.deepEqual(r.debug, ['before']);
  assert.match(r.fatal ?? '', /^test\.apex:2:\d+ unsupported construct: USING LISTVIEW is not supported by localorg/);
});

test('an exception escaping a trigger fails the DML statement with DmlException', () => {
  const trg = 'trigger AccountTrigger on Account (before insert) {\n  String s;\n  s.length();\n}';
  const body = `try { insert new Account(Name = 'A'); }
    catch (DmlException e) { System.debug(e.getDmlType(0)); System.debug(e.getCause().getTypeName()); System.debug(e.getMessage().contains('AccountTrigger: execution of BeforeInsert')); }`;
  assert.deepEqual(out(body, [trg]), ['CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', 'System.NullPointerException', 'true']);
});

test('Trigger context variables describe the event', () => {
  const trg = `trigger AccountTrigger on Account (before insert, after insert) {
    System.debug(Trigger.operationType + ' ' + Trigger.isBefore + ' ' + Trigger.size + ' ' + (Trigger.newMap == null));
  }`;
  assert.deepEqual(out("insert new Account(Name = 'A'); System.debug(Trigger.isExecuting);", [trg]), [
    'BEFORE_INSERT true 1 true',
    'AFTER_INSERT false 1 false',
    'false'
  ]);
});

test('an after undelete trigger sees the restored records in Trigger.new and Trigger.newMap, and no old ones', () => {
  const trg = `trigger AccountTrigger on Account (after delete, after undelete) {
    System.debug(Trigger.operationType + ' new=' + (Trigger.new == null ? null : Trigger.new.size()) + ' newMap=' + (Trigger.newMap == null ? null : Trigger.newMap.size()) + ' old=' + (Trigger.old == null ? null : Trigger.old.size()) + ' oldMap=' + (Trigger.oldMap == null ? null : Trigger.oldMap.size()));
  }`;
  const body = "Account a = new Account(Name = 'A'); insert a; delete a; undelete a;";
  assert.deepEqual(out(body, [trg]), [
    'AFTER_DELETE new=null newMap=null old=1 oldMap=1',
    'AFTER_UNDELETE new=1 newMap=1 old=null oldMap=null'
  ]);
});

test('AuraHandledException hides its constructor message until setMessage', () => {
  const body =
    "AuraHandledException e = new AuraHandledException('secret'); System.debug(e.getMessage()); e.setMessage('shown'); System.debug(e.getMessage());";
  assert.deepEqual(out(body), ['Script-thrown exception', 'shown']);
});
