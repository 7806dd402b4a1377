/**
 * The type rules the resolver ({@link ./resolver.ts}) checks when code is loaded, kept to what static types decide
 * with certainty: whether a value of one type may be assigned to a slot of another (the Apex guide's "Rules of
 * Conversion": Integer → Long → Double → Decimal, Id ↔ String, subclass → superclass), and whether a statement can
 * complete normally (so a non-void method falls off its end). Anything these rules cannot be sure of answers
 * "unknown", and the resolver stays silent.
 */
import type { Block, Stmt } from '../syntax/ast.js';
import type { TypeRef } from '../values/values.js';
import type { ClassInfo, ClassRegistry } from './classes.js';
import { NULL_T, NUMERIC_RANK, PRIMITIVES, PRIMITIVE_SPELLING, type TypeWorld } from './static-types.js';

const COLLECTIONS = new Set(['list', 'set', 'map']);
const PRIMITIVE_DISPLAY: Record<string, string> = {
  ...PRIMITIVE_SPELLING,
  sobject: 'SObject',
  list: 'List',
  set: 'Set',
  map: 'Map'
};

/** What the checks need to know about the program's types. */
export interface TypeFacts {
  registry: ClassRegistry;
  world: TypeWorld;
  /** Whether every supertype of a user class is declared in source, so its supertypes are exactly known. */
  knowsHierarchy(cls: ClassInfo): boolean;
}

type Kind = 'null' | 'object' | 'numeric' | 'primitive' | 'collection' | 'sobject' | 'user' | 'unknown';

function kindOf(t: TypeRef, facts: TypeFacts): Kind {
  if (t === NULL_T) return 'null';
  if (t.name === 'object') return 'object';
  if (NUMERIC_RANK[t.name] !== undefined) return 'numeric';
  if (PRIMITIVES.has(t.name)) return 'primitive';
  if (COLLECTIONS.has(t.name)) return 'collection';
  if (t.name === 'sobject' || facts.world.sobjectName(t.name)) return 'sobject';
  const cls = facts.registry.all.get(t.name);
  if (cls && cls.decl && facts.knowsHierarchy(cls)) return 'user';
  return 'unknown';
}

/**
 * Whether a value of static type `s` may be assigned to a slot of type `t` (both canonical): true, false (the
 * platform's "Illegal assignment"), or undefined when these rules cannot be sure (native types, Date and Datetime,
 * an SObject into a specific SObject, generic type arguments).
 */
export function assignable(s: TypeRef, t: TypeRef, facts: TypeFacts): boolean | undefined {
  const ks = kindOf(s, facts);
  const kt = kindOf(t, facts);
  if (ks === 'null' || kt === 'object') return true;
  if (ks === 'unknown' || kt === 'unknown') return undefined;
  if (s.name === t.name) return true;
  if (ks === 'numeric' && kt === 'numeric') {
    // A lower type converts to any higher one; a Decimal also converts to a Double (decimal literals do).
    return NUMERIC_RANK[s.name] < NUMERIC_RANK[t.name] || (s.name === 'decimal' && t.name === 'double');
  }
  if ((s.name === 'id' && t.name === 'string') || (s.name === 'string' && t.name === 'id')) return true;
  const dates = new Set(['date', 'datetime']);
  if (dates.has(s.name) && dates.has(t.name)) return undefined;
  if (ks === 'sobject' && kt === 'sobject') {
    if (t.name === 'sobject') return true;
    return s.name === 'sobject' ? undefined : false;
  }
  if (ks === 'user' && kt === 'user') return facts.registry.all.get(s.name)!.isSubtypeOf(t.name);
  if (ks === 'object') return false;
  // What remains are different primitives, a List and a Set, or types of different kinds (a primitive and a class,
  // an SObject and a String): no conversion joins them.
  return false;
}

/**
 * Whether a cast from static type `s` to `t` (both canonical) can succeed for some value: false when no value of `s`
 * is ever a `t` (the platform's "Incompatible types since an instance of S is never an instance of T"), true when
 * one is, undefined when these rules cannot be sure (numbers, which the platform converts by rules of its own; Date
 * and Datetime; interfaces and enums, which any class or none may implement; native types).
 */
export function castable(s: TypeRef, t: TypeRef, facts: TypeFacts): boolean | undefined {
  const ks = kindOf(s, facts);
  const kt = kindOf(t, facts);
  if (ks === 'null' || ks === 'object' || kt === 'object') return true;
  if (ks === 'unknown' || kt === 'unknown') return undefined;
  if (s.name === t.name) return true;
  if (ks === 'numeric' && kt === 'numeric') return undefined;
  if (assignable(s, t, facts) !== false || assignable(t, s, facts) !== false) return true;
  if (ks === 'user' && kt === 'user') {
    const a = facts.registry.all.get(s.name)!;
    const b = facts.registry.all.get(t.name)!;
    // Two classes neither of which extends the other share no instance; an interface may be implemented by any class.
    return a.kind === 'class' && b.kind === 'class' ? false : undefined;
  }
  if (ks === 'user' || kt === 'user') {
    // An enum is never a primitive, a collection or an SObject; neither is a class or an interface.
    return false;
  }
  return false;
}

/** A canonical type spelled as the platform prints it in compile errors (`List<Account>`, `Integer`, `Outer.Inner`). */
export function typeDisplay(t: TypeRef, facts: TypeFacts): string {
  const base =
    PRIMITIVE_DISPLAY[t.name] ??
    facts.registry.all.get(t.name)?.display ??
    facts.world.sobjectName(t.name) ??
    t.display.replace(/<.*$/, '');
  return t.args.length ? `${base}<${t.args.map((a) => typeDisplay(a, facts)).join(', ')}>` : base;
}

/**
 * Whether a statement can complete normally (run off its end) rather than always returning, throwing, or looping
 * for ever. Lenient where unsure (a `switch` whose branches all leave, an unsupported statement): those count as
 * not completing, so a missing return is only reported when certain.
 */
export function completesNormally(s: Stmt): boolean {
  switch (s.kind) {
    case 'block':
      return blockCompletes(s);
    case 'return':
    case 'throw':
    case 'break':
    case 'continue':
    case 'unsupported':
      return false;
    case 'if':
      return !s.else || completesNormally(s.then) || completesNormally(s.else);
    case 'while':
      return !isTrue(s.test) || breaks(s.body);
    case 'for':
      return (s.test !== null && !isTrue(s.test)) || breaks(s.body);
    case 'doWhile':
      return (!isTrue(s.test) && (completesNormally(s.body) || continues(s.body))) || breaks(s.body);
    case 'try': {
      if (s.finally && !blockCompletes(s.finally)) return false;
      return blockCompletes(s.body) || s.catches.some((k) => blockCompletes(k.body));
    }
    case 'switch':
      return s.whens.some((w) => blockCompletes(w.body));
    case 'runAs':
      return blockCompletes(s.body);
    case 'forEach':
    case 'local':
    case 'expr':
    case 'dml':
      return true;
  }
}

function blockCompletes(b: Block): boolean {
  return b.stmts.every(completesNormally);
}

function isTrue(e: { kind: string; value?: unknown }): boolean {
  return e.kind === 'literal' && e.value === true;
}

/** Whether `s` holds a `break` that leaves the loop whose body it is (not one of an inner loop). */
function breaks(s: Stmt): boolean {
  return jumps(s, 'break');
}

function continues(s: Stmt): boolean {
  return jumps(s, 'continue');
}

function jumps(s: Stmt, kind: 'break' | 'continue'): boolean {
  switch (s.kind) {
    case 'break':
    case 'continue':
      return s.kind === kind;
    case 'block':
      return s.stmts.some((x) => jumps(x, kind));
    case 'if':
      return jumps(s.then, kind) || (!!s.else && jumps(s.else, kind));
    case 'try':
      return [s.body, ...s.catches.map((k) => k.body), ...(s.finally ? [s.finally] : [])].some((b) => jumps(b, kind));
    case 'switch':
      return s.whens.some((w) => jumps(w.body, kind));
    case 'runAs':
      return jumps(s.body, kind);
    default:
      return false;
  }
}
