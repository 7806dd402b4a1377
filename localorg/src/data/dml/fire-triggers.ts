/** Firing a DML event's triggers in chunks of 200, with the trigger depth limit, and collecting addError calls. */
import type { TriggerEventName } from '../../runtime/data-platform.js';
import { ApexRuntimeError } from '../../values/values.js';
import type { OrgContext } from '../context.js';
import { msg } from '../messages.js';
import type { ObjectDef } from '../schema/types.js';
import type { Row } from './row.js';
import { fieldError } from './validate.js';

export const TRIGGER_CHUNK = 200;

export const MAX_TRIGGER_DEPTH = 16;

/**
 * Fires the event's triggers over the rows in chunks of 200 and turns `addError` calls into row errors. An exception
 * escaping a trigger propagates: the caller rolls the statement back.
 */
export function fire(org: OrgContext, object: ObjectDef, event: TriggerEventName, rows: Row[]): void {
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
