/**
 * Custom metadata records (`customMetadata/Type.Record.md-meta.xml`) loaded into the store as rows of `Type__mdt`, so
 * that SOQL, `getAll()` and `getInstance()` read one source. They are read-only to DML (see the DML pipeline).
 */
import path from 'node:path';
import type { SourceFile } from '../syntax/sources.js';
import { ApexDatetime, SObject, type ApexId } from '../values/values.js';
import { CoercionError, parseFieldText } from './coerce.js';
import { MetadataError, readMetadataXml } from './schema/load.js';
import type { Schema } from './schema/schema.js';
import type { Store } from './store.js';

export function loadCustomMetadataRecords(
  schema: Schema,
  store: Store,
  files: SourceFile[],
  userId: ApexId,
  now: number
): void {
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
      try {
        row.set(f.name, text === null ? null : parseFieldText(f, text));
      } catch (e) {
        if (e instanceof CoercionError) throw new MetadataError(`${file.relative}: ${f.name}: ${e.message}`);
        throw e;
      }
    }
    store.put(row);
  }
}
