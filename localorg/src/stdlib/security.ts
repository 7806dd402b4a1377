/**
 * `Security.stripInaccessible(accessType, records[, enforceRootObjectCRUD])` and its `SObjectAccessDecision`: the
 * fields the running user may not read (or create, update) are removed, by the profile and assigned permission sets
 * that user mode enforces.
 */
import { UserPermissions, type ObjectRights } from '../data/security/permissions.js';
import type { FieldDef, ObjectDef } from '../data/schema/types.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import {
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexSet,
  NativeObject,
  SObject,
  typeRef,
  type Value
} from '../values/values.js';
import { apexThrow } from '../values/errors.js';
import { orgOf } from './data-org.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

natives.defineEnum('System.AccessType', ['CREATABLE', 'READABLE', 'UPDATABLE', 'UPSERTABLE']);

function permissionsOf(ctx: NativeContext): UserPermissions {
  const org = orgOf(ctx);
  return new UserPermissions(org.store, ctx.user.id.value);
}

interface Decision {
  records: SObject[];
  removed: Map<string, Set<string>>;
  modified: Set<number>;
}

function allowed(permissions: UserPermissions, object: ObjectDef, field: FieldDef, type: string): boolean {
  if (type === 'READABLE') return permissions.canReadField(object, field);
  const edit = permissions.field(object, field).edit;
  if (type === 'CREATABLE') return edit && field.createable;
  if (type === 'UPDATABLE') return edit && field.updateable;
  return edit && (field.createable || field.updateable);
}

function objectAllowed(rights: ObjectRights, type: string): boolean {
  if (type === 'READABLE') return rights.read;
  if (type === 'CREATABLE') return rights.create;
  if (type === 'UPDATABLE') return rights.edit;
  return rights.create || rights.edit;
}

/** Every field, parent relationship and child relationship name of an object, lower case. */
function everyName(object: ObjectDef): Set<string> {
  const names = new Set<string>(object.fields.keys());
  for (const f of object.fields.values()) if (f.relationshipName) names.add(f.relationshipName.toLowerCase());
  for (const c of object.childRelationships) names.add(c.relationshipName.toLowerCase());
  return names;
}

function strip(ctx: NativeContext, type: string, records: SObject[], enforceRoot: boolean): Decision {
  const org = orgOf(ctx);
  const permissions = permissionsOf(ctx);
  const decision: Decision = { records: [], removed: new Map(), modified: new Set() };
  const names = new Map<ObjectDef, Set<string>>();
  const everyNameOf = (object: ObjectDef) => {
    let set = names.get(object);
    if (!set) names.set(object, (set = everyName(object)));
    return new Set(set);
  };
  /** Leaves `key` out of the copy: listed as removed under `field`, the row as modified, no longer queried. */
  const drop = (object: string, field: string, key: string, index: number | null, out: SObject) => {
    let set = decision.removed.get(object);
    if (!set) decision.removed.set(object, (set = new Set()));
    set.add(field);
    if (index !== null) decision.modified.add(index);
    out.queried?.delete(key);
  };
  const copy = (record: SObject, index: number | null, root: boolean): SObject => {
    const object = org.schema.object(record.type);
    if (!object) return record;
    if (root && enforceRoot && !objectAllowed(permissions.object(object), type)) {
      apexThrow('NoAccessException', `No access to entity: ${object.name}`);
    }
    const out = new SObject(record.type);
    // a copy of a queried row reads a stripped field as not queried (SObjectException); every other field reads
    // as queried, null when it was not selected
    if (record.queried) out.queried = everyNameOf(object);
    for (const [key, value] of record.fields) {
      const field = object.fields.get(key);
      const name = record.names.get(key) ?? key;
      if (value instanceof SObject) {
        out.set(name, copy(value, null, false));
      } else if (value instanceof ApexList && value.items.every((v) => v instanceof SObject)) {
        const child = org.schema.object(value.elementType.name);
        if (child && !objectAllowed(permissions.object(child), type)) {
          // a subquery's rows of an object the user cannot access: the whole relationship goes
          drop(object.name, name, key, index, out);
          continue;
        }
        out.set(
          name,
          new ApexList(
            value.elementType,
            value.items.map((v) => copy(v, null, false))
          )
        );
      } else if (field && key !== 'id' && !allowed(permissions, object, field, type)) {
        drop(object.name, field.name, key, index, out);
        continue;
      } else {
        out.set(name, value);
      }
    }
    return out;
  };
  records.forEach((r, i) => decision.records.push(copy(r, i, true)));
  return decision;
}

natives.defineClass({
  name: 'Security',
  statics: {
    stripinaccessible(ctx, args) {
      const [type, records, enforce] = args;
      if (!(type instanceof ApexEnumValue) || !(records instanceof ApexList)) {
        return apexThrow('NullPointerException', 'Argument cannot be null.');
      }
      const rows = records.items.filter((r): r is SObject => r instanceof SObject);
      return new NativeObject('system.sobjectaccessdecision', strip(ctx, type.name, rows, enforce !== false));
    }
  }
});

natives.defineClass({
  name: 'System.SObjectAccessDecision',
  instance: {
    getrecords: (_ctx, _a, self) => {
      const d = (self as NativeObject<Decision>).state;
      return new ApexList(typeRef('SObject'), d.records);
    },
    getremovedfields: (_ctx, _a, self) => {
      const d = (self as NativeObject<Decision>).state;
      const map = new ApexMap(typeRef('String'), typeRef('Set', [typeRef('String')]));
      for (const [object, fields] of d.removed) map.put(object, setOf('String', [...fields]));
      return map;
    },
    getmodifiedindexes: (_ctx, _a, self) => {
      const d = (self as NativeObject<Decision>).state;
      return setOf(
        'Integer',
        [...d.modified].sort((a, b) => a - b)
      );
    }
  }
});

function setOf(type: string, values: Value[]): ApexSet {
  const set = new ApexSet(typeRef(type));
  for (const v of values) set.add(v);
  return set;
}
