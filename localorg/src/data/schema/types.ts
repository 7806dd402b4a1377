/**
 * The schema as the data platform holds it: one {@link ObjectDef} per SObject type, standard (bundled) or from the
 * project's metadata. Names keep their declared spelling; maps are keyed by lower-cased API name.
 */

/** Describe field types, lower case as `Schema.DisplayType` names them (`string`, `reference`, `datetime`…). */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'boolean'
  | 'integer'
  | 'long'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'reference'
  | 'base64'
  | 'encryptedstring'
  | 'address'
  | 'location'
  | 'anytype';

export interface PicklistEntry {
  value: string;
  label: string;
  isDefault: boolean;
  active: boolean;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Text length in characters (string, textarea, email, phone, url, picklist…); 0 when not text. */
  length: number;
  precision: number;
  scale: number;
  /** Must be non-null after before triggers (REQUIRED_FIELD_MISSING). */
  required: boolean;
  nillable: boolean;
  unique: boolean;
  externalId: boolean;
  /** Unique matching is case-sensitive (only meaningful with `unique`). */
  caseSensitive: boolean;
  /** Value applied on `new X()` and on insert when absent: a literal as metadata gives it (`'x'`, `true`, `5`). */
  defaultValue: string | boolean | number | null;
  picklist: PicklistEntry[] | null;
  restrictedPicklist: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  /** Name of the child relationship this lookup creates on its parent (`Contacts`, `Bookings__r`). */
  childRelationshipName: string | null;
  /** Relationship resolves through the `Name` pseudo-object (Who, What, Owner of activities and leads). */
  polymorphic: boolean;
  /** A polymorphic lookup that accepts a record of any object (`ContentVersion.FirstPublishLocationId`). */
  anyTarget?: boolean;
  /** Master-detail: deleting the parent deletes this record. */
  cascadeDelete: boolean;
  createable: boolean;
  updateable: boolean;
  /** Formula / roll-up / auto-number fields are not written by DML. */
  calculated: boolean;
  autoNumber: boolean;
  /**
   * A relationship that holds a name rather than an Id (custom metadata `MetadataRelationship` fields, and
   * `FieldDefinition.EntityDefinitionId`): the parent is the row of `referenceTo[0]` whose `key` field equals the
   * value; a FieldDefinition parent is also matched on the object named by `controllingField`.
   */
  metadataRelationship: { key: string; controllingField: string | null } | null;
  /** An auto-number's display format (`A-{0000}`, `{00000000}`); null for other fields. */
  displayFormat: string | null;
  custom: boolean;
  /** Name-like fields usable as an upsert key on standard objects (`idLookup` in describe). */
  idLookup: boolean;
  /** Field-level help (`inlineHelpText` in the field metadata); null when none. */
  inlineHelpText: string | null;
  /** A formula field's formula text (`formula` in the metadata); null for other fields. */
  formula: string | null;
  /** Rich text (metadata type `Html`). */
  htmlFormatted: boolean;
  /** The controlling field of a dependent picklist (`valueSet.controllingField`); null otherwise. */
  controllingField: string | null;
}

/** A field set (`objects/X/fieldSets/Name.fieldSet-meta.xml`): named, ordered field paths for forms and queries. */
export interface FieldSetDef {
  name: string;
  label: string;
  description: string;
  /** Displayed fields in order; `field` may be a path through parent relationships (`Account.Name`). */
  fields: { field: string; required: boolean }[];
}

export interface ChildRelationship {
  relationshipName: string;
  childObject: string;
  field: string;
  cascadeDelete: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string | null;
  custom: boolean;
  customMetadata: boolean;
  /** Custom settings (`customSettingsType` in the object metadata): read through getInstance/getValues/getAll. */
  customSetting: 'List' | 'Hierarchy' | null;
  /** Setup objects (User, Profile…) stay visible in tests without SeeAllData. */
  setup: boolean;
  /** Pseudo-objects such as `Name` that exist only as relationship targets. */
  queryableOnly: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  /** Whether records have an OwnerId defaulting to the running user. */
  hasOwner: boolean;
  /** `sharingModel` from the object's metadata (custom objects, or a standard object the project declares). */
  sharingModel?: string;
  fields: Map<string, FieldDef>;
  childRelationships: ChildRelationship[];
  /** Platform event objects (`Name__e`): how EventBus.publish and the API publish their messages; absent otherwise. */
  platformEvent?: PlatformEventDef;
  /** The project's field sets on this object, in file-name order; absent when it declares none. */
  fieldSets?: FieldSetDef[];
}

/**
 * Standard objects whose name field (`DescribeFieldResult.isNameField()`) is not `Name` [mem]; every other object
 * that has a `Name` field uses it.
 */
const NAME_FIELDS: Record<string, string> = {
  case: 'CaseNumber',
  contract: 'ContractNumber',
  order: 'OrderNumber',
  task: 'Subject',
  event: 'Subject',
  solution: 'SolutionName',
  idea: 'Title',
  contentversion: 'Title',
  contentdocument: 'Title',
  note: 'Title',
  emailmessage: 'Subject'
};

/** The object's name field as describe marks it, or null when it has none. */
export function nameFieldOf(o: ObjectDef): FieldDef | null {
  const special = NAME_FIELDS[o.name.toLowerCase()];
  return (special && o.fields.get(special.toLowerCase())) || o.fields.get('name') || null;
}

/** When a platform event message is published relative to the publishing transaction (object metadata). */
export type PublishBehavior = 'PublishAfterCommit' | 'PublishImmediately';

export interface PlatformEventDef {
  publishBehavior: PublishBehavior;
  /** `HighVolume` or `StandardVolume` as the metadata gives it (both behave alike here). */
  eventType: string;
}

export function picklist(values: string[], defaultValue?: string): PicklistEntry[] {
  return values.map((v) => ({ value: v, label: v, isDefault: v === defaultValue, active: true }));
}

export function fieldDef(partial: Partial<FieldDef> & { name: string; type: FieldType }): FieldDef {
  const custom = partial.name.toLowerCase().endsWith('__c');
  return {
    label: partial.label ?? labelFromName(partial.name),
    length: 0,
    precision: 0,
    scale: 0,
    required: false,
    nillable: !(partial.required ?? false) && partial.type !== 'boolean',
    unique: false,
    externalId: false,
    caseSensitive: false,
    defaultValue: null,
    picklist: null,
    restrictedPicklist: false,
    referenceTo: [],
    relationshipName: null,
    childRelationshipName: null,
    polymorphic: (partial.referenceTo?.length ?? 0) > 1,
    cascadeDelete: false,
    createable: true,
    updateable: true,
    calculated: false,
    autoNumber: false,
    displayFormat: null,
    metadataRelationship: null,
    custom,
    idLookup: false,
    inlineHelpText: null,
    formula: null,
    htmlFormatted: false,
    controllingField: null,
    ...partial
  };
}

/** `BookingPageKey__c` → `Booking Page Key`, `LastName` → `Last Name`: a readable label when metadata gives none. */
export function labelFromName(name: string): string {
  return name
    .replace(/__(c|r|mdt|e)$/i, '')
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim();
}

export function isTextType(t: FieldType): boolean {
  return (
    t === 'string' ||
    t === 'textarea' ||
    t === 'email' ||
    t === 'phone' ||
    t === 'url' ||
    t === 'picklist' ||
    t === 'multipicklist' ||
    t === 'combobox' ||
    t === 'encryptedstring'
  );
}

export function isNumberType(t: FieldType): boolean {
  return t === 'double' || t === 'currency' || t === 'percent' || t === 'integer' || t === 'long';
}
