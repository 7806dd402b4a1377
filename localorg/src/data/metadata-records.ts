/**
 * Custom metadata records (`customMetadata/Type.Record.md-meta.xml`) loaded into the store as rows of `Type__mdt`, so
 * that SOQL, `getAll()` and `getInstance()` read one source. They are read-only to DML (see the DML pipeline).
 */
import path from 'node:path';
import type { SourceFile } from '../syntax/sources.js';
import { ApexDatetime, SObject, type ApexId } from '../values/values.js';
import { to18 } from '../values/ids.js';
import { CoercionError, parseFieldText } from './coerce.js';
import { MetadataError, readMetadataXml } from './schema/load.js';
import type { Schema } from './schema/schema.js';
import type { FieldDef } from './schema/types.js';
import type { Store } from './store.js';

export function loadCustomMetadataRecords(
  schema: Schema,
  store: Store,
  files: SourceFile[],
  userId: ApexId,
  now: number
): void {
  const pending: Pending[] = [];
  for (const file of files) {
    const base = path.basename(file.path).replace(/\.md-meta\.xml$/, '');
    const dot = base.indexOf('.');
    if (dot <= 0) throw new MetadataError(`${file.relative}: expected a file name like Type.RecordName.md-meta.xml`);
    const typeName = `${base.slice(0, dot)}__mdt`;
    const developerName = base.slice(dot + 1);
    const object = schema.object(typeName);
    if (!object)
      throw new MetadataError(`${file.relative}: custom metadata type ${typeName} is not defined in this project`);
    const x = readMetadataXml(file.path, file.relative, 'CustomMetadata');
    const row = new SObject(object.name);
    row.set('Id', store.nextId(object.keyPrefix!));
    const label = typeof x.label === 'string' ? x.label : developerName;
    row.set('DeveloperName', developerName);
    row.set('MasterLabel', label);
    row.set('Label', label);
    row.set('QualifiedApiName', developerName);
    row.set('NamespacePrefix', null);
    row.set('Language', 'en_US');
    const ts = new ApexDatetime(now);
    row.set('CreatedDate', ts);
    row.set('LastModifiedDate', ts);
    row.set('SystemModstamp', ts);
    void userId;
    for (const f of object.fields.values())
      if (f.custom && !row.has(f.name)) row.set(f.name, f.type === 'boolean' ? false : null);
    const values = (x.values as Record<string, unknown>[] | undefined) ?? [];
    const fileRelationships: Pending[] = [];
    for (const v of values) {
      const fieldName = typeof v.field === 'string' ? v.field : '';
      const f = schema.field(object, fieldName);
      if (!f) throw new MetadataError(`${file.relative}: ${typeName} has no field ${fieldName}`);
      const raw = (v.value as unknown[] | undefined)?.[0];
      let text: string | null = null;
      if (raw !== undefined && raw !== null && typeof raw === 'object') {
        const o = raw as Record<string, unknown>;
        text = o['@_xsi:nil'] === 'true' ? null : typeof o['#text'] === 'string' ? o['#text'] : '';
      } else if (raw !== undefined && raw !== null) text = typeof raw === 'string' ? raw : JSON.stringify(raw);
      if (text !== null && isMetadataReference(schema, f)) {
        fileRelationships.push({ row, field: f, name: text, file: file.relative });
        continue;
      }
      try {
        row.set(f.name, text === null ? null : parseFieldText(f, text));
      } catch (e) {
        if (e instanceof CoercionError) throw new MetadataError(`${file.relative}: ${f.name}: ${e.message}`);
        throw e;
      }
    }
    store.put(row);
    pending.push(...fileRelationships);
  }
  // Relationships are resolved once every record is in the store: a file may name a record loaded after it.
  for (const p of pending) {
    try {
      p.row.set(p.field.name, metadataRecordId(schema, store, p.field, p.name));
    } catch (e) {
      if (e instanceof CoercionError) throw new MetadataError(`${p.file}: ${p.field.name}: ${e.message}`);
      throw e;
    }
  }
}

interface Pending {
  row: SObject;
  field: FieldDef;
  name: string;
  file: string;
}

/** True for a metadata relationship from one custom metadata type to another (it holds the related record's Id). */
export function isMetadataReference(schema: Schema, f: FieldDef): boolean {
  return f.type === 'reference' && f.referenceTo.length === 1 && !!schema.object(f.referenceTo[0])?.customMetadata;
}

/**
 * The Id a metadata relationship to another custom metadata type holds, from the related record's name as metadata
 * files and `Metadata.CustomMetadataValue` give it (its `DeveloperName`), or an Id of a record of that type.
 */
export function metadataRecordId(schema: Schema, store: Store, f: FieldDef, name: string): ApexId {
  const target = schema.object(f.referenceTo[0])!;
  const id = to18(name);
  const wanted = name.toLowerCase();
  for (const r of store.rows(target.name.toLowerCase())) {
    const developerName = r.get('DeveloperName');
    if (id ? r.id?.value === id : typeof developerName === 'string' && developerName.toLowerCase() === wanted)
      return r.id!;
  }
  throw new CoercionError(`no ${target.name} record named '${name}'`);
}
