/**
 * Insert and update: defaults, parent references by external Id, validation around the before/after triggers, and the
 * row stored with the fields the platform derives.
 */
import type { DmlError } from '../../runtime/data-platform.js';
import { ApexDatetime, type ApexId, ApexList, SObject, type Value } from '../../values/values.js';
import { show } from '../coerce.js';
import type { OrgContext } from '../context.js';
import { msg } from '../messages.js';
import { defaultValueFor } from '../schema/schema.js';
import type { ObjectDef } from '../schema/types.js';
import { copyRow } from '../store.js';
import { assignAutoNumbers } from './auto-number.js';
import { publishContentVersion } from './content-documents.js';
import { fire } from './fire-triggers.js';
import type { Row } from './row.js';
import { applyStandardRules } from './standard-rules.js';
import {
  checkUnique,
  coerceRecord,
  fieldError,
  truncateLongText,
  uniqueKey,
  validateAfterTriggers,
  validateBeforeTriggers
} from './validate.js';

/** Fields the platform derives on save although callers cannot write them. */
export const DERIVED_FIELDS: Record<string, string[]> = {
  contact: ['name'],
  lead: ['name'],
  user: ['name'],
  event: ['accountid', 'enddate'],
  task: ['accountid']
};

export function saveRows(org: OrgContext, object: ObjectDef, rows: Row[], isInsert: boolean): void {
  const table = object.name.toLowerCase();
  const userId = org.user.id;
  for (const r of rows) {
    if (isInsert) {
      r.id = null; // an Id from a rolled-back attempt is gone
      // Triggers get their own copy: the caller's record only learns its Id, as on the platform [mem].
      r.work = copyRow(r.caller);
      r.old = null;
      applyInsertDefaults(object, r.work, userId);
    } else {
      const stored = org.store.get(table, r.id!.value)!;
      r.old = copyRow(stored);
      r.work = copyRow(stored);
      overlay(object, r.caller, r.work);
    }
    r.work.errors = [];
    r.errors.push(...resolveParentReferences(org, object, r.caller, r.work));
    r.errors.push(...coerceRecord(object, r.work));
    if (!r.errors.length) r.errors.push(...validateBeforeTriggers(org, object, r.work));
  }
  let ok = rows.filter((r) => r.errors.length === 0);
  fire(org, object, isInsert ? 'before insert' : 'before update', ok);
  ok = ok.filter((r) => r.errors.length === 0);
  for (const r of ok) {
    r.errors.push(...coerceRecord(object, r.work));
    if (r.errors.length) continue;
    r.errors.push(...applyStandardRules(org, r.work, r.old));
    if (r.errors.length) continue;
    if (r.truncate) truncateLongText(object, r.work);
    r.errors.push(...validateAfterTriggers(org, object, r.work, isInsert));
  }
  ok = ok.filter((r) => r.errors.length === 0);
  const dup = checkUnique(
    org,
    object,
    ok.map((r) => r.work)
  );
  for (const [i, errs] of dup) ok[i].errors.push(...errs);
  ok = ok.filter((r) => r.errors.length === 0);

  const now = new ApexDatetime(org.now());
  const saved: SObject[] = [];
  for (const r of ok) {
    const id = isInsert ? org.store.nextId(object.keyPrefix!) : r.id!;
    r.id = id;
    const stored = buildStoredRow(object, r.work, id, isInsert, r.old);
    stored.set('LastModifiedDate', now);
    stored.set('LastModifiedById', userId);
    stored.set('SystemModstamp', now);
    if (isInsert) {
      stored.set('CreatedDate', now);
      stored.set('CreatedById', userId);
      assignAutoNumbers(org.store, object, stored, now.epochMs, org.user.timeZone);
      if (table === 'contentversion') publishContentVersion(org, stored, now);
    }
    org.store.put(stored);
    saved.push(stored);
  }
  // After triggers see read-only copies of the saved rows, with Ids and system fields.
  ok.forEach((r, i) => (r.work = copyRow(saved[i])));
  fire(org, object, isInsert ? 'after insert' : 'after update', ok);
}

export function applyInsertDefaults(object: ObjectDef, rec: SObject, userId: ApexId): void {
  for (const f of object.fields.values()) {
    if (!f.createable || rec.has(f.name)) continue;
    const d = defaultValueFor(f);
    if (d !== null) rec.set(f.name, d);
  }
  if (object.hasOwner && rec.get('OwnerId') === null) rec.set('OwnerId', userId);
}

/**
 * Parent references given as relationship SObjects (`event.What = new BookingPage__c(ExternalKey__c = 'k')`) become
 * lookup Ids, matched on the parent's External ID field [doc: upserting with foreign keys; messages [mem]].
 */
export function resolveParentReferences(
  org: OrgContext,
  object: ObjectDef,
  caller: SObject,
  work: SObject
): DmlError[] {
  const errors: DmlError[] = [];
  for (const [key, value] of caller.fields) {
    if (!(value instanceof SObject)) continue;
    const f = [...object.fields.values()].find(
      (x) => x.type === 'reference' && x.relationshipName?.toLowerCase() === key
    );
    if (!f || (!f.createable && !f.updateable)) continue;
    const parent = org.schema.object(value.type);
    if (!parent || !f.referenceTo.some((t) => t.toLowerCase() === parent.name.toLowerCase())) {
      errors.push(fieldError('INVALID_FIELD', msg.invalidParent(value.type, f.name), [f.name]));
      continue;
    }
    if (value.id) {
      work.set(f.name, value.id);
      continue;
    }
    const keys = [...value.fields.entries()].filter(([k, v]) => {
      const pf = parent.fields.get(k);
      return v !== null && !!pf && (pf.externalId || (pf.idLookup && pf.unique));
    });
    if (keys.length !== 1) {
      errors.push(fieldError('INVALID_FIELD', msg.foreignKeyTooManyFields(parent.name), [f.name]));
      continue;
    }
    const [fieldKey, keyValue] = keys[0];
    const pf = parent.fields.get(fieldKey)!;
    const wanted = uniqueKey(pf, keyValue);
    const match = [...org.store.rows(parent.name.toLowerCase())].filter(
      (row) => uniqueKey(pf, row.get(pf.name)) === wanted
    );
    if (match.length !== 1) {
      errors.push(fieldError('INVALID_FIELD', msg.foreignKeyNotFound(show(keyValue), pf.name, parent.name), [f.name]));
      continue;
    }
    work.set(f.name, match[0].id);
  }
  return errors;
}

/** Copies the caller's writable fields onto the stored copy (read-only fields from queries are ignored). */
export function overlay(object: ObjectDef, caller: SObject, work: SObject): void {
  for (const [key, value] of caller.fields) {
    if (value instanceof SObject || value instanceof ApexList) continue;
    const f = object.fields.get(key);
    if (!f || !f.updateable) continue;
    work.fields.set(key, value);
    work.names.set(key, f.name);
  }
}

export function buildStoredRow(
  object: ObjectDef,
  work: SObject,
  id: ApexId,
  isInsert: boolean,
  old: SObject | null
): SObject {
  const row = new SObject(object.name);
  const derived = DERIVED_FIELDS[object.name.toLowerCase()] ?? [];
  for (const [key, f] of object.fields) {
    let v: Value;
    const writable = isInsert ? f.createable : f.updateable;
    if (writable || derived.includes(key)) v = work.fields.get(key) ?? null;
    else v = old ? old.get(key) : null;
    if (v instanceof SObject || v instanceof ApexList) v = null;
    if (f.type === 'boolean' && v === null) v = isInsert ? f.defaultValue === true : false;
    row.fields.set(key, v);
    row.names.set(key, f.name);
  }
  row.set('Id', id);
  row.set('IsDeleted', false);
  return row;
}
