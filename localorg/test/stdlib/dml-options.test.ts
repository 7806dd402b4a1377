/** Database.DMLOptions: readable and assignable properties, child headers, and the options the DML methods honour. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { out } from '../runtime/helpers.js';

test('a new DMLOptions has null properties and built headers that Apex assigns into', () => {
  const lines = out(`
    Database.DMLOptions dmo = new Database.DMLOptions();
    System.debug(dmo.optAllOrNone + ' ' + dmo.allowFieldTruncation + ' ' + (dmo.assignmentRuleHeader != null));
    dmo.OptAllOrNone = dmo.OptAllOrNone ?? true;
    dmo.assignmentRuleHeader.useDefaultRule = true;
    dmo.emailHeader.triggerUserEmail = false;
    dmo.duplicateRuleHeader.allowSave = true;
    System.debug(dmo.optAllOrNone + ' ' + dmo.assignmentRuleHeader.useDefaultRule + ' ' + dmo.emailHeader.triggerUserEmail + ' ' + dmo.duplicateRuleHeader.allowSave);
    Database.DMLOptions.AssignmentRuleHeader h = new Database.DMLOptions.AssignmentRuleHeader();
    h.assignmentRuleId = '01Q000000000001';
    dmo.assignmentRuleHeader = h;
    System.debug(dmo.assignmentRuleHeader.assignmentRuleId + ' ' + dmo.assignmentRuleHeader.useDefaultRule);
  `);
  assert.deepEqual(lines, ['null null true', 'true true false true', '01Q000000000001EAA null']);
});

test('optAllOrNone = false lets the other rows of Database.insert succeed', () => {
  const lines = out(`
    Database.DMLOptions dmo = new Database.DMLOptions();
    dmo.optAllOrNone = false;
    List<Database.SaveResult> rs = Database.insert(new List<Account>{ new Account(Name = 'A'), new Account() }, dmo);
    System.debug(rs[0].isSuccess() + ' ' + rs[1].isSuccess() + ' ' + [SELECT COUNT() FROM Account]);
  `);
  assert.deepEqual(lines, ['true false 1']);
});

test('allowFieldTruncation cuts over-long text to the field length instead of failing', () => {
  const long = 'x'.repeat(300);
  const lines = out(`
    Database.DMLOptions dmo = new Database.DMLOptions();
    dmo.allowFieldTruncation = true;
    Account a = new Account(Name = '${long}');
    Database.insert(a, dmo);
    System.debug([SELECT Name FROM Account WHERE Id = :a.Id].Name.length());
    Database.SaveResult r = Database.insert(new Account(Name = '${long}'), false);
    System.debug(r.getErrors()[0].getStatusCode());
  `);
  assert.deepEqual(lines, ['255', 'STRING_TOO_LONG']);
});
