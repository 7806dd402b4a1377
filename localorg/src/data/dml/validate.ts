/**
 * System validation of one record against its object's field definitions: types, required fields, text lengths,
 * restricted picklists, email format, number ranges, lookup targets and unique values. Each check returns
 * `Database.Error`-shaped errors; message texts come from ../messages.ts.
 */
import { ApexId, SObject, type Value } from '../../values/values.js';
import { CoercionError, show, toFieldValue } from '../coerce.js';
import { msg } from '../messages.js';
import type { OrgContext } from '../context.js';
import type { DmlError } from '../../runtime/data-platform.js';
import { isTextType, type FieldDef, type ObjectDef } from '../schema/types.js';
import { rowById } from '../soql/resolve.js';

export function fieldError(statusCode: string, message: string, fields: string[] = []): DmlError {
  return { statusCode, message, fields };
}

/**
 * Normalises every schema field present on the record to its storage type, in place. Returns errors for values
 * that cannot be stored in the field (a Date in a Text field, a malformed Id…).
 */
export function coerceRecord(object: ObjectDef, rec: SObject): DmlError[] {
  const errors: DmlError[] = [];
  for (const [key, value] of rec.fields) {
    if (value instanceof SObject || value === null) continue;
    const f = object.fields.get(key);
    if (!f) continue;
    try {
      const v = toFieldValue(f, value);
      if (v !== value) rec.fields.set(key, v);
    } catch (e) {
      if (!(e instanceof CoercionError)) throw e;
      errors.push(
        fieldError(
          f.type === 'reference' ? 'FIELD_INTEGRITY_EXCEPTION' : 'INVALID_TYPE_ON_FIELD_IN_RECORD',
          e.message,
          [f.name]
        )
      );
    }
  }
  return errors;
}

/** Checks the platform runs before before-triggers for Apex requests: foreign keys and restricted picklists. */
export function validateBeforeTriggers(org: OrgContext, object: ObjectDef, rec: SObject): DmlError[] {
  const errors: DmlError[] = [];
  for (const f of object.fields.values()) {
    const v = rec.get(f.name);
    if (v === null) continue;
    if (f.type === 'reference') errors.push(...checkReference(org, f, v));
    else if (f.restrictedPicklist) errors.push(...checkPicklist(f, v));
  }
  return errors;
}

/**
 * `Database.DMLOptions.allowFieldTruncation`: text longer than its field is cut to the field's length, the behaviour
 * of Apex saved before API 15.0, instead of failing with STRING_TOO_LONG [doc: Setting DML Options].
 */
export function truncateLongText(object: ObjectDef, rec: SObject): void {
  for (const f of object.fields.values()) {
    const v = rec.get(f.name);
    if (isTextType(f.type) && typeof v === 'string' && f.length > 0 && [...v].length > f.length) {
      rec.set(f.name, [...v].slice(0, f.length).join(''));
    }
  }
}

/** Checks after before-triggers: required fields, lengths, formats, picklists, number ranges, references. */
export function validateAfterTriggers(org: OrgContext, object: ObjectDef, rec: SObject, isInsert: boolean): DmlError[] {
  const errors: DmlError[] = [];
  const missing: string[] = [];
  for (const f of object.fields.values()) {
    const v = rec.get(f.name);
    if (v === null || v === '') {
      if (
        f.required &&
        (isInsert ? f.createable || f.name === 'OwnerId' : true) &&
        !f.calculated &&
        f.type !== 'boolean'
      ) {
        missing.push(f.name);
      }
      continue;
    }
    if (isTextType(f.type) && typeof v === 'string' && f.length > 0 && [...v].length > f.length) {
      errors.push(fieldError('STRING_TOO_LONG', msg.stringTooLong(f.label, v, f.length), [f.name]));
      continue;
    }
    if (f.type === 'email' && typeof v === 'string' && !isEmail(v)) {
      errors.push(fieldError('INVALID_EMAIL_ADDRESS', msg.badEmail(f.label, v), [f.name]));
      continue;
    }
    if (f.restrictedPicklist) errors.push(...checkPicklist(f, v));
    if ((f.type === 'double' || f.type === 'currency' || f.type === 'percent') && f.precision > 0) {
      errors.push(...checkNumberRange(f, v));
    }
    if (f.type === 'reference') errors.push(...checkReference(org, f, v));
  }
  if (missing.length) errors.unshift(fieldError('REQUIRED_FIELD_MISSING', msg.requiredMissing(missing), missing));
  return errors;
}

/** A deliberately permissive address check: local@domain.tld without spaces [mem: the platform's exact rule]. */
export function isEmail(v: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
}

function checkPicklist(f: FieldDef, v: Value): DmlError[] {
  if (!f.picklist || f.picklist.length === 0) return [];
  const values = f.type === 'multipicklist' ? show(v).split(';') : [show(v)];
  for (const one of values) {
    // Restricted picklists match values exactly as defined [mem: case sensitivity of the check].
    if (!f.picklist.some((p) => p.active && p.value === one)) {
      return [fieldError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', msg.badPicklist(f.label, one), [f.name])];
    }
  }
  return [];
}

function checkNumberRange(f: FieldDef, v: Value): DmlError[] {
  const text = show(v).replace(/^-/, '');
  const intDigits = text.split('.')[0].replace(/^0+/, '').length;
  if (intDigits > f.precision - f.scale) {
    return [fieldError('NUMBER_OUTSIDE_VALID_RANGE', msg.numberOutOfRange(f.label, show(v)), [f.name])];
  }
  return [];
}

function checkReference(org: OrgContext, f: FieldDef, v: Value): DmlError[] {
  if (!(v instanceof ApexId)) return [];
  const target = org.schema.objectByPrefix(v.keyPrefix);
  const allowed = f.referenceTo.map((r) => r.toLowerCase());
  if (!target || (!f.anyTarget && !allowed.includes(target.name.toLowerCase()))) {
    // Calendar/Group owners and other targets localorg does not model are accepted only when they exist.
    return [fieldError('FIELD_INTEGRITY_EXCEPTION', msg.badReference(f.label, v.value), [f.name])];
  }
  if (!rowById(org, v.value)) {
    if (org.store.getDeleted(v.value)) return [fieldError('ENTITY_IS_DELETED', msg.entityDeleted(), [f.name])];
    return [fieldError('INVALID_CROSS_REFERENCE_KEY', msg.missingReference(), [f.name])];
  }
  return [];
}

/** The value unique indexes compare: case-folded unless the field is case-sensitive. */
export function uniqueKey(f: FieldDef, v: Value): string | null {
  if (v === null || v === '') return null;
  const s = v instanceof ApexId ? v.value : show(v);
  return f.caseSensitive ? s : s.toLowerCase();
}

/** Fields with a unique index on an object. */
export function uniqueFields(object: ObjectDef): FieldDef[] {
  return [...object.fields.values()].filter((f) => f.unique);
}

/**
 * Checks unique fields of a batch against stored rows (other than the rows being saved) and within the batch.
 * Returns errors by batch position.
 */
export function checkUnique(org: OrgContext, object: ObjectDef, batch: SObject[]): Map<number, DmlError[]> {
  const out = new Map<number, DmlError[]>();
  const fields = uniqueFields(object);
  if (fields.length === 0) return out;
  const selfIds = new Set(batch.map((r) => r.id?.value).filter((x): x is string => !!x));
  for (const f of fields) {
    const index = new Map<string, string>();
    for (const row of org.store.rows(object.name.toLowerCase())) {
      const id = row.id!.value;
      if (selfIds.has(id)) continue;
      const k = uniqueKey(f, row.get(f.name));
      if (k !== null) index.set(k, id);
    }
    batch.forEach((rec, i) => {
      const k = uniqueKey(f, rec.get(f.name));
      if (k === null) return;
      const clash = index.get(k);
      if (clash !== undefined) {
        const list = out.get(i) ?? [];
        // A clash inside the batch names no record: the platform prints <unknown> for both [mem].
        const inBatch = clash === '<unknown>';
        list.push(fieldError('DUPLICATE_VALUE', msg.duplicateValue(inBatch ? '<unknown>' : f.name, clash), [f.name]));
        out.set(i, list);
      } else index.set(k, rec.id?.value ?? '<unknown>');
    });
  }
  return out;
}
