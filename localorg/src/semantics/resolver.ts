/**
 * The resolver: a pass over every class, trigger and anonymous block once they are loaded and linked. It tracks the
 * declared types of locals and parameters, computes each argument's static type ({@link ./static-types.ts}), records
 * them on the call for overload selection, and reports what the platform's compiler would reject — a method or a
 * variable that does not exist — as `file:line:col` diagnostics worded as the platform words them.
 *
 * It only reports what it is sure of: a call whose receiver's type it cannot tell, or a class whose hierarchy reaches
 * a type it does not model, is left to run time.
 */
import type { Block, Expr, Pos, Stmt, TypeDecl } from '../syntax/ast.js';
import type { TypeRef } from '../values/values.js';
import { CallChecks } from './call-checks.js';
import type { ClassInfo, ClassRegistry } from './classes.js';
import { Names } from './names.js';
import { Overloads, type ArgTypes } from './overloads.js';
import { NULL_T, literalType, simple, widerNumeric, type TypeWorld } from './static-types.js';
import { assignable, castable, completesNormally, typeDisplay, type TypeFacts } from './type-checks.js';

export type { ArgTypes };

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
}

const BOOLEAN_T = simple('boolean', 'Boolean');
const JUMPS = new Set<Stmt['kind']>(['return', 'throw', 'break', 'continue']);
const STRING_T = simple('string', 'String');

type Scope = Map<string, TypeRef>[];

interface Ctx {
  cls: ClassInfo;
  isStatic: boolean;
  file: string;
  scopes: Scope;
  /** What a `return` in this body may carry: nothing (void method), a value, nothing (constructor), or unchecked. */
  returns: 'void' | 'value' | 'ctor' | null;
  /** A trigger body or an anonymous block's statements (static, but with rules of their own). */
  script: boolean;
}

export class Resolver {
  private readonly argTypes = new WeakMap<object, ArgTypes>();

  /** Overload choice by static types, shared with the interpreter. */
  readonly overloads: Overloads;
  private readonly facts: TypeFacts;
  private readonly names: Names;
  private readonly checks: CallChecks;

  constructor(
    private readonly registry: ClassRegistry,
    private readonly world: TypeWorld
  ) {
    this.overloads = new Overloads(registry, world);
    this.names = new Names(registry, world);
    this.facts = { registry, world, knowsHierarchy: (cls) => this.names.knowsHierarchy(cls) };
    this.checks = new CallChecks(this.names, this.facts);
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
    const ctx = (
      isStatic: boolean,
      params: { name: string; type: TypeRef }[] = [],
      returns: Ctx['returns'] = null
    ): Ctx => ({
      cls,
      isStatic,
      file: d.file,
      scopes: [new Map(params.map((p) => [p.name, this.canon(p.type, cls)]))],
      returns,
      script: false
    });
    for (const m of d.methods) {
      if (m.body) {
        this.block(m.body, ctx(m.isStatic, m.params, m.returnType ? 'value' : 'void'), out);
        if (m.returnType && completesNormally(m.body))
          out.push({
            file: d.file,
            ...m.pos,
            message: `Missing return statement required return type: ${typeDisplay(this.canon(m.returnType, cls), this.facts)}`
          });
      } else if (d.kind === 'class' && !m.modifiers.has('abstract'))
        out.push({ file: d.file, ...m.pos, message: 'Method must define a body' });
    }
    for (const c of d.ctors) this.block(c.body, ctx(false, c.params, 'ctor'), out);
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
    const c: Ctx = { cls, isStatic: true, file, scopes: [new Map<string, TypeRef>()], returns: null, script: true };
    this.statements(stmts, c, out);
    return out;
  }

  // ----------------------------------------------------------------------- statements
  private block(b: Block, c: Ctx, out: Diagnostic[]): void {
    c.scopes.push(new Map());
    this.statements(b.stmts, c, out);
    c.scopes.pop();
  }

  /** Statements in sequence; the first one after a `return`, `throw`, `break` or `continue` is unreachable. */
  private statements(stmts: Stmt[], c: Ctx, out: Diagnostic[]): void {
    let leftAt = -1;
    stmts.forEach((s, i) => {
      if (leftAt >= 0 && i === leftAt + 1 && !(s.kind === 'block' && s.stmts.length === 0))
        this.report(out, c, s.pos, 'Unreachable statement');
      if (leftAt < 0 && JUMPS.has(s.kind)) leftAt = i;
      this.stmt(s, c, out);
    });
  }

  private nested(s: Stmt, c: Ctx, out: Diagnostic[]): void {
    c.scopes.push(new Map());
    this.stmt(s, c, out);
    c.scopes.pop();
  }

  private declare(c: Ctx, name: string, t: TypeRef): void {
    c.scopes[c.scopes.length - 1].set(name, this.canon(t, c.cls));
  }

  /** Declares a local variable, reporting one that repeats a local or parameter still in scope. */
  private declareLocal(c: Ctx, d: { name: string; display: string; pos: Pos }, t: TypeRef, out: Diagnostic[]): void {
    if (this.local(c, d.name)) this.report(out, c, d.pos, `Duplicate variable: ${d.display}`);
    this.declare(c, d.name, t);
  }

  private stmt(s: Stmt, c: Ctx, out: Diagnostic[]): void {
    switch (s.kind) {
      case 'block':
        return this.block(s, c, out);
      case 'local':
        for (const d of s.decls) {
          if (d.init) this.checkAssign(s.type, d.init, c, out);
          this.declareLocal(c, d, s.type, out);
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
        this.declareLocal(c, { name: s.name, display: s.name, pos: s.pos }, s.type, out);
        this.stmt(s.body, c, out);
        c.scopes.pop();
        return;
      case 'return':
        if (s.value && (c.returns === 'void' || c.returns === 'ctor'))
          this.report(
            out,
            c,
            s.pos,
            c.returns === 'void' ? 'Void method must not return a value' : 'Constructors must not return a value'
          );
        if (s.value) this.expr(s.value, c, out);
        return;
      case 'throw':
        this.expr(s.value, c, out);
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
        const m = this.names.member(c.cls, e.name);
        if (m) return m;
        if (m === undefined && !this.names.namesType([e.name], c.cls) && this.names.knowsHierarchy(c.cls))
          this.report(out, c, e.pos, `Variable does not exist: ${e.display}`);
        return null;
      }
      case 'field': {
        const cls = this.typeTarget(e.target, c);
        if (cls) return this.names.staticField(cls, e.name);
        if (cls === null) return null;
        const t = this.expr(e.target, c, out);
        return t ? this.names.fieldOf(t, e.name) : null;
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
      case 'cast': {
        const from = this.expr(e.expr, c, out);
        const to = this.canon(e.type, c.cls);
        if (from && castable(from, to, this.facts) === false)
          this.report(out, c, e.pos, `Incompatible types since an instance of ${this.never(from, to)}`);
        return to;
      }
      case 'instanceof': {
        const from = this.expr(e.expr, c, out);
        const to = this.canon(e.type, c.cls);
        if (from && castable(from, to, this.facts) === false)
          this.report(
            out,
            c,
            e.pos,
            `Operation instanceof is always false since an instance of ${this.never(from, to)}`
          );
        return BOOLEAN_T;
      }
      case 'this':
        if (c.isStatic && !c.script && c.cls.name !== 'anonymousblock')
          this.report(out, c, e.pos, 'This cannot be referenced in a static context');
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

  private never(from: TypeRef, to: TypeRef): string {
    return `${typeDisplay(from, this.facts)} is never an instance of ${typeDisplay(to, this.facts)}`;
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
    const types = e.args.map((a) => this.expr(a, c, out));
    this.argTypes.set(e, types);
    const problem = cls && !e.args.some((a) => a.kind === 'assign') ? this.checks.missingConstructor(cls, types) : null;
    if (problem) this.report(out, c, e.pos, problem);
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
    const cands = this.names.candidates(owner, e.name, e.target === null);
    if (cands.length === 0) {
      if (this.names.missingIsCertain(owner, e.name, staticCall))
        this.report(out, c, e.pos, this.missingMethod(e, types, owner));
      return null;
    }
    const shape = {
      display: e.display,
      types,
      staticCall,
      valueReceiver: e.target !== null && e.target.kind !== 'super' && !staticCall,
      bareInStaticContext: e.target === null && c.isStatic && !c.script && c.cls.name !== 'anonymousblock'
    };
    const problem =
      this.checks.wrongContext(cands, shape) ??
      (this.names.missingIsCertain(owner, e.name, staticCall) &&
      this.checks.wrongArity(owner, e.name, cands, types.length)
        ? this.missingMethod(e, types, owner)
        : this.checks.ambiguity(cands, shape, this.overloads));
    if (problem) this.report(out, c, e.pos, problem);
    const m = this.overloads.select(cands, types);
    return m?.decl.returnType ? this.canon(m.decl.returnType, m.owner) : null;
  }

  private missingMethod(e: { display: string }, types: ArgTypes, owner: ClassInfo): string {
    const where = owner.name === 'anonymousblock' ? 'anon' : owner.display;
    const sig = types.map((t) => (t === NULL_T ? 'NULL' : (t?.display ?? 'Object'))).join(', ');
    return `Method does not exist or incorrect signature: void ${e.display}(${sig}) from the type ${where}`;
  }

  // ----------------------------------------------------------------------- names
  private local(c: Ctx, name: string): TypeRef | null {
    for (let i = c.scopes.length - 1; i >= 0; i--) {
      const t = c.scopes[i].get(name);
      if (t) return t;
    }
    return null;
  }

  private typeTarget(e: Expr, c: Ctx): ClassInfo | null | undefined {
    return this.names.typeTarget(e, c.cls, (n) => !!this.local(c, n));
  }

  private canon(t: TypeRef, from: ClassInfo | null): TypeRef {
    return this.names.canon(t, from);
  }

  private report(out: Diagnostic[], c: Ctx, pos: { line: number; col: number }, message: string): void {
    out.push({ file: c.file, line: pos.line, col: pos.col, message });
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col} ${d.message}`;
}
