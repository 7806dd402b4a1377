/**
 * The interpreter's public face: loading classes and triggers, and the entry points runners and the server
 * call (anonymous blocks, static and instance methods, statics). It evaluates the lowered AST with Apex semantics and
 * implements the {@link NativeContext} services the standard library calls back into, and the data platform's
 * {@link TriggerHost}.
 *
 * Control flow: statements return a completion signal (normal/break/continue/return) instead of throwing, and Apex
 * exceptions travel as {@link ApexThrow} (no JS stack capture), so the hot paths stay cheap.
 */
import type { Diagnostic } from '../../semantics/resolver.js';
import type { Stmt, TriggerDecl, TypeDecl } from '../../syntax/ast.js';
import { ClassInfo } from '../../semantics/classes.js';
import { UnsupportedFeatureError } from '../../values/errors.js';
import { StaticScope, type Frame } from '../scope.js';
import { type ApexObject, type Value } from '../../values/values.js';
import type { InterpreterOptions } from './engine.js';
import { Triggers } from './triggers.js';

export class Interpreter extends Triggers {
  constructor(opts: InterpreterOptions) {
    super(opts);
    this.platform.setTriggerHost(this);
  }

  addClass(decl: TypeDecl): ClassInfo {
    return this.registry.add(decl);
  }

  addTrigger(t: TriggerDecl): void {
    const key = t.sobject.toLowerCase();
    const list = this.triggers.get(key) ?? [];
    list.push(t);
    this.triggers.set(key, list);
  }

  /** Links superclasses and interfaces, then resolves each class and trigger not resolved yet (static types, errors). */
  link(): void {
    this.registry.link();
    for (const c of this.registry.top.values())
      if (c.decl && !this.diagnostics.has(c)) this.diagnostics.set(c, this.resolver.resolveClass(c));
    for (const list of this.triggers.values())
      for (const t of list)
        if (!this.diagnostics.has(t))
          this.diagnostics.set(t, this.resolver.resolveStatements(t.body.stmts, this.triggerClass(t), t.file));
  }

  /** What the resolver found per class and trigger, once each is linked (see {@link link}). */
  private readonly diagnostics = new Map<ClassInfo | TriggerDecl, Diagnostic[]>();

  /**
   * What the platform's compiler would reject in the loaded classes and triggers (the code still loads; what reaches
   * a broken line fails there). The prelude's own code is trusted and not listed.
   */
  compileErrors(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const [owner, found] of this.diagnostics) {
      if (owner instanceof ClassInfo && (owner.name === 'anonymousblock' || owner.isPrelude)) continue;
      out.push(...found);
    }
    return out;
  }

  /** Resolves an anonymous block (its members and statements); a non-empty answer means it must not run. */
  resolveAnonymous(stmts: Stmt[], members: ClassInfo, file: string): Diagnostic[] {
    const own = this.diagnostics.get(members) ?? this.resolver.resolveClass(members);
    return [...own, ...this.resolver.resolveStatements(stmts, members, file)];
  }

  /** Executes anonymous Apex statements with `members` (methods/classes declared in the block). */
  runAnonymous(stmts: Stmt[], members: ClassInfo, file: string): void {
    const frame: Frame = {
      cls: members,
      self: null,
      scope: StaticScope.root(),
      slots: [],
      where: 'AnonymousBlock',
      pos: { line: 1, col: 1 },
      accessor: null,
      file
    };
    const seq = this.compileSeq(stmts, frame.scope);
    this.runTopLevel(frame, () => this.runSeq(seq, 0, frame));
  }

  /** Calls a static method by class and method name (test methods, REST handlers). */
  invokeStatic(cls: ClassInfo, method: string, args: Value[]): Value {
    this.ensureStaticInit(cls);
    const m = this.selectMethod(cls.methods(method.toLowerCase()), args);
    if (!m) throw new UnsupportedFeatureError(`Method does not exist: ${cls.display}.${method}`);
    return this.invoke(m, null, args);
  }

  /** Calls an instance method of a user object (non-static test methods). */
  invokeInstance(obj: ApexObject, method: string, args: Value[]): Value {
    return this.callMethod(obj, method.toLowerCase(), args, null);
  }

  getStatic(cls: ClassInfo, field: string): Value {
    this.ensureStaticInit(cls);
    const m = cls.member(field.toLowerCase());
    if (!m) throw new UnsupportedFeatureError(`Variable does not exist: ${cls.display}.${field}`);
    return this.readMember(m, null, null);
  }

  setStatic(cls: ClassInfo, field: string, value: Value): void {
    this.ensureStaticInit(cls);
    const m = cls.member(field.toLowerCase());
    if (!m) throw new UnsupportedFeatureError(`Variable does not exist: ${cls.display}.${field}`);
    this.writeMember(m, null, value, null);
  }
}
