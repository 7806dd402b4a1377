/**
 * Rows the platform writes itself, without DML or triggers: setup records built from the sources, the
 * ContentDocument and links behind a new ContentVersion.
 */
import { ApexDatetime, SObject, type ApexId, type Value } from '../values/values.js';
import type { Schema } from './schema/schema.js';
import type { Store } from './store.js';

/**
 * Stores a new row of `type`: every field null (checkboxes false), a fresh Id, the audit fields stamped with `now`
 * and `userId`, then `values`. Answers its Id, or null for an object without a key prefix.
 */
export function insertSystemRow(
  schema: Schema,
  store: Store,
  type: string,
  values: Record<string, Value>,
  userId: ApexId,
  now: number
): ApexId | null {
  const object = schema.object(type);
  if (!object?.keyPrefix) return null;
  const row = new SObject(object.name);
  for (const f of object.fields.values()) row.set(f.name, f.type === 'boolean' ? false : null);
  row.set('Id', store.nextId(object.keyPrefix));
  const ts = new ApexDatetime(now);
  for (const k of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'])
    if (object.fields.has(k.toLowerCase())) row.set(k, ts);
  for (const k of ['CreatedById', 'LastModifiedById']) if (object.fields.has(k.toLowerCase())) row.set(k, userId);
  for (const [k, v] of Object.entries(values)) row.set(k, v);
  store.put(row);
  return row.id;
}
