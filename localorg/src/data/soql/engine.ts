/**
 * Evaluates a lowered SOQL query in memory against the store: filter, sort, offset/limit, then project into fresh
 * SObjects whose `queried` sets say which fields may be read. Never translated to SQL. Bind expressions are evaluated
 * once per execution, before any row is read, as the platform binds them.
 */
import { DateTime } from 'luxon';
import { to18 } from '../../values/ids.js';
import {
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexId,
  ApexList,
  ApexSet,
  ApexTime,
  Decimal,
  SObject,
  typeRef,
  type Value
} from '../../values/values.js';
import { parseDateText, parseDatetimeText, show, toDecimal } from '../coerce.js';
import { msg } from '../messages.js';
import type { OrgContext } from '../context.js';
import type { BindEvaluator, DataAccess } from '../../runtime/data-platform.js';
import { accessCheck, type AccessCheck } from '../security/access.js';
import { isNumberType, isTextType, type ChildRelationship, type FieldDef, type ObjectDef } from '../schema/types.js';
import type {
  AggregateName,
  FieldPath,
  SelectItem,
  SoqlLiteral,
  SoqlQuery,
  SoqlValue,
  WhereExpr
} from '../../syntax/soql/ast.js';
import { dateLiteralRange } from './date-literals.js';
import { expandFieldsFunction } from './fields.js';
import { queryError, resolvePath, valueAt, type ResolvedPath } from './resolve.js';
import { parentKey, parentRow, tableRows } from './metadata-rows.js';

type Predicate = (row: SObject) => boolean;

/** A comparable form of a value: numbers and strings compare natively; null stays null. */
type Key = string | number | Decimal | null;

/**
 * Runs a query; returns an ApexList of SObjects (or AggregateResults), or an Integer for `COUNT()`. A SOSL search's
 * RETURNING entries run here too (`statement` 'search'): the search was counted once, as a SOSL statement.
 */
export function runQuery(
  org: OrgContext,
  query: SoqlQuery,
  bind: BindEvaluator,
  access?: DataAccess,
  statement: 'soql' | 'search' = 'soql'
): Value {
  const object = org.schema.object(query.from);
  if (!object || object.queryableOnly) throw queryError(msg.noSuchObject(query.from), query.position);
  const q = expandFieldsFunction(org, query, object);
  const metadata = object.customMetadata;
  if (statement === 'soql') org.limits.chargeQuery(metadata);
  const check = accessCheck(org, queryAccess(query.withMode, access));
  check?.requireReadable(object);
  const result = new Execution(org, q, object, bind, check).run();
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

/** One subquery's rows for a whole outer query (see Execution.childrenOf). */
interface SubqueryRows {
  rel: ChildRelationship;
  child: ObjectDef;
  inner: Execution;
  lookup: FieldDef;
  byParent: Map<string, SObject[]>;
  selected: { kind: 'resolved'; path: ResolvedPath }[];
}

class Execution {
  private readonly aliases: string[];
  private readonly subqueries = new Map<SoqlQuery, SubqueryRows>();
  constructor(
    private readonly org: OrgContext,
    private readonly q: SoqlQuery,
    private readonly object: ObjectDef,
    private readonly bind: BindEvaluator,
    private readonly check: AccessCheck | null = null
  ) {
    this.aliases = q.fromAlias ? [q.fromAlias] : [];
  }

  private resolve(path: FieldPath, object: ObjectDef = this.object, position = this.q.position): ResolvedPath {
    const resolved = resolvePath(this.org, object, path, position, object === this.object ? this.aliases : []);
    if (this.check?.access.permissions) this.requireReadablePath(object, resolved);
    return resolved;
  }

  /** User mode: every object and field along the path must be readable. */
  private requireReadablePath(root: ObjectDef, p: ResolvedPath): void {
    const check = this.check!;
    let current = root;
    for (let i = 0; i < p.steps.length; i++) {
      if (!current.queryableOnly) check.requireReadableField(current, p.steps[i]);
      current = p.targets[i];
    }
    if (!p.owner.queryableOnly) check.requireReadableField(p.owner, p.field);
  }

  /** Rows of a table the query may see (sharing), deleted ones too under ALL ROWS. */
  private visibleRows(object: ObjectDef, allRows = false): SObject[] {
    let rows = tableRows(this.org, object);
    if (allRows) rows = rows.concat(this.org.store.deletedRows(object.name.toLowerCase()));
    const check = this.check;
    return check?.access.sharing ? rows.filter((r) => check.visible(object, r)) : rows;
  }

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

  private applyLimit(rows: SObject[]): SObject[] {
    const offset = this.q.offset ? this.intValue(this.q.offset, 'OFFSET') : 0;
    if (offset > 2000) throw queryError(msg.limitTooLarge(), this.q.position);
    const limit = this.q.limit ? this.intValue(this.q.limit, 'LIMIT') : null;
    const from = Math.min(offset, rows.length);
    return limit === null ? rows.slice(from) : rows.slice(from, from + limit);
  }

  private intValue(v: SoqlValue, what: string): number {
    let raw: Value;
    if (v.kind === 'literal' && v.value.type === 'number') raw = Number(v.value.text);
    else if (v.kind === 'bind') raw = this.bind(v.expr);
    else throw queryError(msg.negativeLimit(what), this.q.position);
    if (raw === null) throw queryError(msg.nullBindInLimit(what), this.q.position);
    const n = typeof raw === 'number' ? raw : toDecimal(raw)?.toNumber();
    if (n === undefined || !Number.isInteger(n) || n < 0) throw queryError(msg.negativeLimit(what), this.q.position);
    return n;
  }

  // ---------------------------------------------------------------- projection

  private project(
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
  private projectPath(row: SObject, out: SObject, p: ResolvedPath): void {
    let src: SObject = row;
    let dst = out;
    for (let i = 0; i < p.steps.length; i++) {
      const step = p.steps[i];
      const relName = step.relationshipName!;
      const relKey = relName.toLowerCase();
      dst.queried!.add(relKey);
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

  private projectChildren(row: SObject, out: SObject, sub: SoqlQuery, object: ObjectDef): void {
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
  private childrenOf(sub: SoqlQuery, object: ObjectDef): SubqueryRows {
    const cached = this.subqueries.get(sub);
    if (cached) return cached;
    const rel = this.org.schema.childRelationship(object, sub.from)!;
    const child = this.org.schema.object(rel.childObject)!;
    const inner = new Execution(this.org, { ...sub, from: child.name }, child, this.bind, this.check);
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

  // ---------------------------------------------------------------- ordering

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

  // ---------------------------------------------------------------- filtering

  compile(e: WhereExpr, object: ObjectDef): Predicate {
    switch (e.kind) {
      case 'and': {
        const ps = e.terms.map((t) => this.compile(t, object));
        return (r) => ps.every((p) => p(r));
      }
      case 'or': {
        const ps = e.terms.map((t) => this.compile(t, object));
        return (r) => ps.some((p) => p(r));
      }
      case 'not': {
        const p = this.compile(e.term, object);
        return (r) => !p(r);
      }
      case 'cmp':
        return this.compileComparison(e, object);
    }
  }

  private compileComparison(e: Extract<WhereExpr, { kind: 'cmp' }>, object: ObjectDef): Predicate {
    if (e.aggregate) throw queryError('aggregate functions are only allowed in HAVING', this.q.position);
    const p = this.resolve(e.field, object);
    const f = p.field;
    let read = (r: SObject): Value => valueAt(this.org, r, p);
    let fieldForValues = f;
    if (e.dateFunction) {
      const fn = e.dateFunction;
      const zone = this.org.user.timeZone;
      const base = read;
      read = (r) => dateFunction(fn, base(r), zone);
      fieldForValues = { ...f, type: fn === 'DAY_ONLY' ? 'date' : 'integer' };
    }
    const op = e.op;
    // Date literals on date/datetime fields compare against a range of days.
    if (e.value.kind === 'dateLiteral') {
      const range = dateLiteralRange(e.value.name, e.value.n, this.org.now(), this.org.user.timeZone);
      if (!range) throw queryError(`unknown date literal ${e.value.name}`, this.q.position);
      if (fieldForValues.type !== 'date' && fieldForValues.type !== 'datetime') {
        throw queryError(`date literal ${e.value.name} used on field '${f.name}' which is not a date`, this.q.position);
      }
      const isDate = fieldForValues.type === 'date';
      const lo = isDate ? dayNumber(range.start) : range.start.toMillis();
      const hi = isDate ? dayNumber(range.end) : range.end.toMillis();
      return (r) => {
        const v = read(r);
        if (v === null) return op === '!=';
        const k = isDate
          ? v instanceof ApexDate
            ? v.year * 10000 + v.month * 100 + v.day
            : NaN
          : v instanceof ApexDatetime
            ? v.epochMs
            : NaN;
        const x = isDate ? dayNumberFromKey(k) : k;
        switch (op) {
          case '=':
            return x >= lo && x < hi;
          case '!=':
            return !(x >= lo && x < hi);
          case '<':
            return x < lo;
          case '<=':
            return x < hi;
          case '>':
            return x >= hi;
          case '>=':
            return x >= lo;
          default:
            throw queryError(`operator ${op} cannot be used with a date literal`, this.q.position);
        }
      };
    }
    const values = this.rightValues(e.value, fieldForValues);
    switch (op) {
      case '=':
      case '!=': {
        const [v] = values;
        const want = comparisonKey(v, fieldForValues);
        return (r) => {
          const eq = keysEqual(comparisonKey(read(r), fieldForValues), want);
          return op === '=' ? eq : !eq;
        };
      }
      case 'IN':
      case 'NOT IN': {
        const keys = values.map((v) => comparisonKey(v, fieldForValues));
        const set = new Set(keys.filter((k) => typeof k === 'string' || typeof k === 'number'));
        const decimals = keys.filter((k): k is Decimal => k instanceof Decimal);
        const hasNull = keys.includes(null);
        return (r) => {
          const k = comparisonKey(read(r), fieldForValues);
          const found =
            k === null ? hasNull : k instanceof Decimal ? decimals.some((d) => d.compareTo(k) === 0) : set.has(k);
          return op === 'IN' ? found : !found;
        };
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (f.type === 'boolean' || f.type === 'id' || f.type === 'reference') {
          // The platform allows < on Ids and rejects it on booleans; localorg compares Ids as text.
          if (f.type === 'boolean') throw queryError(`invalid operator on boolean field '${f.name}'`, this.q.position);
        }
        const want = comparisonKey(values[0], fieldForValues);
        return (r) => {
          const k = comparisonKey(read(r), fieldForValues);
          if (k === null || want === null) return false;
          const c = compareKeys(k, want);
          return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
        };
      }
      case 'LIKE': {
        if (!isTextType(f.type) && f.type !== 'id' && f.type !== 'reference') {
          throw queryError(`invalid operator on field '${f.name}': LIKE works only on text`, this.q.position);
        }
        const pattern = values[0];
        if (pattern === null) return () => false;
        const re = likeToRegExp(show(pattern));
        return (r) => {
          const v = read(r);
          return v !== null && re.test(v instanceof ApexId ? v.value : show(v));
        };
      }
      case 'INCLUDES':
      case 'EXCLUDES': {
        if (f.type !== 'multipicklist') {
          throw queryError(`INCLUDES/EXCLUDES need a multi-select picklist, not '${f.name}'`, this.q.position);
        }
        const alternatives = values.map((v) =>
          show(v)
            .split(';')
            .map((s) => s.trim().toLowerCase())
        );
        return (r) => {
          const v = read(r);
          const have = new Set(
            v === null
              ? []
              : show(v)
                  .split(';')
                  .map((s) => s.trim().toLowerCase())
          );
          const any = alternatives.some((all) => all.every((x) => have.has(x)));
          return e.op === 'INCLUDES' ? any : !any;
        };
      }
    }
  }

  /** The right-hand side as Apex values (lists flattened for IN), literals converted by the field's type. */
  private rightValues(v: SoqlValue, f: FieldDef): Value[] {
    switch (v.kind) {
      case 'literal':
        return [this.literal(v.value, f)];
      case 'list':
        return v.values.flatMap((x) => this.rightValues(x, f));
      case 'bind': {
        const value = this.bind(v.expr);
        if (value instanceof ApexList) return value.items.map((x) => normaliseBind(x));
        if (value instanceof ApexSet) return value.values().map((x) => normaliseBind(x));
        return [normaliseBind(value)];
      }
      case 'subquery': {
        // Semi-join: `Id IN (SELECT WhoId FROM Event)`.
        const sub = v.query;
        const object = this.org.schema.object(sub.from);
        if (!object) throw queryError(msg.noSuchObject(sub.from), sub.position);
        const inner = new Execution(this.org, sub, object, this.bind, this.check);
        const only = sub.select[0];
        if (sub.select.length !== 1 || only.kind !== 'field') {
          throw queryError('a semi-join subquery selects exactly one field', sub.position);
        }
        const p = inner.resolve(only.path, object, sub.position);
        const predicate = sub.where ? inner.compile(sub.where, object) : () => true;
        return inner
          .visibleRows(object)
          .filter(predicate)
          .map((r) => valueAt(this.org, r, p));
      }
      case 'dateLiteral':
        throw queryError('date literal in a list is not supported by localorg', this.q.position);
    }
  }

  private literal(l: SoqlLiteral, f: FieldDef): Value {
    const pos = this.q.position;
    switch (l.type) {
      case 'null':
        return null;
      case 'boolean':
        if (f.type !== 'boolean') throw queryError(msg.badValueForField(typeName(f), f.name), pos);
        return l.value;
      case 'string':
        if (f.type === 'id' || f.type === 'reference') {
          const id = to18(l.value);
          if (!id) throw queryError(msg.invalidIdInFilter(l.value), pos);
          return new ApexId(id);
        }
        if (!isTextType(f.type)) {
          throw queryError(`value of filter criterion for field '${f.name}' must be of type ${typeName(f)}`, pos);
        }
        return l.value;
      case 'number':
        if (!isNumberType(f.type)) throw queryError(msg.badValueForField(typeName(f), f.name), pos);
        return Decimal.parse(l.text);
      case 'date': {
        if (f.type !== 'date' && f.type !== 'datetime')
          throw queryError(msg.badValueForField(typeName(f), f.name), pos);
        const d = parseDateText(l.text);
        if (!d) throw queryError(`invalid date: ${l.text}`, pos);
        if (f.type === 'datetime')
          throw queryError(`value of filter criterion for field '${f.name}' must be of type dateTime`, pos);
        return d;
      }
      case 'datetime': {
        if (f.type !== 'datetime') throw queryError(msg.badValueForField(typeName(f), f.name), pos);
        const d = parseDatetimeText(l.text);
        if (!d) throw queryError(`invalid datetime: ${l.text}`, pos);
        return d;
      }
      case 'time':
        throw queryError('time literals are not supported by localorg', pos);
    }
  }

  // ---------------------------------------------------------------- aggregates

  private aggregate(rows: SObject[]): Value {
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

  private havingHolds(e: WhereExpr, group: SObject[]): boolean {
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

function typeName(f: FieldDef): string {
  switch (f.type) {
    case 'integer':
      return 'int';
    case 'datetime':
      return 'dateTime';
    default:
      return f.type;
  }
}

/** Turns a bound Apex value into what the comparison expects (an SObject binds as its Id). */
function normaliseBind(v: Value): Value {
  if (v instanceof SObject) return v.id;
  return v;
}

/** The value used for equality and ordering; strings fold case, Ids compare in 18-character form. */
export function comparisonKey(v: Value, f: FieldDef): Key {
  // The platform keeps no empty strings: `Field = ''` finds the rows where the field is null [mem].
  if (v === null || v === '') return null;
  if (f.type === 'id' || f.type === 'reference') {
    if (v instanceof ApexId) return v.value;
    if (typeof v === 'string') return to18(v) ?? `!${v}`;
    return `!${show(v)}`;
  }
  if (typeof v === 'string') return v.toLowerCase();
  if (v instanceof ApexId) return v.value.toLowerCase();
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return isNumberType(f.type) ? Decimal.fromInteger(v) : v;
  if (typeof v === 'bigint' || v instanceof Decimal || v instanceof ApexDouble) return toDecimal(v);
  // A Date bound against a Datetime field means its midnight GMT, and a Datetime against a Date field its GMT date [mem].
  if (v instanceof ApexDate)
    return f.type === 'datetime' ? Date.UTC(v.year, v.month - 1, v.day) : v.year * 10000 + v.month * 100 + v.day;
  if (v instanceof ApexDatetime) {
    if (f.type !== 'date') return v.epochMs;
    const d = new Date(v.epochMs);
    return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
  }
  if (v instanceof ApexTime) return v.millisOfDay;
  return `!${show(v)}`;
}

function sortKey(v: Value, f: FieldDef): Key {
  return comparisonKey(v, f);
}

function keysEqual(a: Key, b: Key): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof Decimal && b instanceof Decimal) return a.compareTo(b) === 0;
  if (a instanceof Decimal || b instanceof Decimal) {
    const x = a instanceof Decimal ? a : Decimal.fromDouble(a as number);
    const y = b instanceof Decimal ? b : Decimal.fromDouble(b as number);
    return x.compareTo(y) === 0;
  }
  return a === b;
}

function compareKeys(a: Exclude<Key, null>, b: Exclude<Key, null>): number {
  if (a instanceof Decimal || b instanceof Decimal) {
    const x = a instanceof Decimal ? a : typeof a === 'number' ? Decimal.fromDouble(a) : null;
    const y = b instanceof Decimal ? b : typeof b === 'number' ? Decimal.fromDouble(b) : null;
    if (x && y) return x.compareTo(y);
    return String(a.toString()).localeCompare(String(b.toString()));
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Nulls sort first unless NULLS LAST is given, in either direction [doc: ORDER BY]. */
function compareForOrder(a: Key, b: Key, descending: boolean, nullsFirst: boolean | null): number {
  const nf = nullsFirst ?? true;
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === nf ? -1 : 1;
  }
  const c = compareKeys(a, b);
  return descending ? -c : c;
}

function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]);
    } else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, 'i');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function dayNumber(d: DateTime): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

function dayNumberFromKey(k: number): number {
  const y = Math.floor(k / 10000);
  const m = Math.floor((k % 10000) / 100);
  const d = k % 100;
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** SOQL date functions on a date or datetime value, in the user's zone. */
function dateFunction(fn: string, v: Value, zone: string): Value {
  if (v === null) return null;
  let dt: DateTime;
  if (v instanceof ApexDate) dt = DateTime.fromObject({ year: v.year, month: v.month, day: v.day }, { zone });
  else if (v instanceof ApexDatetime) dt = DateTime.fromMillis(v.epochMs, { zone });
  else return null;
  switch (fn) {
    case 'CALENDAR_YEAR':
    case 'FISCAL_YEAR':
      return dt.year;
    case 'CALENDAR_MONTH':
    case 'FISCAL_MONTH':
      return dt.month;
    case 'CALENDAR_QUARTER':
    case 'FISCAL_QUARTER':
      return dt.quarter;
    case 'DAY_IN_MONTH':
      return dt.day;
    case 'DAY_IN_WEEK':
      return (dt.weekday % 7) + 1; // Sunday = 1
    case 'DAY_IN_YEAR':
      return dt.ordinal;
    case 'HOUR_IN_DAY':
      return dt.hour;
    case 'WEEK_IN_MONTH':
      return Math.floor((dt.day - 1) / 7) + 1;
    case 'WEEK_IN_YEAR':
      return Math.floor((dt.ordinal - 1) / 7) + 1;
    case 'DAY_ONLY':
      return new ApexDate(dt.year, dt.month, dt.day);
  }
  return null;
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
