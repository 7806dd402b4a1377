/**
 * Before a DML statement runs: the running user's access, duplicate and object checks, each row loaded or initialised
 * with its old record, and upsert's external-Id matching.
 */
import type { DmlOperation, DmlOptions } from '../../runtime/data-platform.js';
import { ApexId, ApexRuntimeError, type SObject, type Value } from '../../values/values.js';
import { show } from '../coerce.js';
import type { OrgContext } from '../context.js';
import { msg } from '../messages.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';
import type { AccessCheck } from '../security/access.js';
import type { Row } from './row.js';
import { fieldError, uniqueKey } from './validate.js';

/** The running user's access, before triggers run (rows it refuses fail like any other row error). */
export function enforceAccess(org: OrgContext, object: ObjectDef, rows: Row[], check: AccessCheck): void {
  const table = object.name.toLowerCase();
  const defaults = org.schema.newRecordDefaults(object.name);
  for (const r of rows) {
    if (r.errors.length) continue;
    const stored = r.id ? (org.store.get(table, r.id.value) ?? org.store.getDeleted(r.id.value)) : undefined;
    const error = check.dmlError(object, r.kind, r.caller, stored, defaults);
    if (error) r.errors.push(error);
  }
}

export function checkDuplicates(op: DmlOperation, records: SObject[]): void {
  if (op === 'insert') return;
  const seen = new Set<string>();
  for (const r of records) {
    const id = r.id?.value;
    if (!id) continue;
    if (seen.has(id)) throw new ApexRuntimeError('System.ListException', `${msg.duplicateIdInList()}: ${id}`);
    seen.add(id);
  }
}

export function checkObjectAllowed(object: ObjectDef, op: DmlOperation): void {
  const allowed =
    op === 'delete' || op === 'undelete' ? object.deletable : op === 'update' ? object.updateable : object.createable;
  // Apex publishes platform events with EventBus.publish; DML on an event object is refused [mem].
  if (!allowed || object.customMetadata || object.platformEvent) {
    throw new ApexRuntimeError('System.TypeException', msg.dmlNotAllowedOn(op, object.name));
  }
}

/** Decides each row's kind (upsert splits into insert and update) and fails rows that can never be saved. */
export function prepare(org: OrgContext, object: ObjectDef, op: DmlOperation, rows: Row[], options: DmlOptions): void {
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

export function matchUpsertKeys(
  org: OrgContext,
  object: ObjectDef,
  rows: Row[],
  externalIdField: string | undefined
): void {
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

export function uniqueKeyCaseSensitive(f: FieldDef, v: Value): string | null {
  return uniqueKey({ ...f, caseSensitive: true }, v);
}
