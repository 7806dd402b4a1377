/**
 * Static check of a lowered query against the schema, without running it: the platform rejects inline SOQL naming an
 * unknown object, field or relationship when the class is compiled, so the interpreter can call this while loading
 * a class and report the problem at the query's line even if the query never runs.
 */
import { msg } from '../messages.js';
import type { OrgContext } from '../context.js';
import type { ObjectDef } from '../schema/types.js';
import type { SoqlQuery, SoqlValue, WhereExpr } from '../../syntax/soql/ast.js';
import { queryError, resolvePath } from './resolve.js';

export function checkQuery(org: OrgContext, q: SoqlQuery): void {
  const object = org.schema.object(q.from);
  if (!object || object.queryableOnly) throw queryError(msg.noSuchObject(q.from), q.position);
  checkAgainst(org, q, object);
}

function checkAgainst(org: OrgContext, q: SoqlQuery, object: ObjectDef): void {
  const aliases = q.fromAlias ? [q.fromAlias] : [];
  const path = (p: string[]) => resolvePath(org, object, p, q.position, aliases);
  for (const s of q.select) {
    if (s.kind === 'field') path(s.path);
    else if (s.kind === 'aggregate' && s.path) path(s.path);
    else if (s.kind === 'subquery') {
      const rel = org.schema.childRelationship(object, s.query.from);
      if (!rel) throw queryError(msg.noSuchChildRelation(s.query.from, object.name), s.query.position);
      checkAgainst(org, s.query, org.schema.object(rel.childObject)!);
    }
  }
  const where = (e: WhereExpr | null): void => {
    if (!e) return;
    switch (e.kind) {
      case 'and':
      case 'or':
        e.terms.forEach(where);
        return;
      case 'not':
        where(e.term);
        return;
      case 'cmp':
        path(e.field);
        value(e.value);
    }
  };
  const value = (v: SoqlValue): void => {
    if (v.kind === 'subquery') checkQuery(org, v.query);
    else if (v.kind === 'list') v.values.forEach(value);
  };
  where(q.where);
  where(q.having);
  q.groupBy.forEach(path);
  q.orderBy.forEach((o) => path(o.path));
}
