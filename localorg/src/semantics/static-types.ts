/**
 * Static types of expressions, as Apex's compiler knows them: literals, casts, declared locals and parameters, fields
 * and properties, `new`, and the return types of user methods. The resolver ({@link ./resolver.ts}) uses them to
 * choose overloads by the arguments' static types, as the platform does (`foo((String) null)` calls `foo(String)`,
 * never `foo(Boolean)`), and to reject calls and names that do not exist before anything runs.
 *
 * A type is a canonical {@link TypeRef} (user classes by full lower-case name, SObjects by lower-case API name,
 * primitives without `System.`), {@link NULL_T} for the `null` literal, or null when this pass cannot tell (native
 * method results, SObject fields): an unknown type leaves the choice to the argument's run-time value.
 */
import { ApexDouble, Decimal, type TypeRef } from '../values/values.js';
import type { ClassInfo, ClassRegistry } from './classes.js';

/** What the semantic pass needs to know about types that are not user classes, answered by the runtime. */
export interface TypeWorld {
  /** The SObject API name a type name denotes (`account` → `Account`), or null. */
  sobjectName(name: string): string | null;
  /** Whether a dotted canonical name denotes a type or namespace that is not a user class (native, SObject, `Trigger`). */
  namesOtherType(parts: string[]): boolean;
}

/** The static type of the `null` literal: assignable to every type. */
export const NULL_T: TypeRef = { name: '<null>', args: [], display: 'null' };

/** Apex's primitive types by canonical name (lower case, without `System.`), spelled as the platform prints them. */
export const PRIMITIVE_SPELLING: Readonly<Record<string, string>> = {
  string: 'String',
  integer: 'Integer',
  long: 'Long',
  double: 'Double',
  decimal: 'Decimal',
  boolean: 'Boolean',
  id: 'Id',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time',
  blob: 'Blob',
  object: 'Object'
};

/** Apex's primitive type names (lower case, without `System.`), `Object` included. */
export const PRIMITIVES: ReadonlySet<string> = new Set(Object.keys(PRIMITIVE_SPELLING));

/** The numeric types in widening order: Integer → Long → Double → Decimal. */
export const NUMERIC_RANK: Readonly<Record<string, number>> = { integer: 1, long: 2, double: 3, decimal: 4 };

/** A canonical type name without its `system.` namespace. */
export function stripSystem(name: string): string {
  return name.startsWith('system.') ? name.slice(7) : name;
}

export function simple(name: string, display: string): TypeRef {
  return { name, args: [], display };
}

/** Canonical form of a declared type as seen from `from`. */
export function canonicalType(t: TypeRef, from: ClassInfo | null, registry: ClassRegistry, world: TypeWorld): TypeRef {
  const n = stripSystem(t.name);
  if (PRIMITIVES.has(n)) return n === t.name && t.args.length === 0 ? t : { name: n, args: [], display: t.display };
  if (n === 'list' || n === 'set' || n === 'map' || n === 'iterable' || n === 'iterator') {
    return { name: n, args: t.args.map((a) => canonicalType(a, from, registry, world)), display: t.display };
  }
  if (n === 'sobject' || n === 'schema.sobject') return { name: 'sobject', args: [], display: 'SObject' };
  const cls = registry.resolve(t.name, from);
  if (cls) return { name: cls.name, args: [], display: cls.display };
  const api = world.sobjectName(t.name.startsWith('schema.') ? t.name.slice(7) : t.name);
  if (api) return { name: api.toLowerCase(), args: [], display: api };
  // The Schema namespace is implied: `SObjectField` and `Schema.SObjectField` are one type.
  if (t.name.startsWith('schema.')) return { name: t.name.slice('schema.'.length), args: t.args, display: t.display };
  return t;
}

/** A widening or subtyping fit `d` steps away: nearer is better, all of them below exact (3) and above Object (1). */
function near(d: number): number {
  return 2 + 1 / (d + 1);
}

/**
 * How well a value of static type `s` fits a parameter of type `p` (both canonical): 3 exact; between 2 and 2.5 by
 * widening or subtyping, the nearer the better (an Integer fits Long before Double before Decimal, a Dog fits Dog's
 * parent before its grandparent); 1 through Object or as `null`; -1 not at all (a compile error on the platform).
 */
export function staticScore(s: TypeRef, p: TypeRef, registry: ClassRegistry, world: TypeWorld): number {
  if (s === NULL_T) return 1;
  if (p.name === 'object') return s.name === 'object' ? 3 : 1;
  if (s.name === p.name) {
    if (p.args.length === 0 || s.args.length === 0) return 3;
    let worst = 3;
    for (let i = 0; i < p.args.length; i++) {
      const e = elementScore(s.args[i], p.args[i], registry, world);
      if (e < 0) return -1;
      worst = Math.min(worst, e);
    }
    return worst;
  }
  const sr = NUMERIC_RANK[s.name];
  const pr = NUMERIC_RANK[p.name];
  // Integer → Long → Double → Decimal; a Decimal also passes where a Double is expected (decimal literals do).
  if (sr !== undefined && pr !== undefined)
    return sr < pr ? near(pr - sr) : s.name === 'decimal' && p.name === 'double' ? 2 : -1;
  if (s.name === 'id' && p.name === 'string') return near(1);
  if (s.name === 'string' && p.name === 'id') return 1;
  if (p.name === 'sobject') return isSObject(s, world) ? near(1) : -1;
  if (s.name === 'sobject') return -1;
  const sc = registry.all.get(s.name);
  if (sc) {
    const d = subtypeDistance(sc, p.name);
    return d < 0 ? -1 : near(d);
  }
  if (PRIMITIVES.has(s.name) || isSObject(s, world) || s.name === 'list' || s.name === 'set' || s.name === 'map')
    return -1;
  // A native type (Database.SaveResult, Schema.DescribeFieldResult…): its supertypes are not modelled here.
  return s.name === p.name ? 3 : -1;
}

/** Steps from `cls` up to the supertype named `name` through superclasses and interfaces (-1 when not a supertype). */
export function subtypeDistance(cls: ClassInfo, name: string): number {
  if (!cls.isSubtypeOf(name)) return -1;
  let level: ClassInfo[] = [cls];
  for (let d = 0; level.length > 0; d++) {
    const next: ClassInfo[] = [];
    for (const c of level) {
      if (c.name === name || c.name === 'system.' + name) return d;
      if (c.superclass) next.push(c.superclass);
      next.push(...c.interfaces);
    }
    level = next;
  }
  return -1;
}

/**
 * Collection element fit: collections of a subtype are accepted where collections of the supertype are expected,
 * the nearer supertype the better (List<Account> fits List<SObject> before List<Object>).
 */
function elementScore(s: TypeRef | undefined, p: TypeRef, registry: ClassRegistry, world: TypeWorld): number {
  if (!s) return 2;
  if (s.name === p.name) return 3;
  if (p.name === 'object') return 2;
  if (p.name === 'sobject' && isSObject(s, world)) return near(1);
  const sc = registry.all.get(s.name);
  const d = sc ? subtypeDistance(sc, p.name) : -1;
  return d < 0 ? -1 : near(d);
}

function isSObject(t: TypeRef, world: TypeWorld): boolean {
  return t.name === 'sobject' || (!PRIMITIVES.has(t.name) && world.sobjectName(t.name) !== null);
}

/** The static type of a literal value as lowered (strings, Integers, Longs, Booleans, Decimals). */
export function literalType(v: unknown): TypeRef {
  if (v === null) return NULL_T;
  switch (typeof v) {
    case 'string':
      return simple('string', 'String');
    case 'number':
      return simple('integer', 'Integer');
    case 'bigint':
      return simple('long', 'Long');
    case 'boolean':
      return simple('boolean', 'Boolean');
  }
  if (v instanceof Decimal) return simple('decimal', 'Decimal');
  if (v instanceof ApexDouble) return simple('double', 'Double');
  return simple('object', 'Object');
}

/** The wider of two numeric types (`Integer + Long` is a Long), or null when either is not numeric. */
export function widerNumeric(a: TypeRef, b: TypeRef): TypeRef | null {
  const ra = NUMERIC_RANK[a.name];
  const rb = NUMERIC_RANK[b.name];
  if (ra === undefined || rb === undefined) return null;
  if (a.name === 'double' || b.name === 'double') return simple('double', 'Double');
  return ra >= rb ? a : b;
}
