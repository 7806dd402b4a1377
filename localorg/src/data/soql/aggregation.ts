import type { AggregateName, WhereExpr } from '../../syntax/soql/ast.js';
import { ApexList, Decimal, SObject, typeRef, type Value } from '../../values/values.js';
import { toDecimal } from '../coerce.js';
import { msg } from '../messages.js';
import type { FieldDef } from '../schema/types.js';
import { compareForOrder, compareKeys, comparisonKey, keysEqual, sortKey } from './comparison-keys.js';
import { Projection } from './projection.js';
import { queryError, valueAt, type ResolvedPath } from './resolve.js';

/** GROUP BY and aggregate functions: AggregateResult rows, HAVING, and ORDER BY over groups. */
export class Aggregation extends Projection {
  protected aggregate(rows: SObject[]): Value {
    const q = this.q;
    const groupPaths = q.groupBy.map((g) => this.resolve(g));
    const groupKeys = new Set(groupPaths.map((p) => pathKey(p)));
    let exprIndex = 0;
    const columns = q.select.map((s) => {
      if (s.kind === 'field') {
        const p = this.resolve(s.path);
        if (!groupKeys.has(pathKey(p))) throw queryError(msg.notGroupedOrAggregated(s.path.join('.')), q.position);
        return { kind: 'group' as const, p, name: s.alias ?? p.field.name };
      }
      if (s.kind === 'aggregate') {
        const p = s.path ? this.resolve(s.path) : null;
        return { kind: 'agg' as const, fn: s.fn, p, name: s.alias ?? `expr${exprIndex++}` };
      }
      throw queryError('subqueries cannot be combined with aggregate functions', q.position);
    });
    this.org.limits.chargeQueryRows(rows.length, this.object.customMetadata);
    const groups = new Map<string, SObject[]>();
    for (const r of rows) {
      const key = JSON.stringify(groupPaths.map((p) => String(comparisonKey(valueAt(this.org, r, p), p.field))));
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(r);
    }
    if (groupPaths.length === 0 && groups.size === 0) groups.set('[]', []);
    let results = [...groups.values()].map((members) => {
      const ar = new SObject('AggregateResult');
      for (const c of columns) {
        if (c.kind === 'group') ar.set(c.name, members.length ? valueAt(this.org, members[0], c.p) : null);
        else
          ar.set(
            c.name,
            aggregateOf(
              c.fn,
              c.p ? members.map((m) => valueAt(this.org, m, c.p!)) : members.map(() => true),
              c.p?.field
            )
          );
      }
      return { ar, members };
    });
    if (q.having) {
      const having = q.having;
      results = results.filter(({ members }) => this.havingHolds(having, members));
    }
    if (q.orderBy.length) {
      const keyed = results.map((res, i) => ({
        res,
        i,
        k: q.orderBy.map((o) => {
          const p = this.resolve(o.path);
          const vals = members(res).map((m) => valueAt(this.org, m, p));
          const v = o.aggregate ? aggregateOf(o.aggregate, vals, p.field) : (vals[0] ?? null);
          return sortKey(v, o.aggregate === 'COUNT' ? { ...p.field, type: 'integer' } : p.field);
        })
      }));
      keyed.sort((a, b) => {
        for (let j = 0; j < q.orderBy.length; j++) {
          const c = compareForOrder(a.k[j], b.k[j], q.orderBy[j].descending, q.orderBy[j].nullsFirst);
          if (c !== 0) return c;
        }
        return a.i - b.i;
      });
      results = keyed.map((x) => x.res);
    }
    const limited = this.applyLimit(results.map((r) => r.ar));
    return new ApexList(typeRef('AggregateResult'), limited);
  }

  protected havingHolds(e: WhereExpr, group: SObject[]): boolean {
    switch (e.kind) {
      case 'and':
        return e.terms.every((t) => this.havingHolds(t, group));
      case 'or':
        return e.terms.some((t) => this.havingHolds(t, group));
      case 'not':
        return !this.havingHolds(e.term, group);
      case 'cmp': {
        const p = this.resolve(e.field);
        const vals = group.map((m) => valueAt(this.org, m, p));
        const field =
          e.aggregate === 'COUNT' || e.aggregate === 'COUNT_DISTINCT'
            ? { ...p.field, type: 'integer' as const }
            : p.field;
        const left = e.aggregate ? aggregateOf(e.aggregate, vals, p.field) : (vals[0] ?? null);
        const right = this.rightValues(e.value, field);
        const lk = comparisonKey(left, field);
        const rk = comparisonKey(right[0] ?? null, field);
        switch (e.op) {
          case '=':
            return keysEqual(lk, rk);
          case '!=':
            return !keysEqual(lk, rk);
          case 'IN':
            return right.some((x) => keysEqual(lk, comparisonKey(x, field)));
          case 'NOT IN':
            return !right.some((x) => keysEqual(lk, comparisonKey(x, field)));
          case '<':
          case '<=':
          case '>':
          case '>=': {
            if (lk === null || rk === null) return false;
            const c = compareKeys(lk, rk);
            return e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : c >= 0;
          }
          default:
            throw queryError(`operator ${e.op} is not supported in HAVING by localorg`, this.q.position);
        }
      }
    }
  }
}

function members(res: { members: SObject[] }): SObject[] {
  return res.members;
}

function pathKey(p: ResolvedPath): string {
  return [...p.steps.map((s) => s.name), p.field.name].join('.').toLowerCase();
}

function aggregateOf(fn: AggregateName, values: Value[], field: FieldDef | undefined): Value {
  const present = values.filter((v) => v !== null);
  switch (fn) {
    case 'COUNT':
      return present.length;
    case 'COUNT_DISTINCT':
      return new Set(present.map((v) => String(comparisonKey(v, field!)))).size;
    case 'SUM':
    case 'AVG': {
      if (present.length === 0) return null;
      let sum = Decimal.ZERO;
      for (const v of present) sum = sum.add(toDecimal(v) ?? Decimal.ZERO);
      if (fn === 'SUM') return field?.type === 'integer' ? sum.toNumber() : sum;
      return sum.divideDefault(Decimal.fromInteger(present.length));
    }
    case 'MIN':
    case 'MAX': {
      if (present.length === 0) return null;
      let best = present[0];
      for (const v of present.slice(1)) {
        const c = compareKeys(comparisonKey(v, field!)!, comparisonKey(best, field!)!);
        if (fn === 'MIN' ? c < 0 : c > 0) best = v;
      }
      return best;
    }
  }
}
