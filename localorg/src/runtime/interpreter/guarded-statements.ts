/**
 * The statements that guard or redirect what runs inside them: `try`/`catch`/`finally`, `switch on`, `System.runAs`,
 * and DML statements (insert, update, upsert, delete, undelete, merge) handed to the data platform.
 */
import type { Stmt } from '../../syntax/ast.js';
import { NORMAL, type Ex, type Frame, type Signal, type StaticScope } from '../scope.js';
import { isInstance, runtimeTypeName } from '../types.js';
import { ApexEnumValue, ApexList, type ApexObject, SObject, type TypeRef, type Value } from '../../values/values.js';
import { NPE } from './engine.js';
import { Statements } from './statements.js';

export abstract class GuardedStatements extends Statements {
  protected compileTry(s: Extract<Stmt, { kind: 'try' }>, sc: StaticScope): Ex {
    const body = this.compileStmt(s.body, sc);
    const catches = s.catches.map((c) => {
      const csc = sc.child();
      const k = csc.declare(c.name, c.type).slot;
      return { type: c.type, slot: k, body: this.compileStmt(c.body, csc) };
    });
    const fin = s.finally ? this.compileStmt(s.finally, sc) : null;
    return (f) => {
      let sig: Signal = NORMAL;
      let pending: unknown = undefined;
      let hasPending = false;
      const depth = this.stack.length;
      try {
        sig = body(f);
      } catch (err) {
        this.stack.length = depth;
        const t = this.asApexThrow(err);
        // LimitException and AssertException cannot be caught on the platform.
        if (
          !t ||
          t.exception.cls.isSubtypeOf('system.limitexception') ||
          t.exception.cls.isSubtypeOf('system.assertexception')
        )
          throw t ?? err;
        const clause = catches.find((c) => this.exceptionMatches(t.exception, c.type));
        if (clause) {
          f.slots[clause.slot] = t.exception;
          try {
            sig = clause.body(f);
          } catch (e2) {
            pending = e2;
            hasPending = true;
          }
        } else {
          pending = t;
          hasPending = true;
        }
      }
      if (fin) {
        const savedRet = this.retVal;
        const fs = fin(f);
        if (fs !== NORMAL) return fs;
        this.retVal = savedRet;
      }
      if (hasPending) throw pending;
      return sig;
    };
  }

  protected exceptionMatches(ex: ApexObject, t: TypeRef): boolean {
    const n = t.name;
    if (n === 'exception' || n === 'system.exception') return true;
    const cls = this.registry.resolve(n, this.topFrame()?.cls ?? null);
    return ex.cls.isSubtypeOf(cls?.name ?? n);
  }

  protected compileSwitch(s: Extract<Stmt, { kind: 'switch' }>, sc: StaticScope): Ex {
    const value = this.compileExpr(s.value, sc);
    const whens = s.whens.map((w) => {
      if (w.kind !== 'type') return { w, slot: -1, body: this.compileStmt(w.body, sc) };
      const wsc = sc.child();
      const slot = wsc.declare(w.varName!, w.type!).slot;
      return { w, slot, body: this.compileStmt(w.body, wsc) };
    });
    return (f) => {
      const v = value(f);
      for (const { w, slot, body } of whens) {
        if (!this.whenMatches(w, v)) continue;
        if (slot >= 0) f.slots[slot] = v;
        return body(f);
      }
      return NORMAL;
    };
  }

  private whenMatches(w: Extract<Stmt, { kind: 'switch' }>['whens'][number], v: Value): boolean {
    if (w.kind === 'else') return true;
    if (w.kind === 'type') return v !== null && isInstance(v, w.type!, this);
    for (const e of w.values) {
      if (e.kind === 'name') {
        if (v instanceof ApexEnumValue && v.name.toLowerCase() === e.name) return true;
      } else if (e.kind === 'literal') {
        const lit = e.value;
        if (lit === null ? v === null : v !== null && (typeof lit === 'string' ? v === lit : this.equals(v, lit)))
          return true;
      }
    }
    return false;
  }

  /**
   * `System.runAs(user) { … }`: the block runs as the User (inserted first when it has no Id yet), whose sharing
   * and permissions then apply; the previous running user comes back after the block, however it ends.
   */
  protected execRunAs(s: Extract<Stmt, { kind: 'runAs' }>, f: Frame): Signal {
    const args = s.user.map((u) => this.eval(u, f));
    const target = args[0];
    if (!(target instanceof SObject) || target.type.toLowerCase() !== 'user') {
      if (target === null) this.throwApex('System.NullPointerException', 'Argument cannot be null.');
      return this.execBlock(s.body, f); // runAs(Version): package version contexts are not emulated
    }
    if (!target.id) this.native(() => this.platform.dml('insert', [target], { allOrNone: true }));
    const previous = this.runAsUser;
    this.runAsUser = this.native(() => this.platform.switchUser(target.id!));
    try {
      return this.execBlock(s.body, f);
    } finally {
      this.platform.switchUser((previous ?? this.baseUser).id);
      this.runAsUser = previous;
    }
  }

  protected execDml(s: Extract<Stmt, { kind: 'dml' }>, f: Frame): Signal {
    const v = this.eval(s.value, f);
    if (v === null) this.throwApex('System.NullPointerException', NPE);
    let records: SObject[];
    if (v instanceof SObject) records = [v];
    else if (v instanceof ApexList) records = v.items.filter((x): x is SObject => x instanceof SObject);
    else
      return this.throwApex('System.TypeException', `DML requires SObject or SObject list type: ${runtimeTypeName(v)}`);
    this.platform.dml(s.op, records, {
      allOrNone: true,
      externalIdField: s.externalIdField,
      access: this.dataAccess(s.accessLevel ?? null)
    });
    return NORMAL;
  }
}
