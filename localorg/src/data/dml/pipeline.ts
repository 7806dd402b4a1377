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
import type { DmlOperation, DmlOptions, DmlRowResult } from '../../runtime/data-platform.js';
import { ApexRuntimeError, type SObject } from '../../values/values.js';
import type { OrgContext } from '../context.js';
import { msg } from '../messages.js';
import type { ObjectDef } from '../schema/types.js';
import { accessCheck } from '../security/access.js';
import { deleteRows, undeleteRows } from './delete-rows.js';
import { checkDuplicates, checkObjectAllowed, enforceAccess, prepare } from './prepare-rows.js';
import type { Row } from './row.js';
import { saveRows } from './save-rows.js';
import { fieldError } from './validate.js';

const MAX_ATTEMPTS = 3;

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
