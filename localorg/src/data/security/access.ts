/**
 * Enforcement of the running user's access for one query or DML statement: record visibility under sharing, and in
 * user mode object permissions and field-level security. {@link accessCheck} answers null when nothing is enforced
 * (system mode without sharing), so the common path costs nothing.
 */
import type { DataAccess, DmlError } from '../../runtime/data-platform.js';
import { ApexRuntimeError, SObject, type Value } from '../../values/values.js';
import type { OrgContext } from '../context.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';
import { UserPermissions } from './permissions.js';
import { RecordAccess } from './record-access.js';

/** Platform wording of access failures [mem]; FIDELITY.md ("Sharing and user mode") lists them. */
export const accessMessages = {
  objectNotReadable: (object: string) => `sObject type '${object}' is not supported.`,
  fieldNotReadable: () => 'Insufficient permissions: secure query included inaccessible field',
  noObjectAccess: (op: string, object: string) => `You do not have permission to ${op} ${object} records.`,
  noFieldAccess: (fields: string[]) => `You do not have permission to edit these fields: ${fields.join(', ')}`,
  recordAccess: () => 'insufficient access rights on object id',
  crossReference: () => 'insufficient access rights on cross-reference id'
};

export class AccessCheck {
  readonly permissions: UserPermissions;
  readonly records: RecordAccess;

  constructor(
    org: OrgContext,
    readonly access: DataAccess
  ) {
    this.permissions = new UserPermissions(org.store, org.user.id.value);
    this.records = new RecordAccess(org.schema, org.store, this.permissions);
  }

  /** Objects the query may not read and fields it may not read, by object: what `getInaccessibleFields()` answers. */
  private readonly deniedFields = new Map<string, Set<string>>();
  private deniedObject: string | null = null;

  /** User mode: the object must be readable; noted now, thrown by {@link throwIfDenied} once the query is resolved. */
  requireReadable(object: ObjectDef): void {
    if (this.access.permissions && !this.permissions.object(object).read) this.deniedObject ??= object.name;
  }

  /**
   * User mode: every field a query names (in any clause, along any path) must be readable; a field of an object the
   * user cannot read is unreadable too. Noted, so one exception can list them all.
   */
  requireReadableField(object: ObjectDef, field: FieldDef | undefined): void {
    if (!this.access.permissions) return;
    this.requireReadable(object);
    if (this.permissions.canReadField(object, field)) return;
    const fields = this.deniedFields.get(object.name) ?? new Set<string>();
    fields.add(field?.name ?? 'Id');
    this.deniedFields.set(object.name, fields);
  }

  /**
   * Throws the `System.QueryException` for what the query may not read: the object message when an object is
   * unreadable, else the field message; the exception carries every unreadable field by object name.
   */
  throwIfDenied(): void {
    if (!this.deniedObject && this.deniedFields.size === 0) return;
    const message = this.deniedObject
      ? accessMessages.objectNotReadable(this.deniedObject)
      : accessMessages.fieldNotReadable();
    const inaccessibleFields: Record<string, string[]> = {};
    for (const [object, fields] of this.deniedFields) inaccessibleFields[object] = [...fields];
    throw new ApexRuntimeError('System.QueryException', message, { inaccessibleFields });
  }

  /**
   * Why the user may not write one record, or null. User mode: the object permission for the operation, and edit
   * access to every field the record sets (on insert, fields still at their default are not counted; on update,
   * fields whose value does not change are not counted [mem]). Sharing:
   * update, delete and undelete need edit access to the stored record.
   */
  dmlError(
    object: ObjectDef,
    kind: 'insert' | 'update' | 'delete' | 'undelete',
    record: SObject,
    stored: SObject | undefined,
    defaults: Record<string, Value>
  ): DmlError | null {
    if (this.access.permissions) {
      const rights = this.permissions.object(object);
      const allowed = kind === 'insert' ? rights.create : kind === 'update' ? rights.edit : rights.delete;
      if (!allowed) {
        const verb = kind === 'insert' ? 'create' : kind === 'update' ? 'edit' : 'delete';
        return {
          statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
          message: accessMessages.noObjectAccess(verb, object.name),
          fields: []
        };
      }
      if (kind === 'insert' || kind === 'update') {
        const denied: string[] = [];
        for (const [key, value] of record.fields) {
          const field = object.fields.get(key);
          if (!field || key === 'id' || value instanceof SObject) continue;
          if (kind === 'insert' && (!field.createable || value === null || sameValue(lowerKeys(defaults)[key], value)))
            continue;
          if (kind === 'update' && (!field.updateable || (stored && sameValue(stored.get(key), value)))) continue;
          if (!this.permissions.field(object, field).edit) denied.push(field.name);
        }
        if (denied.length) {
          return {
            statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
            message: accessMessages.noFieldAccess(denied),
            fields: denied
          };
        }
      }
    }
    if (this.access.sharing && kind !== 'insert' && stored && !this.records.canEdit(object, stored)) {
      return { statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: accessMessages.recordAccess(), fields: [] };
    }
    return null;
  }

  /** Under sharing: whether the row is visible. */
  visible(object: ObjectDef, row: SObject): boolean {
    return !this.access.sharing || this.records.canRead(object, row);
  }
}

/** The check for an operation, or null in system mode without sharing. */
export function accessCheck(org: OrgContext, access: DataAccess | undefined): AccessCheck | null {
  if (!access || (!access.sharing && !access.permissions)) return null;
  const check = new AccessCheck(org, access);
  // A System Administrator sees and edits every record and field: nothing to enforce.
  return check.permissions.isAdministrator ? null : check;
}

const lowered = new WeakMap<Record<string, Value>, Record<string, Value>>();
function lowerKeys(r: Record<string, Value>): Record<string, Value> {
  let out = lowered.get(r);
  if (!out) {
    out = Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));
    lowered.set(r, out);
  }
  return out;
}

/** Same value, for primitives and value objects (Id, Decimal, Date, Datetime…): same class and same content. */
function sameValue(a: Value | undefined, b: Value): boolean {
  if (a === undefined) return false;
  return a === b || valueKey(a) === valueKey(b);
}

function valueKey(v: Value): string {
  if (v === null || typeof v !== 'object') return `${typeof v}:${String(v)}`;
  const own = Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(v), 'toString');
  return `${v.constructor.name}:${own ? (v as { toString(): string }).toString() : JSON.stringify(v)}`;
}
