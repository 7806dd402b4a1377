/**
 * Builds the org schema: bundled standard objects, then the project's object folders (`*.object-meta.xml`,
 * `fields/*.field-meta.xml`) on top. Fields under `objects/Activity/` belong to both Event and Task, as on the
 * platform. Custom objects get key prefixes derived from their names, so Ids stay stable between runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../../syntax/sources.js';
import { readFieldSets } from './field-sets.js';
import { bool, int, MetadataError, readMetadataXml, str, type XmlNode } from './metadata-xml.js';
import { platformEventObject } from './platform-events.js';
import { standardObjects } from './standard.js';
import { fieldDef, labelFromName, type FieldDef, type FieldType, type ObjectDef, type PicklistEntry } from './types.js';

export { MetadataError, readMetadataXml } from './metadata-xml.js';

const METADATA_TYPES: Record<string, FieldType> = {
  text: 'string',
  textarea: 'textarea',
  longtextarea: 'textarea',
  html: 'textarea',
  email: 'email',
  phone: 'phone',
  url: 'url',
  picklist: 'picklist',
  multiselectpicklist: 'multipicklist',
  checkbox: 'boolean',
  number: 'double',
  currency: 'currency',
  percent: 'percent',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  lookup: 'reference',
  masterdetail: 'reference',
  metadatarelationship: 'string',
  autonumber: 'string',
  encryptedtext: 'encryptedstring',
  location: 'location'
};

/** Reads one `<CustomField>` file into a FieldDef. */
export function parseFieldFile(file: SourceFile, objectName: string): FieldDef {
  const x = readMetadataXml(file.path, file.relative, 'CustomField');
  const name = str(x, 'fullName') ?? path.basename(file.path).replace(/\.field-meta\.xml$/, '');
  const rawType = str(x, 'type');
  if (!rawType) throw new MetadataError(`${file.relative}: <type> is missing`);
  const formula = str(x, 'formula');
  const summary = rawType.toLowerCase() === 'summary';
  let type: FieldType | undefined = METADATA_TYPES[rawType.toLowerCase()];
  if (summary) type = 'double';
  if (!type) throw new MetadataError(`${file.relative}: field type '${rawType}' is not supported by localorg`);
  const referenceTo = ((x.referenceTo as unknown[] | undefined) ?? []).map((r) => String(r as string));
  // A metadata relationship to EntityDefinition/FieldDefinition/EntityParticle holds a name; one to another custom
  // metadata type holds the related record's Id, like a lookup (its files name the record; see metadata-records.ts).
  const toDefinition =
    referenceTo.length === 1 && /^(EntityDefinition|FieldDefinition|EntityParticle)$/i.test(referenceTo[0]);
  const isMetadataRelationship = rawType.toLowerCase() === 'metadatarelationship' && referenceTo.length === 1;
  if (isMetadataRelationship && !toDefinition) type = 'reference';
  const length =
    int(x, 'length') ??
    (type === 'textarea' && rawType.toLowerCase() === 'textarea'
      ? 255
      : type === 'email'
        ? 80
        : type === 'phone'
          ? 40
          : type === 'url'
            ? 255
            : 0);
  const precision = int(x, 'precision') ?? 0;
  const scale = int(x, 'scale') ?? 0;
  const custom = name.toLowerCase().endsWith('__c');
  const isMasterDetail = rawType.toLowerCase() === 'masterdetail';
  const autoNumber = rawType.toLowerCase() === 'autonumber';
  const calculated = formula !== undefined || summary || autoNumber;

  let picklist: PicklistEntry[] | null = null;
  let restricted = false;
  const valueSet = x.valueSet as XmlNode | undefined;
  if (valueSet && typeof valueSet === 'object') {
    restricted = bool(valueSet, 'restricted') ?? false;
    const def = valueSet.valueSetDefinition as XmlNode | undefined;
    if (def) {
      picklist = ((def.value as XmlNode[] | undefined) ?? []).map((v) => {
        const value = str(v, 'fullName') ?? '';
        return { value, label: str(v, 'label') ?? value, isDefault: bool(v, 'default') ?? false, active: true };
      });
    } else if (str(valueSet, 'valueSetName')) {
      // Global value sets are not loaded yet: accept any value rather than reject valid data.
      picklist = [];
      restricted = false;
    }
  }
  let defaultValue: FieldDef['defaultValue'] = null;
  const rawDefault = str(x, 'defaultValue');
  if (type === 'boolean') defaultValue = rawDefault === undefined ? false : rawDefault.toLowerCase() === 'true';
  else if (rawDefault !== undefined) defaultValue = parseDefaultFormula(rawDefault, type);
  const pickDefault = picklist?.find((p) => p.isDefault);
  if (pickDefault && defaultValue === null) defaultValue = pickDefault.value;

  const relName = str(x, 'relationshipName');
  const metadataRelationship =
    isMetadataRelationship && toDefinition
      ? {
          key: 'QualifiedApiName',
          controllingField: str(x, 'metadataRelationshipControllingField')?.split('.').pop() ?? null
        }
      : null;
  return fieldDef({
    name,
    label: str(x, 'label') ?? labelFromName(name),
    type,
    length: type === 'picklist' || type === 'multipicklist' ? 255 : length,
    precision: precision || (type === 'double' || type === 'currency' || type === 'percent' ? 18 : 0),
    scale,
    required: isMasterDetail || (bool(x, 'required') ?? false),
    nillable: !(isMasterDetail || (bool(x, 'required') ?? false)) && type !== 'boolean',
    unique: bool(x, 'unique') ?? false,
    externalId: bool(x, 'externalId') ?? false,
    caseSensitive: bool(x, 'caseSensitive') ?? false,
    defaultValue,
    picklist,
    restrictedPicklist: restricted,
    referenceTo,
    relationshipName:
      type === 'reference' || metadataRelationship
        ? custom
          ? name.replace(/__c$/i, '__r')
          : name.replace(/Id$/, '')
        : null,
    metadataRelationship,
    childRelationshipName:
      (type === 'reference' || metadataRelationship) && relName ? (custom ? `${relName}__r` : relName) : null,
    polymorphic: false,
    cascadeDelete: isMasterDetail || str(x, 'deleteConstraint') === 'Cascade',
    createable: !calculated,
    updateable: !calculated && !(isMasterDetail && !(bool(x, 'reparentableMasterDetail') ?? false)),
    calculated,
    autoNumber,
    displayFormat: autoNumber ? (str(x, 'displayFormat') ?? '{0}') : null,
    custom: custom || objectName.toLowerCase().endsWith('__mdt'),
    inlineHelpText: str(x, 'inlineHelpText') ?? null,
    formula: formula ?? null,
    htmlFormatted: rawType.toLowerCase() === 'html',
    controllingField: (valueSet && str(valueSet, 'controllingField')) ?? null
  });
}

/** Metadata default values are formulas; we understand literals (`"x"`, `'x'`, `5`, `true`), nothing else. */
function parseDefaultFormula(raw: string, type: FieldType): string | number | boolean | null {
  const t = raw.trim();
  const quoted = /^"(.*)"$/s.exec(t) ?? /^'(.*)'$/s.exec(t);
  if (quoted) return quoted[1];
  if (/^-?\d+(\.\d+)?$/.test(t) && (type === 'double' || type === 'currency' || type === 'percent')) return Number(t);
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  return null; // a real formula (TODAY(), $User…) — not evaluated; see FIDELITY.md
}

/** Standard fields every custom object has. */
function customObjectBaseFields(
  objectName: string,
  nameField: { label: string; autoNumber: boolean; displayFormat?: string },
  hasOwner: boolean
): FieldDef[] {
  const ro = { createable: false, updateable: false };
  const fields = [
    fieldDef({ name: 'Id', type: 'id', length: 18, ...ro, nillable: false, idLookup: true }),
    fieldDef({ name: 'IsDeleted', type: 'boolean', ...ro }),
    fieldDef({ name: 'CreatedDate', type: 'datetime', ...ro, nillable: false }),
    fieldDef({
      name: 'CreatedById',
      type: 'reference',
      referenceTo: ['User'],
      relationshipName: 'CreatedBy',
      length: 18,
      ...ro
    }),
    fieldDef({ name: 'LastModifiedDate', type: 'datetime', ...ro, nillable: false }),
    fieldDef({
      name: 'LastModifiedById',
      type: 'reference',
      referenceTo: ['User'],
      relationshipName: 'LastModifiedBy',
      length: 18,
      ...ro
    }),
    fieldDef({ name: 'SystemModstamp', type: 'datetime', ...ro, nillable: false })
  ];
  if (objectName.toLowerCase().endsWith('__mdt')) {
    fields.push(
      fieldDef({ name: 'DeveloperName', type: 'string', length: 40, required: true, ...ro }),
      fieldDef({ name: 'MasterLabel', type: 'string', length: 40, required: true, ...ro }),
      fieldDef({ name: 'Label', type: 'string', length: 40, ...ro }),
      fieldDef({ name: 'QualifiedApiName', type: 'string', length: 70, ...ro }),
      fieldDef({ name: 'NamespacePrefix', type: 'string', length: 15, ...ro }),
      fieldDef({ name: 'Language', type: 'picklist', length: 40, ...ro })
    );
    return fields.filter((f) => !['createdbyid', 'lastmodifiedbyid', 'isdeleted'].includes(f.name.toLowerCase()));
  }
  fields.push(
    fieldDef({
      name: 'Name',
      type: 'string',
      label: nameField.label,
      length: 80,
      idLookup: true,
      autoNumber: nameField.autoNumber,
      displayFormat: nameField.autoNumber ? (nameField.displayFormat ?? '{0}') : null,
      calculated: nameField.autoNumber,
      createable: !nameField.autoNumber,
      updateable: !nameField.autoNumber
    })
  );
  if (hasOwner) {
    fields.push(
      fieldDef({
        name: 'OwnerId',
        type: 'reference',
        referenceTo: ['Group', 'User'],
        relationshipName: 'Owner',
        length: 18,
        polymorphic: true
      })
    );
  }
  return fields;
}

function genericStandardObject(name: string, keyPrefix: string): ObjectDef {
  const fields = new Map<string, FieldDef>();
  for (const f of customObjectBaseFields(name, { label: `${labelFromName(name)} Name`, autoNumber: false }, true)) {
    fields.set(f.name.toLowerCase(), { ...f, custom: false });
  }
  return {
    name,
    label: labelFromName(name),
    labelPlural: `${labelFromName(name)}s`,
    keyPrefix,
    custom: false,
    customMetadata: false,
    customSetting: null,
    setup: false,
    queryableOnly: false,
    createable: true,
    updateable: true,
    deletable: true,
    hasOwner: true,
    fields,
    childRelationships: []
  };
}

export interface LoadedSchema {
  objects: Map<string, ObjectDef>;
}

/** Stable 3-character prefix for a custom object: `a` + two base-62 chars from its name (`m` for metadata types). */
function prefixFor(name: string, taken: Set<string>, leadChar?: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let h = 2166136261;
  for (const c of name.toLowerCase()) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const lead = leadChar ?? (name.toLowerCase().endsWith('__mdt') ? 'm' : 'a');
  for (let i = 0; i < 62 * 62; i++) {
    const n = (h + i) % (62 * 62);
    const p = lead + alphabet[Math.floor(n / 62)] + alphabet[n % 62];
    if (!taken.has(p)) {
      taken.add(p);
      return p;
    }
  }
  throw new MetadataError('too many custom objects for generated key prefixes');
}

function hasObjectFile(folder: SourceFile): boolean {
  const name = path.basename(folder.path);
  return fs.existsSync(path.join(folder.path, `${name}.object-meta.xml`));
}

export function loadSchema(objectFolders: SourceFile[]): LoadedSchema {
  const objects = new Map<string, ObjectDef>();
  for (const o of standardObjects()) objects.set(o.name.toLowerCase(), o);
  const taken = new Set([...objects.values()].map((o) => o.keyPrefix).filter((p): p is string => !!p));
  // Catalogued standard objects without a known prefix get a stable generated one (in name order).
  for (const o of [...objects.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (o.keyPrefix === null && !o.queryableOnly) o.keyPrefix = prefixFor(o.name, taken, '0');
  }
  const activityEnabled: string[] = [];
  const pendingFields: PendingField[] = [];

  // One object may be spread over several package directories (its object-meta.xml in one, fields in others):
  // the folder holding the object-meta.xml defines it, every folder adds fields.
  const folders = [...objectFolders].sort(
    (a, b) => Number(hasObjectFile(b)) - Number(hasObjectFile(a)) || a.relative.localeCompare(b.relative)
  );
  const definedHere = new Map<string, SourceFile>();
  for (const folder of folders) {
    const objectName = path.basename(folder.path);
    const key = objectName.toLowerCase();
    const objectFile = path.join(folder.path, `${objectName}.object-meta.xml`);
    const isEvent = key.endsWith('__e');
    const isCustom = key.endsWith('__c') || key.endsWith('__mdt') || isEvent;
    let meta: XmlNode = {};
    if (isCustom && definedHere.has(key)) {
      const first = definedHere.get(key)!;
      if (fs.existsSync(objectFile) && hasObjectFile(first))
        throw new MetadataError(
          `${folder.relative}: object ${objectName} is defined twice (also in ${first.relative})`
        );
      collectFields(folder, objectName, pendingFields);
      continue;
    }
    definedHere.set(key, folder);
    if (fs.existsSync(objectFile)) {
      meta = readMetadataXml(objectFile, path.join(folder.relative, `${objectName}.object-meta.xml`), 'CustomObject');
    }
    if (isCustom) {
      if (!fs.existsSync(objectFile)) {
        throw new MetadataError(`${folder.relative}: custom object ${objectName} has no ${objectName}.object-meta.xml`);
      }
      if (isEvent) {
        const where = path.join(folder.relative, `${objectName}.object-meta.xml`);
        const eventMeta = {
          label: str(meta, 'label'),
          pluralLabel: str(meta, 'pluralLabel'),
          eventType: str(meta, 'eventType'),
          publishBehavior: str(meta, 'publishBehavior')
        };
        const prefix = prefixFor(objectName, taken, 'e');
        objects.set(
          key,
          platformEventObject(objectName, eventMeta, prefix, where, (m) => new MetadataError(m))
        );
        collectFields(folder, objectName, pendingFields);
        continue;
      }
      const nameFieldNode = (meta.nameField as XmlNode | undefined) ?? {};
      const fieldFolder = path.join(folder.path, 'fields');
      // An object whose detail side is a master-detail field is owned by its parent: no OwnerId.
      const controlledByParent = str(meta, 'sharingModel') === 'ControlledByParent';
      const isMdt = key.endsWith('__mdt');
      const settingType = str(meta, 'customSettingsType');
      const customSetting = settingType === 'List' || settingType === 'Hierarchy' ? settingType : null;
      const fields = new Map<string, FieldDef>();
      for (const f of customObjectBaseFields(
        objectName,
        {
          label: str(nameFieldNode, 'label') ?? `${labelFromName(objectName)} Name`,
          autoNumber: str(nameFieldNode, 'type') === 'AutoNumber',
          displayFormat: str(nameFieldNode, 'displayFormat')
        },
        !isMdt && !controlledByParent && !customSetting
      )) {
        fields.set(f.name.toLowerCase(), f);
      }
      if (customSetting === 'Hierarchy') {
        // The user, profile or org a hierarchy setting row applies to.
        const owner = fieldDef({
          name: 'SetupOwnerId',
          type: 'reference',
          referenceTo: ['Organization', 'Profile', 'User'],
          relationshipName: 'SetupOwner',
          polymorphic: true,
          length: 18
        });
        fields.set('setupownerid', owner);
      }
      const label = str(meta, 'label') ?? labelFromName(objectName);
      objects.set(key, {
        name: objectName,
        label,
        labelPlural: str(meta, 'pluralLabel') ?? label,
        keyPrefix: prefixFor(objectName, taken),
        custom: true,
        customMetadata: isMdt,
        customSetting,
        setup: false,
        queryableOnly: false,
        createable: !isMdt,
        updateable: !isMdt,
        deletable: !isMdt,
        hasOwner: !isMdt && !controlledByParent && !customSetting,
        ...(str(meta, 'sharingModel') ? { sharingModel: str(meta, 'sharingModel') } : {}),
        fields,
        childRelationships: []
      });
      if (bool(meta, 'enableActivities')) activityEnabled.push(objectName);
      if (fs.existsSync(fieldFolder)) collectFields(folder, objectName, pendingFields);
    } else {
      const targets = key === 'activity' ? ['event', 'task'] : [key];
      // A standard object the catalogue does not list gets a generic shape so any project loads; FIDELITY.md lists
      // this. Its standard fields beyond Name/OwnerId are unknown to SOQL and DML.
      if (!objects.has(key) && key !== 'activity')
        objects.set(key, genericStandardObject(objectName, prefixFor(objectName, taken, '0')));
      const declaredModel = str(meta, 'sharingModel');
      if (declaredModel) for (const t of targets) objects.get(t)!.sharingModel = declaredModel;
      const collected: PendingField[] = [];
      const defined = (field: string) => targets.every((t) => objects.get(t)?.fields.has(field.toLowerCase()));
      collectFields(folder, objectName, collected, defined);
      for (const c of collected) for (const t of targets) pendingFields.push({ ...c, object: t });
    }
  }

  for (const folder of folders) {
    const sets = readFieldSets(folder);
    const o = objects.get(path.basename(folder.path).toLowerCase());
    if (sets.length > 0 && o) o.fieldSets = [...(o.fieldSets ?? []), ...sets];
  }

  for (const { object, field, relative } of pendingFields) {
    const o = objects.get(object.toLowerCase())!;
    // A standard field re-declared (Contact.AccountId with only <type>Lookup</type>): the platform defines it; keep ours.
    if (!field.custom && o.fields.has(field.name.toLowerCase())) continue;
    if (field.type === 'reference' && field.referenceTo.length === 0) {
      throw new MetadataError(`${relative}: lookup field ${field.name} has no <referenceTo>`);
    }
    o.fields.set(field.name.toLowerCase(), field);
  }

  for (const name of activityEnabled) {
    for (const act of ['event', 'task']) {
      const fields = objects.get(act)!.fields;
      const whatId = fields.get('whatid')!;
      fields.set('whatid', { ...whatId, referenceTo: [...whatId.referenceTo, name] });
    }
  }
  validateReferences(objects);
  buildChildRelationships(objects);
  return { objects };
}

/** A field read from the project, merged into its object once every object is known. */
interface PendingField {
  object: string;
  field: FieldDef;
  /** The field's file, for errors. */
  relative: string;
}

/**
 * Reads an object folder's field files. `defined` says which fields a standard object already has: the metadata of
 * such a standard field (Account.OwnerId with `<type>Lookup</type>`, Account.ParentId with `<type>Hierarchy</type>`)
 * only customises it (history tracking…); the platform defines the field, so do we and the file is not parsed.
 */
function collectFields(
  folder: SourceFile,
  objectName: string,
  out: PendingField[],
  defined: (field: string) => boolean = () => false
): void {
  const fieldFolder = path.join(folder.path, 'fields');
  if (!fs.existsSync(fieldFolder)) return;
  for (const f of fs.readdirSync(fieldFolder).sort()) {
    if (!f.endsWith('.field-meta.xml')) continue;
    const file = { path: path.join(fieldFolder, f), relative: path.join(folder.relative, 'fields', f) };
    const name = f.replace(/\.field-meta\.xml$/, '');
    if (!name.includes('__') && defined(name)) continue;
    // A standard field's metadata (AccountNumber, OwnerId) carries no <type>: the platform defines it, so do we.
    if (isStandardFieldWithoutType(file)) continue;
    const parsed = parseFieldFile(file, objectName);
    const field =
      parsed.type === 'location'
        ? { ...parsed, createable: false, updateable: false, required: false, nillable: true }
        : parsed;
    out.push({ object: objectName, field, relative: file.relative });
    if (field.type === 'location') {
      for (const part of geolocationComponents(parsed))
        out.push({ object: objectName, field: part, relative: file.relative });
    }
  }
}

/**
 * A custom geolocation field `Where__c` is stored in two number fields, `Where__Latitude__s` and `Where__Longitude__s`,
 * which SOQL, DML and JSON read and write; the compound `Where__c` itself is read-only (and not computed offline).
 */
function geolocationComponents(field: FieldDef): FieldDef[] {
  const stem = field.name.replace(/__c$/i, '');
  return (['Latitude', 'Longitude'] as const).map((part) =>
    fieldDef({
      name: `${stem}__${part}__s`,
      label: `${field.label} (${part})`,
      type: 'double',
      precision: part === 'Latitude' ? field.scale + 2 : field.scale + 3,
      scale: field.scale,
      required: field.required,
      nillable: field.nillable,
      custom: true,
      inlineHelpText: field.inlineHelpText
    })
  );
}

function isStandardFieldWithoutType(file: SourceFile): boolean {
  const name = path.basename(file.path).replace(/\.field-meta\.xml$/, '');
  if (name.includes('__')) return false;
  const x = readMetadataXml(file.path, file.relative, 'CustomField');
  return str(x, 'type') === undefined;
}

function validateReferences(objects: Map<string, ObjectDef>): void {
  for (const o of objects.values()) {
    for (const f of o.fields.values()) {
      // Standard fields name their targets exactly already; only the project's declarations need normalising.
      if (f.type !== 'reference' || !f.custom) continue;
      // Declared spellings are normalised to the target's API name; unknown standard targets are kept as-is (Calendar).
      // Fields may be shared between loads (the standard catalogue), so a changed one is replaced, never mutated.
      const referenceTo = f.referenceTo.map((r) => objects.get(r.toLowerCase())?.name ?? r);
      if (referenceTo.some((r, i) => r !== f.referenceTo[i])) o.fields.set(f.name.toLowerCase(), { ...f, referenceTo });
    }
  }
}

function buildChildRelationships(objects: Map<string, ObjectDef>): void {
  for (const child of objects.values()) {
    for (const f of child.fields.values()) {
      if ((f.type !== 'reference' && !f.metadataRelationship) || !f.childRelationshipName) continue;
      for (const target of f.referenceTo) {
        const parent = objects.get(target.toLowerCase());
        if (!parent) continue;
        parent.childRelationships.push({
          relationshipName: f.childRelationshipName,
          childObject: child.name,
          field: f.name,
          cascadeDelete: f.cascadeDelete
        });
      }
    }
  }
}
