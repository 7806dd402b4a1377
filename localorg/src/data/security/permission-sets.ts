/**
 * The project's permission sets (`permissionsets/*.permissionset-meta.xml`) as a deployed org holds them: a
 * `PermissionSet` row (Name, Label, Description, `Permissions<Name>` for enabled user permissions), one
 * `ObjectPermissions` row per `<objectPermissions>` and one `FieldPermissions` row per `<fieldPermissions>`. Tests
 * assign them with `PermissionSetAssignment`, and user mode then reads them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ApexDatetime, SObject, type ApexId, type Value } from '../../values/values.js';
import type { SourceFile } from '../../syntax/sources.js';
import { MetadataError } from '../schema/load.js';
import type { Schema } from '../schema/schema.js';
import type { Store } from '../store.js';

const parser = new XMLParser({
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['objectPermissions', 'fieldPermissions', 'userPermissions'].includes(name)
});

type Node = Record<string, unknown>;

const text = (n: Node, key: string): string => {
  const v = n[key];
  return typeof v === 'string' ? v : '';
};
const yes = (n: Node, key: string): boolean => text(n, key) === 'true';

export function loadPermissionSets(schema: Schema, store: Store, files: SourceFile[], userId: ApexId, now: number) {
  const put = (type: string, values: Record<string, Value>): ApexId => {
    const object = schema.object(type)!;
    const row = new SObject(object.name);
    for (const f of object.fields.values()) row.set(f.name, f.type === 'boolean' ? false : null);
    const id = store.nextId(object.keyPrefix!);
    row.set('Id', id);
    for (const [k, v] of Object.entries(values)) if (object.fields.has(k.toLowerCase())) row.set(k, v);
    const ts = new ApexDatetime(now);
    for (const k of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'])
      if (object.fields.has(k.toLowerCase())) row.set(k, ts);
    for (const k of ['CreatedById', 'LastModifiedById']) if (object.fields.has(k.toLowerCase())) row.set(k, userId);
    store.put(row);
    return id;
  };
  for (const file of files) {
    if (!file.path.endsWith('.permissionset-meta.xml')) continue;
    const doc = parser.parse(fs.readFileSync(file.path, 'utf8')) as Node;
    const root = doc.PermissionSet as Node | undefined;
    if (!root || typeof root !== 'object') throw new MetadataError(`${file.relative}: expected a <PermissionSet> root`);
    const name = path.basename(file.path, '.permissionset-meta.xml');
    const values: Record<string, Value> = {
      Name: name,
      Label: text(root, 'label') || name,
      Description: text(root, 'description') || null,
      IsCustom: true,
      IsOwnedByProfile: false,
      NamespacePrefix: null
    };
    for (const p of (root.userPermissions as Node[] | undefined) ?? []) {
      if (yes(p, 'enabled')) values[`Permissions${text(p, 'name')}`] = true;
    }
    const parentId = put('PermissionSet', values);
    for (const o of (root.objectPermissions as Node[] | undefined) ?? []) {
      put('ObjectPermissions', {
        ParentId: parentId,
        SobjectType: text(o, 'object'),
        PermissionsRead: yes(o, 'allowRead'),
        PermissionsCreate: yes(o, 'allowCreate'),
        PermissionsEdit: yes(o, 'allowEdit'),
        PermissionsDelete: yes(o, 'allowDelete'),
        PermissionsViewAllRecords: yes(o, 'viewAllRecords'),
        PermissionsModifyAllRecords: yes(o, 'modifyAllRecords')
      });
    }
    for (const f of (root.fieldPermissions as Node[] | undefined) ?? []) {
      const field = text(f, 'field');
      put('FieldPermissions', {
        ParentId: parentId,
        SobjectType: field.split('.')[0],
        Field: field,
        PermissionsRead: yes(f, 'readable'),
        PermissionsEdit: yes(f, 'editable')
      });
    }
  }
}
