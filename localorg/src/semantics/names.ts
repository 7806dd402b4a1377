/**
 * Name lookups the resolver ({@link ./resolver.ts}) makes: fields and properties by bare name, static fields and enum
 * values, whether a dotted name denotes a user class, another type or a value, the methods a call can reach, and
 * whether a class's hierarchy is known well enough to say that something certainly does not exist.
 */
import type { Expr } from '../syntax/ast.js';
import type { TypeRef } from '../values/values.js';
import type { ClassInfo, ClassRegistry, MemberInfo, MethodInfo } from './classes.js';
import { isPlatformName } from './platform-names.js';
import { canonicalType, simple, type TypeWorld } from './static-types.js';

/** Methods every object answers, and those every exception adds (never "does not exist"). */
const OBJECT_METHODS = new Set(['tostring', 'equals', 'hashcode']);
const EXCEPTION_METHODS = new Set([
  'getmessage',
  'setmessage',
  'getcause',
  'initcause',
  'gettypename',
  'getlinenumber',
  'getstacktracestring',
  'getnumdml',
  'getdmlmessage',
  'getdmlid',
  'getdmlindex',
  'getdmlfieldnames',
  'getdmltype',
  'getdmlstatuscode'
]);

export class Names {
  constructor(
    readonly registry: ClassRegistry,
    readonly world: TypeWorld
  ) {}

  canon(t: TypeRef, from: ClassInfo | null): TypeRef {
    return canonicalType(t, from, this.registry, this.world);
  }

  /** A field or property visible by bare name: its canonical type, null when typeless, undefined when absent. */
  member(cls: ClassInfo, name: string): TypeRef | null | undefined {
    for (let o: ClassInfo | null = cls; o; o = o.outer) {
      const m = o.member(name);
      if (m) return this.canon(m.decl.type, m.owner);
    }
    return undefined;
  }

  /** The field or property a bare name reaches from `cls`, and whether it belongs to an outer class. */
  bareMember(cls: ClassInfo, name: string): { member: MemberInfo; outer: boolean } | undefined {
    for (let o: ClassInfo | null = cls; o; o = o.outer) {
      const m = o.member(name);
      if (m) return { member: m, outer: o !== cls };
    }
    return undefined;
  }

  /**
   * Whether `cls` certainly has no field, property, enum value or inner type called `name`: its hierarchy is all
   * source, so a name it lacks is the platform's "Variable does not exist".
   */
  lacksMember(cls: ClassInfo, name: string): boolean {
    if (!cls.decl || !this.knowsHierarchy(cls) || cls.member(name) || cls.inner.has(name)) return false;
    return !cls.enumValues.some((v) => v.name.toLowerCase() === name);
  }

  /**
   * Whether a field or property declared private (explicitly or by default) is read from outside the top-level class
   * that declares it. Code in an `@IsTest` class is not judged (a `@TestVisible` member is visible there, and field
   * annotations are not kept); protected members are not judged.
   */
  notVisible(member: MemberInfo, from: ClassInfo): boolean {
    const mods = member.decl.modifiers;
    if (mods.has('public') || mods.has('global') || mods.has('protected') || member.owner.isPrelude) return false;
    const top = outermost(from);
    return outermost(member.owner) !== top && !top.hasAnnotation('istest');
  }

  staticField(cls: ClassInfo, name: string): TypeRef | null {
    const m = cls.member(name);
    if (m) return this.canon(m.decl.type, m.owner);
    if (cls.kind === 'enum' && cls.enumValues.some((v) => v.name.toLowerCase() === name))
      return simple(cls.name, cls.display);
    return null;
  }

  fieldOf(t: TypeRef, name: string): TypeRef | null {
    const cls = this.registry.all.get(t.name);
    if (!cls || !cls.decl) return null;
    const m = cls.member(name);
    return m ? this.canon(m.decl.type, m.owner) : null;
  }

  /**
   * When `e` names a user class rather than a value: that class; null when it names some other type or namespace
   * (native, SObject); undefined when it is a value. `isLocal` tells whether a bare name is a local variable. In a
   * static context an instance field does not hide a type of the same name (`Operator.EQUALS` in a static method of
   * a class with a field `operator` and an enum `Operator`), as at run time.
   */
  typeTarget(
    e: Expr,
    from: ClassInfo,
    isLocal: (name: string) => boolean,
    isStatic: boolean
  ): ClassInfo | null | undefined {
    const parts: string[] = [];
    let x: Expr = e;
    while (x.kind === 'field') {
      parts.unshift(x.name);
      x = x.target;
    }
    if (x.kind !== 'name') return undefined;
    parts.unshift(x.name);
    if (isLocal(x.name)) return undefined;
    const m = this.bareMember(from, x.name);
    if (m && (m.member.decl.isStatic || (!isStatic && !m.outer))) return undefined;
    for (let n = parts.length; n >= 1; n--) {
      const joined = parts.slice(0, n).join('.');
      const cls = this.registry.resolve(joined, from);
      if (cls && cls.decl) return n === parts.length ? cls : undefined;
      if (cls || this.world.namesOtherType(parts.slice(0, n)) || (n === 1 && isPlatformName(parts[0])))
        return n === parts.length ? null : undefined;
    }
    return undefined;
  }

  namesType(parts: string[], from: ClassInfo): boolean {
    return (
      !!this.registry.resolve(parts.join('.'), from) ||
      this.world.namesOtherType(parts) ||
      (parts.length === 1 && isPlatformName(parts[0]))
    );
  }

  /** Methods a call can reach: the class's own and inherited ones, and for a bare call its outer classes' too. */
  candidates(owner: ClassInfo, name: string, bareCall: boolean): MethodInfo[] {
    const out = [...owner.methods(name)];
    if (bareCall) for (let o = owner.outer; o; o = o.outer) out.push(...o.methods(name));
    return out;
  }

  /** Whether a method of that name certainly does not exist on `owner` (its whole hierarchy is user code). */
  missingIsCertain(owner: ClassInfo, name: string, staticCall: boolean): boolean {
    if (owner.kind === 'enum') return false;
    if (!staticCall && (OBJECT_METHODS.has(name) || (owner.isException && EXCEPTION_METHODS.has(name)))) return false;
    if (!staticCall && name === 'getinaccessiblefields' && owner.isSubtypeOf('system.queryexception')) return false;
    if (owner.name.startsWith('trigger.')) return false;
    for (let o: ClassInfo | null = owner; o; o = o.outer) if (!this.knowsHierarchy(o)) return false;
    return true;
  }

  /**
   * Whether every supertype of `cls` is declared in source or is System.Exception itself, so lookups are exact. A
   * built-in exception such as QueryException has members of its own (`getInaccessibleFields`) that are not modelled
   * here, so a hierarchy that reaches one is not known.
   */
  knowsHierarchy(cls: ClassInfo): boolean {
    if (cls.platformAncestor) return false;
    for (let s: ClassInfo | null = cls; s; s = s.superclass) {
      if (s.isPrelude) return false;
      if (s.decl && s.decl.extends && !s.superclass && s.kind !== 'interface') return false;
      for (const i of s.interfaces) if (!i.decl || !this.knowsHierarchy(i)) return false;
    }
    return true;
  }
}

function outermost(cls: ClassInfo): ClassInfo {
  let o = cls;
  while (o.outer) o = o.outer;
  return o;
}
