/**
 * Method invocation: bare, static and instance calls, overload selection, virtual dispatch, stubs (`Test.createStub`),
 * the methods every object has, and running a user method in a frame of its own.
 */
import type { ArgTypes } from '../../semantics/resolver.js';
import type { Expr, MethodDecl } from '../../syntax/ast.js';
import { type ClassInfo, type MethodInfo } from '../../semantics/classes.js';
import { bestFit } from '../../semantics/overloads.js';
import { nativeKindOf } from '../natives.js';
import { unsupported, UnsupportedFeatureError } from '../../values/errors.js';
import { RETURN, type Ev, type Frame } from '../scope.js';
import { cast, coerce, matchScore, runtimeTypeName } from '../types.js';
import {
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexSet,
  ApexObject,
  ApexTypeValue,
  NativeObject,
  SObject,
  keyOf,
  typeRef,
  type TypeRef,
  type Value
} from '../../values/values.js';
import { C, NPE, SHORT_CIRCUIT, hashString, type TypeTarget } from './engine.js';
import type { ExceptionState } from './exceptions.js';
import { Members } from './members.js';
import { queueFutureCall } from '../async-jobs.js';

export abstract class Invocation extends Members {
  protected evalArgs(args: Expr[], f: Frame): Value[] {
    const out = new Array<Value>(args.length);
    for (let i = 0; i < args.length; i++) out[i] = this.eval(args[i], f);
    return out;
  }

  /** The values of compiled arguments, in order. */
  protected argValues(args: readonly Ev[], f: Frame): Value[] {
    const out = new Array<Value>(args.length);
    for (let i = 0; i < args.length; i++) out[i] = args[i](f);
    return out;
  }

  /**
   * A call with its arguments compiled. `target` is the compiled receiver when it certainly denotes a value; a dotted
   * name that may name a type (`Foo.bar()`, `System.debug()`) is resolved here instead.
   */
  protected evalCall(e: Extract<Expr, { kind: 'call' }>, f: Frame, argEvs: readonly Ev[], target: Ev | null): Value {
    if (e.target === null) {
      const args = this.argValues(argEvs, f);
      f.pos = e.pos;
      return this.callBare(e.name, e.display, args, f, this.resolver.argTypesOf(e));
    }
    if (target !== null) {
      const value = target(f);
      const args = this.argValues(argEvs, f);
      f.pos = e.pos;
      return this.callOn(e, value, args, f);
    }
    if (e.target.kind === 'super') {
      const args = this.argValues(argEvs, f);
      f.pos = e.pos;
      const sup = f.cls.superclass;
      if (!sup || !f.self)
        return this.throwCompile(f, e.pos, 'super is only valid in an instance method of a subclass');
      const m = this.selectMethod(sup.methods(e.name), args, this.resolver.argTypesOf(e));
      if (m) return this.invoke(m, f.self, args);
      const builtin = this.objectBuiltin(f.self, e.name, args);
      if (builtin !== undefined) return builtin;
      return this.throwCompile(f, e.pos, `Method does not exist: super.${e.display}`);
    }
    // `record.Field.addError('m')` marks the field, not the field's value.
    if (e.name === 'adderror' && e.target.kind === 'field') {
      const owner = this.resolveTarget(e.target.target, f);
      if ('value' in owner && owner.value instanceof SObject) {
        const args = this.argValues(argEvs, f);
        owner.value.errors.push({
          message: this.toApexString(args[0]),
          field: this.fieldSpelling(owner.value, e.target.display)
        });
        return null;
      }
    }
    const r = this.resolveTarget(e.target, f);
    const args = this.argValues(argEvs, f);
    f.pos = e.pos;
    if ('type' in r) return this.callStatic(r.type, e.name, e.display, args, f, this.resolver.argTypesOf(e));
    return this.callOn(e, r.value, args, f);
  }

  /** An instance call on a receiver's value: null answers null after `?.` and throws otherwise. */
  private callOn(e: Extract<Expr, { kind: 'call' }>, value: Value, args: Value[], f: Frame): Value {
    if (value === null) {
      if (e.safe && e.chained) throw SHORT_CIRCUIT;
      if (e.safe) return null;
      return this.throwApex('System.NullPointerException', NPE);
    }
    return this.callMethod(value, e.name, args, f, e.display, this.resolver.argTypesOf(e));
  }

  protected callBare(name: string, display: string, args: Value[], f: Frame, types?: ArgTypes): Value {
    if (f.self) {
      const m = this.selectMethod(C(f.self).methods(name), args, types);
      if (m) return this.invoke(m, m.decl.isStatic ? null : f.self, args);
    }
    for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
      const m = this.selectMethod(c.methods(name), args, types);
      if (m) {
        if (!m.decl.isStatic && !f.self)
          return this.throwCompile(
            f,
            f.pos,
            `Non static method cannot be referenced from a static context: ${display}`
          );
        this.ensureStaticInit(m.owner);
        return this.invoke(m, m.decl.isStatic ? null : f.self, args);
      }
    }
    if (f.self) {
      const b = this.objectBuiltin(f.self, name, args);
      if (b !== undefined) return b;
    }
    return this.throwCompile(
      f,
      f.pos,
      `Method does not exist or incorrect signature: ${display}(${args.map(runtimeTypeName).join(', ')})`
    );
  }

  protected callStatic(t: TypeTarget, name: string, display: string, args: Value[], f: Frame, types?: ArgTypes): Value {
    switch (t.kind) {
      case 'class': {
        const cls = t.cls;
        if (cls.kind === 'enum') {
          if (name === 'values') return new ApexList(typeRef(cls.display), cls.enumValues.slice());
          if (name === 'valueof') return this.enumValueOf(cls.enumValues, args[0]);
        }
        this.ensureStaticInit(cls);
        const m = this.selectMethod(
          cls.methods(name).filter((x) => x.decl.isStatic),
          args,
          types
        );
        if (m) return this.invoke(m, null, args);
        // The prelude stands in for platform classes and namespaces (Messaging): what it lacks is not emulated.
        if (cls.isPrelude) return this.native(() => unsupported(cls.display, display, args));
        break;
      }
      case 'nativeEnum': {
        const ne = this.natives.enumFor(t.name)!;
        if (name === 'values') return new ApexList(typeRef(ne.display), ne.values.slice());
        if (name === 'valueof') return this.enumValueOf(ne.values, args[0]);
        break;
      }
      case 'native': {
        const fn = t.def.statics?.[name];
        if (fn) return this.native(() => fn(this, args, null));
        const dyn = t.def.dynamicStatic;
        if (dyn) return this.native(() => dyn(this, display, args));
        return this.native(() => unsupported(t.def.name, display, args));
      }
      case 'sobject':
        return this.native(() => this.natives.sobjectTypeStatics().staticCall(this, t.api, name, args));
      case 'namespace':
        return this.native(() => unsupported(t.name, display, args));
      case 'trigger':
        break;
    }
    return this.throwCompile(
      f,
      f.pos,
      `Method does not exist or incorrect signature: ${display}(${args.map(runtimeTypeName).join(', ')})`
    );
  }

  protected enumValueOf(values: ApexEnumValue[], name: Value): Value {
    if (typeof name !== 'string') return null;
    return values.find((v) => v.name === name) ?? null;
  }

  /** Calls an instance method on any value: user objects dispatch virtually, others go to the standard library. */
  callMethod(target: Value, name: string, args: Value[], f: Frame | null, display = name, types?: ArgTypes): Value {
    if (target === null) return this.throwApex('System.NullPointerException', NPE);
    if (target instanceof ApexObject) {
      const m = this.selectMethod(C(target).methods(name), args, types);
      const stub = target.native.stubProvider;
      if (stub instanceof ApexObject && m && !m.decl.isStatic) return this.invokeStub(target, stub, m, args, f);
      if (m && m.decl.body) return this.invoke(m, m.decl.isStatic ? null : target, args);
      const b = this.objectBuiltin(target, name, args);
      if (b !== undefined) return b;
      return this.throwMissing(f, display, target, args);
    }
    if (target instanceof ApexEnumValue) {
      switch (name) {
        case 'name':
          return target.name;
        case 'ordinal':
          return target.ordinal;
        case 'equals':
          return this.equals(target, args[0]);
        case 'hashcode':
          return hashString(target.enumType + '.' + target.name);
        case 'compareto':
          return target.ordinal - (args[0] as ApexEnumValue).ordinal;
        case 'tostring':
          return target.name;
      }
    }
    const kind = nativeKindOf(target);
    const def = kind ? this.natives.classFor(kind) : undefined;
    const fn = def?.instance?.[name];
    if (fn) return this.native(() => fn(this, args, target));
    if (name === 'equals' && args.length === 1) return this.equals(target, args[0]);
    if (name === 'hashcode' && args.length === 0) return hashString(this.keyOf(target));
    if (name === 'tostring' && args.length === 0) return this.toApexString(target);
    return this.native(() => unsupported(def?.name ?? runtimeTypeName(target), display, args));
  }

  /**
   * A method called on an object made by `Test.createStub` goes to its provider's `handleMethodCall(stubbedObject,
   * stubbedMethodName, returnType, listOfParamTypes, listOfParamNames, listOfArgs)`; the answer is cast to the return type.
   */
  protected invokeStub(target: ApexObject, provider: ApexObject, m: MethodInfo, args: Value[], f: Frame | null): Value {
    const d = m.decl;
    const typeOf = (t: TypeRef) => new ApexTypeValue(this.canonicalType(this.typeFrom(t, m.owner)));
    const answer = this.callMethod(
      provider,
      'handlemethodcall',
      [
        target,
        d.display,
        typeOf(d.returnType ?? typeRef('void')),
        new ApexList(
          typeRef('Type'),
          d.params.map((p) => typeOf(p.type))
        ),
        new ApexList(
          typeRef('String'),
          d.params.map((p) => p.display)
        ),
        new ApexList(typeRef('Object'), [...args])
      ],
      f,
      'handleMethodCall'
    );
    return d.returnType ? cast(answer, d.returnType, this) : null;
  }

  protected throwMissing(f: Frame | null, display: string, target: Value, args: Value[]): never {
    if (target instanceof ApexObject && C(target).isPrelude) return unsupported(target.cls.display, display, args);
    // A member of a built-in class (QueryException.getInaccessibleFields) that the standard library lacks.
    const platform = target instanceof ApexObject ? C(target).platformAncestor : null;
    if (platform) return unsupported(platform.display, display, args);
    const msg = `Method does not exist or incorrect signature: void ${display}(${args.map(runtimeTypeName).join(', ')}) from the type ${runtimeTypeName(target)}`;
    if (f) this.throwCompile(f, f.pos, msg);
    throw new UnsupportedFeatureError(msg);
  }

  /** Methods every object has (toString/equals/hashCode) and the built-in exception methods. */
  protected objectBuiltin(o: ApexObject, name: string, args: Value[]): Value | undefined {
    if (C(o).isException) {
      const n = o.native as ExceptionState;
      const row = (i: Value) => (n.dmlRows ?? [])[typeof i === 'number' ? i : 0];
      switch (name) {
        case 'getmessage':
          return n.message ?? null;
        case 'setmessage':
          n.message = args[0] as string;
          if (n.clientMessage !== undefined) n.clientMessage = n.message;
          return null;
        case 'getcause':
          return n.cause ?? null;
        case 'initcause':
          n.cause = args[0] as ApexObject;
          return null;
        case 'gettypename':
          return o.cls.display;
        case 'getlinenumber':
          return n.line ?? -1;
        case 'getstacktracestring':
          return (n.stack ?? []).join('\n');
        case 'tostring':
          return `${o.cls.display}: ${n.message ?? 'null'}`;
        case 'getnumdml':
          return (n.dmlRows ?? []).length;
        case 'getdmlmessage':
          return row(args[0])?.message ?? null;
        case 'getdmlid':
          return row(args[0])?.id ?? null;
        case 'getdmlindex':
          return row(args[0])?.index ?? null;
        case 'getdmlfieldnames':
          return new ApexList(typeRef('String'), [...(row(args[0])?.fields ?? [])]);
        case 'getdmltype': {
          const r = row(args[0]);
          return r ? this.natives.enumValue('System.StatusCode', r.statusCode) : null;
        }
        case 'getdmlstatuscode':
          return row(args[0])?.statusCode ?? null;
        case 'getinaccessiblefields':
          if (C(o).isSubtypeOf('system.queryexception')) return inaccessibleFieldsMap(n.inaccessibleFields ?? {});
          break;
      }
    }
    switch (name) {
      case 'tostring':
        if (args.length === 0) return this.objectToString(o);
        break;
      case 'equals':
        if (args.length === 1) return o === args[0];
        break;
      case 'hashcode':
        if (args.length === 0) return hashString(keyOf(o));
        break;
    }
    return undefined;
  }

  protected userEquals(a: ApexObject, b: Value): boolean | undefined {
    const m = this.selectMethod(C(a).methods('equals'), [b]);
    if (!m || !m.decl.body) return undefined;
    return this.invoke(m, a, [b]) === true;
  }

  objectToString(o: ApexObject | NativeObject): string {
    if (o instanceof NativeObject) {
      const fn = this.natives.classFor(o.nativeType)?.instance?.['tostring'];
      return fn ? this.toApexString(fn(this, [], o)) : o.nativeType;
    }
    const m = this.selectMethod(C(o).methods('tostring'), []);
    if (m && m.decl.body) return this.toApexString(this.invoke(m, o, []));
    if (C(o).isException) return `${o.cls.display}: ${(o.native as ExceptionState).message ?? 'null'}`;
    // Default Apex rendering of a user object [mem]: `Name:[field=value, …]`, an inner class by its own name; a
    // `Test.createStub` object is an instance of the platform's generated `<Name>__sfdc_ApexStub` class.
    const name = o.cls.display.split('.').pop() ?? o.cls.display;
    const shown = o.native.stubProvider ? `${name}__sfdc_ApexStub` : name;
    const parts = C(o)
      .instanceMembers()
      .map((m2) => `${m2.decl.display}=${this.toApexString(o.fields.get(m2.decl.name) ?? null)}`);
    return `${shown}:[${parts.join(', ')}]`;
  }

  /**
   * Chooses among same-named methods: by the arguments' static types where the resolver recorded them (Apex chooses
   * at compile time), otherwise, or when no candidate fits them, by the run-time values.
   */
  selectMethod<M extends MethodInfo>(cands: M[], args: Value[], types?: ArgTypes): M | null {
    if (types && cands.length > 1) {
      const m = this.resolver.overloads.choose(cands, types, (i, p) => matchScore(args[i], p, this));
      if (m) return m;
    }
    // When nothing fits the values either, the first of the right arity is called (and fails on its parameters).
    return (
      bestFit(cands, args.length, (m, i) => matchScore(args[i], m.decl.params[i].type, this)) ??
      cands.find((m) => m.decl.params.length === args.length) ??
      null
    );
  }

  /** Runs a user method with a fresh frame. */
  invoke(m: MethodInfo, self: ApexObject | null, args: Value[]): Value {
    const d: MethodDecl = m.decl;
    if (!d.body)
      return this.throwApex(
        'System.TypeException',
        `Abstract method ${m.owner.display}.${d.display} has no implementation`
      );
    if ((m.future ??= d.isStatic && d.annotations.some((a) => a.name === 'future'))) {
      queueFutureCall(this, `${m.owner.display}.${d.display}`, d.params, () => void this.invokeBody(m, null, args));
      return null;
    }
    return this.invokeBody(m, self, args);
  }

  /** Runs a user method's body in a frame of its own (an `@future` method: when its job runs). */
  private invokeBody(m: MethodInfo, self: ApexObject | null, args: Value[]): Value {
    const d: MethodDecl = m.decl;
    const body = this.compiledBody(d, d.params, d.body!.stmts);
    const ps = d.params;
    const slots = new Array<Value>(ps.length);
    for (let i = 0; i < ps.length; i++) slots[i] = coerce(args[i], ps[i].type, this);
    const frame: Frame = {
      cls: m.owner,
      self,
      scope: body.scope,
      slots,
      where: `Class.${m.owner.display}.${d.display}`,
      pos: d.pos,
      accessor: null,
      file: m.owner.decl?.file ?? ''
    };
    const sig = this.runBody(frame, body.seq);
    if (!d.returnType) return null;
    const rv = sig === RETURN ? this.retVal : null;
    this.retVal = null;
    return coerce(rv, d.returnType, this);
  }
}

/** `QueryException.getInaccessibleFields()`: a `Map<String, Set<String>>` of field names by object name. */
function inaccessibleFieldsMap(byObject: Record<string, string[]>): ApexMap {
  const m = new ApexMap(typeRef('String'), typeRef('Set', [typeRef('String')]));
  for (const [object, fields] of Object.entries(byObject)) {
    const s = new ApexSet(typeRef('String'));
    for (const f of fields) s.entries.set(keyOf(f), f);
    m.put(object, s);
  }
  return m;
}
