/**
 * Runtime type questions: what a value's Apex type is called, whether it is an instance of a type (`instanceof`,
 * catch clauses, casts, `switch on` type patterns), how well it matches a parameter type (overloads), and the
 * implicit conversions applied when a value is stored into a typed slot.
 */
import { apexThrow } from '../values/errors.js';
import type { ClassInfo } from '../semantics/classes.js';
import { PRIMITIVES, PRIMITIVE_SPELLING, stripSystem } from '../semantics/static-types.js';
import { to18 } from '../values/ids.js';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexTime,
  ApexTypeValue,
  Decimal,
  NativeObject,
  SObject,
  type TypeRef,
  type Value
} from '../values/values.js';

export interface TypeEnv {
  /** A user/prelude/built-in class for a canonical type name, or null. */
  classFor(t: TypeRef): ClassInfo | null;
  /** The SObject API name for a canonical type name, or null when it names no SObject type. */
  sobjectName(name: string): string | null;
}

export { stripSystem };

export function isPrimitiveName(name: string): boolean {
  return PRIMITIVES.has(stripSystem(name));
}

export function runtimeTypeName(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'number':
      return 'Integer';
    case 'bigint':
      return 'Long';
    case 'boolean':
      return 'Boolean';
  }
  if (v instanceof ApexDouble) return 'Double';
  if (v instanceof Decimal) return 'Decimal';
  if (v instanceof ApexId) return 'Id';
  if (v instanceof ApexDate) return 'Date';
  if (v instanceof ApexDatetime) return 'Datetime';
  if (v instanceof ApexTime) return 'Time';
  if (v instanceof ApexBlob) return 'Blob';
  if (v instanceof ApexList) return `List<${v.elementType.display}>`;
  if (v instanceof ApexSet) return `Set<${v.elementType.display}>`;
  if (v instanceof ApexMap) return `Map<${v.keyType.display},${v.valueType.display}>`;
  if (v instanceof SObject) return v.type;
  if (v instanceof ApexObject) return v.cls.display;
  if (v instanceof ApexEnumValue) return v.enumType;
  if (v instanceof ApexTypeValue) return 'System.Type';
  if (v instanceof NativeObject) return v.nativeType;
  return 'Object';
}

function stripSchema(name: string): string {
  return name.startsWith('schema.') ? name.slice('schema.'.length) : name;
}

function elementMatches(actual: TypeRef, wanted: TypeRef, env: TypeEnv): boolean {
  if (wanted.name === 'object') return true;
  if (actual.name === wanted.name) return true;
  if (stripSystem(actual.name) === stripSystem(wanted.name)) return true;
  if (stripSchema(actual.name) === stripSchema(wanted.name)) return true;
  if (wanted.name === 'sobject' && (actual.name === 'sobject' || env.sobjectName(actual.name))) return true;
  const ac = env.classFor(actual);
  return ac ? ac.isSubtypeOf(wanted.name) : false;
}

export function isInstance(v: Value, t: TypeRef, env: TypeEnv): boolean {
  if (v === null) return false;
  const n = stripSystem(t.name);
  switch (n) {
    case 'object':
      return true;
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number';
    case 'long':
      return typeof v === 'bigint';
    case 'double':
      return v instanceof ApexDouble;
    case 'decimal':
      return v instanceof Decimal;
    case 'boolean':
      return typeof v === 'boolean';
    case 'id':
      return v instanceof ApexId;
    case 'date':
      return v instanceof ApexDate;
    case 'datetime':
      return v instanceof ApexDatetime;
    case 'time':
      return v instanceof ApexTime;
    case 'blob':
      return v instanceof ApexBlob;
    case 'type':
      return v instanceof ApexTypeValue;
    case 'list':
      return v instanceof ApexList && (t.args.length === 0 || elementMatches(v.elementType, t.args[0], env));
    case 'set':
      return v instanceof ApexSet && (t.args.length === 0 || elementMatches(v.elementType, t.args[0], env));
    case 'map':
      return (
        v instanceof ApexMap &&
        (t.args.length < 2 ||
          (elementMatches(v.keyType, t.args[0], env) && elementMatches(v.valueType, t.args[1], env)))
      );
    case 'sobject':
    case 'schema.sobject':
      return v instanceof SObject;
  }
  if (v instanceof SObject) {
    const api = env.sobjectName(t.name);
    return api !== null && api.toLowerCase() === v.typeKey;
  }
  if (v instanceof ApexObject) return v.cls.isSubtypeOf(t.name) || v.cls.isSubtypeOf(env.classFor(t)?.name ?? t.name);
  // The System and Schema namespaces are implied: `SObjectType` is `Schema.SObjectType`, `LoggingLevel` is System's.
  if (v instanceof ApexEnumValue)
    return (
      v.enumType === t.name ||
      v.enumType === env.classFor(t)?.name ||
      v.enumType === 'system.' + t.name ||
      v.enumType === 'schema.' + t.name
    );
  if (v instanceof NativeObject)
    return (
      v.nativeType === t.name ||
      v.nativeType === 'system.' + t.name ||
      v.nativeType === 'schema.' + t.name ||
      stripSystem(v.nativeType) === n
    );
  return false;
}

/**
 * The `instanceof` operator. Unlike assignment compatibility (isInstance, used by casts and overload choice), a number
 * is an instance of every wider numeric type: Integer < Long < Double < Decimal, and a Decimal is also a Double; a
 * Date is a Datetime; a String holding a valid Id is an Id; `Schema.` types answer without their namespace.
 */
export function instanceOfOperator(v: Value, t: TypeRef, env: TypeEnv): boolean {
  const n = stripSystem(t.name);
  if (n === 'decimal' || n === 'double') {
    if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal || v instanceof ApexDouble) return true;
  }
  if (n === 'long' && typeof v === 'number') return true;
  if (n === 'datetime' && v instanceof ApexDate) return true;
  if (n === 'id' && typeof v === 'string') return to18(v) !== null;
  if (v instanceof NativeObject && v.nativeType === `schema.${n}`) return true;
  return isInstance(v, t, env);
}

/** Overload score of an argument against a parameter type: higher is better, -1 incompatible. */
export function matchScore(v: Value, t: TypeRef, env: TypeEnv): number {
  if (v === null) return 1;
  const n = stripSystem(t.name);
  if (n === 'object') return 1;
  if (isInstance(v, t, env)) return 3;
  if (typeof v === 'number' && (n === 'long' || n === 'decimal' || n === 'double')) return 2;
  if (typeof v === 'bigint' && (n === 'decimal' || n === 'double')) return 2;
  if ((v instanceof Decimal || v instanceof ApexDouble) && (n === 'decimal' || n === 'double')) return 2;
  if (v instanceof ApexId && n === 'string') return 2;
  if (typeof v === 'string' && n === 'id' && to18(v)) return 1;
  if (v instanceof ApexList && n === 'list') return 2;
  if (v instanceof ApexMap && n === 'map') return 2;
  if (v instanceof ApexSet && n === 'set') return 2;
  return -1;
}

/**
 * Implicit conversion when storing `v` into a slot of type `t`. SOQL results assigned to a single SObject follow the
 * platform's row-count rule.
 */
export function coerce(v: Value, t: TypeRef, env: TypeEnv): Value {
  if (v === null) return null;
  switch (t.name) {
    case 'object':
    case 'string':
      if (v instanceof ApexId) return v.value;
      return v;
    case 'integer':
    case 'boolean':
      return v;
    case 'long':
      return typeof v === 'number' ? BigInt(v) : v;
    case 'double':
      if (typeof v === 'number' || typeof v === 'bigint') return new ApexDouble(Number(v));
      if (v instanceof Decimal) return new ApexDouble(v.toNumber());
      return v;
    case 'decimal':
      if (typeof v === 'number' || typeof v === 'bigint') return Decimal.fromInteger(v);
      if (v instanceof ApexDouble) return Decimal.fromDouble(v.value);
      return v;
    case 'id':
      if (typeof v === 'string') return toId(v);
      return v;
    case 'datetime':
      // A Date stored into a Datetime (an argument, a field, a variable) becomes midnight GMT of that day, not local
      // midnight (salesforce.stackexchange.com/questions/281180).
      if (v instanceof ApexDate) return new ApexDatetime(Date.UTC(v.year, v.month - 1, v.day));
      return v;
    case 'list':
    case 'set':
    case 'map':
      return v;
  }
  if (v instanceof ApexList && !(t.name === 'list')) return singleRow(v, t, env) ?? v;
  return v;
}

/**
 * A list of SObjects (a query's rows) stored into or cast to a single SObject: its one row, or the platform's
 * QueryException for none or several; undefined when `t` is not an SObject type.
 */
function singleRow(v: ApexList, t: TypeRef, env: TypeEnv): Value | undefined {
  const n = stripSystem(t.name);
  const isSObjectSlot = n === 'sobject' || env.sobjectName(t.name) !== null;
  if (!isSObjectSlot || !v.elementType || !(v.items.length === 0 || v.items[0] instanceof SObject)) return undefined;
  if (v.items.length === 0) apexThrow('QueryException', 'List has no rows for assignment to SObject');
  if (v.items.length > 1) apexThrow('QueryException', 'List has more than 1 row for assignment to SObject');
  return v.items[0];
}

/**
 * A value written to an SObject field by Apex code (`a.Id = '001…'`, `new Account(Id = '001…')`): the Id field takes
 * a String as an Id, validated (`StringException: Invalid id: x`), as the platform converts it on assignment.
 */
export function sobjectFieldValue(field: string, v: Value): Value {
  return typeof v === 'string' && field.toLowerCase() === 'id' ? toId(v) : v;
}

export function toId(s: string): ApexId {
  const id = to18(s);
  if (!id) apexThrow('StringException', `Invalid id: ${s}`);
  return new ApexId(id);
}

/** A type's name as the platform spells it in messages (`Datetime`, `Account`, `List<String>`), not as written. */
export function typeDisplayName(t: TypeRef, env: TypeEnv): string {
  const n = stripSystem(t.name);
  const primitive = PRIMITIVE_SPELLING[n];
  if (primitive) return primitive;
  const args = () => t.args.map((a) => typeDisplayName(a, env)).join(',');
  if (n === 'list' || n === 'set' || n === 'map') return `${n[0].toUpperCase()}${n.slice(1)}<${args()}>`;
  const cls = env.classFor(t);
  if (cls) return cls.display;
  return env.sobjectName(t.name) ?? t.display;
}

/** Explicit cast `(T) v`: numeric conversions Apex allows, otherwise an instance check raising TypeException. */
export function cast(v: Value, t: TypeRef, env: TypeEnv): Value {
  if (v === null) return null;
  const n = stripSystem(t.name);
  if (n === 'integer' && typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
  if (n === 'long' && typeof v === 'number') return BigInt(v);
  if (
    (n === 'decimal' || n === 'double') &&
    (typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal || v instanceof ApexDouble)
  ) {
    return coerce(v, { ...t, name: n }, env);
  }
  if (n === 'string' && v instanceof ApexId) return v.value;
  if (n === 'id' && typeof v === 'string') return toId(v);
  // `(Datetime) aDate` converts as assignment does: midnight GMT of that day.
  if (n === 'datetime' && v instanceof ApexDate) return coerce(v, { ...t, name: n }, env);
  if (
    (n === 'list' && v instanceof ApexList) ||
    (n === 'map' && v instanceof ApexMap) ||
    (n === 'set' && v instanceof ApexSet)
  )
    return v;
  if (isInstance(v, t, env)) return v;
  // `(Account) Database.query(…)`: a dynamic query's rows cast to one record, as inline SOQL assigns them.
  const row = v instanceof ApexList ? singleRow(v, t, env) : undefined;
  if (row !== undefined) return isInstance(row, t, env) ? row : cast(row, t, env);
  return apexThrow(
    'TypeException',
    `Invalid conversion from runtime type ${runtimeTypeName(v)} to ${typeDisplayName(t, env)}`
  );
}
