/**
 * Organization-wide defaults (OWD): the baseline record access of every object. A custom object's comes from its
 * `sharingModel`; a standard object's from the project's `<Object>.object-meta.xml` when it sets one, else from the
 * platform's defaults for a new org; the org's own settings (the scratch definition's `objectSettings`) win over both.
 */
import type { ObjectDef } from '../schema/types.js';

/** The sharing models of object metadata (`CustomObject.sharingModel`). */
export type SharingModel = 'Private' | 'Read' | 'ReadWrite' | 'ReadWriteTransfer' | 'FullAccess' | 'ControlledByParent';

const MODELS: SharingModel[] = [
  'Private',
  'Read',
  'ReadWrite',
  'ReadWriteTransfer',
  'FullAccess',
  'ControlledByParent'
];

/**
 * Default internal access of a new org (Salesforce Help, "Default Organization-Wide Access Levels"). Event and Task
 * share the Activity default. Objects not listed (setup objects, custom objects without a sharing model) are public.
 */
const STANDARD_DEFAULTS: Record<string, SharingModel> = {
  account: 'ReadWrite',
  activity: 'Private',
  event: 'Private',
  task: 'Private',
  asset: 'ControlledByParent',
  campaign: 'FullAccess',
  case: 'ReadWriteTransfer',
  contact: 'ControlledByParent',
  contract: 'ReadWrite',
  lead: 'ReadWriteTransfer',
  opportunity: 'Read',
  order: 'ControlledByParent'
};

/** Reads a sharing model as metadata spells it (`ReadWrite`) or as a scratch definition does (`readWrite`, `private`). */
export function parseSharingModel(text: string): SharingModel | null {
  const wanted = text.trim().toLowerCase();
  return MODELS.find((m) => m.toLowerCase() === wanted) ?? null;
}

/** The object's organization-wide default; `overrides` are the org's settings keyed by lower-cased object name. */
export function orgWideDefault(object: ObjectDef, overrides: Record<string, SharingModel> = {}): SharingModel {
  const key = object.name.toLowerCase();
  const activity = key === 'event' || key === 'task' ? 'activity' : key;
  return overrides[key] ?? overrides[activity] ?? object.sharingModel ?? STANDARD_DEFAULTS[key] ?? 'ReadWrite';
}
