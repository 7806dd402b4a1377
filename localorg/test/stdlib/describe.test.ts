/** Schema describe driven from Apex: describe maps, tokens, field describe results, field sets. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runAnonymousText } from '../../src/boot/anonymous.js';
import { loadProject } from '../../src/boot/project.js';
import { failureLine } from '../../src/runtime/failures.js';
import { apex, out } from '../runtime/helpers.js';

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

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'describe');

/** Debug lines of anonymous Apex run on the describe fixture project (Gizmo__c, field sets). */
function onFixture(body: string): string[] {
  const debug: string[] = [];
  const project = loadProject({ sources: FIXTURE, debug: (_line, _level, msg) => debug.push(msg) });
  const f = runAnonymousText(project, body, 'test.apex');
  if (f) throw new Error(`unexpected failure: ${failureLine(f)}\n${f.stack.join('\n')}`);
  return debug;
}

test('Account.SObjectType.fields.Name is the field token; getMap() works there too', () => {
  assert.deepEqual(
    out(`Schema.SObjectField f = Contact.SObjectType.fields.lastName;
      System.debug(f == Contact.LastName);
      System.debug(Schema.Contact.SObjectType.fields.getMap().get('FirstName') == Contact.FirstName);
      System.debug(Schema.SObjectType.Contact.fields.LastName.getName());`),
    ['true', 'true', 'LastName']
  );
});

test('DescribeFieldResult.getSObjectType, isNameField (Case has CaseNumber, Task has Subject)', () => {
  assert.deepEqual(
    out(`System.debug(Contact.Email.getDescribe().getSObjectType() == Contact.SObjectType);
      System.debug(Account.Name.getDescribe().isNameField() + ' ' + Account.Site.getDescribe().isNameField());
      System.debug(Case.CaseNumber.getDescribe().isNameField() + ' ' + Task.Subject.getDescribe().isNameField());
      System.debug(Account.Name.getDescribe().isEncrypted() + ' ' + Account.Name.getDescribe().getInlineHelpText());
      System.debug(Account.Name.getDescribe().getByteLength() + ' ' + Account.Id.getDescribe().getByteLength());`),
    ['true', 'true false', 'true true', 'false null', '765 18']
  );
});

test('field metadata feeds help text, formula, rich text, encryption and the controlling field', () => {
  assert.deepEqual(
    onFixture(`Schema.DescribeFieldResult notes = Gizmo__c.Notes__c.getDescribe();
      System.debug(notes.getInlineHelpText() + ' ' + notes.isHtmlFormatted());
      System.debug(Gizmo__c.Secret__c.getDescribe().isEncrypted() + ' ' + Gizmo__c.Secret__c.getDescribe().getType());
      System.debug(Gizmo__c.Total__c.getDescribe().getCalculatedFormula());
      Schema.DescribeFieldResult size = Gizmo__c.Size__c.getDescribe();
      System.debug(size.isDependentPicklist() + ' ' + size.getController() + ' ' + Gizmo__c.Kind__c.getDescribe().getController());`),
    ['What the gizmo is for true', 'true ENCRYPTEDSTRING', '1 + 1', 'true Kind__c null']
  );
});

test('field sets: fieldSets.getMap() (any case), fieldSets.Name, members with paths through relationships', () => {
  assert.deepEqual(
    onFixture(`Map<String, Schema.FieldSet> sets = Schema.SObjectType.Gizmo__c.fieldSets.getMap();
      System.debug(sets.keySet());
      Schema.FieldSet fs = sets.get('SUMMARY');
      System.debug(fs.getName() + '|' + fs.getLabel() + '|' + fs.getDescription() + '|' + fs.getSObjectType());
      for (Schema.FieldSetMember m : fs.getFields())
        System.debug(m.getFieldPath() + ' ' + m.getLabel() + ' ' + m.getType() + ' ' + m.getRequired() + ' ' + m.getSObjectField());
      System.debug(Gizmo__c.SObjectType.getDescribe().FieldSets.Summary.getFields().size());
      System.debug(Account.SObjectType.getDescribe().fieldSets.getMap().get('Billing').getFields()[0].getSObjectField() == Account.BillingCity);
      System.debug(Contact.SObjectType.getDescribe().fieldSets.getMap().size());`),
    [
      '{summary}',
      'Summary|Gizmo summary|Shown in the gizmo list|Gizmo__c',
      'Name Gizmo Name STRING true Name',
      'Account__r.Name Account Name STRING false Name',
      '2',
      'true',
      '0'
    ]
  );
});

test('getDescribe takes SObjectDescribeOptions and FieldDescribeOptions; isCustomSetting reads the metadata', () => {
  assert.deepEqual(
    out(`System.debug(Account.SObjectType.getDescribe(SObjectDescribeOptions.DEFERRED).getName());
      System.debug(Account.SObjectType.getDescribe(Schema.SObjectDescribeOptions.FULL).isCustomSetting());
      System.debug(Account.Name.getDescribe(Schema.FieldDescribeOptions.FULL_DESCRIBE).getName());`),
    ['Account', 'false', 'Name']
  );
});

test('List/Map.getSObjectType() give the element type token; List<SObject> gives null; Account.getSObjectType()', () => {
  assert.deepEqual(
    out(`System.debug(new List<Account>().getSObjectType() == Account.SObjectType);
      System.debug(new List<SObject>().getSObjectType());
      System.debug(new Map<Id, Contact>().getSObjectType());
      System.debug(Schema.Account.getSObjectType() == Account.SObjectType);`),
    ['true', 'null', 'Contact', 'true']
  );
});

test('describe tokens cannot be serialized to JSON', () => {
  assert.equal(
    apex('JSON.serialize(Account.Description);').fatal,
    'System.JSONException: Apex Type unsupported in JSON: Schema.SObjectField'
  );
});

test('isClone() and getCloneSourceId() tell clones from originals', () => {
  assert.deepEqual(
    out(`Account a = new Account(Name = 'a');
      System.debug(a.isClone() + ' ' + a.clone().isClone() + ' ' + a.clone().getCloneSourceId());
      insert a;
      Account c = a.clone(false, true);
      System.debug(c.isClone() + ' ' + (c.getCloneSourceId() == a.Id) + ' ' + c.Id);
      System.debug(new List<Account>{ a }.deepClone()[0].isClone());`),
    ['false true null', 'true true null', 'true']
  );
});

test('describe values cast and instanceof without the Schema prefix', () => {
  assert.deepEqual(
    out(`Object o = Account.SObjectType; Object f = Account.Name; Object d = Schema.DisplayType.STRING;
      SObjectType t = (SObjectType) o;
      System.debug(t + ' ' + (o instanceof SObjectType) + ' ' + (f instanceof SObjectField) + ' ' + (d instanceof DisplayType));`),
    ['Account true true true']
  );
});

test('overloads see Schema.SObjectField and SObjectField as one type, also inside collections', () => {
  const cls = `public class Sec {
    public static String check(SObjectType t, List<String> names) { return 'strings'; }
    public static String check(SObjectType t, List<SObjectField> tokens) { return 'tokens'; }
    public static String one(String name) { return 'string'; }
    public static String one(SObjectField token) { return 'token'; }
  }`;
  assert.deepEqual(
    out(
      `System.debug(Sec.check(Contact.SObjectType, new List<Schema.SObjectField>{ Contact.LastName }));
      Schema.SObjectField f = Contact.LastName;
      System.debug(Sec.one(f));`,
      [cls]
    ),
    ['tokens', 'token']
  );
});
