/**
 * Checks on calls and `new` that the resolver ({@link ./resolver.ts}) makes once it knows the candidates, worded as
 * the platform's compiler words them (the message catalogue of Salesforce's Apex language server,
 * forcedotcom/apex-language-support `messages_en_US.properties`): an instance method called from a static context or
 * a static method through a value, a call or a user class's constructor that no declaration takes (by number of
 * arguments, or by a type that can certainly not be assigned), and a call two interface overloads fit equally. Each answers null when it is not
 * certain, and the call is left to run time.
 */
import type { TypeRef } from '../values/values.js';
import type { ClassInfo, MethodInfo } from './classes.js';
import type { Names } from './names.js';
import { NULL_T } from './static-types.js';
import { assignable, typeDisplay, type TypeFacts } from './type-checks.js';

/** How a call reaches its method. */
export interface CallShape {
  /** The method name as written at the call. */
  display: string;
  /** The static argument types (null: unknown). */
  types: (TypeRef | null)[];
  /** `Type.m()` through a class name. */
  staticCall: boolean;
  /** `value.m()` through an instance (neither a bare call, nor `super.m()`, nor through a type). */
  valueReceiver: boolean;
  /** A bare call made where there is no `this` (a static method, a static initializer). */
  bareInStaticContext: boolean;
}

export class CallChecks {
  constructor(
    private readonly names: Names,
    private readonly facts: TypeFacts
  ) {}

  /** The signature as the platform prints a method: `void Outer.Inner.m(String, Integer)`. */
  signature(m: MethodInfo): string {
    const ret = m.decl.returnType ? typeDisplay(this.names.canon(m.decl.returnType, m.owner), this.facts) : 'void';
    const params = m.decl.params.map((p) => typeDisplay(this.names.canon(p.type, m.owner), this.facts)).join(', ');
    return `${ret} ${m.owner.display}.${m.decl.display}(${params})`;
  }

  /**
   * A method of the right name but the wrong kind: every candidate taking that many arguments is an instance method
   * reached without an instance, or a static method reached through one.
   */
  wrongContext(cands: MethodInfo[], call: CallShape): string | null {
    const fit = cands.filter((m) => m.decl.params.length === call.types.length);
    if (fit.length === 0) return null;
    if ((call.staticCall || call.bareInStaticContext) && fit.every((m) => !m.decl.isStatic))
      return `Non static method cannot be referenced from a static context: ${this.signature(fit[0])}`;
    if (call.valueReceiver && fit.every((m) => m.decl.isStatic))
      return `Static method cannot be referenced from a non static context: ${this.signature(fit[0])}`;
    return null;
  }

  /**
   * A call no method of that name takes — none has that many parameters, or each that has holds one that an
   * argument's static type can certainly not be assigned to — when every method of that name the receiver could have
   * is declared in source (interfaces' abstract declarations and, for a bare call, outer classes' included).
   */
  noneFits(owner: ClassInfo, name: string, types: (TypeRef | null)[], bareCall: boolean): boolean {
    const stack: ClassInfo[] = [owner];
    if (bareCall) for (let o = owner.outer; o; o = o.outer) stack.push(o);
    const seen = new Set<ClassInfo>();
    while (stack.length) {
      const c = stack.pop()!;
      if (seen.has(c)) continue;
      seen.add(c);
      if (!c.decl) return false;
      for (const m of c.decl.methods) if (m.name === name && this.fits(m.params, c, types)) return false;
      if (c.superclass) stack.push(c.superclass);
      stack.push(...c.interfaces);
    }
    return true;
  }

  /** Whether arguments of these static types may be passed to these parameters (unknown types may). */
  private fits(params: { type: TypeRef }[], owner: ClassInfo, types: (TypeRef | null)[]): boolean {
    if (params.length !== types.length) return false;
    return params.every((p, i) => {
      const t = types[i];
      return !t || assignable(t, this.names.canon(p.type, owner), this.facts) !== false;
    });
  }

  /**
   * `new C(args)` for an abstract user class ("Abstract classes cannot be constructed"), or for one whose
   * constructors (or implicit no-argument constructor) take no such arguments — by number, or by a type that can
   * certainly not be assigned: the platform's "Constructor not defined". Exceptions (whose constructors are built in) and classes whose hierarchy is not all in source are
   * left alone.
   */
  missingConstructor(cls: ClassInfo, types: (TypeRef | null)[]): string | null {
    if (cls.kind !== 'class' || !cls.decl) return null;
    if (cls.decl.modifiers.has('abstract')) return `Abstract classes cannot be constructed: ${cls.display}`;
    if (cls.isException || !this.names.knowsHierarchy(cls)) return null;
    if (cls.ctors.length ? cls.ctors.some((k) => this.fits(k.params, cls, types)) : types.length === 0) return null;
    return `Constructor not defined: [${cls.display}].<Constructor>(${this.argList(types)})`;
  }

  /**
   * Two or more overloads that fit only through interfaces the argument's class implements, none of them exactly:
   * the platform's compiler does not rank interfaces (fflib-apex-common issue #347: `setMock(fflib_ISObjectDomain)`
   * and `setMock(fflib_IDomain)` called with a domain class are ambiguous although one interface extends the other).
   */
  ambiguity(
    cands: MethodInfo[],
    call: CallShape,
    overloads: { paramTypesOf(m: MethodInfo): TypeRef[] }
  ): string | null {
    const types = call.types;
    if (types.some((t) => !t || t === NULL_T)) return null;
    const fitting = cands.filter((m) => m.decl.params.length === types.length);
    const applicable = fitting.filter((m) =>
      overloads.paramTypesOf(m).every((p, i) => this.viaInterface(types[i]!, p) || p.name === types[i]!.name)
    );
    if (applicable.length < 2 || applicable.length !== fitting.length) return null;
    const exact = applicable.some((m) => overloads.paramTypesOf(m).every((p, i) => p.name === types[i]!.name));
    if (exact) return null;
    // Every applicable candidate must reach some argument only through an interface (else a class-typed one decides).
    if (!applicable.every((m) => overloads.paramTypesOf(m).some((p, i) => this.viaInterface(types[i]!, p))))
      return null;
    const ret = applicable[0].decl.returnType
      ? typeDisplay(this.names.canon(applicable[0].decl.returnType, applicable[0].owner), this.facts)
      : 'void';
    return `Ambiguous method signature: ${ret} ${call.display}(${this.argList(types)})`;
  }

  /** Whether a value of user class `s` (not an interface) reaches parameter `p` only as an interface it implements. */
  private viaInterface(s: TypeRef, p: TypeRef): boolean {
    const sc = this.names.registry.all.get(s.name);
    const pc = this.names.registry.all.get(p.name);
    if (!sc || !pc || sc === pc || sc.kind !== 'class' || pc.kind !== 'interface') return false;
    if (!sc.decl || !pc.decl || !this.names.knowsHierarchy(sc)) return false;
    return sc.isSubtypeOf(pc.name);
  }

  private argList(types: (TypeRef | null)[]): string {
    return types.map((t) => (t === NULL_T ? 'NULL' : t ? typeDisplay(t, this.facts) : 'Object')).join(', ');
  }
}
