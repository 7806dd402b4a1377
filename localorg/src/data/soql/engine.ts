/**
 * Evaluates a lowered SOQL query in memory against the store: filter, sort, offset/limit, then project into fresh
 * SObjects whose `queried` sets say which fields may be read. Never translated to SQL. Bind expressions are evaluated
 * once per execution, before any row is read, as the platform binds them.
 */
import type { BindEvaluator, DataAccess } from '../../runtime/data-platform.js';
import type { SelectItem, SoqlQuery } from '../../syntax/soql/ast.js';
import { ApexList, typeRef, type Value } from '../../values/values.js';
import type { OrgContext } from '../context.js';
import { msg } from '../messages.js';
import { accessCheck } from '../security/access.js';
import { Aggregation } from './aggregation.js';
import { expandFieldsFunction } from './fields.js';
import { queryError, type ResolvedPath } from './resolve.js';

/**
 * Runs a query; returns an ApexList of SObjects (or AggregateResults), or an Integer for `COUNT()`. A SOSL search's
 * RETURNING entries run here too (`statement` 'search'): the search was counted once, as a SOSL statement. For Apex
 * (`parentKeys`), a row read through a parent relationship (`Account.Name`) also holds that lookup's own field
 * (`AccountId`), as Apex rows do; the REST API returns only what was selected.
 */
export function runQuery(
  org: OrgContext,
  query: SoqlQuery,
  bind: BindEvaluator,
  access?: DataAccess,
  statement: 'soql' | 'search' = 'soql',
  parentKeys = false
): Value {
  const object = org.schema.object(query.from);
  if (!object || object.queryableOnly) throw queryError(msg.noSuchObject(query.from), query.position);
  const q = expandFieldsFunction(org, query, object);
  const metadata = object.customMetadata;
  if (statement === 'soql') org.limits.chargeQuery(metadata);
  const check = accessCheck(org, queryAccess(query.withMode, access));
  check?.requireReadable(object);
  const result = new Execution(org, q, object, bind, check, parentKeys).run();
  // Names resolve while the query runs (ORDER BY among the last); nothing is returned if any was unreadable.
  check?.throwIfDenied();
  return result;
}

/**
 * The access a query runs with: `WITH USER_MODE` enforces sharing, object permissions and FLS; `WITH SYSTEM_MODE`
 * drops permissions and keeps the class's sharing; `WITH SECURITY_ENFORCED` adds permissions to the class's sharing.
 */
function queryAccess(withMode: string | null, access: DataAccess | undefined): DataAccess | undefined {
  const sharing = access?.sharing ?? false;
  if (withMode === 'USER_MODE') return { sharing: true, permissions: true };
  if (withMode === 'SYSTEM_MODE') return { sharing, permissions: false };
  if (withMode === 'SECURITY_ENFORCED') return { sharing, permissions: true };
  return access;
}

/** The query plan: names resolved and WHERE compiled before any row is read; then a count, groups or rows. */
class Execution extends Aggregation {
  run(): Value {
    const q = this.q;
    if (q.select.some((s) => s.kind === 'typeof')) {
      throw queryError('TYPEOF is not supported by localorg', q.position);
    }
    // Resolve every name before reading any row, so a bad query fails even on an empty table.
    const selected = q.select.map((s) => this.checkSelect(s));
    const predicate = q.where ? this.compile(q.where, this.object) : () => true;
    this.check?.throwIfDenied();
    let rows = this.visibleRows(this.object, q.allRows).filter(predicate);

    const isAggregate = q.groupBy.length > 0 || q.select.some((s) => s.kind === 'aggregate');
    const isCount = q.select.length === 1 && q.select[0].kind === 'count';
    if (isCount) {
      this.org.limits.chargeQueryRows(1, this.object.customMetadata);
      return this.applyLimit(rows).length;
    }
    if (isAggregate) return this.aggregate(rows);

    rows = this.sort(rows, this.object);
    rows = this.applyLimit(rows);
    this.org.limits.chargeQueryRows(rows.length, this.object.customMetadata);
    const out = rows.map((r) => this.project(r, selected, this.object));
    return new ApexList(typeRef(this.object.name), out);
  }

  private checkSelect(s: SelectItem): SelectItem | { kind: 'resolved'; path: ResolvedPath } {
    if (s.kind === 'field') return { kind: 'resolved', path: this.resolve(s.path) };
    if (s.kind === 'subquery') {
      const rel = this.org.schema.childRelationship(this.object, s.query.from);
      if (!rel) throw queryError(msg.noSuchChildRelation(s.query.from, this.object.name), s.query.position);
      const child = this.org.schema.object(rel.childObject)!;
      for (const item of s.query.select) {
        if (item.kind === 'field') this.resolve(item.path, child, s.query.position);
        else if (item.kind !== 'count') throw queryError('only fields may be selected in a subquery', s.query.position);
      }
    }
    return s;
  }
}
