/**
 * `FIELDS(ALL | CUSTOM | STANDARD)` in a SELECT list: expanded against the schema into plain field items before the
 * query runs, so the rest of the engine sees an ordinary field list. ALL and CUSTOM need a LIMIT of at most 200
 * (the platform refuses an unbounded set of fields); a field selected twice is refused as the platform does.
 */
import type { OrgContext } from '../context.js';
import type { ObjectDef } from '../schema/types.js';
import type { SelectItem, SoqlQuery } from '../../syntax/soql/ast.js';
import { queryError } from './resolve.js';

const FIELDS_LIMIT = 200;

export function expandFieldsFunction(org: OrgContext, q: SoqlQuery, object: ObjectDef): SoqlQuery {
  if (!q.select.some((s) => s.kind === 'fields' || s.kind === 'subquery')) return q;
  const select: SelectItem[] = [];
  const seen = new Set<string>();
  const add = (item: SelectItem) => {
    if (item.kind === 'field') {
      const key = item.path.join('.').toLowerCase();
      if (seen.has(key)) throw queryError(`duplicate field selected: ${item.path.join('.')}`, q.position);
      seen.add(key);
    }
    select.push(item);
  };
  for (const s of q.select) {
    if (s.kind === 'subquery') {
      const rel = org.schema.childRelationship(object, s.query.from);
      const child = rel ? org.schema.object(rel.childObject) : undefined;
      add(child ? { kind: 'subquery', query: expandFieldsFunction(org, s.query, child) } : s);
    } else if (s.kind !== 'fields') add(s);
    else {
      if (s.which !== 'STANDARD' && !boundedBy200(q))
        throw queryError(
          `The SOQL FIELDS function must have a LIMIT of at most ${FIELDS_LIMIT} with FIELDS(${s.which})`,
          q.position
        );
      for (const f of object.fields.values()) {
        if (s.which === 'ALL' || (s.which === 'CUSTOM') === f.custom) add({ kind: 'field', path: [f.name] });
      }
    }
  }
  return { ...q, select };
}

function boundedBy200(q: SoqlQuery): boolean {
  const l = q.limit;
  return l?.kind === 'literal' && l.value.type === 'number' && Number(l.value.text) <= FIELDS_LIMIT;
}
