/**
 * Schema describe for Apex: `Schema.getGlobalDescribe()`, SObjectType and SObjectField tokens, DescribeSObjectResult
 * (`fields.getMap()`, `fields.Subject`), DescribeFieldResult, PicklistEntry and the `Schema.DisplayType` enum, all read
 * from the data platform's schema. Tokens are cached per name so that `==` between tokens holds.
 */
import { randomUUID } from 'node:crypto';
import type { FieldDef, ObjectDef } from '../data/schema/types.js';
import { defaultValueFor } from '../data/schema/schema.js';
import { UserPermissions } from '../data/security/permissions.js';
import { ApexId, ApexList, ApexMap, NativeObject, SObject, typeRef, type Value } from '../values/values.js';
import { argString } from './native-args.js';
import { orgOf } from './data-org.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

export interface ObjectTokenState {
  object: string;
}
export interface FieldTokenState {
  object: string;
  field: string;
}

natives.defineEnum('Schema.SObjectDescribeOptions', ['DEFAULT', 'DEFERRED', 'FULL']);

export function objectDef(ctx: NativeContext, name: string): ObjectDef {
  const o = orgOf(ctx).schema.object(name);
  if (!o) return apexThrow('System.SObjectException', `Invalid sObject type: ${name}`);
  return o;
}

export function fieldDefOf(ctx: NativeContext, object: string, field: string): FieldDef {
  const f = objectDef(ctx, object).fields.get(field.toLowerCase());
  if (!f) return apexThrow('System.SObjectException', `Invalid field ${field} for ${object}`);
  return f;
}

const TOKENS = Symbol('Schema tokens');

interface Tokens {
  objects: Map<string, NativeObject<ObjectTokenState>>;
  fields: Map<string, NativeObject<FieldTokenState>>;
}

function tokens(ctx: NativeContext): Tokens {
  return ctx.natives.state<Tokens>(TOKENS, () => ({ objects: new Map(), fields: new Map() }));
}

/** The `Schema.SObjectType` token for an object (one instance per object and project, so tokens compare by identity). */
export function sobjectTypeToken(ctx: NativeContext, objectApiName: string): NativeObject<ObjectTokenState> {
  const { objects } = tokens(ctx);
  const key = objectApiName.toLowerCase();
  let t = objects.get(key);
  if (!t) objects.set(key, (t = new NativeObject('schema.sobjecttype', { object: objectApiName })));
  return t;
}

/** The `Schema.SObjectField` token for a field. */
export function sobjectFieldToken(
  ctx: NativeContext,
  objectApiName: string,
  fieldApiName: string
): NativeObject<FieldTokenState> {
  const { fields } = tokens(ctx);
  const key = `${objectApiName}.${fieldApiName}`.toLowerCase();
  let t = fields.get(key);
  if (!t)
    fields.set(key, (t = new NativeObject('schema.sobjectfield', { object: objectApiName, field: fieldApiName })));
  return t;
}

function describeObject(name: string): NativeObject<ObjectTokenState> {
  return new NativeObject('schema.describesobjectresult', { object: name });
}

function describeField(object: string, field: string): NativeObject<FieldTokenState> {
  return new NativeObject('schema.describefieldresult', { object, field });
}

export function state<S>(self: Value): S {
  return (self as NativeObject<S>).state;
}

/** A field name argument: a String or an SObjectField token. */
export function fieldNameArg(args: readonly Value[], i: number): string {
  const v = args[i];
  if (v instanceof NativeObject && v.nativeType === 'schema.sobjectfield') return (v.state as FieldTokenState).field;
  return argString(args, i);
}

natives.defineClass({
  name: 'Schema',
  statics: {
    getglobaldescribe(ctx) {
      const m = new ApexMap(typeRef('String'), typeRef('Schema.SObjectType'));
      m.caseInsensitive = true;
      for (const name of orgOf(ctx).schema.names()) m.put(name.toLowerCase(), sobjectTypeToken(ctx, name));
      return m;
    },
    describesobjects(ctx, args) {
      const names = args[0];
      if (!(names instanceof ApexList)) return unsupported('Schema', 'describeSObjects', args);
      return new ApexList(
        typeRef('Schema.DescribeSObjectResult'),
        names.items.map((n) => describeObject(objectDef(ctx, argString([n], 0)).name))
      );
    }
  }
});

natives.defineClass({
  name: 'Schema.SObjectType',
  // `Schema.SObjectType.Event` is the Event describe result.
  dynamicStaticProp(ctx, name) {
    const o = orgOf(ctx).schema.object(name);
    return o && !o.queryableOnly ? describeObject(o.name) : undefined;
  },
  props: {
    fields: (_ctx, self) =>
      new NativeObject('schema.sobjecttypetokenfields', { object: state<ObjectTokenState>(self).object })
  },
  instance: {
    getdescribe: (ctx, _args, self) => describeObject(objectDef(ctx, state<ObjectTokenState>(self).object).name),
    newsobject(ctx, args, self) {
      const o = objectDef(ctx, state<ObjectTokenState>(self).object);
      const rec = new SObject(o.name);
      const id = args[0];
      const loadDefaults = args.length >= 2 && args[1] === true;
      if (id instanceof ApexId || typeof id === 'string') rec.set('Id', id instanceof ApexId ? id : new ApexId(id));
      if (args.length === 0 || loadDefaults) {
        for (const f of o.fields.values()) {
          if (!f.createable) continue;
          const d = defaultValueFor(f);
          if (d !== null) rec.set(f.name, d);
        }
        // A platform event made with defaults has its EventUuid already, to match publish callbacks' results.
        if (loadDefaults && o.platformEvent) rec.set('EventUuid', randomUUID());
      }
      return rec;
    },
    tostring: (_ctx, _args, self) => state<ObjectTokenState>(self).object,
    equals: (_ctx, args, self) => args[0] === self,
    hashcode: (_ctx, _args, self) => hash(state<ObjectTokenState>(self).object.toLowerCase())
  }
});

natives.defineClass({
  name: 'Schema.SObjectField',
  instance: {
    getdescribe: (ctx, _args, self) => {
      const s = state<FieldTokenState>(self);
      const f = fieldDefOf(ctx, s.object, s.field);
      return describeField(s.object, f.name);
    },
    tostring: (_ctx, _args, self) => state<FieldTokenState>(self).field,
    equals: (_ctx, args, self) => args[0] === self,
    hashcode: (_ctx, _args, self) =>
      hash(`${state<FieldTokenState>(self).object}.${state<FieldTokenState>(self).field}`.toLowerCase())
  }
});

natives.defineClass({
  name: 'Schema.DescribeSObjectResult',
  props: {
    fields: (_ctx, self) =>
      new NativeObject('schema.sobjecttypefields', { object: state<ObjectTokenState>(self).object }),
    fieldsets: (_ctx, self) =>
      new NativeObject('schema.sobjecttypefieldsets', { object: state<ObjectTokenState>(self).object })
  },
  instance: {
    getname: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).name,
    getlocalname: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).name,
    getlabel: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).label,
    getlabelplural: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).labelPlural,
    getkeyprefix: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).keyPrefix,
    getsobjecttype: (ctx, _a, self) => sobjectTypeToken(ctx, state<ObjectTokenState>(self).object),
    iscreateable: (ctx, _a, self) => objectAccess(ctx, self, 'create'),
    isupdateable: (ctx, _a, self) => objectAccess(ctx, self, 'edit'),
    isdeletable: (ctx, _a, self) => objectAccess(ctx, self, 'delete'),
    isundeletable: (ctx, _a, self) => objectAccess(ctx, self, 'delete'),
    isaccessible: (ctx, _a, self) => objectAccess(ctx, self, 'read'),
    isqueryable: () => true,
    issearchable: (ctx, _a, self) => !objectDef(ctx, state<ObjectTokenState>(self).object).customMetadata,
    iscustom: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).custom,
    iscustomsetting: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).customSetting !== null,
    ismergeable: (ctx, _a, self) =>
      ['account', 'contact', 'lead', 'case'].includes(state<ObjectTokenState>(self).object.toLowerCase()),
    isdeprecatedandhidden: () => false,
    getassociateentitytype: () => null,
    getassociateparententity: () => null,
    getrecordtypeinfos: (ctx, _a, self) => new ApexList(typeRef('Schema.RecordTypeInfo'), recordTypeInfos(ctx, self)),
    getrecordtypeinfosbydevelopername: (ctx, _a, self) => recordTypeMap(ctx, self, 'developerName', 'String'),
    getrecordtypeinfosbyname: (ctx, _a, self) => recordTypeMap(ctx, self, 'name', 'String'),
    getrecordtypeinfosbyid: (ctx, _a, self) => recordTypeMap(ctx, self, 'id', 'Id'),
    getchildrelationships: (ctx, _a, self) =>
      new ApexList(
        typeRef('Schema.ChildRelationship'),
        objectDef(ctx, state<ObjectTokenState>(self).object).childRelationships.map(
          (c) => new NativeObject('schema.childrelationship', c)
        )
      )
  }
});

interface RecordTypeInfoState {
  id: ApexId;
  name: string;
  developerName: string;
  active: boolean;
  master: boolean;
  isDefault: boolean;
}

/** Record types of an object from the RecordType table, plus the platform's Master record type [mem: Master Id]. */
function recordTypeInfos(ctx: NativeContext, self: Value): NativeObject<RecordTypeInfoState>[] {
  const object = objectDef(ctx, state<ObjectTokenState>(self).object);
  const rows = [...orgOf(ctx).store.rows('recordtype')].filter(
    (r) => String(r.get('SobjectType') as string).toLowerCase() === object.name.toLowerCase()
  );
  const infos: RecordTypeInfoState[] = rows.map((r, i) => ({
    id: r.id!,
    name: r.get('Name') as string,
    developerName: r.get('DeveloperName') as string,
    active: r.get('IsActive') === true,
    master: false,
    isDefault: i === 0
  }));
  infos.push({
    id: new ApexId('012000000000000AAA'),
    name: 'Master',
    developerName: 'Master',
    active: true,
    master: true,
    isDefault: rows.length === 0
  });
  return infos.map((i) => new NativeObject('schema.recordtypeinfo', i));
}

function recordTypeMap(
  ctx: NativeContext,
  self: Value,
  key: 'developerName' | 'name' | 'id',
  keyType: string
): ApexMap {
  const m = new ApexMap(typeRef(keyType), typeRef('Schema.RecordTypeInfo'));
  for (const info of recordTypeInfos(ctx, self)) m.put(info.state[key], info);
  return m;
}

natives.defineClass({
  name: 'Schema.RecordTypeInfo',
  instance: {
    getrecordtypeid: (_c, _a, self) => state<RecordTypeInfoState>(self).id,
    getname: (_c, _a, self) => state<RecordTypeInfoState>(self).name,
    getdevelopername: (_c, _a, self) => state<RecordTypeInfoState>(self).developerName,
    isactive: (_c, _a, self) => state<RecordTypeInfoState>(self).active,
    isavailable: (_c, _a, self) => state<RecordTypeInfoState>(self).active,
    isdefaultrecordtypemapping: (_c, _a, self) => state<RecordTypeInfoState>(self).isDefault,
    ismaster: (_c, _a, self) => state<RecordTypeInfoState>(self).master
  }
});

natives.defineClass({
  name: 'Schema.ChildRelationship',
  instance: {
    getrelationshipname: (_c, _a, self) => state<{ relationshipName: string }>(self).relationshipName,
    getchildsobject: (ctx, _a, self) => sobjectTypeToken(ctx, state<{ childObject: string }>(self).childObject),
    getfield: (ctx, _a, self) => {
      const s = state<{ childObject: string; field: string }>(self);
      return sobjectFieldToken(ctx, s.childObject, s.field);
    },
    iscascadedelete: (_c, _a, self) => state<{ cascadeDelete: boolean }>(self).cascadeDelete
  }
});

/** `Account.SObjectType.fields`: the same names as `describe.fields`, but `.Name` is the field token itself. */
natives.defineClass({
  name: 'Schema.SObjectTypeTokenFields',
  dynamicProp(ctx, self, name) {
    const object = state<ObjectTokenState>(self).object;
    const f = objectDef(ctx, object).fields.get(name.toLowerCase());
    return f ? sobjectFieldToken(ctx, object, f.name) : undefined;
  },
  instance: {
    getmap: (ctx, _args, self) => fieldMap(ctx, state<ObjectTokenState>(self).object)
  }
});

/** `fields.getMap()`: every field of the object by lower-case name, looked up case-insensitively. */
function fieldMap(ctx: NativeContext, object: string): ApexMap {
  const m = new ApexMap(typeRef('String'), typeRef('Schema.SObjectField'));
  m.caseInsensitive = true;
  for (const f of objectDef(ctx, object).fields.values())
    m.put(f.name.toLowerCase(), sobjectFieldToken(ctx, object, f.name));
  return m;
}

natives.defineClass({
  name: 'Schema.SObjectTypeFields',
  dynamicProp(ctx, self, name) {
    const object = state<ObjectTokenState>(self).object;
    const f = objectDef(ctx, object).fields.get(name.toLowerCase());
    return f ? describeField(object, f.name) : undefined;
  },
  instance: {
    getmap: (ctx, _args, self) => fieldMap(ctx, state<ObjectTokenState>(self).object)
  }
});

/** Describe's object access: what the object allows and what the running user's permissions grant. */
function objectAccess(ctx: NativeContext, self: Value, right: 'read' | 'create' | 'edit' | 'delete'): boolean {
  const object = objectDef(ctx, state<ObjectTokenState>(self).object);
  const allowedByObject =
    right === 'read' ||
    (right === 'create' ? object.createable : right === 'edit' ? object.updateable : object.deletable);
  return allowedByObject && new UserPermissions(orgOf(ctx).store, ctx.user.id.value).object(object)[right];
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}
