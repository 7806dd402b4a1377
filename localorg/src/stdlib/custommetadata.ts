/**
 * Statics reached through an SObject type name: `Foo__mdt.getAll()` / `getInstance(developerNameOrId)` for custom
 * metadata, `Event.SObjectType` (type token) and `Event.Subject` (field token) for every object. Custom metadata
 * reads come from the same store rows SOQL sees and are not counted against the SOQL limit.
 */
import { ApexId, ApexMap, SObject, typeRef, type Value } from '../values/values.js';
import { to18 } from '../values/ids.js';
import { argString } from './native-args.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';
import { orgOf } from './data-org.js';
import { sobjectFieldToken, sobjectTypeToken } from './schema.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

/** A detached copy of a metadata row, every field readable (records from getAll are not SOQL rows). */
function copy(row: SObject): SObject {
  const out = new SObject(row.type);
  for (const [k, v] of row.fields) {
    out.fields.set(k, v);
    out.names.set(k, row.names.get(k) ?? k);
  }
  return out;
}

function metadataRows(ctx: NativeContext, objectApiName: string): SObject[] {
  return [...orgOf(ctx).store.rows(objectApiName.toLowerCase())];
}

function getAll(ctx: NativeContext, objectApiName: string): Value {
  const m = new ApexMap(typeRef('String'), typeRef(objectApiName));
  for (const row of metadataRows(ctx, objectApiName)) m.put(row.get('DeveloperName'), copy(row));
  return m;
}

function getInstance(ctx: NativeContext, objectApiName: string, args: Value[]): Value {
  const key = args[0];
  if (key === null || key === undefined) return apexThrow('NullPointerException', 'Argument cannot be null.');
  const rows = metadataRows(ctx, objectApiName);
  if (
    key instanceof ApexId ||
    (typeof key === 'string' && to18(key) && key.startsWith(orgOf(ctx).schema.object(objectApiName)!.keyPrefix!))
  ) {
    const id = key instanceof ApexId ? key.value : to18(key);
    const row = rows.find((r) => r.id?.value === id);
    return row ? copy(row) : null;
  }
  const name = argString(args, 0);
  // DeveloperName lookups are case-sensitive on the platform [mem].
  const row = rows.find((r) => r.get('DeveloperName') === name);
  return row ? copy(row) : null;
}

function listSettingAll(ctx: NativeContext, objectApiName: string): Value {
  const m = new ApexMap(typeRef('String'), typeRef(objectApiName));
  for (const row of metadataRows(ctx, objectApiName)) m.put(row.get('Name'), copy(row));
  return m;
}

function ownerIdArg(args: Value[]): string {
  const v = args[0];
  const id = v instanceof ApexId ? v.value : typeof v === 'string' ? to18(v) : null;
  if (!id) return apexThrow('StringException', 'Invalid id');
  return id;
}

function hierarchyRow(ctx: NativeContext, objectApiName: string, ownerId: string): SObject | null {
  const row = metadataRows(ctx, objectApiName).find((r) => {
    const o = r.get('SetupOwnerId');
    return o instanceof ApexId && o.value === ownerId;
  });
  return row ? copy(row) : null;
}

/** An unsaved setting row with the fields' default values, which the platform returns when nothing is defined. */
function newSetting(ctx: NativeContext, objectApiName: string): SObject {
  const rec = new SObject(orgOf(ctx).schema.object(objectApiName)!.name);
  for (const [k, v] of Object.entries(orgOf(ctx).schema.newRecordDefaults(objectApiName))) rec.set(k, v);
  return rec;
}

/** The user's row, else the profile's, else the org default; each field falls back level by level [doc: hierarchy custom settings]. */
function hierarchyInstance(ctx: NativeContext, objectApiName: string, userOrProfileId: string): SObject {
  const org = orgOf(ctx);
  const levels: string[] = [userOrProfileId];
  if (userOrProfileId.startsWith('005')) {
    const profile = org.store.get('user', userOrProfileId)?.get('ProfileId');
    if (profile instanceof ApexId) levels.push(profile.value);
  }
  levels.push(ctx.user.organizationId.value);
  const rows = levels.map((id) => hierarchyRow(ctx, objectApiName, id)).filter((r): r is SObject => r !== null);
  if (rows.length === 0) return newSetting(ctx, objectApiName);
  const out = rows[0];
  for (const lower of rows.slice(1)) {
    for (const [k, v] of lower.fields) {
      if (k === 'id' || k === 'setupownerid' || k === 'name') continue;
      if (out.fields.get(k) === null || out.fields.get(k) === undefined) {
        out.fields.set(k, v);
        out.names.set(k, lower.names.get(k) ?? k);
      }
    }
  }
  return out;
}

natives.defineSObjectTypeHooks({
  staticCall(ctx, objectApiName, method, args) {
    const object = orgOf(ctx).schema.object(objectApiName);
    if (!object) return apexThrow('System.SObjectException', `Invalid sObject type: ${objectApiName}`);
    const m = method.toLowerCase();
    if (m === 'getsobjecttype' && args.length === 0) return sobjectTypeToken(ctx, object.name);
    if (object.customMetadata) {
      if (m === 'getall' && args.length === 0) return getAll(ctx, object.name);
      if (m === 'getinstance' && args.length === 1) return getInstance(ctx, object.name, args);
    }
    if (object.customSetting === 'List') {
      if (m === 'getall' && args.length === 0) return listSettingAll(ctx, object.name);
      if ((m === 'getinstance' || m === 'getvalues') && args.length === 1) {
        const name = argString(args, 0);
        const row = metadataRows(ctx, object.name).find((r) => r.get('Name') === name);
        return row ? copy(row) : null;
      }
    }
    if (object.customSetting === 'Hierarchy') {
      if (m === 'getorgdefaults' && args.length === 0)
        return hierarchyRow(ctx, object.name, ctx.user.organizationId.value) ?? newSetting(ctx, object.name);
      if (m === 'getvalues' && args.length === 1) return hierarchyRow(ctx, object.name, ownerIdArg(args));
      if (m === 'getinstance' && args.length <= 1)
        return hierarchyInstance(ctx, object.name, args.length ? ownerIdArg(args) : ctx.user.id.value);
    }
    return unsupported(object.name, method, args);
  },
  staticProp(ctx, objectApiName, prop) {
    const object = orgOf(ctx).schema.object(objectApiName);
    if (!object) return apexThrow('System.SObjectException', `Invalid sObject type: ${objectApiName}`);
    if (prop.toLowerCase() === 'sobjecttype') return sobjectTypeToken(ctx, object.name);
    const field = object.fields.get(prop.toLowerCase());
    if (field) return sobjectFieldToken(ctx, object.name, field.name);
    const rel = [...object.fields.values()].find((f) => f.relationshipName?.toLowerCase() === prop.toLowerCase());
    if (rel) return sobjectFieldToken(ctx, object.name, rel.name);
    return apexThrow('System.SObjectException', `Invalid field ${prop} for ${object.name}`);
  }
});
