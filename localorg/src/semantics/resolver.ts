/**
 * The resolver: a pass over every class, trigger and anonymous block once they are loaded and linked. It tracks the
 * declared types of locals and parameters, computes each argument's static type ({@link ./static-types.ts}), records
 * them on the call for overload selection, and reports what the platform's compiler would reject — a method or a
 * variable that does not exist — as `file:line:col` diagnostics worded as the platform words them.
 *
 * It only reports what it is sure of: a call whose receiver's type it cannot tell, or a class whose hierarchy reaches
 * a type it does not model, is left to run time.
 */
import type { Block, Expr, Stmt, TypeDecl } from '../syntax/ast.js';
import type { TypeRef } from '../values/values.js';
import type { ClassInfo, ClassRegistry, MethodInfo } from './classes.js';
import { Overloads, type ArgTypes } from './overloads.js';
import { NULL_T, canonicalType, literalType, simple, widerNumeric, type TypeWorld } from './static-types.js';
import { assignable, completesNormally, typeDisplay, type TypeFacts } from './type-checks.js';

export type { ArgTypes };

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
}

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
const BOOLEAN_T = simple('boolean', 'Boolean');
const STRING_T = simple('string', 'String');

type Scope = Map<string, TypeRef>[];

interface Ctx {
  cls: ClassInfo;
  isStatic: boolean;
  file: string;
  scopes: Scope;
}

export class Resolver {
  private readonly argTypes = new WeakMap<object, ArgTypes>();

  /** Overload choice by static types, shared with the interpreter. */
  readonly overloads: Overloads;
  private readonly facts: TypeFacts;

  constructor(
    private readonly registry: ClassRegistry,
    private readonly world: TypeWorld
  ) {
    this.overloads = new Overloads(registry, world);
    this.facts = { registry, world, knowsHierarchy: (cls) => this.knowsHierarchy(cls) };
  }

  /** The static argument types recorded for a call or `new` expression, when resolved. */
  argTypesOf(node: object): ArgTypes | undefined {
    return this.argTypes.get(node);
  }

  /** Resolves a class and its inner classes. */
  resolveClass(cls: ClassInfo): Diagnostic[] {
    const out: Diagnostic[] = [];
    const d = cls.decl;
    if (!d) return out;
    this.resolveDecl(cls, d, out);
    for (const inner of cls.inner.values()) out.push(...this.resolveClass(inner));
    return out;
  }

  private resolveDecl(cls: ClassInfo, d: TypeDecl, out: Diagnostic[]): void {
    const ctx = (isStatic: boolean, params: { name: string; type: TypeRef }[] = []): Ctx => ({
      cls,
      isStatic,
      file: d.file,
      scopes: [new Map(params.map((p) => [p.name, this.canon(p.type, cls)]))]
    });
    for (const m of d.methods) {
      if (m.body) {
        this.block(m.body, ctx(m.isStatic, m.params), out);
        if (m.returnType && completesNormally(m.body))
          out.push({
            file: d.file,
            ...m.pos,
            message: `Missing return statement required return type: ${typeDisplay(this.canon(m.returnType, cls), this.facts)}`
          });
      } else if (d.kind === 'class' && !m.modifiers.has('abstract'))
        out.push({ file: d.file, ...m.pos, message: 'Method must define a body' });
    }
    for (const c of d.ctors) this.block(c.body, ctx(false, c.params), out);
    for (const p of d.properties) {
      if (p.getter) this.block(p.getter, ctx(p.isStatic), out);
      if (p.setter) this.block(p.setter, ctx(p.isStatic, [{ name: 'value', type: p.type }]), out);
    }
    for (const [steps, isStatic] of [
      [d.staticInit, true],
      [d.instanceInit, false]
    ] as const) {
      const c = ctx(isStatic);
      for (const s of steps) {
        if (s.kind === 'field') {
          if (s.field.init) this.checkAssign(s.field.type, s.field.init, c, out);
        } else this.block(s.block, c, out);
      }
    }
  }

  /** Resolves statements run in `cls` (a trigger body, an anonymous block's statements). */
  resolveStatements(stmts: Stmt[], cls: ClassInfo, file: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    const c: Ctx = { cls, isStatic: true, file, scopes: [new Map<string, TypeRef>()] };
    for (const s of stmts) this.stmt(s, c, out);
    return out;
  }

  // ----------------------------------------------------------------------- statements
  private block(b: Block, c: Ctx, out: Diagnostic[]): void {
    c.scopes.push(new Map());
    for (const s of b.stmts) this.stmt(s, c, out);
    c.scopes.pop();
  }

  private nested(s: Stmt, c: Ctx, out: Diagnostic[]): void {
    c.scopes.push(new Map());
    this.stmt(s, c, out);
    c.scopes.pop();
  }

  private declare(c: Ctx, name: string, t: TypeRef): void {
    c.scopes[c.scopes.length - 1].set(name, this.canon(t, c.cls));
  }

  private stmt(s: Stmt, c: Ctx, out: Diagnostic[]): void {
    switch (s.kind) {
      case 'block':
        return this.block(s, c, out);
      case 'local':
        for (const d of s.decls) {
          if (d.init) this.checkAssign(s.type, d.init, c, out);
          this.declare(c, d.name, s.type);
        }
        return;
      case 'expr':
        this.expr(s.expr, c, out);
        return;
      case 'if':
        this.expr(s.test, c, out);
        this.nested(s.then, c, out);
        if (s.else) this.nested(s.else, c, out);
        return;
      case 'while':
      case 'doWhile':
        this.expr(s.test, c, out);
        this.nested(s.body, c, out);
        return;
      case 'for':
        c.scopes.push(new Map());
        for (const i of s.init) this.stmt(i, c, out);
        if (s.test) this.expr(s.test, c, out);
        for (const u of s.update) this.expr(u, c, out);
        this.nested(s.body, c, out);
        c.scopes.pop();
        return;
      case 'forEach':
        this.expr(s.iterable, c, out);
        c.scopes.push(new Map());
        this.declare(c, s.name, s.type);
        this.stmt(s.body, c, out);
        c.scopes.pop();
        return;
      case 'return':
      case 'throw':
        if (s.value) this.expr(s.value, c, out);
        return;
      case 'try':
        this.block(s.body, c, out);
        for (const k of s.catches) {
          c.scopes.push(new Map());
          this.declare(c, k.name, k.type);
          this.block(k.body, c, out);
          c.scopes.pop();
        }
        if (s.finally) this.block(s.finally, c, out);
        return;
      case 'switch':
        this.expr(s.value, c, out);
        for (const w of s.whens) {
          c.scopes.push(new Map());
          if (w.kind === 'type' && w.varName && w.type) this.declare(c, w.varName, w.type);
          this.block(w.body, c, out);
          c.scopes.pop();
        }
        return;
      case 'dml':
        this.expr(s.value, c, out);
        return;
      case 'runAs':
        for (const u of s.user) this.expr(u, c, out);
        this.block(s.body, c, out);
        return;
      case 'break':
      case 'continue':
      case 'unsupported':
        return;
    }
  }

  // ----------------------------------------------------------------------- expressions
  /** Resolves an expression and returns its static type (null: unknown). */
  private expr(e: Expr, c: Ctx, out: Diagnostic[]): TypeRef | null {
    switch (e.kind) {
      case 'literal':
        return literalType(e.value);
      case 'name': {
        const local = this.local(c, e.name);
        if (local) return local;
        const m = this.member(c.cls, e.name);
        if (m) return m;
        if (m === undefined && !this.namesType([e.name], c.cls) && this.knowsHierarchy(c.cls))
          this.report(out, c, e.pos, `Variable does not exist: ${e.display}`);
        return null;
      }
      case 'field': {
        const cls = this.typeTarget(e.target, c);
        if (cls) return this.staticField(cls, e.name);
        if (cls === null) return null;
        const t = this.expr(e.target, c, out);
        return t ? this.fieldOf(t, e.name) : null;
      }
      case 'call':
        return this.call(e, c, out);
      case 'ctorCall':
        for (const a of e.args) this.expr(a, c, out);
        return null;
      case 'index': {
        const t = this.expr(e.target, c, out);
        this.expr(e.index, c, out);
        if (!t) return null;
        if (t.name === 'list') return t.args[0] ?? null;
        if (t.name === 'map') return t.args[1] ?? null;
        return null;
      }
      case 'new':
        return this.newExpr(e, c, out);
      case 'newArray':
        if (e.size) this.expr(e.size, c, out);
        for (const x of e.items ?? []) this.expr(x, c, out);
        return this.canon(e.type, c.cls);
      case 'newCollection':
        for (const x of e.items) this.expr(x, c, out);
        return this.canon(e.type, c.cls);
      case 'newMap':
        for (const [k, v] of e.pairs) {
          this.expr(k, c, out);
          this.expr(v, c, out);
        }
        return this.canon(e.type, c.cls);
      case 'unary': {
        const t = this.expr(e.operand, c, out);
        return e.op === '!' ? BOOLEAN_T : t;
      }
      case 'incdec':
        return this.expr(e.target, c, out);
      case 'binary': {
        const l = this.expr(e.left, c, out);
        const r = this.expr(e.right, c, out);
        if (['==', '!=', '===', '!==', '<', '>', '<=', '>='].includes(e.op)) return BOOLEAN_T;
        if (e.op === '+' && (l?.name === 'string' || r?.name === 'string')) return STRING_T;
        return l && r ? widerNumeric(l, r) : null;
      }
      case 'logical':
        this.expr(e.left, c, out);
        this.expr(e.right, c, out);
        return BOOLEAN_T;
      case 'coalesce': {
        const l = this.expr(e.left, c, out);
        this.expr(e.right, c, out);
        return l;
      }
      case 'assign': {
        const t = this.expr(e.target, c, out);
        const v = this.expr(e.value, c, out);
        if (e.op === '=' && t && v) this.reportIllegal(v, t, e.value.pos, c, out);
        return t;
      }
      case 'cond': {
        this.expr(e.test, c, out);
        const a = this.expr(e.then, c, out);
        const b = this.expr(e.else, c, out);
        return a && b && a.name === b.name ? a : null;
      }
      case 'cast':
        this.expr(e.expr, c, out);
        return this.canon(e.type, c.cls);
      case 'instanceof':
        this.expr(e.expr, c, out);
        return BOOLEAN_T;
      case 'this':
        return simple(c.cls.name, c.cls.display);
      case 'super':
        return c.cls.superclass ? simple(c.cls.superclass.name, c.cls.superclass.display) : null;
      case 'typeLiteral':
        return simple('type', 'System.Type');
      case 'soql':
      case 'sosl':
      case 'unsupported':
        return null;
    }
  }

  /** Resolves `init` and reports when its static type cannot be assigned to the declared type `declared`. */
  private checkAssign(declared: TypeRef, init: Expr, c: Ctx, out: Diagnostic[]): void {
    const v = this.expr(init, c, out);
    if (v) this.reportIllegal(v, this.canon(declared, c.cls), init.pos, c, out);
  }

  private reportIllegal(
    from: TypeRef,
    to: TypeRef,
    pos: { line: number; col: number },
    c: Ctx,
    out: Diagnostic[]
  ): void {
    if (assignable(from, to, this.facts) === false)
      this.report(
        out,
        c,
        pos,
        `Illegal assignment from ${typeDisplay(from, this.facts)} to ${typeDisplay(to, this.facts)}`
      );
  }

  private newExpr(e: Extract<Expr, { kind: 'new' }>, c: Ctx, out: Diagnostic[]): TypeRef | null {
    const t = this.canon(e.type, c.cls);
    const cls = this.registry.all.get(t.name);
    if (!cls && this.world.sobjectName(t.name)) {
      // `new Account(Name = 'x')`: the names are fields, not variables.
      for (const a of e.args) this.expr(a.kind === 'assign' ? a.value : a, c, out);
      return t;
    }
    this.argTypes.set(
      e,
      e.args.map((a) => this.expr(a, c, out))
    );
    return t;
  }

  private call(e: Extract<Expr, { kind: 'call' }>, c: Ctx, out: Diagnostic[]): TypeRef | null {
    // The receiver: a type (static call), a value, or nothing (a method of this class or its outers).
    let owner: ClassInfo | null | undefined = undefined;
    let staticCall = false;
    let receiverKnown = false;
    if (e.target === null) {
      owner = c.cls;
      receiverKnown = true;
    } else if (e.target.kind === 'super') {
      owner = c.cls.superclass;
      receiverKnown = !!owner;
    } else {
      const tt = this.typeTarget(e.target, c);
      if (tt) {
        owner = tt;
        staticCall = true;
        receiverKnown = true;
      } else if (tt === undefined) {
        const t = this.expr(e.target, c, out);
        owner = t ? this.registry.all.get(t.name) : undefined;
        receiverKnown = !!owner;
      }
    }
    const types = e.args.map((a) => this.expr(a, c, out));
    this.argTypes.set(e, types);
    if (!receiverKnown || !owner) return null;
    const cands = this.candidates(owner, e.name, e.target === null);
    if (cands.length === 0) {
      if (this.missingIsCertain(owner, e.name, staticCall)) {
        const where = owner.name === 'anonymousblock' ? 'anon' : owner.display;
        const sig = types.map((t) => (t === NULL_T ? 'NULL' : (t?.display ?? 'Object'))).join(', ');
        this.report(
          out,
          c,
          e.pos,
          `Method does not exist or incorrect signature: void ${e.display}(${sig}) from the type ${where}`
        );
      }
      return null;
    }
    const m = this.overloads.select(cands, types);
    return m?.decl.returnType ? this.canon(m.decl.returnType, m.owner) : null;
  }

  /** Methods a call can reach: the class's own and inherited ones, and for a bare call its outer classes' too. */
  private candidates(owner: ClassInfo, name: string, bareCall: boolean): MethodInfo[] {
    const out = [...owner.methods(name)];
    if (bareCall) for (let o = owner.outer; o; o = o.outer) out.push(...o.methods(name));
    return out;
  }

  /** Whether a method of that name certainly does not exist on `owner` (its whole hierarchy is user code). */
  private missingIsCertain(owner: ClassInfo, name: string, staticCall: boolean): boolean {
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
  private knowsHierarchy(cls: ClassInfo): boolean {
    if (cls.platformAncestor) return false;
    for (let s: ClassInfo | null = cls; s; s = s.superclass) {
      if (s.isPrelude) return false;
      if (s.decl && s.decl.extends && !s.superclass && s.kind !== 'interface') return false;
      for (const i of s.interfaces) if (!i.decl || !this.knowsHierarchy(i)) return false;
    }
    return true;
  }

  // ----------------------------------------------------------------------- names
  private local(c: Ctx, name: string): TypeRef | null {
    for (let i = c.scopes.length - 1; i >= 0; i--) {
      const t = c.scopes[i].get(name);
      if (t) return t;
    }
    return null;
  }

  /** A field or property visible by bare name: its canonical type, null when typeless, undefined when absent. */
  private member(cls: ClassInfo, name: string): TypeRef | null | undefined {
    for (let o: ClassInfo | null = cls; o; o = o.outer) {
      const m = o.member(name);
      if (m) return this.canon(m.decl.type, m.owner);
    }
    return undefined;
  }

  private staticField(cls: ClassInfo, name: string): TypeRef | null {
    const m = cls.member(name);
    if (m) return this.canon(m.decl.type, m.owner);
    if (cls.kind === 'enum' && cls.enumValues.some((v) => v.name.toLowerCase() === name))
      return simple(cls.name, cls.display);
    return null;
  }

  private fieldOf(t: TypeRef, name: string): TypeRef | null {
    const cls = this.registry.all.get(t.name);
    if (!cls || !cls.decl) return null;
    const m = cls.member(name);
    return m ? this.canon(m.decl.type, m.owner) : null;
  }

  /**
   * When `e` names a user class rather than a value: that class; null when it names some other type or namespace
   * (native, SObject); undefined when it is a value.
   */
  private typeTarget(e: Expr, c: Ctx): ClassInfo | null | undefined {
    const parts: string[] = [];
    let x: Expr = e;
    while (x.kind === 'field') {
      parts.unshift(x.name);
      x = x.target;
    }
    if (x.kind !== 'name') return undefined;
    parts.unshift(x.name);
    if (this.local(c, x.name) || this.member(c.cls, x.name) !== undefined) return undefined;
    for (let n = parts.length; n >= 1; n--) {
      const joined = parts.slice(0, n).join('.');
      const cls = this.registry.resolve(joined, c.cls);
      if (cls && cls.decl) return n === parts.length ? cls : undefined;
      if (cls || this.world.namesOtherType(parts.slice(0, n))) return n === parts.length ? null : undefined;
    }
    return undefined;
  }

  private namesType(parts: string[], from: ClassInfo): boolean {
    return !!this.registry.resolve(parts.join('.'), from) || this.world.namesOtherType(parts);
  }

  private canon(t: TypeRef, from: ClassInfo | null): TypeRef {
    return canonicalType(t, from, this.registry, this.world);
  }

  private report(out: Diagnostic[], c: Ctx, pos: { line: number; col: number }, message: string): void {
    out.push({ file: c.file, line: pos.line, col: pos.col, message });
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col} ${d.message}`;
}
