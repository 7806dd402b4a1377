/**
 * `Database.DMLOptions` and its child options (`AssignmentRuleHeader`, `DuplicateRuleHeader`, `EmailHeader`): plain
 * option holders whose properties Apex reads and assigns (`dmo.optAllOrNone = false`,
 * `dmo.assignmentRuleHeader.useDefaultRule = true`) [doc: DMLOptions Class; Setting DML Options]. A new DMLOptions
 * has its three headers already built (the documented examples assign into them directly) and its own properties
 * null [mem]. The DML methods read `optAllOrNone` (partial success) and `allowFieldTruncation` (over-long strings are
 * cut to the field's length instead of failing with STRING_TOO_LONG) through {@link dmlOptionsOf}; the headers are
 * kept but have no effect offline (localorg has no assignment rules, duplicate rules or automatic emails).
 */
import { NativeDefinitions } from '../runtime/natives.js';
import { NativeObject, typeRef, type TypeRef, type Value } from '../values/values.js';
import { newRecord, recordClass, recordValue, type RecordProperty } from './native-records.js';

/** This module's native classes, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const BOOLEAN = typeRef('Boolean');

function header(name: string, props: Record<string, TypeRef>): { name: string; properties: RecordProperty[] } {
  return { name, properties: Object.entries(props).map(([p, type]) => ({ name: p, type })) };
}

const ASSIGNMENT = header('Database.DMLOptions.AssignmentRuleHeader', {
  assignmentRuleId: typeRef('Id'),
  useDefaultRule: BOOLEAN
});
const DUPLICATE = header('Database.DMLOptions.DuplicateRuleHeader', { allowSave: BOOLEAN, runAsCurrentUser: BOOLEAN });
const EMAIL = header('Database.DMLOptions.EmailHeader', {
  triggerAutoResponseEmail: BOOLEAN,
  triggerOtherEmail: BOOLEAN,
  triggerUserEmail: BOOLEAN
});

function headerProperty(propName: string, h: { name: string; properties: RecordProperty[] }): RecordProperty {
  return { name: propName, type: typeRef(h.name), initial: () => newRecord(h.name, h.properties) };
}

const DML_OPTIONS: RecordProperty[] = [
  { name: 'allowFieldTruncation', type: BOOLEAN },
  headerProperty('assignmentRuleHeader', ASSIGNMENT),
  headerProperty('duplicateRuleHeader', DUPLICATE),
  headerProperty('emailHeader', EMAIL),
  { name: 'localeOptions', type: typeRef('String') },
  { name: 'optAllOrNone', type: BOOLEAN }
];

natives.defineClass(recordClass('Database.DMLOptions', DML_OPTIONS));
for (const h of [ASSIGNMENT, DUPLICATE, EMAIL]) natives.defineClass(recordClass(h.name, h.properties));

/** What the DML methods take from a `Database.DMLOptions` argument. */
export interface DmlOptionValues {
  allOrNone: boolean;
  allowFieldTruncation: boolean;
}

/** The options a `Database.DMLOptions` value carries; null when `v` is not one. */
export function dmlOptionsOf(v: Value): DmlOptionValues | null {
  if (!(v instanceof NativeObject) || v.nativeType !== 'database.dmloptions') return null;
  return {
    allOrNone: recordValue(v, 'optallornone') !== false,
    allowFieldTruncation: recordValue(v, 'allowfieldtruncation') === true
  };
}
