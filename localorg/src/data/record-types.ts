/**
 * Record types from `objects/<Object>/recordTypes/*.recordType-meta.xml`: each becomes a RecordType row, and its object
 * gets a `RecordTypeId` lookup, so `SELECT Id FROM RecordType WHERE DeveloperName = …` and
 * `getRecordTypeInfosByDeveloperName()` work as on the platform.
 */
import path from 'node:path';
import type { SourceFile } from '../syntax/sources.js';
import { ApexDatetime, SObject, type ApexId } from '../values/values.js';
import { MetadataError, readMetadataXml } from './schema/load.js';
import { fieldDef, type ObjectDef } from './schema/types.js';
import type { Store } from './store.js';

export interface RecordTypeFile {
  object: string;
  file: SourceFile;
}

/** The record-type files among a project's other sources. */
export function recordTypeFiles(other: SourceFile[]): RecordTypeFile[] {
  return other
    .filter((f) => f.path.endsWith('.recordType-meta.xml') && path.basename(path.dirname(f.path)) === 'recordTypes')
    .map((file) => ({ object: path.basename(path.dirname(path.dirname(file.path))), file }));
}

/** Adds `RecordTypeId` to every object that has record types (before the schema is indexed). */
export function addRecordTypeFields(objects: Map<string, ObjectDef>, files: RecordTypeFile[]): void {
  for (const { object, file } of files) {
    const o = objects.get(object.toLowerCase());
    if (!o) throw new MetadataError(`${file.relative}: record type for unknown object ${object}`);
    if (o.fields.has('recordtypeid')) continue;
    o.fields.set(
      'recordtypeid',
      fieldDef({
        name: 'RecordTypeId',
        type: 'reference',
        referenceTo: ['RecordType'],
        relationshipName: 'RecordType',
        length: 18
      })
    );
  }
}

export function loadRecordTypes(
  objects: Map<string, ObjectDef>,
  store: Store,
  files: RecordTypeFile[],
  userId: ApexId,
  now: number
): void {
  for (const { object, file } of files) {
    const x = readMetadataXml(file.path, file.relative, 'RecordType');
    const developerName =
      typeof x.fullName === 'string' ? x.fullName : path.basename(file.path).replace(/\.recordType-meta\.xml$/, '');
    const row = new SObject('RecordType');
    row.set('Id', store.nextId('012'));
    row.set('Name', typeof x.label === 'string' ? x.label : developerName);
    row.set('DeveloperName', developerName);
    row.set('SobjectType', objects.get(object.toLowerCase())!.name);
    row.set('IsActive', x.active !== 'false');
    row.set('Description', typeof x.description === 'string' ? x.description : null);
    row.set('NamespacePrefix', null);
    const ts = new ApexDatetime(now);
    for (const f of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp']) row.set(f, ts);
    row.set('CreatedById', userId);
    row.set('LastModifiedById', userId);
    row.set('IsDeleted', false);
    store.put(row);
  }
}
