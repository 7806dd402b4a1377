/**
 * The standard objects: every object of the published description (standard-catalog.ts) with the details of
 * standard-details.ts, and, for the objects a typical integration package touches, the fuller descriptions written
 * as data in standard-specs.ts (labels, lengths, picklists, required and read-only fields), which win over the catalogue. Key prefixes
 * for Account, Contact, User, Opportunity, Lead and RecordType are documented (Salesforce Help "key prefix" table);
 * the others and most field lengths are [mem] and listed in localorg/FIDELITY.md. A field that neither source lists
 * is reported as `No such column`, never silently accepted.
 */
import { catalogObjects } from './standard-catalog.js';
import { FIELD_DETAILS, KEY_PREFIXES, NOT_WRITABLE, SETUP_OBJECTS } from './standard-details.js';
import { auditFields, type FieldSpec, ownerField, ro } from './standard-field-specs.js';
import { standardFieldLabel } from './standard-labels.js';
import { SPECS } from './standard-specs.js';
import { fieldDef, labelFromName, picklist, type FieldDef, type ObjectDef } from './types.js';

export { picklist };

/** Polymorphic lookups that take a record of any object: files shared with, published to or distributed for it [mem]. */
const ANY_TARGET: [string, string][] = [
  ['contentversion', 'firstpublishlocationid'],
  ['contentdocumentlink', 'linkedentityid'],
  ['contentdistribution', 'relatedrecordid']
];

/** The hand-written objects above, fuller than the catalogue's. */
function specObjects(): ObjectDef[] {
  return SPECS.map((spec) => {
    const fields = new Map<string, FieldDef>();
    // Arrays are copied so that schema building (WhatId targets) never mutates the shared specs.
    const add = ([name, type, extra]: FieldSpec) =>
      fields.set(
        name.toLowerCase(),
        fieldDef({
          name,
          type,
          label: standardFieldLabel(spec.name, name) ?? labelFromName(name),
          ...extra,
          referenceTo: [...(extra?.referenceTo ?? [])],
          picklist: extra?.picklist ? [...extra.picklist] : null
        })
      );
    if (spec.name === 'Name') add(['Id', 'id', { ...ro, length: 18 }]);
    else auditFields.forEach(add);
    const hasOwner = spec.owner !== false && !spec.queryableOnly;
    if (hasOwner) add(ownerField(spec.owner || ['User']));
    spec.fields.forEach(add);
    const createable = spec.createable ?? true;
    return {
      name: spec.name,
      label: spec.label ?? spec.name,
      labelPlural: spec.plural,
      keyPrefix: spec.prefix,
      custom: false,
      customMetadata: false,
      customSetting: null,
      setup: spec.setup ?? false,
      queryableOnly: spec.queryableOnly ?? false,
      createable,
      updateable: createable,
      deletable: createable,
      hasOwner,
      fields,
      childRelationships: []
    };
  });
}

/**
 * Every standard object: the catalogue with its details, then the hand-written objects over it (their fields win;
 * catalogue fields they do not describe are kept). `WhatId` also accepts every object the catalogue lists as having
 * activities. Objects without a known key prefix keep `keyPrefix: null` and get a generated one from the loader.
 */
export function standardObjects(): ObjectDef[] {
  const objects = catalogObjects();
  for (const [objectName, details] of Object.entries(FIELD_DETAILS)) {
    const o = objects.get(objectName.toLowerCase());
    if (!o) continue;
    for (const [fieldName, patch] of Object.entries(details)) {
      const f = o.fields.get(fieldName.toLowerCase());
      if (f) o.fields.set(fieldName.toLowerCase(), { ...f, ...patch });
    }
  }
  for (const name of NOT_WRITABLE) {
    const o = objects.get(name.toLowerCase());
    if (o) o.createable = o.updateable = o.deletable = false;
  }
  for (const name of SETUP_OBJECTS) {
    const o = objects.get(name.toLowerCase());
    if (o) o.setup = true;
  }
  for (const o of objects.values()) o.keyPrefix = KEY_PREFIXES[o.name] ?? null;
  for (const [object, field] of ANY_TARGET) {
    const fields = objects.get(object)?.fields;
    const f = fields?.get(field);
    // Replaced, not changed: the catalogue's FieldDefs are shared by every org in the process.
    if (fields && f) fields.set(field, { ...f, anyTarget: true });
  }
  for (const spec of specObjects()) {
    const key = spec.name.toLowerCase();
    const base = objects.get(key);
    if (base) {
      for (const [fieldKey, f] of spec.fields) {
        const catalogued = base.fields.get(fieldKey);
        if (fieldKey === 'whatid' && catalogued) {
          const extra = catalogued.referenceTo.filter((t) => !['Contact', 'Lead'].includes(t));
          f.referenceTo = [...new Set([...f.referenceTo, ...extra])];
        }
        base.fields.delete(fieldKey);
      }
      for (const [fieldKey, f] of base.fields) spec.fields.set(fieldKey, f);
    }
    objects.set(key, spec);
  }
  return [...objects.values()];
}
