/**
 * The shorthand the hand-written standard objects (standard-specs.ts) are written in: field tuples, read-only, text and
 * reference fields, the audit and owner fields, compound addresses and the activity (Event/Task) fields.
 */
import { picklist, type FieldDef, type FieldType } from './types.js';

export type FieldSpec = [name: string, type: FieldType, extra?: Partial<FieldDef>];

export const ro: Partial<FieldDef> = { createable: false, updateable: false };

export const text = (length: number, extra: Partial<FieldDef> = {}): Partial<FieldDef> => ({ length, ...extra });

export const ref = (
  to: string[],
  relationshipName: string,
  childRelationshipName: string | null,
  extra: Partial<FieldDef> = {}
): Partial<FieldDef> => ({ referenceTo: to, relationshipName, childRelationshipName, length: 18, ...extra });

export const auditFields: FieldSpec[] = [
  ['Id', 'id', { ...ro, length: 18, nillable: false, idLookup: true }],
  ['CreatedDate', 'datetime', { ...ro, nillable: false }],
  ['CreatedById', 'reference', { ...ro, ...ref(['User'], 'CreatedBy', null), nillable: false }],
  ['LastModifiedDate', 'datetime', { ...ro, nillable: false }],
  ['LastModifiedById', 'reference', { ...ro, ...ref(['User'], 'LastModifiedBy', null), nillable: false }],
  ['SystemModstamp', 'datetime', { ...ro, nillable: false }],
  ['IsDeleted', 'boolean', ro]
];

export const ownerField = (to: string[] = ['User']): FieldSpec => [
  'OwnerId',
  'reference',
  { ...ref(to, 'Owner', null), polymorphic: to.length > 1 }
];

export const address = (prefix: string): FieldSpec[] => [
  [`${prefix}Street`, 'textarea', text(255)],
  [`${prefix}City`, 'string', text(40)],
  [`${prefix}State`, 'string', text(80)],
  [`${prefix}PostalCode`, 'string', text(20)],
  [`${prefix}Country`, 'string', text(80)]
];

/** Objects that accept Event/Task WhatId besides custom objects with activities enabled. */
export const STANDARD_WHAT_TARGETS = ['Account', 'Opportunity'];

export const ACTIVITY_CHILD = { Event: 'Events', Task: 'Tasks' } as const;

export function activityFields(kind: 'Event' | 'Task'): FieldSpec[] {
  const child = ACTIVITY_CHILD[kind];
  return [
    ['Subject', 'combobox', text(255)],
    ['Description', 'textarea', text(32000)],
    ['WhoId', 'reference', { ...ref(['Contact', 'Lead'], 'Who', child), polymorphic: true }],
    ['WhatId', 'reference', { ...ref([...STANDARD_WHAT_TARGETS], 'What', child), polymorphic: true }],
    ['AccountId', 'reference', { ...ro, ...ref(['Account'], 'Account', null) }],
    ['ActivityDate', 'date'],
    ['IsPrivate', 'boolean', { defaultValue: false }],
    ['Type', 'picklist', { length: 40, picklist: picklist(['Call', 'Email', 'Meeting', 'Other']) }],
    ['IsReminderSet', 'boolean', { defaultValue: false }],
    ['ReminderDateTime', 'datetime'],
    ['IsRecurrence', 'boolean', { defaultValue: false }],
    ['IsArchived', 'boolean', ro]
  ];
}

export interface ObjectSpec {
  name: string;
  prefix: string | null;
  plural: string;
  label?: string;
  owner?: string[] | false;
  setup?: boolean;
  queryableOnly?: boolean;
  createable?: boolean;
  fields: FieldSpec[];
}
