/**
 * Custom metadata deployments (`Metadata.Operations.enqueueDeployment`): checks every record of a deployment against
 * the schema and, when all of them pass, writes them to the store as rows of their `Type__mdt`, the rows SOQL,
 * `getAll()` and `getInstance()` read. A deployment is all or nothing [mem: rollbackOnError is true for Apex
 * deployments]. A deployed record replaces the stored one: fields it does not list become blank [mem: Metadata API
 * deploys replace whole components; the platform's examples retrieve a record before changing one value].
 */
import { ApexDatetime, SObject, type ApexId, type Value } from '../values/values.js';
import { CoercionError, parseFieldText, toFieldValue } from './coerce.js';
import { isMetadataReference, metadataRecordId } from './metadata-records.js';
import type { Schema } from './schema/schema.js';
import type { Store } from './store.js';

/** One `Metadata.CustomMetadata` of a container, read when the deployment was enqueued. */
export interface CustomMetadataComponent {
  fullName: string | null;
  label: string | null;
  values: { field: string | null; value: Value }[];
}

/** The `DeployMessage` of one component. */
export interface ComponentMessage {
  fullName: string;
  success: boolean;
  created: boolean;
  changed: boolean;
  /** Why the component failed; null on success. */
  problem: string | null;
}

export interface DeploymentOutcome {
  success: boolean;
  messages: ComponentMessage[];
}

interface Planned {
  row: SObject;
  message: ComponentMessage;
}

// Custom metadata record names follow the rules of API names [doc: "Custom Metadata Type Record fields", Developer
// Name: alphanumeric and underscores, starts with a letter, no double or trailing underscore, at most 40 characters].
const DEVELOPER_NAME = /^[A-Za-z](?!.*__)[A-Za-z0-9_]*(?<!_)$/;
const MAX_NAME = 40;
const MAX_LABEL = 40;

/** Checks and applies one deployment; the store changes only when every component passes. */
export function deployCustomMetadata(
  schema: Schema,
  store: Store,
  components: CustomMetadataComponent[],
  userId: ApexId,
  now: number
): DeploymentOutcome {
  const planned = components.map((c) => plan(schema, store, c, userId, now));
  const success = planned.every((p) => p.message.success);
  if (success) for (const p of planned) store.put(p.row);
  return {
    success,
    messages: planned.map((p) => (success ? p.message : { ...p.message, created: false, changed: false }))
  };
}

function failure(fullName: string, problem: string): Planned {
  return {
    row: new SObject('Invalid'),
    message: { fullName, success: false, created: false, changed: false, problem }
  };
}

function plan(schema: Schema, store: Store, c: CustomMetadataComponent, userId: ApexId, now: number): Planned {
  const fullName = c.fullName ?? '';
  const dot = fullName.indexOf('.');
  if (dot <= 0 || dot === fullName.length - 1) {
    return failure(fullName, `The full name "${fullName}" must be Type.RecordName, for example MyType.MyRecord.`);
  }
  const typeName = `${fullName.slice(0, dot)}__mdt`;
  const recordName = fullName.slice(dot + 1);
  const object = schema.object(typeName);
  if (!object || !object.customMetadata) return failure(fullName, `No custom metadata type named ${typeName}.`);
  if (!DEVELOPER_NAME.test(recordName) || recordName.length > MAX_NAME) {
    return failure(
      fullName,
      `The record name "${recordName}" must start with a letter, contain only letters, digits and single ` +
        `underscores, not end with an underscore, and have at most ${MAX_NAME} characters.`
    );
  }
  const existing = [...store.rows(object.name.toLowerCase())].find((r) => r.get('DeveloperName') === recordName);
  const label = c.label ?? (existing?.get('MasterLabel') as string | null | undefined) ?? null;
  if (label === null || label.trim() === '') return failure(fullName, 'A label is required.');
  if (label.length > MAX_LABEL) return failure(fullName, `The label has more than ${MAX_LABEL} characters.`);
  const row = new SObject(object.name);
  const stamp = new ApexDatetime(now);
  row.set('Id', existing?.id ?? store.nextId(object.keyPrefix!));
  row.set('DeveloperName', recordName);
  row.set('MasterLabel', label);
  row.set('Label', label);
  row.set('QualifiedApiName', recordName);
  row.set('NamespacePrefix', null);
  row.set('Language', 'en_US');
  row.set('CreatedDate', existing?.get('CreatedDate') ?? stamp);
  row.set('CreatedById', existing?.get('CreatedById') ?? userId);
  row.set('LastModifiedDate', stamp);
  row.set('LastModifiedById', userId);
  row.set('SystemModstamp', stamp);
  for (const f of object.fields.values()) if (f.custom) row.set(f.name, f.type === 'boolean' ? false : null);
  for (const v of c.values) {
    const f = v.field ? schema.field(object, v.field) : null;
    if (!f || !f.custom) return failure(fullName, `${typeName} has no custom field ${v.field ?? '(blank)'}.`);
    if (typeof v.value === 'string' && f.length > 0 && v.value.length > f.length) {
      return failure(fullName, `${f.name}: the value has more than ${f.length} characters.`);
    }
    if (
      typeof v.value === 'string' &&
      f.type === 'picklist' &&
      f.restrictedPicklist &&
      !(f.picklist ?? []).some((p) => p.value === v.value)
    ) {
      return failure(fullName, `${f.name}: bad value for restricted picklist field: ${v.value}.`);
    }
    try {
      if (typeof v.value === 'string' && isMetadataReference(schema, f)) {
        row.set(f.name, metadataRecordId(schema, store, f, v.value));
        continue;
      }
      const value = typeof v.value === 'string' && f.type !== 'string' ? parseFieldText(f, v.value) : v.value;
      row.set(f.name, toFieldValue(f, value));
    } catch (e) {
      if (e instanceof CoercionError) return failure(fullName, `${f.name}: ${e.message}.`);
      throw e;
    }
  }
  return {
    row,
    message: { fullName, success: true, created: !existing, changed: existing !== undefined, problem: null }
  };
}
