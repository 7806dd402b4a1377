/**
 * Where SOQL reads rows and parents: the store, except for `EntityDefinition`, `FieldDefinition` and `EntityParticle`,
 * whose rows are derived from the schema (one per object, and per field for the other two, built on first use and
 * shared by every org over the same schema), and relationships that hold a name instead of an Id (custom metadata `MetadataRelationship` fields,
 * `FieldDefinition.EntityDefinition`), whose parent is found by that name.
 */
import { ApexId, SObject, type Value } from '../../values/values.js';
import { makeId } from '../../values/ids.js';
import type { OrgContext } from '../context.js';
import type { Schema } from '../schema/schema.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';

interface DerivedTables {
  entity: SObject[];
  field: SObject[];
  particle: SObject[];
  /** Lower-cased `key field|value` → row, per derived table. */
  index: Map<string, SObject>;
}

const derived = new WeakMap<Schema, DerivedTables>();

/** The rows a query over `object` reads. */
export function tableRows(org: OrgContext, object: ObjectDef): SObject[] {
  const key = object.name.toLowerCase();
  if (key === 'entitydefinition') return tables(org).entity;
  if (key === 'fielddefinition') return tables(org).field;
  if (key === 'entityparticle') return tables(org).particle;
  return [...org.store.rows(key)];
}

/** The parent row a lookup step leads to from `row`, or undefined when the lookup is empty or dangling. */
export function parentRow(org: OrgContext, step: FieldDef, row: SObject): SObject | undefined {
  const value: Value = row.get(step.name);
  if (!step.metadataRelationship) {
    if (!(value instanceof ApexId)) return undefined;
    const object = org.schema.objectByPrefix(value.keyPrefix);
    return object ? org.store.get(object.name.toLowerCase(), value.value) : undefined;
  }
  if (typeof value !== 'string' || value === '') return undefined;
  const target = step.referenceTo[0] ?? '';
  const { key, controllingField } = step.metadataRelationship;
  if (/^(entitydefinition|fielddefinition|entityparticle)$/i.test(target)) {
    const owner = controllingField ? row.get(controllingField) : null;
    const perField = target.toLowerCase() !== 'entitydefinition' && typeof owner === 'string';
    const name = perField ? `${owner}.${value}` : value;
    const field = perField ? 'durableid' : key;
    return tables(org).index.get(`${target.toLowerCase()}|${field.toLowerCase()}|${name.toLowerCase()}`);
  }
  const wanted = value.toLowerCase();
  for (const r of org.store.rows(target.toLowerCase())) {
    const k = r.get(key);
    if (typeof k === 'string' && k.toLowerCase() === wanted) return r;
  }
  return undefined;
}

/** The value children of `parent` hold in their lookup `field` (its Id, or the name a name-keyed lookup holds). */
export function parentKey(field: FieldDef, parent: SObject): string | null {
  if (!field.metadataRelationship) return parent.id?.value ?? null;
  const v = parent.get(field.metadataRelationship.key);
  return typeof v === 'string' ? v : null;
}

function tables(org: OrgContext): DerivedTables {
  let t = derived.get(org.schema);
  if (!t) {
    t = buildTables(org.schema);
    derived.set(org.schema, t);
  }
  return t;
}

function buildTables(schema: Schema): DerivedTables {
  const index = new Map<string, SObject>();
  const entity: SObject[] = [];
  const field: SObject[] = [];
  const particle: SObject[] = [];
  const entityObject = schema.object('EntityDefinition');
  const fieldObject = schema.object('FieldDefinition');
  const particleObject = schema.object('EntityParticle');
  let n = 0;
  for (const o of schema.objects.values()) {
    if (o.queryableOnly) continue;
    const e = row('EntityDefinition', entityObject, ++n, {
      DurableId: o.name,
      QualifiedApiName: o.name,
      DeveloperName: o.name.replace(/__(c|mdt|e|b|x)$/i, ''),
      MasterLabel: o.label,
      Label: o.label,
      PluralLabel: o.labelPlural,
      KeyPrefix: o.keyPrefix,
      NamespacePrefix: null,
      IsCustomSetting: o.customSetting !== null,
      IsQueryable: true,
      IsCustomizable: o.custom || !o.setup,
      IsApexTriggerable: !o.customMetadata && o.createable,
      IsEverCreatable: o.createable,
      IsEverUpdatable: o.updateable,
      IsEverDeletable: o.deletable,
      IsLayoutable: !o.customMetadata,
      DeploymentStatus: o.custom ? 'Deployed' : null
    });
    entity.push(e);
    for (const k of ['durableid', 'qualifiedapiname']) index.set(`entitydefinition|${k}|${o.name.toLowerCase()}`, e);
    for (const f of o.fields.values()) {
      const r = row('FieldDefinition', fieldObject, ++n, {
        ...fieldFacts(o, f),
        DataType: dataType(schema, f),
        IsIndexed: f.type === 'id' || f.type === 'reference' || f.externalId || f.unique,
        IsApiFilterable: f.type !== 'textarea' || f.length <= 255,
        IsApiSortable: f.type !== 'textarea' || f.length <= 255,
        IsApiGroupable: f.type !== 'textarea' && f.type !== 'double' && f.type !== 'currency',
        IsPolymorphicForeignKey: f.polymorphic
      });
      field.push(r);
      index.set(`fielddefinition|durableid|${o.name.toLowerCase()}.${f.name.toLowerCase()}`, r);
      const p = particleRow(particleObject, ++n, o, f, r.get('DataType'));
      particle.push(p);
      index.set(`entityparticle|durableid|${o.name.toLowerCase()}.${f.name.toLowerCase()}`, p);
    }
  }
  return { entity, field, particle, index };
}

/**
 * One EntityParticle per field: the same names as its FieldDefinition plus the describe flags (the platform adds a
 * particle per component of a compound field; localorg's compound components are fields already).
 */
function particleRow(def: ObjectDef | undefined, n: number, o: ObjectDef, f: FieldDef, dataType: Value): SObject {
  return row('EntityParticle', def, n, {
    ...fieldFacts(o, f),
    Name: f.name,
    FieldDefinitionId: `${o.name}.${f.name}`,
    DataType: dataType,
    InlineHelpText: f.inlineHelpText,
    IsAutonumber: f.autoNumber,
    IsCaseSensitive: f.caseSensitive,
    IsCreatable: f.createable,
    IsUpdatable: f.updateable,
    IsUnique: f.unique,
    IsIdLookup: f.idLookup,
    IsHtmlFormatted: f.htmlFormatted,
    IsDependentPicklist: f.controllingField !== null
  });
}

/** What a field's FieldDefinition and EntityParticle rows both say of it: its names, label, size and shape. */
function fieldFacts(o: ObjectDef, f: FieldDef): Record<string, Value> {
  return {
    DurableId: `${o.name}.${f.name}`,
    QualifiedApiName: f.name,
    DeveloperName: f.name.replace(/__c$/i, ''),
    MasterLabel: f.label,
    Label: f.label,
    EntityDefinitionId: o.name,
    Length: f.length,
    Precision: f.precision,
    Scale: f.scale,
    IsCalculated: f.calculated,
    IsNillable: f.nillable,
    IsNameField: f.name === 'Name' || (f.idLookup && f.autoNumber),
    IsCompound: f.type === 'address' || f.type === 'location',
    RelationshipName: f.relationshipName,
    NamespacePrefix: null
  };
}

function row(type: string, def: ObjectDef | undefined, n: number, values: Record<string, Value>): SObject {
  const r = new SObject(type);
  r.set('Id', new ApexId(makeId(def?.keyPrefix ?? '000', n)));
  for (const [k, v] of Object.entries(values)) r.set(k, v);
  return r;
}

/** The Setup UI's data type text (`Text(80)`, `Lookup(Account)`, `Formula (Checkbox)`) [mem]. */
function dataType(schema: Schema, f: FieldDef): string {
  const base = baseDataType(schema, f);
  if (f.autoNumber) return 'Auto Number';
  return f.calculated && f.custom ? `Formula (${base})` : base;
}

function baseDataType(schema: Schema, f: FieldDef): string {
  const digits = `${f.precision - f.scale}, ${f.scale}`;
  switch (f.type) {
    case 'string':
      return `Text(${f.length})`;
    case 'textarea':
      return f.length > 255 ? `Long Text Area(${f.length})` : 'Text Area(255)';
    case 'email':
      return 'Email';
    case 'phone':
      return 'Phone';
    case 'url':
      return `URL(${f.length})`;
    case 'picklist':
      return 'Picklist';
    case 'multipicklist':
      return 'Picklist (Multi-Select)';
    case 'boolean':
      return 'Checkbox';
    case 'integer':
    case 'double':
    case 'long':
      return `Number(${digits})`;
    case 'currency':
      return `Currency(${digits})`;
    case 'percent':
      return `Percent(${digits})`;
    case 'date':
      return 'Date';
    case 'datetime':
      return 'Date/Time';
    case 'time':
      return 'Time';
    case 'reference':
      return `Lookup(${f.referenceTo.map((t) => schema.object(t)?.label ?? t).join(',')})`;
    case 'id':
      return 'Lookup()';
    default:
      return f.type.charAt(0).toUpperCase() + f.type.slice(1);
  }
}
