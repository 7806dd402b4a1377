/**
 * Field describe for Apex: `Schema.DescribeFieldResult` (from `Account.Name.getDescribe()`, `fields.Name`, a field
 * map's tokens), `Schema.PicklistEntry` and the `Schema.DisplayType` / `Schema.SOAPType` enums, read from the data
 * platform's schema and the running user's field-level security.
 */
import { isTextType, nameFieldOf, type FieldDef } from '../data/schema/types.js';
import { defaultValueFor } from '../data/schema/schema.js';
import { UserPermissions } from '../data/security/permissions.js';
import { ApexList, NativeObject, typeRef, type ApexEnumValue, type Value } from '../values/values.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { fieldDefOf, objectDef, sobjectFieldToken, sobjectTypeToken, state, type FieldTokenState } from './schema.js';
import { orgOf } from './data-org.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

/** `Schema.DisplayType` values in declaration order. */
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
natives.defineEnum('Schema.FieldDescribeOptions', ['DEFAULT', 'FULL_DESCRIBE']);
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

/** A field's `Schema.DisplayType` value (also a field set member's `getType()`). */
export function displayTypeOf(f: FieldDef): ApexEnumValue {
  return DISPLAY_TYPE.value(DISPLAY[f.type] ?? 'STRING');
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
    gettype: (ctx, _a, self) => displayTypeOf(fd(ctx, self)),
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
          .map((r) => sobjectTypeToken(ctx, orgOf(ctx).schema.object(r)!.name))
      ),
    getpicklistvalues: (ctx, _a, self) =>
      new ApexList(
        typeRef('Schema.PicklistEntry'),
        (fd(ctx, self).picklist ?? []).map((p) => new NativeObject('schema.picklistentry', p))
      ),
    getdefaultvalue: (ctx, _a, self) => defaultValueFor(fd(ctx, self)),
    getsobjectfield: (ctx, _a, self) => {
      const s = state<FieldTokenState>(self);
      return sobjectFieldToken(ctx, s.object, s.field);
    },
    getsoaptype: (ctx, _a, self) => SOAP_TYPE.value(soapType(fd(ctx, self))),
    getsobjecttype: (ctx, _a, self) => sobjectTypeToken(ctx, state<FieldTokenState>(self).object),
    getinlinehelptext: (ctx, _a, self) => fd(ctx, self).inlineHelpText,
    getcalculatedformula: (ctx, _a, self) => fd(ctx, self).formula,
    getcontroller: (ctx, _a, self) => {
      const s = state<FieldTokenState>(self);
      const controller = fd(ctx, self).controllingField;
      return controller ? sobjectFieldToken(ctx, s.object, fieldDefOf(ctx, s.object, controller).name) : null;
    },
    getbytelength: (ctx, _a, self) => byteLength(fd(ctx, self)),
    getreferencetargetfield: () => null,
    isdependentpicklist: (ctx, _a, self) => fd(ctx, self).controllingField !== null,
    ishtmlformatted: (ctx, _a, self) => fd(ctx, self).htmlFormatted,
    isencrypted: (ctx, _a, self) => fd(ctx, self).type === 'encryptedstring',
    isdeprecatedandhidden: () => false,
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
    isnamefield: (ctx, _a, self) => {
      const s = state<FieldTokenState>(self);
      return nameFieldOf(objectDef(ctx, s.object))?.name === fd(ctx, self).name;
    },
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

/** Bytes the field can hold: three per character for text (UTF-8), 18 for Ids [mem]; 0 for fixed-size types. */
function byteLength(f: FieldDef): number {
  if (f.type === 'id' || f.type === 'reference') return 18;
  return isTextType(f.type) ? f.length * 3 : 0;
}

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
