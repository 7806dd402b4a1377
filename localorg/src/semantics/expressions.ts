/**
 * The expression half of the resolver ({@link ./resolver.ts}): the static type of each expression (literals, locals
 * and parameters, fields and properties, casts, `new`, user method results), the argument types recorded on each call
 * and `new` for overload selection, and the compile errors expressions carry — a method, variable or constructor that
 * does not exist, an illegal assignment, an impossible cast — as `file:line:col` diagnostics worded as the platform
 * words them. It only reports what it is sure of; anything else is left to run time.
 */
import type { Expr, Pos } from '../syntax/ast.js';
import type { TypeRef } from '../values/values.js';
import { CallChecks } from './call-checks.js';
import type { ClassInfo, ClassRegistry } from './classes.js';
import { Names } from './names.js';
import { Overloads, type ArgTypes } from './overloads.js';
import { NULL_T, literalType, simple, widerNumeric, type TypeWorld } from './static-types.js';
import { assignable, castable, typeDisplay, type TypeFacts } from './type-checks.js';

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
}

export const BOOLEAN_T = simple('boolean', 'Boolean');
const STRING_T = simple('string', 'String');

/** Where an expression is resolved: its class, whether there is a `this`, its file and the locals in scope. */
export interface Ctx {
  cls: ClassInfo;
  isStatic: boolean;
  file: string;
  scopes: Map<string, TypeRef>[];
  /** What a `return` in this body may carry: nothing (void method), a value, nothing (constructor), or unchecked. */
  returns: 'void' | 'value' | 'ctor' | null;
  /** A trigger body or an anonymous block's statements (static, but with rules of their own). */
  script: boolean;
}

/** The platform's wording for an instance field or property named without an instance. */
function nonStaticField(name: string, type: string): string {
  return `Non static field cannot be referenced from a static context: ${name} from the type ${type}`;
}

export class ExpressionResolver {
  private readonly argTypes = new WeakMap<object, ArgTypes>();

  /** Overload choice by static types, shared with the interpreter. */
  readonly overloads: Overloads;
  protected readonly facts: TypeFacts;
  protected readonly names: Names;
  private readonly checks: CallChecks;

  constructor(
    protected readonly registry: ClassRegistry,
    protected readonly world: TypeWorld
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

  // ----------------------------------------------------------------------- expressions
  /** Resolves an expression and returns its static type (null: unknown). */
  protected expr(e: Expr, c: Ctx, out: Diagnostic[]): TypeRef | null {
    switch (e.kind) {
      case 'literal':
        return literalType(e.value);
      case 'name': {
        const local = this.local(c, e.name);
        if (local) return local;
        const found = this.names.bareMember(c.cls, e.name);
        if (found) {
          const { member, outer } = found;
          if (!outer && !member.decl.isStatic && c.isStatic && !c.script && c.cls.name !== 'anonymousblock')
            this.report(out, c, e.pos, nonStaticField(e.display, member.owner.display));
          return this.canon(member.decl.type, member.owner);
        }
        if (!this.names.namesType([e.name], c.cls) && this.names.knowsHierarchy(c.cls))
          this.report(out, c, e.pos, `Variable does not exist: ${e.display}`);
        return null;
      }
      case 'field': {
        const cls = this.typeTarget(e.target, c);
        if (cls) {
          this.checkMember(cls, e, c, out);
          return this.names.staticField(cls, e.name);
        }
        if (cls === null) return null;
        const t = this.expr(e.target, c, out);
        const owner = t && this.registry.all.get(t.name);
        if (owner && owner.kind !== 'enum') this.checkMember(owner, e, c, out);
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
        if (['==', '!=', '===', '!==', '<', '>', '<=', '>='].includes(e.op)) {
          // `===` and `!==` compare references (a rule of their own); the others need comparable types.
          if (l && r && castable(l, r, this.facts) === false && e.op !== '===' && e.op !== '!==')
            this.report(
              out,
              c,
              e.pos,
              `Comparison arguments must be compatible types: ${typeDisplay(l, this.facts)}, ${typeDisplay(r, this.facts)}`
            );
          return BOOLEAN_T;
        }
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

  /** `x.name` on a user class: a member it lacks, or a private one read from outside its top-level class. */
  private checkMember(cls: ClassInfo, e: { name: string; display: string; pos: Pos }, c: Ctx, out: Diagnostic[]): void {
    const m = cls.member(e.name);
    if (m && this.names.notVisible(m, c.cls)) this.report(out, c, e.pos, `Variable is not visible: ${e.display}`);
    else if (!m && this.names.lacksMember(cls, e.name))
      this.report(out, c, e.pos, `Variable does not exist: ${e.display}`);
  }

  private never(from: TypeRef, to: TypeRef): string {
    return `${typeDisplay(from, this.facts)} is never an instance of ${typeDisplay(to, this.facts)}`;
  }

  /** Resolves `init` and reports when its static type cannot be assigned to the declared type `declared`. */
  protected checkAssign(declared: TypeRef, init: Expr, c: Ctx, out: Diagnostic[]): void {
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
    if (!cls && (this.world.sobjectName(t.name) || e.args.some((a) => a.kind === 'assign'))) {
      // `new Account(Name = 'x')`: the names are fields, not variables — also for an SObject the schema lacks
      // (`new Log__Share(ParentId = …)`: name=value pairs are only valid for SObjects).
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
      this.checks.noneFits(owner, e.name, types, e.target === null)
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
  protected local(c: Ctx, name: string): TypeRef | null {
    for (let i = c.scopes.length - 1; i >= 0; i--) {
      const t = c.scopes[i].get(name);
      if (t) return t;
    }
    return null;
  }

  private typeTarget(e: Expr, c: Ctx): ClassInfo | null | undefined {
    return this.names.typeTarget(e, c.cls, (n) => !!this.local(c, n), c.isStatic);
  }

  protected canon(t: TypeRef, from: ClassInfo | null): TypeRef {
    return this.names.canon(t, from);
  }

  protected report(out: Diagnostic[], c: Ctx, pos: { line: number; col: number }, message: string): void {
    out.push({ file: c.file, line: pos.line, col: pos.col, message });
  }
}
