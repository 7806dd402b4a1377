/**
 * The DML pipeline: insert, update, upsert, delete and undelete in the platform's order of execution
 * [doc: Triggers and Order of Execution]: load or initialise the record, apply new values, validate foreign keys and
 * restricted picklists, before triggers, system validation (required fields, formats, lengths, uniqueness), save,
 * after triggers. Triggers fire in chunks of 200.
 *
 * allOrNone (DML statements, `Database.x(records)`): any failed row rolls the statement back and throws
 * `System.DmlException`. allOrNone=false: failed rows are set aside and the rest are retried, firing triggers again,
 * up to three attempts, with governor limits reset to the pre-statement counts before each retry
 * [doc: Bulk DML Exception Handling].
 */
import { ApexDatetime, ApexId, ApexList, ApexRuntimeError, SObject, type Value } from '../../values/values.js';
import { show } from '../coerce.js';
import { msg } from '../messages.js';
import type { OrgContext } from '../context.js';
import type {
  DmlError,
  DmlOperation,
  DmlOptions,
  DmlRowResult,
  TriggerEventName
} from '../../runtime/data-platform.js';
import { defaultValueFor } from '../schema/schema.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';
import { copyRow } from '../store.js';
import { accessCheck, type AccessCheck } from '../security/access.js';
import { applyStandardRules } from './standard-rules.js';
import { assignAutoNumbers } from './auto-number.js';
import { publishContentVersion } from './content-documents.js';
import {
  checkUnique,
  coerceRecord,
  fieldError,
  uniqueKey,
  truncateLongText,
  validateAfterTriggers,
  validateBeforeTriggers
} from './validate.js';

const TRIGGER_CHUNK = 200;
const MAX_TRIGGER_DEPTH = 16;
const MAX_ATTEMPTS = 3;

/** Fields the platform derives on save although callers cannot write them. */
const DERIVED_FIELDS: Record<string, string[]> = {
  contact: ['name'],
  lead: ['name'],
  user: ['name'],
  event: ['accountid', 'enddate'],
  task: ['accountid']
};

interface Row {
  index: number;
  caller: SObject;
  /** The record triggers see as Trigger.new and that is saved (the caller's own object on insert). */
  work: SObject;
  old: SObject | null;
  errors: DmlError[];
  id: ApexId | null;
  created: boolean;
  kind: 'insert' | 'update' | 'delete' | 'undelete';
  /** DMLOptions.allowFieldTruncation: over-long text is cut to length rather than failing. */
  truncate: boolean;
}

export function runDml(org: OrgContext, op: DmlOperation, records: SObject[], options: DmlOptions): DmlRowResult[] {
  if (records.some((r) => r === null || r === undefined)) {
    throw new ApexRuntimeError('System.NullPointerException', 'Attempt to de-reference a null object');
  }
  org.limits.chargeDml(records.length);
  if (records.length === 0) return [];
  checkDuplicates(op, records);

  const byType = new Map<string, Row[]>();
  records.forEach((rec, index) => {
    const key = rec.typeKey;
    let list = byType.get(key);
    if (!list) byType.set(key, (list = []));
    list.push({
      index,
      caller: rec,
      work: rec,
      old: null,
      errors: [],
      id: null,
      created: false,
      kind: 'insert',
      truncate: options.allowFieldTruncation === true
    });
  });

  const check = accessCheck(org, options.access);
  const statementMark = org.store.mark();
  const all: Row[] = [];
  try {
    for (const [typeKey, rows] of byType) {
      const object = org.schema.object(typeKey);
      if (!object || object.queryableOnly) {
        throw new ApexRuntimeError('System.TypeException', `DML is not supported on ${rows[0].caller.type}`);
      }
      checkObjectAllowed(object, op);
      prepare(org, object, op, rows, options);
      if (check) enforceAccess(org, object, rows, check);
      execute(org, object, rows, options.allOrNone);
      all.push(...rows);
    }
  } catch (e) {
    org.store.rollbackTo(statementMark);
    throw e;
  }
  all.sort((a, b) => a.index - b.index);

  const failed = all.filter((r) => r.errors.length > 0);
  if (options.allOrNone && failed.length > 0) {
    org.store.rollbackTo(statementMark);
    throw dmlException(op, failed);
  }
  for (const r of all) {
    if (r.errors.length === 0 && r.id && (r.kind === 'insert' || op === 'upsert')) r.caller.set('Id', r.id);
  }
  return all.map((r) => ({
    success: r.errors.length === 0,
    // A failed insert has no Id, even when a rolled-back attempt had saved it.
    id: r.errors.length === 0 ? r.id : r.kind === 'insert' ? null : (r.id ?? null),
    ...(op === 'upsert' ? { created: r.errors.length === 0 && r.created } : {}),
    errors: r.errors
  }));
}

/** The running user's access, before triggers run (rows it refuses fail like any other row error). */
function enforceAccess(org: OrgContext, object: ObjectDef, rows: Row[], check: AccessCheck): void {
  const table = object.name.toLowerCase();
  const defaults = org.schema.newRecordDefaults(object.name);
  for (const r of rows) {
    if (r.errors.length) continue;
    const stored = r.id ? (org.store.get(table, r.id.value) ?? org.store.getDeleted(r.id.value)) : undefined;
    const error = check.dmlError(object, r.kind, r.caller, stored, defaults);
    if (error) r.errors.push(error);
  }
}

function checkDuplicates(op: DmlOperation, records: SObject[]): void {
  if (op === 'insert') return;
  const seen = new Set<string>();
  for (const r of records) {
    const id = r.id?.value;
    if (!id) continue;
    if (seen.has(id)) throw new ApexRuntimeError('System.ListException', `${msg.duplicateIdInList()}: ${id}`);
    seen.add(id);
  }
}

function checkObjectAllowed(object: ObjectDef, op: DmlOperation): void {
  const allowed =
    op === 'delete' || op === 'undelete' ? object.deletable : op === 'update' ? object.updateable : object.createable;
  // Apex publishes platform events with EventBus.publish; DML on an event object is refused [mem].
  if (!allowed || object.customMetadata || object.platformEvent) {
    throw new ApexRuntimeError('System.TypeException', msg.dmlNotAllowedOn(op, object.name));
  }
}

/** Decides each row's kind (upsert splits into insert and update) and fails rows that can never be saved. */
function prepare(org: OrgContext, object: ObjectDef, op: DmlOperation, rows: Row[], options: DmlOptions): void {
  const table = object.name.toLowerCase();
  if (op === 'upsert') {
    matchUpsertKeys(org, object, rows, options.externalIdField);
  } else {
    for (const r of rows) r.kind = op;
  }
  for (const r of rows) {
    if (r.errors.length) continue;
    const id = r.kind === 'insert' ? null : (r.id ?? r.caller.id);
    switch (r.kind) {
      case 'insert':
        if (r.caller.id && op === 'insert') {
          r.errors.push(fieldError('INVALID_FIELD_FOR_INSERT_UPDATE', msg.insertWithId(), ['Id']));
        }
        break;
      case 'update':
      case 'delete': {
        if (!id) {
          r.errors.push(
            fieldError('MISSING_ARGUMENT', r.kind === 'update' ? msg.updateWithoutId() : msg.deleteWithoutId(), ['Id'])
          );
          break;
        }
        r.id = id;
        const stored = org.store.get(table, id.value);
        if (!stored) {
          if (org.store.getDeleted(id.value)) r.errors.push(fieldError('ENTITY_IS_DELETED', msg.entityDeleted(), []));
          else r.errors.push(fieldError('INVALID_CROSS_REFERENCE_KEY', msg.missingReference(), []));
        }
        break;
      }
      case 'undelete': {
        if (!id) {
          r.errors.push(fieldError('MISSING_ARGUMENT', msg.deleteWithoutId(), ['Id']));
          break;
        }
        r.id = id;
        if (!org.store.getDeleted(id.value)) r.errors.push(fieldError('UNDELETE_FAILED', msg.notInRecycleBin(), []));
        break;
      }
    }
  }
}

function matchUpsertKeys(org: OrgContext, object: ObjectDef, rows: Row[], externalIdField: string | undefined): void {
  const table = object.name.toLowerCase();
  if (!externalIdField || externalIdField.toLowerCase() === 'id') {
    for (const r of rows) {
      r.kind = r.caller.id ? 'update' : 'insert';
      r.created = !r.caller.id;
    }
    return;
  }
  const f = org.schema.field(object, externalIdField);
  if (!f || !(f.externalId || f.idLookup)) {
    throw new ApexRuntimeError('System.SObjectException', msg.upsertNoExternalIdField(externalIdField, object.name));
  }
  const keyOf = (v: Value): string | null => (f.caseSensitive ? uniqueKeyCaseSensitive(f, v) : uniqueKey(f, v));
  const index = new Map<string, string[]>();
  for (const row of org.store.rows(table)) {
    const k = keyOf(row.get(f.name));
    if (k === null) continue;
    const ids = index.get(k) ?? [];
    ids.push(row.id!.value);
    index.set(k, ids);
  }
  const inBatch = new Map<string, Row[]>();
  for (const r of rows) {
    const k = keyOf(r.caller.get(f.name));
    if (k === null) {
      r.kind = 'insert';
      r.created = true;
      continue;
    }
    const same = inBatch.get(k) ?? [];
    same.push(r);
    inBatch.set(k, same);
    const matches = index.get(k) ?? [];
    if (matches.length > 1) {
      r.errors.push(
        fieldError('DUPLICATE_EXTERNAL_ID', msg.upsertMultipleMatches(f.name, show(r.caller.get(f.name)), matches), [
          f.name
        ])
      );
    } else if (matches.length === 1) {
      r.kind = 'update';
      r.id = new ApexId(matches[0]);
    } else {
      r.kind = 'insert';
      r.created = true;
    }
  }
  for (const [, same] of inBatch) {
    if (same.length < 2) continue;
    for (const r of same) {
      r.errors.push(
        fieldError('DUPLICATE_EXTERNAL_ID', msg.upsertDuplicateKey(f.name, show(r.caller.get(f.name))), [f.name])
      );
    }
  }
}

function uniqueKeyCaseSensitive(f: FieldDef, v: Value): string | null {
  return uniqueKey({ ...f, caseSensitive: true }, v);
}

/** Runs the attempts for one object's rows; fills each row's errors and ids. */
function execute(org: OrgContext, object: ObjectDef, rows: Row[], allOrNone: boolean): void {
  const mark = org.store.mark();
  const savedLimits = org.limits.current();
  let active = rows.filter((r) => r.errors.length === 0);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS && active.length > 0; attempt++) {
    for (const r of active) r.errors = [];
    runAttempt(org, object, active);
    const failedNow = active.filter((r) => r.errors.length > 0);
    if (failedNow.length === 0) return;
    org.store.rollbackTo(mark);
    if (allOrNone) return;
    org.limits.restoreCounters(savedLimits);
    active = active.filter((r) => r.errors.length === 0);
    if (attempt === MAX_ATTEMPTS) {
      for (const r of active) r.errors = [fieldError('UNKNOWN_EXCEPTION', msg.tooManyRetries(), [])];
      return;
    }
  }
}

function runAttempt(org: OrgContext, object: ObjectDef, rows: Row[]): void {
  const inserts = rows.filter((r) => r.kind === 'insert');
  const updates = rows.filter((r) => r.kind === 'update');
  const deletes = rows.filter((r) => r.kind === 'delete');
  const undeletes = rows.filter((r) => r.kind === 'undelete');
  if (inserts.length) saveRows(org, object, inserts, true);
  if (updates.length) saveRows(org, object, updates, false);
  if (deletes.length) deleteRows(org, object, deletes);
  if (undeletes.length) undeleteRows(org, object, undeletes);
}

function saveRows(org: OrgContext, object: ObjectDef, rows: Row[], isInsert: boolean): void {
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

function applyInsertDefaults(object: ObjectDef, rec: SObject, userId: ApexId): void {
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
function resolveParentReferences(org: OrgContext, object: ObjectDef, caller: SObject, work: SObject): DmlError[] {
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
function overlay(object: ObjectDef, caller: SObject, work: SObject): void {
  for (const [key, value] of caller.fields) {
    if (value instanceof SObject || value instanceof ApexList) continue;
    const f = object.fields.get(key);
    if (!f || !f.updateable) continue;
    work.fields.set(key, value);
    work.names.set(key, f.name);
  }
}

function buildStoredRow(object: ObjectDef, work: SObject, id: ApexId, isInsert: boolean, old: SObject | null): SObject {
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

function deleteRows(org: OrgContext, object: ObjectDef, rows: Row[]): void {
  const table = object.name.toLowerCase();
  for (const r of rows) {
    r.old = copyRow(org.store.get(table, r.id!.value)!);
    r.work = r.old;
    r.work.errors = [];
  }
  fire(org, object, 'before delete', rows);
  const ok = rows.filter((r) => r.errors.length === 0);
  for (const r of ok) {
    org.store.remove(table, r.id!.value);
    cascadeDelete(org, object, r.id!.value);
    deleteRelatedActivities(org, r.id!.value);
  }
  for (const r of ok) r.work = copyRow(r.old!);
  fire(org, object, 'after delete', ok);
}

/** Master-detail children go with their parent, without firing their triggers [mem]. */
function cascadeDelete(org: OrgContext, object: ObjectDef, parentId: string): void {
  for (const rel of object.childRelationships) {
    if (!rel.cascadeDelete) continue;
    const child = org.schema.object(rel.childObject);
    if (!child) continue;
    const table = child.name.toLowerCase();
    const doomed = [...org.store.rows(table)].filter((row) => {
      const fk = row.get(rel.field);
      return fk instanceof ApexId && fk.value === parentId;
    });
    for (const row of doomed) {
      org.store.remove(table, row.id!.value);
      cascadeDelete(org, child, row.id!.value);
    }
  }
}

/** Events and Tasks whose WhoId or WhatId is the deleted record go with it, without their triggers [mem]. */
function deleteRelatedActivities(org: OrgContext, id: string): void {
  for (const table of ['event', 'task']) {
    const doomed = [...org.store.rows(table)].filter((row) => {
      const who = row.fields.get('whoid');
      const what = row.fields.get('whatid');
      return (who instanceof ApexId && who.value === id) || (what instanceof ApexId && what.value === id);
    });
    for (const row of doomed) org.store.remove(table, row.id!.value);
  }
}

function undeleteRows(org: OrgContext, object: ObjectDef, rows: Row[]): void {
  for (const r of rows) {
    const restored = copyRow(org.store.getDeleted(r.id!.value)!);
    restored.set('IsDeleted', false);
    org.store.put(restored);
    r.work = copyRow(restored);
    r.work.errors = [];
  }
  fire(org, object, 'after undelete', rows);
}

/**
 * Fires the event's triggers over the rows in chunks of 200 and turns `addError` calls into row errors. An exception
 * escaping a trigger propagates: the caller rolls the statement back.
 */
function fire(org: OrgContext, object: ObjectDef, event: TriggerEventName, rows: Row[]): void {
  const host = org.triggers;
  if (!host || rows.length === 0 || !host.hasTriggers(object.name, event)) return;
  // Trigger.new is null in delete triggers only: an after undelete trigger sees the restored records.
  const isDelete = event === 'before delete' || event === 'after delete';
  for (let i = 0; i < rows.length; i += TRIGGER_CHUNK) {
    const chunk = rows.slice(i, i + TRIGGER_CHUNK);
    for (const r of chunk) {
      r.work.errors = [];
      if (r.old) r.old.errors = [];
    }
    org.triggerDepth++;
    try {
      if (org.triggerDepth > MAX_TRIGGER_DEPTH) {
        throw new ApexRuntimeError('System.DmlException', msg.triggerDepth());
      }
      host.fire({
        sobjectType: object.name,
        event,
        newRecords: isDelete ? null : chunk.map((r) => r.work),
        oldRecords: event.includes('insert') || event === 'after undelete' ? null : chunk.map((r) => r.old!)
      });
    } finally {
      org.triggerDepth--;
    }
    for (const r of chunk) {
      const errs = [...r.work.errors, ...(r.old && r.old !== r.work ? r.old.errors : [])];
      for (const e of errs) {
        r.errors.push(fieldError('FIELD_CUSTOM_VALIDATION_EXCEPTION', e.message, e.field ? [e.field] : []));
      }
    }
  }
}

function dmlException(op: DmlOperation, failed: Row[]): ApexRuntimeError {
  const first = failed[0];
  const e = first.errors[0];
  const id = first.kind !== 'insert' ? first.id?.value : undefined;
  const message = id
    ? msg.dmlFailedWithId(op, first.index, id, e.statusCode, e.message, e.fields)
    : msg.dmlFailed(op, first.index, e.statusCode, e.message, e.fields);
  return new ApexRuntimeError('System.DmlException', message, {
    dmlRows: failed.map((r) => ({
      index: r.index,
      id: r.kind !== 'insert' ? (r.id?.value ?? null) : null,
      statusCode: r.errors[0].statusCode,
      message: r.errors[0].message,
      fields: r.errors[0].fields
    }))
  });
}
