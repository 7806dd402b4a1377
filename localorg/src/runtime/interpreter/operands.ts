/**
 * How a compiled operator reads its operands. Most operands are a local variable or a literal; reading those inline
 * (a slot load, a constant) instead of through the operand's own compiled closure saves a call per operand — the
 * calls between closures are what an interpreter loop spends its time on.
 */
import type { Expr } from '../../syntax/ast.js';
import type { Ev, Frame, StaticScope } from '../scope.js';
import type { Value } from '../../values/values.js';

/** An operand: a local's slot (`slot >= 0`), a literal (`ev === null`), or any other compiled expression. */
export interface Operand {
  readonly slot: number;
  readonly value: Value;
  readonly ev: Ev | null;
}

/**
 * The operand form of an expression, `ev` being its compiled closure: names of locals (as the scope resolves them at
 * compile time) and literals are read inline.
 */
export function operand(e: Expr, ev: Ev, sc: StaticScope): Operand {
  if (e.kind === 'literal') return { slot: -1, value: e.value, ev: null };
  if (e.kind === 'name') {
    const local = sc.lookup(e.name);
    if (local) return { slot: local.slot, value: null, ev: null };
  }
  return { slot: -1, value: null, ev };
}

/** Reads an operand in a frame. A local never written holds undefined only before its declaration runs. */
export function read(o: Operand, f: Frame): Value {
  return o.slot >= 0 ? f.slots[o.slot] : o.ev !== null ? o.ev(f) : o.value;
}

/** A comparison both of whose operands are read inline: loops and `if`s test it without calling a closure. */
export interface InlineComparison {
  readonly op: '<' | '>' | '<=' | '>=';
  readonly l: Operand;
  readonly r: Operand;
}

/** The inline form of `a < b`, `a > b`, `a <= b` or `a >= b` over locals and literals; null for anything else. */
export function inlineComparison(e: Expr, sc: StaticScope): InlineComparison | null {
  if (e.kind !== 'binary' || (e.op !== '<' && e.op !== '>' && e.op !== '<=' && e.op !== '>=')) return null;
  const inline = (x: Expr): Operand | null => {
    if (x.kind === 'literal') return typeof x.value === 'number' ? { slot: -1, value: x.value, ev: null } : null;
    const local = x.kind === 'name' ? sc.lookup(x.name) : undefined;
    return local ? { slot: local.slot, value: null, ev: null } : null;
  };
  const l = inline(e.left);
  const r = inline(e.right);
  return l && r ? { op: e.op, l, r } : null;
}

/**
 * Evaluates an inline comparison when both operands hold plain numbers (Integer or Double): true or false; undefined
 * when either does not (null, Long, Decimal, Date…), for the caller to run the compiled comparison with its checks.
 */
export function compareNumbers(c: InlineComparison, f: Frame): boolean | undefined {
  const a = c.l.slot >= 0 ? f.slots[c.l.slot] : c.l.value;
  const b = c.r.slot >= 0 ? f.slots[c.r.slot] : c.r.value;
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  switch (c.op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}
