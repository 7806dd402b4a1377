/**
 * Statement execution. Statements return a completion signal (normal/break/continue/return) instead of throwing.
 */
/* eslint-disable @typescript-eslint/only-throw-error --
   Apex exceptions travel as ApexThrow, deliberately not an Error: no JS stack is captured on every Apex throw. */
import type { Block, Pos, Stmt } from '../../syntax/ast.js';
import { SourceError } from '../../syntax/diagnostics.js';

import {
  ApexThrow,
  BREAK,
  CONTINUE,
  NORMAL,
  RETURN,
  type Ev,
  type Ex,
  type Frame,
  type Signal,
  type StaticScope
} from '../scope.js';
import { runtimeTypeName, stripSystem } from '../types.js';
import { ApexList, ApexObject, ApexSet, SObject, type TypeRef, type Value } from '../../values/values.js';
import { C, NPE } from './engine.js';
import { Expressions } from './expressions.js';
import { compareNumbers, inlineComparison, operand, read } from './operands.js';
import { arith } from '../operators.js';

export abstract class Statements extends Expressions {
  /** Compiled statements of this interpreter (parsed trees are shared between interpreters, so not on the nodes). */
  private readonly compiledStmts = new WeakMap<Stmt, Ex>();

  /** Runs a block: its compiled form, compiled on first use in the scope the frame is in. */
  execBlock(b: Block, f: Frame): Signal {
    return this.exec(b, f);
  }

  /** Runs a statement: its compiled form, compiled on first use in the scope the frame is in. */
  exec(s: Stmt, f: Frame): Signal {
    let c = this.compiledStmts.get(s);
    if (c === undefined) c = this.compileStmt(s, f.scope);
    return c(f);
  }

  /** Compiles statements that share one scope (a body), for running from a given index with {@link runSeq}. */
  compileSeq(stmts: readonly Stmt[], sc: StaticScope): Ex[] {
    return stmts.map((x) => this.compileStmt(x, sc));
  }

  /**
   * Compiles a statement to a closure. The closure records the statement's position (line numbers in stack traces)
   * and scope, counts toward the CPU-limit check (see {@link step}) and marks coverage; then runs the statement. A
   * block does none of that itself (its statements do), and the commonest statements do it inside their own closure
   * rather than through a wrapper, which saves a call per statement.
   */
  compileStmt(s: Stmt, sc: StaticScope): Ex {
    let c = this.compiledStmts.get(s);
    if (c === undefined) {
      c = s.kind === 'block' ? this.compileBlock(s, sc) : (this.compileStepping(s, sc) ?? this.wrapStep(s, sc));
      this.compiledStmts.set(s, c);
    }
    return c;
  }

  /**
   * What every statement does first: records where the frame is, counts a tick (the CPU time is charged every 2,048
   * ticks) and marks its line covered when coverage is on.
   */
  protected step(f: Frame, pos: Pos, sc: StaticScope): void {
    f.pos = pos;
    f.scope = sc;
    if (++this.ticks === 2048) this.chargeCpu();
    if (this.coverage !== null) this.cover(f.file, pos.line);
  }

  /** A loop's back edge counts a tick too, so that even `while (true) {}` reaches the CPU limit. */
  protected backEdge(): void {
    if (++this.ticks === 2048) this.chargeCpu();
  }

  private wrapStep(s: Stmt, sc: StaticScope): Ex {
    const run = this.compileStmtNode(s, sc);
    const pos = s.pos;
    return (f) => {
      this.step(f, pos, sc);
      return run(f);
    };
  }

  private compileBlock(s: Block, sc: StaticScope): Ex {
    const seq = this.compileSeq(s.stmts, sc.child());
    if (seq.length === 1) return seq[0];
    if (seq.length === 2) {
      const [a, b] = seq;
      return (f) => {
        const sig = a(f);
        return sig !== NORMAL ? sig : b(f);
      };
    }
    return (f) => this.runSeq(seq, 0, f);
  }

  /** The commonest statements, compiled with their {@link step} inside; null for the others. */
  private compileStepping(s: Stmt, sc: StaticScope): Ex | null {
    const pos = s.pos;
    switch (s.kind) {
      case 'expr': {
        const x = this.compileExpr(s.expr, sc);
        const e = s.expr;
        const local =
          e.kind === 'assign' && e.op === '=' && e.target.kind === 'name' ? sc.lookup(e.target.name) : undefined;
        if (e.kind === 'assign' && local !== undefined && this.keepsValue(local.type)) {
          // `x = value;` into an Integer, Boolean or collection local: the store without the assignment's own closure.
          const value = this.compileExpr(e.value, sc);
          const k = local.slot;
          const v = e.value;
          if (v.kind === 'binary' && (v.op === '+' || v.op === '-') && local.type.name === 'integer') {
            // `total = total + x;` into an Integer: the sum is stored from the statement itself (one call fewer);
            // operands that are not both Integers take the operator's own path.
            const l = operand(v.left, this.compileExpr(v.left, sc), sc);
            const r = operand(v.right, this.compileExpr(v.right, sc), sc);
            const plus = v.op === '+';
            return (f) => {
              this.step(f, pos, sc);
              const a = read(l, f);
              const b = read(r, f);
              f.slots[k] =
                typeof a === 'number' && typeof b === 'number'
                  ? plus
                    ? (a + b) | 0
                    : (a - b) | 0
                  : plus
                    ? this.plusOther(v, a, b, f)
                    : arith('-', a, b, this.str);
              return NORMAL;
            };
          }
          return this.storeStep(pos, sc, k, value);
        }
        return (f) => {
          this.step(f, pos, sc);
          x(f);
          return NORMAL;
        };
      }
      case 'if': {
        const test = this.compileExpr(s.test, sc);
        const then = this.compileNested(s.then, sc);
        const otherwise = s.else ? this.compileNested(s.else, sc) : null;
        const cmp = inlineComparison(s.test, sc);
        if (cmp !== null)
          return (f) => {
            this.step(f, pos, sc);
            const quick = compareNumbers(cmp, f);
            const yes = quick !== undefined ? quick : this.truthy(test(f));
            return yes ? then(f) : otherwise !== null ? otherwise(f) : NORMAL;
          };
        return (f) => {
          this.step(f, pos, sc);
          return this.truthy(test(f)) ? then(f) : otherwise !== null ? otherwise(f) : NORMAL;
        };
      }
      case 'return': {
        const x = s.value ? this.compileExpr(s.value, sc) : null;
        return (f) => {
          this.step(f, pos, sc);
          this.retVal = x !== null ? x(f) : null;
          return RETURN;
        };
      }
      case 'local': {
        if (s.decls.length !== 1) return null;
        const d = s.decls[0];
        const init = d.init ? this.compileExpr(d.init, sc) : null;
        const k = sc.declare(d.name, s.type).slot;
        const conv = this.coercer(s.type);
        if (init === null)
          return (f) => {
            this.step(f, pos, sc);
            f.slots[k] = null;
            return NORMAL;
          };
        if (this.keepsValue(s.type)) return this.storeStep(pos, sc, k, init);
        return (f) => {
          this.step(f, pos, sc);
          f.slots[k] = conv(init(f));
          return NORMAL;
        };
      }
      default:
        return null;
    }
  }

  /** A statement that stores a value into a local's slot unconverted (`Integer n = …;`, `n = …;`). */
  private storeStep(pos: Pos, sc: StaticScope, slot: number, value: Ev): Ex {
    return (f) => {
      this.step(f, pos, sc);
      f.slots[slot] = value(f);
      return NORMAL;
    };
  }

  private compileStmtNode(s: Stmt, sc: StaticScope): Ex {
    switch (s.kind) {
      case 'expr':
      case 'if':
      case 'return':
      case 'block':
        return this.compileStmt(s, sc);
      case 'local': {
        const decls = s.decls.map((d) => {
          const init = d.init ? this.compileExpr(d.init, sc) : null;
          return { init, slot: sc.declare(d.name, s.type).slot };
        });
        const conv = this.coercer(s.type);
        return (f) => {
          for (const d of decls) f.slots[d.slot] = d.init ? conv(d.init(f)) : null;
          return NORMAL;
        };
      }
      case 'while': {
        const test = this.compileExpr(s.test, sc);
        const body = this.compileNested(s.body, sc);
        return (f) => {
          while (this.truthy(test(f))) {
            const sig = body(f);
            f.scope = sc;
            this.backEdge();
            if (sig === BREAK) break;
            if (sig === RETURN) return sig;
          }
          return NORMAL;
        };
      }
      case 'doWhile': {
        const test = this.compileExpr(s.test, sc);
        const body = this.compileNested(s.body, sc);
        return (f) => {
          do {
            const sig = body(f);
            f.scope = sc;
            this.backEdge();
            if (sig === BREAK) break;
            if (sig === RETURN) return sig;
          } while (this.truthy(test(f)));
          return NORMAL;
        };
      }
      case 'for':
        return this.compileFor(s, sc);
      case 'forEach':
        return this.compileForEach(s, sc);
      case 'break':
        return () => BREAK;
      case 'continue':
        return () => CONTINUE;
      case 'throw': {
        const x = this.compileExpr(s.value, sc);
        return (f) => {
          const v = x(f);
          if (v === null) this.throwApex('System.NullPointerException', 'Attempt to throw a null exception object');
          if (!(v instanceof ApexObject) || !C(v).isException)
            this.throwApex('System.TypeException', 'throw requires an exception object');
          throw new ApexThrow(v);
        };
      }
      case 'try':
        return this.compileTry(s, sc);
      case 'switch':
        return this.compileSwitch(s, sc);
      case 'dml':
        this.compileExpr(s.value, sc);
        return (f) => this.execDml(s, f);
      case 'runAs':
        for (const u of s.user) this.compileExpr(u, sc);
        return (f) => this.execRunAs(s, f);
      case 'unsupported':
        return (f) => {
          throw new SourceError(f.file, s.pos.line, s.pos.col, `unsupported construct: ${s.construct}`);
        };
    }
  }

  /** A statement in a branch or loop body gets its own scope even when it is not a block. */
  protected compileNested(s: Stmt, sc: StaticScope): Ex {
    return this.compileStmt(s, s.kind === 'block' ? sc : sc.child());
  }

  private compileFor(s: Extract<Stmt, { kind: 'for' }>, outer: StaticScope): Ex {
    const sc = outer.child();
    const init = this.compileSeq(s.init, sc);
    const test = s.test ? this.compileExpr(s.test, sc) : null;
    const body = this.compileNested(s.body, sc);
    const updates = s.update.map((u) => this.compileExpr(u, sc));
    const update = updates.length === 1 ? updates[0] : (f: Frame) => this.runAll(updates, f);
    const cmp = s.test ? inlineComparison(s.test, sc) : null;
    const u = s.update.length === 1 ? s.update[0] : null;
    const counter =
      u !== null && u.kind === 'incdec' && u.target.kind === 'name' ? sc.lookup(u.target.name) : undefined;
    if (cmp !== null && test !== null) {
      // `for (Integer i = 0; i < n; i++)`: the test reads its operands inline while they hold plain numbers, and an
      // `i++`/`i--` step on a local counter adds to it inline while it holds an Integer.
      const k = u !== null && u.kind === 'incdec' && counter !== undefined ? counter.slot : -1;
      const delta = u !== null && u.kind === 'incdec' && u.op === '--' ? -1 : 1;
      return (f) => {
        for (const i of init) i(f);
        f.scope = sc;
        for (;;) {
          const quick = compareNumbers(cmp, f);
          if (!(quick !== undefined ? quick : this.truthy(test(f)))) break;
          const sig = body(f);
          f.scope = sc;
          if (sig === BREAK) break;
          if (sig === RETURN) return sig;
          this.backEdge();
          const old = k >= 0 ? f.slots[k] : undefined;
          if (typeof old === 'number') f.slots[k] = (old + delta) | 0;
          else update(f);
        }
        return NORMAL;
      };
    }
    return (f) => {
      for (const i of init) i(f);
      f.scope = sc;
      while (test === null || this.truthy(test(f))) {
        const sig = body(f);
        f.scope = sc;
        if (sig === BREAK) break;
        if (sig === RETURN) return sig;
        this.backEdge();
        update(f);
      }
      return NORMAL;
    };
  }

  private compileForEach(s: Extract<Stmt, { kind: 'forEach' }>, outer: StaticScope): Ex {
    const iterable = this.compileExpr(s.iterable, outer);
    const sc = outer.child();
    const k = sc.declare(s.name, s.type).slot;
    const conv = this.coercer(s.type);
    const body = this.compileStmt(s.body, sc);
    return (f) => {
      const items = this.loopItems(iterable(f), s.type);
      for (const v of items) {
        f.slots[k] = conv(v);
        const sig = body(f);
        if (sig === BREAK) break;
        if (sig === RETURN) return sig;
        this.backEdge();
      }
      return NORMAL;
    };
  }

  /** Evaluates expressions in order (a for loop's updates); their values are dropped. */
  private runAll(xs: readonly Ev[], f: Frame): null {
    for (const x of xs) x(f);
    return null;
  }

  private loopItems(it: Value, type: TypeRef): Iterable<Value> {
    if (it === null) this.throwApex('System.NullPointerException', NPE);
    if (it instanceof ApexList) {
      // A SOQL for-loop with a list variable receives the rows in chunks of 200.
      if (
        stripSystem(type.name) === 'list' &&
        (it.items.length === 0 || it.items[0] instanceof SObject) &&
        !(it.elementType.name === 'list')
      ) {
        const chunks: Value[] = [];
        for (let i = 0; i < it.items.length; i += 200)
          chunks.push(new ApexList(it.elementType, it.items.slice(i, i + 200)));
        return chunks;
      }
      return it.items.slice();
    }
    if (it instanceof ApexSet) return it.values();
    if (it instanceof ApexObject) return this.iterateUser(it);
    return this.throwApex('System.TypeException', `Loop must iterate over collection: ${runtimeTypeName(it)}`);
  }

  protected *iterateUser(o: ApexObject): Generator<Value> {
    const iter = C(o).methods('iterator').length ? this.callMethod(o, 'iterator', [], null) : o;
    while (this.truthy(this.callMethod(iter, 'hasnext', [], null))) yield this.callMethod(iter, 'next', [], null);
  }

  /** `try`/`catch`/`finally` (guarded-statements.ts). */
  protected abstract compileTry(s: Extract<Stmt, { kind: 'try' }>, sc: StaticScope): Ex;
  /** `switch on` (guarded-statements.ts). */
  protected abstract compileSwitch(s: Extract<Stmt, { kind: 'switch' }>, sc: StaticScope): Ex;
  /** `System.runAs` (guarded-statements.ts). */
  protected abstract execRunAs(s: Extract<Stmt, { kind: 'runAs' }>, f: Frame): Signal;
  /** A DML statement (guarded-statements.ts). */
  protected abstract execDml(s: Extract<Stmt, { kind: 'dml' }>, f: Frame): Signal;
}
