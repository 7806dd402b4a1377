/**
 * Overload choice by the arguments' static types, as Apex's compiler makes it: among the candidates of the right
 * arity, the one the arguments fit best (exact, then widening or subtyping, then Object or null; see
 * {@link staticScore}). The resolver uses it to type call results; the interpreter to choose at each call.
 */
import type { TypeRef } from '../values/values.js';
import type { ClassInfo, ClassRegistry, MethodInfo } from './classes.js';
import { canonicalType, staticScore, type TypeWorld } from './static-types.js';

/** Static argument types per call or `new`, null where unknown. */
export type ArgTypes = (TypeRef | null)[];

export class Overloads {
  constructor(
    private readonly registry: ClassRegistry,
    private readonly world: TypeWorld
  ) {}

  private readonly paramTypes = new WeakMap<object, TypeRef[]>();

  /**
   * Overload choice at run time: among candidates of the right arity, the best fit of the arguments' static types,
   * with `runtimeScore` standing in for an argument whose static type is unknown. Null when no candidate fits
   * statically (the caller then chooses by run-time values alone).
   */
  choose<M extends { decl: { params: { type: TypeRef }[] }; owner: ClassInfo }>(
    cands: M[],
    types: ArgTypes,
    runtimeScore: (i: number, param: TypeRef) => number
  ): M | null {
    return bestFit(cands, types.length, (m, i) => {
      const t = types[i];
      return t
        ? staticScore(t, this.paramTypesOf(m)[i], this.registry, this.world)
        : runtimeScore(i, m.decl.params[i].type);
    });
  }

  paramTypesOf(m: { decl: { params: { type: TypeRef }[] }; owner: ClassInfo }): TypeRef[] {
    let pts = this.paramTypes.get(m.decl);
    if (!pts) {
      pts = m.decl.params.map((p) => canonicalType(p.type, m.owner, this.registry, this.world));
      this.paramTypes.set(m.decl, pts);
    }
    return pts;
  }

  /** Selects by static types where every argument's type is known; null otherwise (left to run time). */
  select(cands: MethodInfo[], types: ArgTypes): MethodInfo | null {
    if (types.some((t) => !t)) return null;
    return bestFit(cands, types.length, (m, i) =>
      staticScore(types[i]!, this.paramTypesOf(m)[i], this.registry, this.world)
    );
  }
}

/**
 * The candidate of the given arity whose arguments fit it best: the sum of `score(candidate, argument index)`, where
 * any negative score rules the candidate out; the first declared wins a tie. Null when no candidate fits.
 */
export function bestFit<M extends { decl: { params: unknown[] } }>(
  cands: M[],
  arity: number,
  score: (m: M, i: number) => number
): M | null {
  let best: M | null = null;
  let bestScore = -1;
  for (const m of cands) {
    if (m.decl.params.length !== arity) continue;
    let total = 0;
    for (let i = 0; i < arity; i++) {
      const s = score(m, i);
      if (s < 0) {
        total = -1;
        break;
      }
      total += s;
    }
    if (total > bestScore) {
      bestScore = total;
      best = m;
    }
  }
  return best;
}
