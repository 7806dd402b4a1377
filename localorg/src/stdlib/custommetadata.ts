/**
 * Statics reached through an SObject type name: `Foo__mdt.getAll()` / `getInstance(developerNameOrId)` for custom
 * metadata, `Event.SObjectType` (type token) and `Event.Subject` (field token) for every object. Custom metadata
 * reads come from the same store rows SOQL sees and are not counted against the SOQL limit.
 */
import { ApexId, ApexMap, SObject, typeRef, type Value } from '../runtime/values.js';
import { to18 } from '../runtime/ids.js';
import { argString } from './native-args.js';
import { apexThrow, defineSObjectTypeHooks, unsupported, type NativeContext } from './registry.js';
import { orgOf, sobjectFieldToken, sobjectTypeToken } from './schema.js';

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

defineSObjectTypeHooks({
  staticCall(ctx, objectApiName, method, args) {
    const object = orgOf(ctx).schema.object(objectApiName);
    if (!object) return apexThrow('System.SObjectException', `Invalid sObject type: ${objectApiName}`);
    const m = method.toLowerCase();
    if (object.customMetadata) {
      if (m === 'getall' && args.length === 0) return getAll(ctx, object.name);
      if (m === 'getinstance' && args.length === 1) return getInstance(ctx, object.name, args);
    }
    return unsupported(object.name, method, args);
  },
  staticProp(ctx, objectApiName, prop) {
    const object = orgOf(ctx).schema.object(objectApiName);
    if (!object) return apexThrow('System.SObjectException', `Invalid sObject type: ${objectApiName}`);
    if (prop.toLowerCase() === 'sobjecttype') return sobjectTypeToken(object.name);
    const field = object.fields.get(prop.toLowerCase());
    if (field) return sobjectFieldToken(object.name, field.name);
    const rel = [...object.fields.values()].find((f) => f.relationshipName?.toLowerCase() === prop.toLowerCase());
    if (rel) return sobjectFieldToken(object.name, rel.name);
    return apexThrow('System.SObjectException', `Invalid field ${prop} for ${object.name}`);
  }
});
