/**
 * Case-insensitive access to the loaded schema, shared by SOQL, DML and describe. Implements the interpreter's
 * {@link SchemaLookup} seam.
 */
import { ApexDate, Decimal, type Value } from '../../values/values.js';
import type { SchemaLookup } from '../../runtime/data-platform.js';
import type { ChildRelationship, FieldDef, ObjectDef } from './types.js';

export class Schema implements SchemaLookup {
  private readonly byPrefix = new Map<string, ObjectDef>();

  constructor(readonly objects: Map<string, ObjectDef>) {
    for (const o of objects.values()) if (o.keyPrefix) this.byPrefix.set(o.keyPrefix, o);
  }

  object(name: string): ObjectDef | undefined {
    return this.objects.get(name.toLowerCase());
  }

  objectByPrefix(prefix: string): ObjectDef | undefined {
    return this.byPrefix.get(prefix);
  }

  objectNameForKeyPrefix(prefix: string): string | null {
    return this.byPrefix.get(prefix)?.name ?? null;
  }

  field(object: ObjectDef, name: string): FieldDef | undefined {
    return object.fields.get(name.toLowerCase());
  }

  /** The reference field whose parent relationship is `name` (`Who` → WhoId, `BookingPage__r` → BookingPage__c). */
  relationship(object: ObjectDef, name: string): FieldDef | undefined {
    const key = name.toLowerCase();
    for (const f of object.fields.values()) {
      if ((f.type === 'reference' || f.metadataRelationship) && f.relationshipName?.toLowerCase() === key) return f;
    }
    return undefined;
  }

  /** A child relationship by name; a subquery may also qualify it with the parent's name (`FROM Account.Contacts`). */
  childRelationship(object: ObjectDef, name: string): ChildRelationship | undefined {
    let key = name.toLowerCase();
    const dot = key.indexOf('.');
    if (dot > 0) {
      if (key.slice(0, dot) !== object.name.toLowerCase()) return undefined;
      key = key.slice(dot + 1);
    }
    return object.childRelationships.find((c) => c.relationshipName.toLowerCase() === key);
  }

  /** The object a relationship leads to: the `Name` pseudo-object for polymorphic lookups. */
  relationshipTarget(field: FieldDef): ObjectDef | undefined {
    if (field.polymorphic || field.referenceTo.length !== 1) return this.object('Name');
    return this.object(field.referenceTo[0]);
  }

  objectName(name: string): string | null {
    const o = this.object(name);
    return o && !o.queryableOnly ? o.name : null;
  }

  fieldName(objectApiName: string, field: string): string | null {
    const o = this.object(objectApiName);
    return o?.fields.get(field.toLowerCase())?.name ?? null;
  }

  relationshipName(objectApiName: string, relationship: string): string | null {
    const o = this.object(objectApiName);
    return (o && this.relationship(o, relationship)?.relationshipName) ?? null;
  }

  newRecordDefaults(objectApiName: string): Record<string, Value> {
    const o = this.object(objectApiName);
    const out: Record<string, Value> = {};
    if (!o) return out;
    for (const f of o.fields.values()) {
      if (!f.createable) continue;
      const v = defaultValueFor(f);
      if (v !== null) out[f.name] = v;
    }
    return out;
  }

  names(): string[] {
    return [...this.objects.values()].filter((o) => !o.queryableOnly).map((o) => o.name);
  }
}

/** A metadata default as an Apex value of the field's type. */
export function defaultValueFor(f: FieldDef): Value {
  const d = f.defaultValue;
  if (d === null) return null;
  if (f.type === 'boolean') return d === true || d === 'true';
  if (f.type === 'double' || f.type === 'currency' || f.type === 'percent') {
    return typeof d === 'number' ? Decimal.fromDouble(d) : null;
  }
  if (f.type === 'date' && typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) {
    const [y, m, day] = d.split('-').map(Number);
    return new ApexDate(y, m, day);
  }
  return typeof d === 'string' ? d : String(d);
}
