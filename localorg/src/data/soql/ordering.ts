import type { SObject } from '../../values/values.js';
import type { ObjectDef } from '../schema/types.js';
import { compareForOrder, sortKey } from './comparison-keys.js';
import { QueryScope } from './query-scope.js';
import { queryError, valueAt } from './resolve.js';

/** ORDER BY over a query's rows: keys per field, nulls first unless NULLS LAST, stable for equal keys. */
export class Ordering extends QueryScope {
  sort(rows: SObject[], object: ObjectDef): SObject[] {
    if (this.q.orderBy.length === 0) return rows;
    const keys = this.q.orderBy.map((o) => {
      if (o.aggregate) throw queryError('ORDER BY an aggregate needs GROUP BY', this.q.position);
      const p = this.resolve(o.path, object);
      if (p.field.type === 'multipicklist' || (p.field.type === 'textarea' && p.field.length > 255)) {
        throw queryError(`field '${p.field.name}' can not be sorted in a query call`, this.q.position);
      }
      return { p, o };
    });
    const decorated = rows.map((r, i) => ({ r, i, k: keys.map(({ p }) => sortKey(valueAt(this.org, r, p), p.field)) }));
    decorated.sort((a, b) => {
      for (let j = 0; j < keys.length; j++) {
        const c = compareForOrder(a.k[j], b.k[j], keys[j].o.descending, keys[j].o.nullsFirst);
        if (c !== 0) return c;
      }
      return a.i - b.i;
    });
    return decorated.map((d) => d.r);
  }
}
