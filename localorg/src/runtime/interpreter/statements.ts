/**
 * Statement execution. Statements return a completion signal (normal/break/continue/return) instead of throwing.
 */
/* eslint-disable @typescript-eslint/only-throw-error --
   Apex exceptions travel as ApexThrow, deliberately not an Error: no JS stack is captured on every Apex throw. */
import type { Block, Stmt } from '../../syntax/ast.js';
import { SourceError } from '../../syntax/diagnostics.js';

import { ApexThrow, BREAK, CONTINUE, NORMAL, RETURN, Scope, type Frame, type Signal } from '../scope.js';
import { coerce, isInstance, runtimeTypeName, stripSystem } from '../types.js';
import {
  ApexEnumValue,
  ApexList,
  ApexObject,
  ApexSet,
  SObject,
  type TypeRef,
  type Value
} from '../../values/values.js';
import { C, NPE } from './engine.js';
import { Expressions } from './expressions.js';

export abstract class Statements extends Expressions {
  execBlock(b: Block, f: Frame): Signal {
    // A block that declares no locals needs no scope of its own (the common loop body).
    const flagged = b as Block & { $locals?: boolean };
    if ((flagged.$locals ??= b.stmts.some((x) => x.kind === 'local')) === false) {
      for (const st of b.stmts) {
        const sig = this.exec(st, f);
        if (sig !== NORMAL) return sig;
      }
      return NORMAL;
    }
    const saved = f.scope;
    f.scope = new Scope(saved);
    try {
      for (const s of b.stmts) {
        const sig = this.exec(s, f);
        if (sig !== NORMAL) return sig;
      }
      return NORMAL;
    } finally {
      f.scope = saved;
    }
  }

  exec(s: Stmt, f: Frame): Signal {
    f.pos = s.pos;
    if (++this.ticks === 2048) this.chargeCpu();
    if (this.coverage && s.kind !== 'block') this.cover(f.file, s.pos.line);
    switch (s.kind) {
      case 'expr':
        this.eval(s.expr, f);
        return NORMAL;
      case 'local':
        for (const d of s.decls) {
          const v = d.init ? coerce(this.eval(d.init, f), s.type, this) : null;
          f.scope.declare(d.name, v, s.type);
        }
        return NORMAL;
      case 'block':
        return this.execBlock(s, f);
      case 'if':
        if (this.truthy(this.eval(s.test, f), s.test)) return this.execNested(s.then, f);
        return s.else ? this.execNested(s.else, f) : NORMAL;
      case 'return':
        this.retVal = s.value ? this.eval(s.value, f) : null;
        return RETURN;
      case 'while':
        while (this.truthy(this.eval(s.test, f), s.test)) {
          const sig = this.execNested(s.body, f);
          if (sig === BREAK) break;
          if (sig === RETURN) return sig;
        }
        return NORMAL;
      case 'doWhile':
        do {
          const sig = this.execNested(s.body, f);
          if (sig === BREAK) break;
          if (sig === RETURN) return sig;
        } while (this.truthy(this.eval(s.test, f), s.test));
        return NORMAL;
      case 'for':
        return this.execFor(s, f);
      case 'forEach':
        return this.execForEach(s, f);
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'throw': {
        const v = this.eval(s.value, f);
        if (v === null) this.throwApex('System.NullPointerException', 'Attempt to throw a null exception object');
        if (!(v instanceof ApexObject) || !C(v).isException)
          this.throwApex('System.TypeException', 'throw requires an exception object');
        throw new ApexThrow(v);
      }
      case 'try':
        return this.execTry(s, f);
      case 'switch':
        return this.execSwitch(s, f);
      case 'dml':
        return this.execDml(s, f);
      case 'runAs':
        return this.execRunAs(s, f);
      case 'unsupported':
        throw new SourceError(f.file, s.pos.line, s.pos.col, `unsupported construct: ${s.construct}`);
    }
  }

  /** A statement in a branch or loop body gets its own scope even when it is not a block. */
  protected execNested(s: Stmt, f: Frame): Signal {
    if (s.kind === 'block') return this.execBlock(s, f);
    const saved = f.scope;
    f.scope = new Scope(saved);
    try {
      return this.exec(s, f);
    } finally {
      f.scope = saved;
    }
  }

  protected execFor(s: Extract<Stmt, { kind: 'for' }>, f: Frame): Signal {
    const saved = f.scope;
    f.scope = new Scope(saved);
    try {
      for (const i of s.init) this.exec(i, f);
      while (!s.test || this.truthy(this.eval(s.test, f), s.test)) {
        const sig = this.execNested(s.body, f);
        if (sig === BREAK) break;
        if (sig === RETURN) return sig;
        for (const u of s.update) this.eval(u, f);
      }
      return NORMAL;
    } finally {
      f.scope = saved;
    }
  }

  protected execForEach(s: Extract<Stmt, { kind: 'forEach' }>, f: Frame): Signal {
    const it = this.eval(s.iterable, f);
    if (it === null) this.throwApex('System.NullPointerException', NPE);
    let items: Iterable<Value>;
    if (it instanceof ApexList) {
      // A SOQL for-loop with a list variable receives the rows in chunks of 200.
      if (
        stripSystem(s.type.name) === 'list' &&
        (it.items.length === 0 || it.items[0] instanceof SObject) &&
        !(it.elementType.name === 'list')
      ) {
        const chunks: Value[] = [];
        for (let i = 0; i < it.items.length; i += 200)
          chunks.push(new ApexList(it.elementType, it.items.slice(i, i + 200)));
        items = chunks;
      } else items = it.items.slice();
    } else if (it instanceof ApexSet) items = it.values();
    else if (it instanceof ApexObject) items = this.iterateUser(it);
    else return this.throwApex('System.TypeException', `Loop must iterate over collection: ${runtimeTypeName(it)}`);
    const saved = f.scope;
    try {
      for (const v of items) {
        f.scope = new Scope(saved);
        f.scope.declare(s.name, coerce(v, s.type, this), s.type);
        const sig = s.body.kind === 'block' ? this.execBlock(s.body, f) : this.exec(s.body, f);
        if (sig === BREAK) break;
        if (sig === RETURN) return sig;
      }
      return NORMAL;
    } finally {
      f.scope = saved;
    }
  }

  protected *iterateUser(o: ApexObject): Generator<Value> {
    const iter = C(o).methods('iterator').length ? this.callMethod(o, 'iterator', [], null) : o;
    while (this.truthy(this.callMethod(iter, 'hasnext', [], null), null)) yield this.callMethod(iter, 'next', [], null);
  }

  protected execTry(s: Extract<Stmt, { kind: 'try' }>, f: Frame): Signal {
    let sig: Signal = NORMAL;
    let pending: unknown = undefined;
    let hasPending = false;
    const depth = this.stack.length;
    try {
      sig = this.execBlock(s.body, f);
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
      const clause = s.catches.find((c) => this.exceptionMatches(t.exception, c.type));
      if (clause) {
        const saved = f.scope;
        f.scope = new Scope(saved);
        f.scope.declare(clause.name, t.exception, clause.type);
        try {
          sig = this.execBlock(clause.body, f);
        } catch (e2) {
          pending = e2;
          hasPending = true;
        } finally {
          f.scope = saved;
        }
      } else {
        pending = t;
        hasPending = true;
      }
    }
    if (s.finally) {
      const savedRet = this.retVal;
      const fs = this.execBlock(s.finally, f);
      if (fs !== NORMAL) return fs;
      this.retVal = savedRet;
    }
    if (hasPending) throw pending;
    return sig;
  }

  protected exceptionMatches(ex: ApexObject, t: TypeRef): boolean {
    const n = t.name;
    if (n === 'exception' || n === 'system.exception') return true;
    const cls = this.registry.resolve(n, this.topFrame()?.cls ?? null);
    return ex.cls.isSubtypeOf(cls?.name ?? n);
  }

  protected execSwitch(s: Extract<Stmt, { kind: 'switch' }>, f: Frame): Signal {
    const v = this.eval(s.value, f);
    for (const w of s.whens) {
      let hit = false;
      if (w.kind === 'else') hit = true;
      else if (w.kind === 'type') hit = v !== null && isInstance(v, w.type!, this);
      else {
        for (const e of w.values) {
          if (e.kind === 'name') {
            if (v instanceof ApexEnumValue && v.name.toLowerCase() === e.name) hit = true;
          } else if (e.kind === 'literal') {
            const lit = e.value;
            if (lit === null ? v === null : v !== null && (typeof lit === 'string' ? v === lit : this.equals(v, lit)))
              hit = true;
          }
          if (hit) break;
        }
      }
      if (!hit) continue;
      if (w.kind === 'type') {
        const saved = f.scope;
        f.scope = new Scope(saved);
        f.scope.declare(w.varName!, v, w.type!);
        try {
          return this.execBlock(w.body, f);
        } finally {
          f.scope = saved;
        }
      }
      return this.execBlock(w.body, f);
    }
    return NORMAL;
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
