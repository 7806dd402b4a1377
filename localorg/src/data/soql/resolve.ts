/**
 * Resolves SOQL field paths against the schema (`Who.Email`, `Account.Owner.Name`, `BookingPage__r.ExternalKey__c`)
 * and reads them from stored rows, following lookups through the store. Unknown names fail with the platform's
 * messages, raised as `System.QueryException` carrying the query's position.
 */
import { ApexRuntimeError, type SObject, type Value } from '../../values/values.js';
import { msg } from '../messages.js';
import type { OrgContext } from '../context.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';
import type { SoqlPosition } from '../../syntax/soql/ast.js';
import { parentRow } from './metadata-rows.js';

export interface ResolvedPath {
  /** Reference fields walked, in order (`WhoId` for `Who.Email`). */
  steps: FieldDef[];
  /** Objects the steps lead to (the `Name` pseudo-object for polymorphic ones). */
  targets: ObjectDef[];
  field: FieldDef;
  /** Object that declares `field`. */
  owner: ObjectDef;
  /** Source spelling of the final segment, for messages. */
  display: string;
  /** Lower-cased store keys of `steps` and `field`, computed once per query rather than per row. */
  stepKeys: string[];
  fieldKey: string;
}

export function queryError(message: string, position: SoqlPosition): ApexRuntimeError {
  return new ApexRuntimeError('System.QueryException', message, {
    line: position.line,
    column: position.column,
    ...(position.file ? { file: position.file } : {})
  });
}

export function resolvePath(
  org: OrgContext,
  root: ObjectDef,
  path: string[],
  position: SoqlPosition,
  rootAliases: string[] = []
): ResolvedPath {
  let segments = path;
  if (segments.length > 1) {
    const first = segments[0].toLowerCase();
    const isRel = !!org.schema.relationship(root, segments[0]);
    if (!isRel && (first === root.name.toLowerCase() || rootAliases.some((a) => a.toLowerCase() === first))) {
      segments = segments.slice(1);
    }
  }
  const steps: FieldDef[] = [];
  const targets: ObjectDef[] = [];
  let current = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const rel = org.schema.relationship(current, segments[i]);
    if (!rel) throw queryError(msg.noSuchRelation(segments[i], current.name), position);
    const target = org.schema.relationshipTarget(rel);
    if (!target) throw queryError(msg.noSuchRelation(segments[i], current.name), position);
    steps.push(rel);
    targets.push(target);
    current = target;
  }
  const last = segments[segments.length - 1];
  const field = org.schema.field(current, last);
  if (!field) {
    const shown = segments.length > 1 ? segments.join('.') : last;
    throw queryError(msg.noSuchColumn(shown, current.name), position);
  }
  return {
    steps,
    targets,
    field,
    owner: current,
    display: last,
    stepKeys: steps.map((s) => s.name.toLowerCase()),
    fieldKey: field.name.toLowerCase()
  };
}

/** The stored row an Id points at, whatever its object. */
export function rowById(org: OrgContext, id: string): SObject | undefined {
  const object = org.schema.objectByPrefix(id.slice(0, 3));
  if (!object) return undefined;
  return org.store.get(object.name.toLowerCase(), id);
}

/** Reads a field of a row as seen through the `Name` pseudo-object (`Type` is the record's object name). */
export function pseudoNameValue(org: OrgContext, row: SObject, field: FieldDef): Value {
  const key = field.name.toLowerCase();
  if (key === 'type') return org.schema.object(row.type)?.name ?? row.type;
  if (key === 'name' && !row.has('name')) return null;
  return row.get(key);
}

/** Follows the path from a stored row; null as soon as a lookup is empty or dangling. */
export function valueAt(org: OrgContext, row: SObject, p: ResolvedPath): Value {
  let current: SObject | undefined = row;
  for (let i = 0; i < p.steps.length; i++) {
    current = parentRow(org, p.steps[i], current);
    if (!current) return null;
  }
  if (p.owner.name === 'Name') return pseudoNameValue(org, current, p.field);
  return current.fields.get(p.fieldKey) ?? null;
}
