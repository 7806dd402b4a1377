/**
 * The class registry: every user, prelude and built-in exception class as a {@link ClassInfo}, linked to its
 * superclass and interfaces once, with member tables that fold inheritance so the interpreter looks a name up in one
 * Map. Type names resolve the way Apex scopes them: inner classes of the current class and its outers, then top-level
 * classes, then the System namespace.
 */
import type { CtorDecl, FieldDecl, MethodDecl, PropertyDecl, TypeDecl } from '../syntax/ast.js';
import { ApexEnumValue, type ClassHandle, type TypeRef } from '../values/values.js';

export interface MethodInfo {
  decl: MethodDecl;
  owner: ClassInfo;
  /** Whether it is an `@future` method (its calls queue a job), worked out on the first call. */
  future?: boolean;
}

export type MemberInfo =
  { kind: 'field'; decl: FieldDecl; owner: ClassInfo } | { kind: 'prop'; decl: PropertyDecl; owner: ClassInfo };

/** System exception classes. `System.` is their namespace; all descend from System.Exception. */
export const BUILTIN_EXCEPTIONS = [
  'AssertException',
  'AsyncException',
  'AuraHandledException',
  'CalloutException',
  'DataWeaveScriptException',
  'DmlException',
  'EmailException',
  'FinalException',
  'HandledException',
  'IllegalArgumentException',
  'InvalidHeaderException',
  'InvalidParameterValueException',
  'JSONException',
  'LimitException',
  'ListException',
  'MathException',
  'NoAccessException',
  'NoDataFoundException',
  'NoSuchElementException',
  'NullPointerException',
  'QueryException',
  'RequiredFeatureMissingException',
  'SearchException',
  'SecurityException',
  'SerializationException',
  'SObjectException',
  'StringException',
  'TypeException',
  'UnexpectedException',
  'UnsupportedOperationException',
  'VisualforceException',
  'XmlException'
];

/** Platform interfaces user classes implement; they carry no methods we need, only subtype identity. */
const BUILTIN_INTERFACES = [
  'System.Comparable',
  'System.Comparator',
  'System.Schedulable',
  'System.Queueable',
  'System.Finalizer',
  'System.Callable',
  'System.Iterable',
  'System.Iterator',
  'System.HttpCalloutMock',
  'System.StubProvider',
  'System.WebServiceMock',
  'Database.Batchable',
  'Database.Stateful',
  'Database.AllowsCallouts',
  'Database.RaisesPlatformEvents',
  'Auth.RegistrationHandler'
];

export class ClassInfo implements ClassHandle {
  superclass: ClassInfo | null = null;
  interfaces: ClassInfo[] = [];
  readonly inner = new Map<string, ClassInfo>();
  /** Methods declared here, by name. */
  readonly ownMethods = new Map<string, MethodInfo[]>();
  enumValues: ApexEnumValue[] = [];
  private supertypes: Set<string> | null = null;
  private methodCache = new Map<string, MethodInfo[]>();
  private memberCache: Map<string, MemberInfo> | null = null;
  linked = false;
  /** Set for classes whose static initialisation ran in the current static generation. */
  staticGeneration = -1;

  constructor(
    readonly name: string,
    readonly display: string,
    readonly kind: 'class' | 'interface' | 'enum',
    readonly decl: TypeDecl | null,
    readonly outer: ClassInfo | null
  ) {
    if (decl) {
      for (const m of decl.methods) {
        const list = this.ownMethods.get(m.name);
        const info = { decl: m, owner: this };
        if (list) list.push(info);
        else this.ownMethods.set(m.name, [info]);
      }
      if (kind === 'enum') this.enumValues = decl.enumValues.map((v, i) => new ApexEnumValue(name, v, i));
    }
  }

  get isBuiltin(): boolean {
    return this.decl === null;
  }

  get ctors(): CtorDecl[] {
    return this.decl?.ctors ?? [];
  }

  isSubtypeOf(canonicalName: string): boolean {
    if (!this.supertypes) {
      const s = new Set<string>();
      const visit = (c: ClassInfo) => {
        s.add(c.name);
        if (c.superclass) visit(c.superclass);
        for (const i of c.interfaces) visit(i);
      };
      visit(this);
      this.supertypes = s;
    }
    return (
      this.supertypes.has(canonicalName) ||
      (!canonicalName.includes('.') && this.supertypes.has('system.' + canonicalName))
    );
  }

  /**
   * A class of localorg's prelude (boot loads them as `localorg-prelude/<file>`): a partial stand-in for a platform
   * class or namespace, so what it lacks is "not supported by localorg", never "does not exist".
   */
  get isPrelude(): boolean {
    return this.decl?.file.startsWith('localorg-prelude/') ?? false;
  }

  hasMethod(name: string): boolean {
    return this.methods(name).length > 0;
  }

  /**
   * The nearest built-in class among this class and its superclasses other than System.Exception (QueryException for
   * `class Denied extends QueryException`), whose own members localorg does not model in source; null when none.
   */
  get platformAncestor(): ClassInfo | null {
    if (this.isBuiltin && this.name !== 'system.exception') return this;
    return this.superclass?.platformAncestor ?? null;
  }

  get isException(): boolean {
    return this.isSubtypeOf('system.exception');
  }

  /** Methods named `name` visible on instances/statics of this class, most-derived first (overrides shadow). */
  methods(name: string): MethodInfo[] {
    let hit = this.methodCache.get(name);
    if (hit) return hit;
    hit = [];
    const seen: MethodDecl[] = [];
    for (const c of ancestry(this)) {
      for (const m of c.ownMethods.get(name) ?? []) {
        // A subclass method with the same parameter types overrides the inherited one.
        if (seen.some((s) => sameSignature(s, m.decl))) continue;
        seen.push(m.decl);
        hit.push(m);
      }
    }
    // Interface default lookups (abstract declarations) are only used when nothing concrete exists.
    if (hit.length === 0) {
      const stack = [...this.interfaces];
      while (stack.length) {
        const i = stack.pop()!;
        hit.push(...(i.ownMethods.get(name) ?? []));
        stack.push(...i.interfaces);
      }
    }
    this.methodCache.set(name, hit);
    return hit;
  }

  /** Fields and properties by name, inherited ones included (the most-derived declaration wins). */
  member(name: string): MemberInfo | undefined {
    if (!this.memberCache) {
      const m = new Map<string, MemberInfo>();
      const chain: ClassInfo[] = [];
      chain.push(...ancestry(this).reverse());
      for (const c of chain) {
        if (!c.decl) continue;
        for (const f of c.decl.fields) m.set(f.name, { kind: 'field', decl: f, owner: c });
        for (const p of c.decl.properties) m.set(p.name, { kind: 'prop', decl: p, owner: c });
      }
      this.memberCache = m;
    }
    return this.memberCache.get(name);
  }

  /** Instance fields and properties in declaration order, superclass first (JSON field order). */
  instanceMembers(): MemberInfo[] {
    const out: MemberInfo[] = [];
    const chain: ClassInfo[] = [];
    chain.push(...ancestry(this).reverse());
    for (const c of chain) {
      if (!c.decl) continue;
      const list: MemberInfo[] = [
        ...c.decl.fields.filter((f) => !f.isStatic).map((f) => ({ kind: 'field' as const, decl: f, owner: c })),
        ...c.decl.properties.filter((p) => !p.isStatic).map((p) => ({ kind: 'prop' as const, decl: p, owner: c }))
      ];
      list.sort((a, b) => a.decl.pos.line - b.decl.pos.line || a.decl.pos.col - b.decl.pos.col);
      out.push(...list);
    }
    return out;
  }

  hasAnnotation(name: string): boolean {
    return this.decl?.annotations.some((a) => a.name === name) ?? false;
  }
}

/** The class and its superclasses, most-derived first. */
function ancestry(c: ClassInfo): ClassInfo[] {
  const out: ClassInfo[] = [];
  for (let x: ClassInfo | null = c; x; x = x.superclass) out.push(x);
  return out;
}

/** Same parameter types, type arguments included: `f(List<String>)` does not override `f(List<Object>)`. */
function sameSignature(a: MethodDecl, b: MethodDecl): boolean {
  if (a.params.length !== b.params.length) return false;
  return a.params.every((p, i) => sameType(p.type, b.params[i].type));
}

function sameType(a: TypeRef, b: TypeRef): boolean {
  return a.name === b.name && a.args.length === b.args.length && a.args.every((x, i) => sameType(x, b.args[i]));
}

export class ClassRegistry {
  /** Top-level classes by canonical name, plus built-ins under `system.x` / `database.x`. */
  readonly top = new Map<string, ClassInfo>();
  /** Every class by canonical full name (`outer.inner`). */
  readonly all = new Map<string, ClassInfo>();
  readonly exceptionBase: ClassInfo;

  constructor() {
    const objectLike = (full: string, kind: 'class' | 'interface') => {
      const display = full;
      const c = new ClassInfo(full.toLowerCase(), display, kind, null, null);
      this.all.set(c.name, c);
      return c;
    };
    this.exceptionBase = objectLike('System.Exception', 'class');
    for (const e of BUILTIN_EXCEPTIONS) objectLike('System.' + e, 'class').superclass = this.exceptionBase;
    for (const i of BUILTIN_INTERFACES) objectLike(i, 'interface');
  }

  /** Adds a top-level declaration and its inner types. Throws on a duplicate class name. */
  add(decl: TypeDecl): ClassInfo {
    if (this.top.has(decl.name)) {
      const prev = this.top.get(decl.name)!;
      throw new Error(
        `${decl.file}:${decl.pos.line}:${decl.pos.col} duplicate class ${decl.display} (also in ${prev.decl?.file})`
      );
    }
    const c = this.addNested(decl, null);
    this.top.set(decl.name, c);
    return c;
  }

  private addNested(decl: TypeDecl, outer: ClassInfo | null): ClassInfo {
    const name = outer ? `${outer.name}.${decl.name}` : decl.name;
    const display = outer ? `${outer.display}.${decl.display}` : decl.display;
    const c = new ClassInfo(name, display, decl.kind, decl, outer);
    this.all.set(name, c);
    for (const i of decl.inner) c.inner.set(i.name, this.addNested(i, c));
    return c;
  }

  /** Resolves superclasses and interfaces of every registered class. Unknown interfaces become empty placeholders. */
  link(): void {
    for (const c of this.all.values()) {
      if (!c.decl || c.linked) continue;
      c.linked = true;
      if (c.decl.extends) {
        const s = this.resolve(c.decl.extends.name, c.outer ?? c);
        if (!s)
          throw new Error(
            `${c.decl.file}:${c.decl.pos.line}:${c.decl.pos.col} Invalid type: ${c.decl.extends.display}`
          );
        if (c.kind === 'interface') c.interfaces.push(s);
        else c.superclass = s;
      }
      for (const t of c.decl.implements) {
        let i = this.resolve(t.name, c.outer ?? c);
        if (!i) {
          i = new ClassInfo(t.name, t.display, 'interface', null, null);
          this.all.set(t.name, i);
        }
        c.interfaces.push(i);
      }
    }
  }

  /** Resolves a canonical dotted type name as seen from inside `from` (null: top level). */
  resolve(name: string, from: ClassInfo | null): ClassInfo | null {
    const parts = name.split('.');
    let head: ClassInfo | null = null;
    for (let c = from; c && !head; c = c.outer) {
      head = c.inner.get(parts[0]) ?? (c.name.endsWith(parts[0]) && c.name.split('.').pop() === parts[0] ? c : null);
      // Inner types inherited from a superclass are visible too.
      for (let s = c.superclass; s && !head; s = s.superclass) head = s.inner.get(parts[0]) ?? null;
    }
    head ??= this.top.get(parts[0]) ?? null;
    if (head) {
      let cur: ClassInfo | null = head;
      for (let i = 1; i < parts.length && cur; i++) cur = cur.inner.get(parts[i]) ?? null;
      if (cur) return cur;
    }
    return this.all.get(name) ?? this.all.get('system.' + name) ?? null;
  }
}
