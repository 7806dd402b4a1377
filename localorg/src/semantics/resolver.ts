/**
 * The resolver: a pass over every class, trigger and anonymous block once they are loaded and linked. This half walks
 * declarations and statements — scopes of locals and parameters, missing returns, bodiless methods, duplicate
 * variables, unreachable statements, returns that carry a value where none is allowed — and hands each expression to
 * {@link ExpressionResolver} ({@link ./expressions.ts}), which types it and records call argument types for overload
 * selection. Diagnostics are `file:line:col` and worded as the platform words them.
 *
 * It only reports what it is sure of: a call whose receiver's type it cannot tell, or a class whose hierarchy reaches
 * a type it does not model, is left to run time.
 */
import type { Block, Expr, Pos, Stmt, TypeDecl } from '../syntax/ast.js';
import type { TypeRef } from '../values/values.js';
import type { ClassInfo } from './classes.js';
import { ExpressionResolver, type Ctx, type Diagnostic } from './expressions.js';
import type { ArgTypes } from './overloads.js';
import { NULL_T } from './static-types.js';
import { completesNormally, typeDisplay } from './type-checks.js';

export type { ArgTypes, Diagnostic };

const JUMPS = new Set<Stmt['kind']>(['return', 'throw', 'break', 'continue']);

export class Resolver extends ExpressionResolver {
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

  /** An `if`, `while` or `for` condition, whose static type must be Boolean. */
  private condition(test: Expr, c: Ctx, out: Diagnostic[]): void {
    const t = this.expr(test, c, out);
    if (t && t !== NULL_T && t.name !== 'boolean')
      this.report(out, c, test.pos, `Condition expression must be of type Boolean: ${typeDisplay(t, this.facts)}`);
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
        this.condition(s.test, c, out);
        this.nested(s.then, c, out);
        if (s.else) this.nested(s.else, c, out);
        return;
      case 'while':
      case 'doWhile':
        this.condition(s.test, c, out);
        this.nested(s.body, c, out);
        return;
      case 'for':
        c.scopes.push(new Map());
        for (const i of s.init) this.stmt(i, c, out);
        if (s.test) this.condition(s.test, c, out);
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
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col} ${d.message}`;
}
