import type { FieldPath, SelectItem, SoqlQuery } from '../../syntax/soql/ast.js';
import { ApexId, ApexList, SObject, typeRef } from '../../values/values.js';
import type { ChildRelationship, FieldDef, ObjectDef } from '../schema/types.js';
import { parentKey, parentRow } from './metadata-rows.js';
import { valueAt, type ResolvedPath } from './resolve.js';
import { WhereFilter } from './where-filter.js';

/** One subquery's rows for a whole outer query (see Projection.childrenOf). */
interface SubqueryRows {
  rel: ChildRelationship;
  child: ObjectDef;
  inner: Projection;
  lookup: FieldDef;
  byParent: Map<string, SObject[]>;
  selected: { kind: 'resolved'; path: ResolvedPath }[];
}

/**
 * SELECT's fields copied into fresh SObjects whose `queried` sets say which fields may be read: parent paths as
 * nested SObjects, child subqueries as lists read once per query and grouped by parent.
 */
export class Projection extends WhereFilter {
  private readonly subqueries = new Map<SoqlQuery, SubqueryRows>();

  protected project(
    row: SObject,
    selected: (SelectItem | { kind: 'resolved'; path: ResolvedPath })[],
    object: ObjectDef
  ): SObject {
    const out = new SObject(row.type);
    out.queried = new Set(['id']);
    // Fields keep SELECT order (REST output relies on it); the Id is always present, last when not selected.
    for (const s of selected) {
      if (s.kind === 'resolved') this.projectPath(row, out, s.path);
      else if (s.kind === 'subquery') this.projectChildren(row, out, s.query, object);
    }
    if (!out.has('id')) out.set('Id', row.get('id'));
    return out;
  }

  /** Copies one path's value into `out`, creating parent SObjects (each with its own queried set) on the way. */
  protected projectPath(row: SObject, out: SObject, p: ResolvedPath): void {
    let src: SObject = row;
    let dst = out;
    for (let i = 0; i < p.steps.length; i++) {
      const step = p.steps[i];
      const relName = step.relationshipName!;
      const relKey = relName.toLowerCase();
      dst.queried!.add(relKey);
      const keyField = step.name.toLowerCase();
      if (this.parentKeys && !dst.queried!.has(keyField)) {
        dst.queried!.add(keyField);
        dst.set(step.name, src.get(keyField));
      }
      const parent = parentRow(this.org, step, src);
      if (!parent) {
        // A null parent reads as null; deeper fields are simply absent.
        if (!dst.has(relKey)) dst.set(relName, null);
        return;
      }
      let next = dst.get(relKey);
      if (!(next instanceof SObject)) {
        next = new SObject(parent.type);
        next.queried = new Set(['id']);
        dst.set(relName, next);
      }
      src = parent;
      dst = next;
    }
    const fieldKey = p.field.name.toLowerCase();
    dst.queried!.add(fieldKey);
    if (dst !== out && !dst.has('id')) {
      dst.set(p.field.name, null); // reserve SELECT order before the implicit Id
      dst.set('Id', src.get('id'));
    }
    const value =
      p.owner.name === 'Name'
        ? valueAt(this.org, src, { ...p, steps: [], targets: [], stepKeys: [] })
        : src.get(fieldKey);
    dst.set(p.field.name, value);
  }

  protected projectChildren(row: SObject, out: SObject, sub: SoqlQuery, object: ObjectDef): void {
    const children = this.childrenOf(sub, object);
    let rows = children.byParent.get(parentKey(children.lookup, row) ?? '') ?? [];
    rows = children.inner.sort(rows, children.child);
    rows = children.inner.applyLimit(rows);
    this.org.limits.chargeQueryRows(rows.length, children.child.customMetadata);
    const list = new ApexList(
      typeRef(children.child.name),
      rows.map((r) => children.inner.project(r, children.selected, children.child))
    );
    out.queried!.add(children.rel.relationshipName.toLowerCase());
    out.set(children.rel.relationshipName, list);
  }

  /** A subquery's visible, filtered child rows, read once per query and grouped by parent key. */
  protected childrenOf(sub: SoqlQuery, object: ObjectDef): SubqueryRows {
    const cached = this.subqueries.get(sub);
    if (cached) return cached;
    const rel = this.org.schema.childRelationship(object, sub.from)!;
    const child = this.org.schema.object(rel.childObject)!;
    const inner = new Projection(this.org, { ...sub, from: child.name }, child, this.bind, this.check, this.parentKeys);
    const lookup = this.org.schema.field(child, rel.field)!;
    const predicate = sub.where ? inner.compile(sub.where, child) : () => true;
    const byParent = new Map<string, SObject[]>();
    for (const r of inner.visibleRows(child)) {
      const fk = r.get(rel.field);
      const key = fk instanceof ApexId ? fk.value : lookup.metadataRelationship && typeof fk === 'string' ? fk : null;
      if (key === null || !predicate(r)) continue;
      const group = byParent.get(key);
      if (group) group.push(r);
      else byParent.set(key, [r]);
    }
    const selected = sub.select
      .filter((s) => s.kind === 'field')
      .map((s) => ({
        kind: 'resolved' as const,
        path: inner.resolve((s as { path: FieldPath }).path, child, sub.position)
      }));
    const rows: SubqueryRows = { rel, child, inner, lookup, byParent, selected };
    this.subqueries.set(sub, rows);
    return rows;
  }
}
