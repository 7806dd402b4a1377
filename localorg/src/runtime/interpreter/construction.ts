/**
 * Object creation: `new` for SObjects, collections, user classes and natives; constructors with `this(...)`/`super(...)`
 * chaining; instance and static initialisers.
 */
import type { ArgTypes } from '../../semantics/resolver.js';
import type { Expr, MethodDecl, Pos, CtorDecl, InitStep } from '../../syntax/ast.js';
import type { ClassInfo } from '../../semantics/classes.js';
import { unsupported } from '../../values/errors.js';
import { NORMAL, StaticScope, type Ev, type Frame } from '../scope.js';
import { coerce, matchScore, runtimeTypeName, sobjectFieldValue, stripSystem } from '../types.js';
import { ApexList, ApexMap, ApexObject, ApexSet, SObject, type TypeRef, type Value } from '../../values/values.js';
import { NPE, OBJECT_T } from './engine.js';
import { Invocation } from './invocation.js';

export abstract class Construction extends Invocation {
  /** A new record of an SObject type as `new X()` makes it (with its fields' defaults). */
  protected newRecord(api: string): SObject {
    const o = new SObject(api);
    for (const [k, v] of Object.entries(this.platform.schema.newRecordDefaults(api))) o.set(k, v);
    return o;
  }

  protected evalNew(e: Extract<Expr, { kind: 'new' }>, f: Frame, argEvs: readonly Ev[]): Value {
    const api = this.sobjectName(e.type.name);
    const n = stripSystem(e.type.name);
    if (api && !this.classFor(e.type)) {
      const o = this.newRecord(api);
      for (const a of e.args) {
        if (a.kind !== 'assign' || a.target.kind !== 'name')
          return this.throwCompile(f, a.pos, `new ${api}(...) takes Field = value pairs`);
        const field =
          this.platform.schema.fieldName(api, a.target.display) ??
          this.platform.schema.relationshipName(api, a.target.display);
        if (!field) this.throwApex('System.SObjectException', `Invalid field ${a.target.display} for ${api}`);
        o.set(field, sobjectFieldValue(field, this.eval(a.value, f)));
      }
      return o;
    }
    const args = this.argValues(argEvs, f);
    f.pos = e.pos;
    if (n === 'list' || n === 'set' || n === 'map') return this.newCollection(e.type, args);
    return this.instantiate(e.type, args, e.pos, this.resolver.argTypesOf(e));
  }

  protected newCollection(t: TypeRef, args: Value[]): Value {
    const n = stripSystem(t.name);
    if (n === 'list') {
      const el = t.args[0] ?? OBJECT_T;
      const src = args[0];
      if (args.length === 0) return new ApexList(el, []);
      if (src instanceof ApexList)
        return new ApexList(
          el,
          src.items.map((x) => coerce(x, el, this))
        );
      if (src instanceof ApexSet)
        return new ApexList(
          el,
          src.values().map((x) => coerce(x, el, this))
        );
      if (typeof src === 'number') return new ApexList(el, []);
      if (src === null) return this.throwApex('System.NullPointerException', NPE);
    }
    if (n === 'set') {
      const el = t.args[0] ?? OBJECT_T;
      const s = new ApexSet(el);
      const src = args[0];
      if (args.length === 0) return s;
      if (src === null) return this.throwApex('System.NullPointerException', NPE);
      const items = src instanceof ApexList ? src.items : src instanceof ApexSet ? src.values() : null;
      if (items) {
        for (const x of items) this.setAdd(s, coerce(x, el, this));
        return s;
      }
    }
    if (n === 'map') {
      const m = new ApexMap(t.args[0] ?? OBJECT_T, t.args[1] ?? OBJECT_T);
      const src = args[0];
      if (args.length === 0) return m;
      if (src === null) return this.throwApex('System.NullPointerException', NPE);
      if (src instanceof ApexMap) {
        for (const [k, v] of src.entries.values()) this.mapPut(m, k, v);
        return m;
      }
      if (src instanceof ApexList) {
        for (const r of src.items) {
          if (!(r instanceof SObject))
            return this.throwApex('System.TypeException', 'Map constructor takes a list of SObjects');
          if (!r.id) this.throwApex('System.ListException', 'Row with null Id at index: ' + src.items.indexOf(r));
          this.mapPut(m, r.id, r);
        }
        return m;
      }
    }
    return this.throwApex('System.TypeException', `Invalid constructor arguments for ${t.display}`);
  }

  protected setAdd(s: ApexSet, v: Value): void {
    const k = this.keyOf(v);
    if (!s.entries.has(k)) s.entries.set(k, v);
  }

  protected mapPut(m: ApexMap, k: Value, v: Value): void {
    m.entries.set(this.keyOf(k), [k, v]);
  }

  /** `new T(args)` for user classes, built-in exceptions and native classes. */
  instantiate(t: TypeRef, args: Value[], pos: Pos, types?: ArgTypes): Value {
    const n = stripSystem(t.name);
    // `Type.forName('Map<String,Account>').newInstance()` reaches here as well as `new`.
    if (n === 'list' || n === 'set' || n === 'map') return this.newCollection(t, args);
    const cls = this.classFor(t);
    if (cls) {
      if (cls.kind !== 'class') this.throwApex('System.TypeException', `Cannot instantiate ${cls.kind} ${cls.display}`);
      if (cls.decl?.modifiers.has('abstract'))
        this.throwApex('System.TypeException', `Abstract classes cannot be instantiated: ${cls.display}`);
      this.ensureStaticInit(cls);
      const o = new ApexObject(cls);
      if (cls.isException) this.initExceptionState(o);
      this.construct(cls, o, args, pos, types);
      return o;
    }
    // `Type.forName('Account').newInstance()`: an SObject type makes a new record.
    const api = args.length === 0 ? this.sobjectName(t.name) : null;
    if (api) return this.newRecord(api);
    const def = this.natives.classFor(t.name);
    if (def?.construct) {
      const c = def.construct;
      return this.native(() => c(this, args, null));
    }
    if (def) return this.native(() => unsupported(def.name, 'new', args));
    return this.throwApex('System.TypeException', `Invalid type: ${t.display}`);
  }

  protected instantiateForDeserialize(cls: ClassInfo): ApexObject {
    this.ensureStaticInit(cls);
    const o = new ApexObject(cls);
    const noArg = cls.ctors.find((c) => c.params.length === 0);
    if (noArg || cls.ctors.length === 0) this.construct(cls, o, [], cls.decl?.pos ?? { line: 0, col: 0 });
    else this.runInstanceInit(cls, o);
    return o;
  }

  protected construct(cls: ClassInfo, o: ApexObject, args: Value[], pos: Pos, types?: ArgTypes): void {
    if (cls.isBuiltin) {
      if (cls.isException) this.exceptionCtorArgs(o, args);
      return;
    }
    const ctors = cls.ctors;
    let ctor: CtorDecl | null = null;
    if (ctors.length === 0) {
      if (cls.isException) {
        // User exceptions get the four platform constructors automatically.
        if (cls.superclass) this.construct(cls.superclass, o, args, pos);
        this.runInstanceInit(cls, o);
        return;
      }
      if (args.length > 0)
        this.throwApex(
          'System.TypeException',
          `Constructor not defined: [${cls.display}].<Constructor>(${args.map(runtimeTypeName).join(', ')})`
        );
    } else {
      ctor = this.selectCtor(cls, args, types);
      const fits = (c: CtorDecl) => c.params.every((p, i) => matchScore(args[i], p.type, this) >= 0);
      if (cls.isException && builtinExceptionArgs(args) && !(ctor && fits(ctor))) {
        // Declaring constructors does not remove an exception's four built-in ones (fflib's InvalidFieldException).
        if (cls.superclass) this.construct(cls.superclass, o, args, pos);
        this.runInstanceInit(cls, o);
        return;
      }
      if (!ctor)
        return void this.throwApex(
          'System.TypeException',
          `Constructor not defined: [${cls.display}].<Constructor>(${args.map(runtimeTypeName).join(', ')})`
        );
    }
    const params = ctor?.params ?? [];
    const body = ctor ? this.compiledBody(ctor, params, ctor.body.stmts) : null;
    const frame: Frame = {
      cls,
      self: o,
      scope: body?.scope ?? StaticScope.root(),
      slots: params.map((p, i) => coerce(args[i], p.type, this)),
      where: `Class.${cls.display}.<init>`,
      pos: ctor?.pos ?? pos,
      accessor: null,
      file: cls.decl?.file ?? ''
    };
    this.runFrame(frame, () => {
      const stmts = ctor?.body.stmts ?? [];
      let start = 0;
      const first = stmts[0];
      if (first && first.kind === 'expr' && first.expr.kind === 'ctorCall') {
        start = 1;
        frame.pos = first.pos;
        if (this.coverage) this.cover(frame.file, first.pos.line);
        const callArgs = this.evalArgs(first.expr.args, frame);
        if (first.expr.which === 'this') {
          this.construct(cls, o, callArgs, first.pos);
          return body ? this.runSeq(body.seq, start, frame) : NORMAL;
        }
        if (cls.superclass) this.construct(cls.superclass, o, callArgs, first.pos);
      } else if (cls.superclass) {
        this.construct(cls.superclass, o, [], pos);
      }
      this.runInstanceInit(cls, o);
      return body ? this.runSeq(body.seq, start, frame) : NORMAL;
    });
  }

  protected selectCtor(cls: ClassInfo, args: Value[], types?: ArgTypes): CtorDecl | null {
    const ctors = cls.ctors;
    const fake = ctors.map((c) => ({
      decl: c as unknown as MethodDecl,
      owner: cls,
      ctor: c
    }));
    const m = this.selectMethod(fake, args, types);
    return m ? m.ctor : null;
  }

  protected runInstanceInit(cls: ClassInfo, o: ApexObject): void {
    const d = cls.decl;
    if (!d) return;
    for (const p of d.properties) if (!p.isStatic && !o.fields.has(p.name)) o.fields.set(p.name, null);
    for (const fd of d.fields) if (!fd.isStatic && !o.fields.has(fd.name)) o.fields.set(fd.name, null);
    this.runInitializers(cls, o, d.instanceInit, 'init', (name, v) => o.fields.set(name, v));
  }

  /** Static initialisation runs once per class per static generation, on first use, superclass first. */
  ensureStaticInit(cls: ClassInfo): void {
    if (cls.staticGeneration === this.staticGeneration) return;
    cls.staticGeneration = this.staticGeneration;
    if (cls.superclass) this.ensureStaticInit(cls.superclass);
    const d = cls.decl;
    if (!d) return;
    const store = new Map<string, Value>();
    this.statics.set(cls, store);
    for (const fd of d.fields) if (fd.isStatic) store.set(fd.name, null);
    for (const p of d.properties) if (p.isStatic) store.set(p.name, null);
    this.runInitializers(cls, null, d.staticInit, 'clinit', (name, v) => store.set(name, v));
  }

  /**
   * Runs field initialisers and initialiser blocks in declaration order, in a frame of their own, the way Apex runs
   * them for `new` (instance) and on a class's first use (static). `assign` stores each initialised field.
   */
  protected runInitializers(
    cls: ClassInfo,
    self: ApexObject | null,
    steps: InitStep[],
    kind: 'init' | 'clinit',
    assign: (name: string, value: Value) => void
  ): void {
    const d = cls.decl;
    if (!d || steps.length === 0) return;
    const frame: Frame = {
      cls,
      self,
      scope: StaticScope.root(),
      slots: [],
      where: `Class.${cls.display}.<${kind}>`,
      pos: d.pos,
      accessor: null,
      file: d.file
    };
    this.runFrame(frame, () => {
      for (const step of steps) {
        if (step.kind === 'field') {
          if (step.field.init) {
            frame.pos = step.field.pos;
            if (this.coverage) this.cover(d.file, step.field.pos.line);
            assign(step.field.name, coerce(this.eval(step.field.init, frame), step.field.type, this));
          }
        } else this.execBlock(step.block, frame);
      }
      return NORMAL;
    });
  }
}

/** Arguments one of the built-in exception constructors takes: (), (String), (Exception), (String, Exception). */
function builtinExceptionArgs(args: Value[]): boolean {
  const isCause = (v: Value) => v === null || (v instanceof ApexObject && v.cls.isSubtypeOf('system.exception'));
  const isText = (v: Value) => v === null || typeof v === 'string';
  if (args.length === 0) return true;
  if (args.length === 1) return isText(args[0]) || isCause(args[0]);
  return args.length === 2 && isText(args[0]) && isCause(args[1]);
}
