/**
 * SObject instance methods: get/put (by name or SObjectField token), getSObject/putSObject, getSObjects, clone,
 * addError, isSet, getPopulatedFieldsAsMap, getSObjectType, hasErrors/getErrors. Field names are checked against the
 * schema, and reading a field a SOQL row did not select throws `SObjectException`, as the platform does.
 */
import { toDecimal } from '../data/coerce.js';
import { msg } from '../data/messages.js';
import type { ObjectDef } from '../data/schema/types.js';
import { to18 } from '../values/ids.js';
import { ApexId, ApexList, ApexMap, NativeObject, SObject, typeRef, type Value } from '../values/values.js';
import { argString } from './native-args.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';
import { orgOf } from './data-org.js';
import { fieldNameArg, sobjectTypeToken } from './schema.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const AUDIT_FIELDS = ['createddate', 'createdbyid', 'lastmodifieddate', 'lastmodifiedbyid', 'systemmodstamp'];

function self(v: Value): SObject {
  if (!(v instanceof SObject)) throw new Error('SObject method called on a non-SObject');
  return v;
}

function objectOf(ctx: NativeContext, rec: SObject): ObjectDef | undefined {
  return orgOf(ctx).schema.object(rec.type);
}

/** The declared field name for a `get`/`put` argument, or an SObjectException naming the bad field. */
function fieldFor(ctx: NativeContext, rec: SObject, name: string): string {
  if (rec.typeKey === 'aggregateresult') return name;
  const o = objectOf(ctx, rec);
  const f = o?.fields.get(name.toLowerCase());
  if (!f) return apexThrow('SObjectException', `Invalid field ${name} for ${rec.type}`);
  return f.name;
}

function checkQueried(rec: SObject, key: string, display: string): void {
  if (rec.queried && !rec.queried.has(key) && !rec.fields.has(key)) {
    apexThrow('SObjectException', msg.unqueriedField(rec.type, display));
  }
}

function relationshipFor(ctx: NativeContext, rec: SObject, name: string): string {
  const o = objectOf(ctx, rec);
  const rel = o
    ? [...o.fields.values()].find((f) => f.relationshipName?.toLowerCase() === name.toLowerCase())
    : undefined;
  if (!rel) return apexThrow('SObjectException', `Invalid relationship ${name} for ${rec.type}`);
  return rel.relationshipName!;
}

/** Values `put` stores: Ids validated and normalised, integers widened for number fields. */
function normalisePut(ctx: NativeContext, rec: SObject, field: string, v: Value): Value {
  const f = objectOf(ctx, rec)?.fields.get(field.toLowerCase());
  if (!f || v === null) return v;
  if (f.type === 'id' || f.type === 'reference') {
    if (v instanceof ApexId) return v;
    if (typeof v === 'string') {
      const id = to18(v);
      if (!id) return apexThrow('StringException', `Invalid id: ${v}`);
      return new ApexId(id);
    }
  }
  if ((f.type === 'double' || f.type === 'currency' || f.type === 'percent') && typeof v !== 'string') {
    return toDecimal(v) ?? v;
  }
  return v;
}

function cloneRecord(rec: SObject, preserveId: boolean, deep: boolean, keepTimestamps: boolean): SObject {
  const out = new SObject(rec.type);
  for (const [k, v] of rec.fields) {
    if (k === 'id' && !preserveId) continue;
    if (!keepTimestamps && AUDIT_FIELDS.includes(k)) continue;
    let value = v;
    if (deep && v instanceof SObject) value = cloneRecord(v, true, true, true);
    else if (deep && v instanceof ApexList) {
      value = new ApexList(
        v.elementType,
        v.items.map((x) => (x instanceof SObject ? cloneRecord(x, false, true, keepTimestamps) : x))
      );
    }
    out.fields.set(k, value);
    out.names.set(k, rec.names.get(k) ?? k);
  }
  out.queried = rec.queried ? new Set(rec.queried) : null;
  out.cloneOf = { id: rec.id };
  return out;
}

function databaseError(e: { message: string; field?: string }): NativeObject {
  return new NativeObject('database.error', {
    statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    message: e.message,
    fields: e.field ? [e.field] : []
  });
}

natives.defineClass({
  name: 'SObject',
  instance: {
    get(ctx, args, v) {
      const rec = self(v);
      const name = fieldNameArg(args, 0);
      if (rec.typeKey === 'aggregateresult') {
        if (!rec.has(name)) return apexThrow('SObjectException', `Invalid field alias: ${name}`);
        return rec.get(name);
      }
      const field = fieldFor(ctx, rec, name);
      checkQueried(rec, field.toLowerCase(), field);
      return rec.get(field);
    },
    put(ctx, args, v) {
      const rec = self(v);
      const field = fieldFor(ctx, rec, fieldNameArg(args, 0));
      const prev = rec.get(field);
      rec.set(field, normalisePut(ctx, rec, field, args[1] ?? null));
      return prev;
    },
    getsobject(ctx, args, v) {
      const rec = self(v);
      const rel = relationshipFor(ctx, rec, fieldNameArg(args, 0));
      checkQueried(rec, rel.toLowerCase(), rel);
      const value = rec.get(rel);
      return value instanceof SObject ? value : null;
    },
    putsobject(ctx, args, v) {
      const rec = self(v);
      const rel = relationshipFor(ctx, rec, fieldNameArg(args, 0));
      const prev = rec.get(rel);
      const value = args[1] ?? null;
      if (value !== null && !(value instanceof SObject))
        return apexThrow('SObjectException', 'putSObject needs an SObject');
      rec.set(rel, value);
      return prev instanceof SObject ? prev : null;
    },
    getsobjects(ctx, args, v) {
      const rec = self(v);
      const name = argString(args, 0);
      const o = objectOf(ctx, rec);
      const rel = o?.childRelationships.find((c) => c.relationshipName.toLowerCase() === name.toLowerCase());
      if (!rel) return apexThrow('SObjectException', `Invalid relationship ${name} for ${rec.type}`);
      const value = rec.get(rel.relationshipName);
      return value instanceof ApexList ? value : null;
    },
    getsobjecttype: (ctx, _args, v) => sobjectTypeToken(ctx, objectOf(ctx, self(v))?.name ?? self(v).type),
    clone(_ctx, args, v) {
      const flag = (i: number) => args[i] === true;
      return cloneRecord(self(v), flag(0), flag(1), flag(2));
    },
    isclone: (_ctx, _args, v) => self(v).cloneOf !== null,
    getclonesourceid: (_ctx, _args, v) => self(v).cloneOf?.id ?? null,
    adderror(ctx, args, v) {
      const rec = self(v);
      if (args.length === 0) return unsupported('SObject', 'addError', args);
      // addError(String fieldName, String message) vs addError(String message[, Boolean escape]).
      if (args.length === 2 && typeof args[1] === 'string') {
        const field = fieldFor(ctx, rec, fieldNameArg(args, 0));
        rec.errors.push({ message: args[1], field });
        return null;
      }
      const m = args[0];
      const text = typeof m === 'string' ? m : m === null ? 'null' : ctx.toApexString(m);
      rec.errors.push({ message: text });
      return null;
    },
    haserrors: (_ctx, _args, v) => self(v).errors.length > 0,
    geterrors: (_ctx, _args, v) => new ApexList(typeRef('Database.Error'), self(v).errors.map(databaseError)),
    isset(ctx, args, v) {
      const rec = self(v);
      const field = fieldFor(ctx, rec, fieldNameArg(args, 0));
      return rec.has(field);
    },
    getpopulatedfieldsasmap(_ctx, _args, v) {
      const rec = self(v);
      const m = new ApexMap(typeRef('String'), typeRef('Object'));
      for (const [k, value] of rec.fields) m.put(rec.names.get(k) ?? k, value);
      return m;
    },
    getquickactionname: () => null
  }
});
