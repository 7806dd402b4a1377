import type { BindEvaluator } from '../../runtime/data-platform.js';
import type { FieldPath, SoqlQuery, SoqlValue } from '../../syntax/soql/ast.js';
import type { SObject, Value } from '../../values/values.js';
import { toDecimal } from '../coerce.js';
import type { OrgContext } from '../context.js';
import { msg } from '../messages.js';
import type { ObjectDef } from '../schema/types.js';
import type { AccessCheck } from '../security/access.js';
import { tableRows } from './metadata-rows.js';
import { queryError, resolvePath, type ResolvedPath } from './resolve.js';

/**
 * What every part of one query's execution shares: the org, the query and its object, the bind evaluator and the
 * access check; resolving field paths (with user-mode readability), the rows the query may see, OFFSET and LIMIT.
 */
export class QueryScope {
  protected readonly aliases: string[];
  constructor(
    protected readonly org: OrgContext,
    protected readonly q: SoqlQuery,
    protected readonly object: ObjectDef,
    protected readonly bind: BindEvaluator,
    protected readonly check: AccessCheck | null = null,
    /** Apex rows: a parent relationship read also fills the lookup's own field (see runQuery). */
    protected readonly parentKeys = false
  ) {
    this.aliases = q.fromAlias ? [q.fromAlias] : [];
  }

  protected resolve(path: FieldPath, object: ObjectDef = this.object, position = this.q.position): ResolvedPath {
    const resolved = resolvePath(this.org, object, path, position, object === this.object ? this.aliases : []);
    if (this.check?.access.permissions) this.requireReadablePath(object, resolved);
    return resolved;
  }

  /** User mode: every object and field along the path must be readable. */
  protected requireReadablePath(root: ObjectDef, p: ResolvedPath): void {
    const check = this.check!;
    let current = root;
    for (let i = 0; i < p.steps.length; i++) {
      if (!current.queryableOnly) check.requireReadableField(current, p.steps[i]);
      current = p.targets[i];
    }
    if (!p.owner.queryableOnly) check.requireReadableField(p.owner, p.field);
  }

  /** Rows of a table the query may see (sharing), deleted ones too under ALL ROWS. */
  protected visibleRows(object: ObjectDef, allRows = false): SObject[] {
    let rows = tableRows(this.org, object);
    if (allRows) rows = rows.concat(this.org.store.deletedRows(object.name.toLowerCase()));
    const check = this.check;
    return check?.access.sharing ? rows.filter((r) => check.visible(object, r)) : rows;
  }

  protected applyLimit(rows: SObject[]): SObject[] {
    const offset = this.q.offset ? this.intValue(this.q.offset, 'OFFSET') : 0;
    if (offset > 2000) throw queryError(msg.limitTooLarge(), this.q.position);
    const limit = this.q.limit ? this.intValue(this.q.limit, 'LIMIT') : null;
    const from = Math.min(offset, rows.length);
    return limit === null ? rows.slice(from) : rows.slice(from, from + limit);
  }

  protected intValue(v: SoqlValue, what: string): number {
    let raw: Value;
    if (v.kind === 'literal' && v.value.type === 'number') raw = Number(v.value.text);
    else if (v.kind === 'bind') raw = this.bind(v.expr);
    else throw queryError(msg.negativeLimit(what), this.q.position);
    if (raw === null) throw queryError(msg.nullBindInLimit(what), this.q.position);
    const n = typeof raw === 'number' ? raw : toDecimal(raw)?.toNumber();
    if (n === undefined || !Number.isInteger(n) || n < 0) throw queryError(msg.negativeLimit(what), this.q.position);
    return n;
  }
}
