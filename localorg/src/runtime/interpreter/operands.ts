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
