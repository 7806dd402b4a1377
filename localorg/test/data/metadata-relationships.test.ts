/**
 * Name-keyed relationships: custom metadata `MetadataRelationship` fields (`Object__r.QualifiedApiName`,
 * `Field__r.QualifiedApiName`, `Parent__r.DeveloperName`) and the EntityDefinition / FieldDefinition rows derived from
 * the schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverSources } from '../../src/syntax/sources.js';
import { createDataPlatform } from '../../src/data/index.js';
import { newOrg, rows } from './helpers.js';

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function field(name: string, referenceTo: string, extra = ''): string {
  return `<CustomField><fullName>${name}</fullName><label>${name}</label><referenceTo>${referenceTo}</referenceTo><relationshipName>Rel_${name.replace('__c', '')}</relationshipName><type>MetadataRelationship</type>${extra}</CustomField>`;
}

function mdtProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-mdtrel-'));
  const obj = (name: string) => path.join(dir, 'objects', name);
  write(path.join(obj('Rule__mdt'), 'Rule__mdt.object-meta.xml'), '<CustomObject><label>Rule</label></CustomObject>');
  write(path.join(obj('Rule__mdt'), 'fields', 'Object__c.field-meta.xml'), field('Object__c', 'EntityDefinition'));
  write(
    path.join(obj('Rule__mdt'), 'fields', 'Field__c.field-meta.xml'),
    field(
      'Field__c',
      'FieldDefinition',
      '<metadataRelationshipControllingField>Rule__mdt.Object__c</metadataRelationshipControllingField>'
    )
  );
  write(path.join(obj('Step__mdt'), 'Step__mdt.object-meta.xml'), '<CustomObject><label>Step</label></CustomObject>');
  write(path.join(obj('Step__mdt'), 'fields', 'Rule__c.field-meta.xml'), field('Rule__c', 'Rule__mdt'));
  const record = (type: string, name: string, values: [string, string][]) =>
    write(
      path.join(dir, 'customMetadata', `${type}.${name}.md-meta.xml`),
      `<CustomMetadata xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><label>${name}</label>${values
        .map(([f, v]) => `<values><field>${f}</field><value xsi:type="xsd:string">${v}</value></values>`)
        .join('')}</CustomMetadata>`
    );
  record('Rule', 'OnContact', [
    ['Object__c', 'Contact'],
    ['Field__c', 'LastName']
  ]);
  record('Rule', 'OnAccount', [['Object__c', 'Account']]);
  record('Step', 'First', [['Rule__c', 'OnContact']]);
  return dir;
}

test('custom metadata relationships to EntityDefinition, FieldDefinition and another type read through __r', () => {
  const org = createDataPlatform(discoverSources(mdtProject()));
  const rules = rows(
    org,
    "SELECT DeveloperName, Object__r.QualifiedApiName, Field__r.QualifiedApiName, Field__r.DataType FROM Rule__mdt WHERE Object__r.QualifiedApiName = 'Contact'"
  );
  assert.equal(rules.length, 1);
  const rel = (r: { get(k: string): unknown }, k: string) => r.get(k) as { get(k: string): unknown } | null;
  assert.equal(rel(rules[0], 'Object__r')!.get('QualifiedApiName'), 'Contact');
  assert.equal(rel(rules[0], 'Field__r')!.get('QualifiedApiName'), 'LastName');
  assert.equal(rel(rules[0], 'Field__r')!.get('DataType'), 'Text(80)');
  const steps = rows(org, 'SELECT Rule__r.DeveloperName, Rule__r.Object__r.Label FROM Step__mdt');
  assert.equal(rel(steps[0], 'Rule__r')!.get('DeveloperName'), 'OnContact');
  assert.equal(rel(rel(steps[0], 'Rule__r')!, 'Object__r')!.get('Label'), 'Contact');
  const children = rows(
    org,
    "SELECT DeveloperName, (SELECT DeveloperName FROM Rel_Rule__r) FROM Rule__mdt WHERE DeveloperName = 'OnContact'"
  );
  assert.equal((children[0].get('Rel_Rule__r') as { items: unknown[] }).items.length, 1);
});

test('a relationship to another custom metadata type holds the related record Id, so Id semi-joins match', () => {
  const org = createDataPlatform(discoverSources(mdtProject()));
  const [onContact] = rows(org, "SELECT Id FROM Rule__mdt WHERE DeveloperName = 'OnContact'");
  const [step] = rows(org, 'SELECT Rule__c FROM Step__mdt');
  assert.equal(String((step.get('Rule__c') as { value: string }).value), onContact.id!.value);
  const joined = rows(org, 'SELECT DeveloperName FROM Rule__mdt WHERE Id IN (SELECT Rule__c FROM Step__mdt)');
  assert.deepEqual(
    joined.map((r) => r.get('DeveloperName')),
    ['OnContact']
  );
});

test('a custom metadata record naming a related record that does not exist is refused at load', () => {
  const dir = mdtProject();
  fs.writeFileSync(
    path.join(dir, 'customMetadata', 'Step.Second.md-meta.xml'),
    '<CustomMetadata xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><label>Second</label><values><field>Rule__c</field><value xsi:type="xsd:string">Nowhere</value></values></CustomMetadata>'
  );
  assert.throws(
    () => createDataPlatform(discoverSources(dir)),
    /Step\.Second\.md-meta\.xml: Rule__c: no Rule__mdt record named 'Nowhere'/
  );
});

test('EntityDefinition and FieldDefinition rows come from the schema, with the Fields child relationship', () => {
  const org = newOrg();
  const fds = rows(
    org,
    "SELECT DeveloperName, DataType, EntityDefinition.QualifiedApiName FROM FieldDefinition WHERE EntityDefinition.DeveloperName = 'Contact' AND RelationshipName = 'Account'"
  );
  assert.deepEqual(
    fds.map((f) => [f.get('DeveloperName'), f.get('DataType')]),
    [['AccountId', 'Lookup(Account)']]
  );
  const eds = rows(
    org,
    "SELECT QualifiedApiName, KeyPrefix, (SELECT QualifiedApiName FROM Fields WHERE IsCalculated = TRUE) FROM EntityDefinition WHERE QualifiedApiName = 'Opportunity'"
  );
  assert.equal(eds[0].get('KeyPrefix'), '006');
  const calculated = (eds[0].get('Fields') as { items: { get(k: string): unknown }[] }).items.map((f) =>
    f.get('QualifiedApiName')
  );
  assert.deepEqual(calculated.sort(), ['IsClosed', 'IsWon']);
});

test('a relationship to EntityParticle holds the field name, read through __r next to its controlling object', () => {
  const dir = mdtProject();
  write(
    path.join(dir, 'objects', 'Rule__mdt', 'fields', 'City__c.field-meta.xml'),
    field(
      'City__c',
      'EntityParticle',
      '<metadataRelationshipControllingField>Rule__mdt.Object__c</metadataRelationshipControllingField>'
    )
  );
  fs.writeFileSync(
    path.join(dir, 'customMetadata', 'Rule.OnContact.md-meta.xml'),
    '<CustomMetadata xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><label>OnContact</label><values><field>Object__c</field><value xsi:type="xsd:string">Contact</value></values><values><field>City__c</field><value xsi:type="xsd:string">MailingCity</value></values></CustomMetadata>'
  );
  const org = createDataPlatform(discoverSources(dir));
  const [rule] = rows(
    org,
    "SELECT City__c, City__r.QualifiedApiName, City__r.EntityDefinitionId FROM Rule__mdt WHERE DeveloperName = 'OnContact'"
  );
  assert.equal(rule.get('City__c'), 'MailingCity');
  const city = rule.get('City__r') as { get(k: string): unknown };
  assert.equal(city.get('QualifiedApiName'), 'MailingCity');
  assert.equal(city.get('EntityDefinitionId'), 'Contact');
  const particles = rows(
    org,
    "SELECT QualifiedApiName, IsCreatable FROM EntityParticle WHERE EntityDefinitionId = 'Contact' AND QualifiedApiName = 'LastName'"
  );
  assert.deepEqual(
    particles.map((p) => [p.get('QualifiedApiName'), p.get('IsCreatable')]),
    [['LastName', true]]
  );
});
