/**
 * Schema describe for Apex: `Schema.getGlobalDescribe()`, SObjectType and SObjectField tokens, DescribeSObjectResult
 * (`fields.getMap()`, `fields.Subject`), DescribeFieldResult, PicklistEntry and the `Schema.DisplayType` enum, all read
 * from the data platform's schema. Tokens are cached per name so that `==` between tokens holds.
 */
import { randomUUID } from 'node:crypto';
import { LocalOrg } from '../data/org.js';
import type { FieldDef, ObjectDef } from '../data/schema/types.js';
import { defaultValueFor } from '../data/schema/schema.js';
import { UserPermissions } from '../data/security/permissions.js';
import { ApexId, ApexList, ApexMap, NativeObject, SObject, typeRef, type Value } from '../values/values.js';
import { argString } from './native-args.js';
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

export const DISPLAY_TYPES = [
  'ADDRESS',
  'ANYTYPE',
  'BASE64',
  'BOOLEAN',
  'COMBOBOX',
  'COMPLEXVALUE',
  'CURRENCY',
  'DATACATEGORYGROUPREFERENCE',
  'DATE',
  'DATETIME',
  'DOUBLE',
  'EMAIL',
  'ENCRYPTEDSTRING',
  'ID',
  'INTEGER',
  'JSON',
  'LOCATION',
  'LONG',
  'MULTIPICKLIST',
  'PERCENT',
  'PHONE',
  'PICKLIST',
  'REFERENCE',
  'SOBJECT',
  'STRING',
  'TEXTAREA',
  'TIME',
  'URL'
] as const;
const DISPLAY_TYPE = natives.defineEnum('Schema.DisplayType', DISPLAY_TYPES);
const SOAP_TYPE = natives.defineEnum('Schema.SOAPType', [
  'ADDRESS',
  'ANYTYPE',
  'BASE64BINARY',
  'BOOLEAN',
  'DATE',
  'DATETIME',
  'DOUBLE',
  'ID',
  'INTEGER',
  'JSON',
  'LOCATION',
  'LONG',
  'STRING',
  'TIME'
]);

/** The in-memory org behind a native call; describe needs its full schema, not only the SchemaLookup seam. */
export function orgOf(ctx: NativeContext): LocalOrg {
  if (ctx.platform instanceof LocalOrg) return ctx.platform;
  throw new Error('schema describe needs the localorg data platform');
}

function objectDef(ctx: NativeContext, name: string): ObjectDef {
  const o = orgOf(ctx).schema.object(name);
  if (!o) return apexThrow('System.SObjectException', `Invalid sObject type: ${name}`);
  return o;
}

function fieldDefOf(ctx: NativeContext, object: string, field: string): FieldDef {
  const f = objectDef(ctx, object).fields.get(field.toLowerCase());
  if (!f) return apexThrow('System.SObjectException', `Invalid field ${field} for ${object}`);
  return f;
}

const objectTokens = new Map<string, NativeObject<ObjectTokenState>>();
const fieldTokens = new Map<string, NativeObject<FieldTokenState>>();

/** The `Schema.SObjectType` token for an object (one instance per object, so tokens compare equal by identity). */
export function sobjectTypeToken(objectApiName: string): NativeObject<ObjectTokenState> {
  const key = objectApiName.toLowerCase();
  let t = objectTokens.get(key);
  if (!t) objectTokens.set(key, (t = new NativeObject('schema.sobjecttype', { object: objectApiName })));
  return t;
}

/** The `Schema.SObjectField` token for a field. */
export function sobjectFieldToken(objectApiName: string, fieldApiName: string): NativeObject<FieldTokenState> {
  const key = `${objectApiName}.${fieldApiName}`.toLowerCase();
  let t = fieldTokens.get(key);
  if (!t)
    fieldTokens.set(key, (t = new NativeObject('schema.sobjectfield', { object: objectApiName, field: fieldApiName })));
  return t;
}

function describeObject(name: string): NativeObject<ObjectTokenState> {
  return new NativeObject('schema.describesobjectresult', { object: name });
}

function describeField(object: string, field: string): NativeObject<FieldTokenState> {
  return new NativeObject('schema.describefieldresult', { object, field });
}

function state<S>(self: Value): S {
  return (self as NativeObject<S>).state;
}

/** A field name argument: a String or an SObjectField token. */
export function fieldNameArg(args: readonly Value[], i: number): string {
  const v = args[i];
  if (v instanceof NativeObject && v.nativeType === 'schema.sobjectfield') return (v.state as FieldTokenState).field;
  return argString(args, i);
}

const DISPLAY: Record<string, string> = {
  id: 'ID',
  string: 'STRING',
  textarea: 'TEXTAREA',
  email: 'EMAIL',
  phone: 'PHONE',
  url: 'URL',
  picklist: 'PICKLIST',
  multipicklist: 'MULTIPICKLIST',
  combobox: 'COMBOBOX',
  boolean: 'BOOLEAN',
  integer: 'INTEGER',
  long: 'LONG',
  double: 'DOUBLE',
  currency: 'CURRENCY',
  percent: 'PERCENT',
  date: 'DATE',
  datetime: 'DATETIME',
  time: 'TIME',
  reference: 'REFERENCE',
  base64: 'BASE64',
  encryptedstring: 'ENCRYPTEDSTRING',
  address: 'ADDRESS',
  location: 'LOCATION'
};

natives.defineClass({
  name: 'Schema',
  statics: {
    getglobaldescribe(ctx) {
      const m = new ApexMap(typeRef('String'), typeRef('Schema.SObjectType'));
      m.caseInsensitive = true;
      for (const name of orgOf(ctx).schema.names()) m.put(name.toLowerCase(), sobjectTypeToken(name));
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
      new NativeObject('schema.sobjecttypefields', { object: state<ObjectTokenState>(self).object })
  },
  instance: {
    getname: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).name,
    getlocalname: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).name,
    getlabel: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).label,
    getlabelplural: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).labelPlural,
    getkeyprefix: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).keyPrefix,
    getsobjecttype: (_ctx, _a, self) => sobjectTypeToken(state<ObjectTokenState>(self).object),
    iscreateable: (ctx, _a, self) => objectAccess(ctx, self, 'create'),
    isupdateable: (ctx, _a, self) => objectAccess(ctx, self, 'edit'),
    isdeletable: (ctx, _a, self) => objectAccess(ctx, self, 'delete'),
    isundeletable: (ctx, _a, self) => objectAccess(ctx, self, 'delete'),
    isaccessible: (ctx, _a, self) => objectAccess(ctx, self, 'read'),
    isqueryable: () => true,
    issearchable: (ctx, _a, self) => !objectDef(ctx, state<ObjectTokenState>(self).object).customMetadata,
    iscustom: (ctx, _a, self) => objectDef(ctx, state<ObjectTokenState>(self).object).custom,
    iscustomsetting: () => false,
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
    getchildsobject: (_c, _a, self) => sobjectTypeToken(state<{ childObject: string }>(self).childObject),
    getfield: (_c, _a, self) => {
      const s = state<{ childObject: string; field: string }>(self);
      return sobjectFieldToken(s.childObject, s.field);
    },
    iscascadedelete: (_c, _a, self) => state<{ cascadeDelete: boolean }>(self).cascadeDelete
  }
});

natives.defineClass({
  name: 'Schema.SObjectTypeFields',
  dynamicProp(ctx, self, name) {
    const object = state<ObjectTokenState>(self).object;
    const f = objectDef(ctx, object).fields.get(name.toLowerCase());
    return f ? describeField(object, f.name) : undefined;
  },
  instance: {
    getmap(ctx, _args, self) {
      const object = state<ObjectTokenState>(self).object;
      const m = new ApexMap(typeRef('String'), typeRef('Schema.SObjectField'));
      m.caseInsensitive = true;
      for (const f of objectDef(ctx, object).fields.values())
        m.put(f.name.toLowerCase(), sobjectFieldToken(object, f.name));
      return m;
    }
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

/** Describe's field access: the running user's field-level security. */
function fieldAccess(ctx: NativeContext, self: Value): { read: boolean; edit: boolean } {
  const s = state<FieldTokenState>(self);
  const object = objectDef(ctx, s.object);
  const field = fieldDefOf(ctx, s.object, s.field);
  const permissions = new UserPermissions(orgOf(ctx).store, ctx.user.id.value);
  return { read: permissions.canReadField(object, field), edit: permissions.field(object, field).edit };
}

function fd(ctx: NativeContext, self: Value): FieldDef {
  const s = state<FieldTokenState>(self);
  return fieldDefOf(ctx, s.object, s.field);
}

natives.defineClass({
  name: 'Schema.DescribeFieldResult',
  instance: {
    getname: (ctx, _a, self) => fd(ctx, self).name,
    getlocalname: (ctx, _a, self) => fd(ctx, self).name,
    getlabel: (ctx, _a, self) => fd(ctx, self).label,
    gettype: (ctx, _a, self) => DISPLAY_TYPE.value(DISPLAY[fd(ctx, self).type] ?? 'STRING'),
    getlength: (ctx, _a, self) => fd(ctx, self).length,
    getprecision: (ctx, _a, self) => fd(ctx, self).precision,
    getscale: (ctx, _a, self) => fd(ctx, self).scale,
    getdigits: (ctx, _a, self) => (fd(ctx, self).type === 'integer' ? fd(ctx, self).precision : 0),
    getrelationshipname: (ctx, _a, self) => fd(ctx, self).relationshipName,
    getreferenceto: (ctx, _a, self) =>
      new ApexList(
        typeRef('Schema.SObjectType'),
        fd(ctx, self)
          .referenceTo.filter((r) => orgOf(ctx).schema.object(r))
          .map((r) => sobjectTypeToken(orgOf(ctx).schema.object(r)!.name))
      ),
    getpicklistvalues: (ctx, _a, self) =>
      new ApexList(
        typeRef('Schema.PicklistEntry'),
        (fd(ctx, self).picklist ?? []).map((p) => new NativeObject('schema.picklistentry', p))
      ),
    getdefaultvalue: (ctx, _a, self) => defaultValueFor(fd(ctx, self)),
    getsobjectfield: (_ctx, _a, self) => {
      const s = state<FieldTokenState>(self);
      return sobjectFieldToken(s.object, s.field);
    },
    getsoaptype: (ctx, _a, self) => SOAP_TYPE.value(soapType(fd(ctx, self))),
    iscreateable: (ctx, _a, self) => fd(ctx, self).createable && fieldAccess(ctx, self).edit,
    isupdateable: (ctx, _a, self) => fd(ctx, self).updateable && fieldAccess(ctx, self).edit,
    isnillable: (ctx, _a, self) => fd(ctx, self).nillable,
    isexternalid: (ctx, _a, self) => fd(ctx, self).externalId,
    isunique: (ctx, _a, self) => fd(ctx, self).unique,
    iscasesensitive: (ctx, _a, self) => fd(ctx, self).caseSensitive,
    iscustom: (ctx, _a, self) => fd(ctx, self).custom,
    iscalculated: (ctx, _a, self) => fd(ctx, self).calculated,
    isautonumber: (ctx, _a, self) => fd(ctx, self).autoNumber,
    iscascadedelete: (ctx, _a, self) => fd(ctx, self).cascadeDelete,
    isidlookup: (ctx, _a, self) => fd(ctx, self).idLookup,
    isnamefield: (ctx, _a, self) => fd(ctx, self).name === 'Name',
    isnamepointing: (ctx, _a, self) => fd(ctx, self).polymorphic,
    isrestrictedpicklist: (ctx, _a, self) => fd(ctx, self).restrictedPicklist,
    isdefaultedoncreate: (ctx, _a, self) => fd(ctx, self).defaultValue !== null || fd(ctx, self).name === 'OwnerId',
    isaccessible: (ctx, _a, self) => fieldAccess(ctx, self).read,
    isfilterable: (ctx, _a, self) => fd(ctx, self).type !== 'textarea' || fd(ctx, self).length <= 255,
    issortable: (ctx, _a, self) =>
      fd(ctx, self).type !== 'multipicklist' && (fd(ctx, self).type !== 'textarea' || fd(ctx, self).length <= 255),
    isgroupable: (ctx, _a, self) =>
      !['double', 'currency', 'percent', 'textarea', 'datetime'].includes(fd(ctx, self).type),
    ispermissionable: (ctx, _a, self) => fd(ctx, self).custom && !fd(ctx, self).required
  }
});

function soapType(f: FieldDef): string {
  switch (f.type) {
    case 'id':
    case 'reference':
      return 'ID';
    case 'boolean':
      return 'BOOLEAN';
    case 'integer':
      return 'INTEGER';
    case 'long':
      return 'LONG';
    case 'double':
    case 'currency':
    case 'percent':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'DATETIME';
    case 'time':
      return 'TIME';
    case 'base64':
      return 'BASE64BINARY';
    default:
      return 'STRING';
  }
}

natives.defineClass({
  name: 'Schema.PicklistEntry',
  instance: {
    getvalue: (_c, _a, self) => state<{ value: string }>(self).value,
    getlabel: (_c, _a, self) => state<{ label: string }>(self).label,
    isactive: (_c, _a, self) => state<{ active: boolean }>(self).active,
    isdefaultvalue: (_c, _a, self) => state<{ isDefault: boolean }>(self).isDefault
  }
});

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}
