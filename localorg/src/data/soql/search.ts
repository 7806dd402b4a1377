/**
 * SOSL: `[FIND 'term' IN ALL FIELDS RETURNING Account(Id, Name WHERE …), Contact]`, `Search.query` and `Search.find`.
 * A search first finds candidate records, then each RETURNING entry runs as the SOQL query it amounts to over the
 * candidates of its object (`Id IN :candidates AND <its WHERE>`, its ORDER BY, LIMIT and OFFSET), through the SOQL
 * engine. Candidates are, in a test method, exactly the `Test.setFixedSearchResults` ids (none when it set none)
 * [doc: "Adding SOSL Queries to Unit Tests"]; outside tests, the records whose searched fields match the term.
 */
import { ApexList, ApexRuntimeError, typeRef, type ApexId, type SObject, type Value } from '../../values/values.js';
import type { BindEvaluator, DataAccess, SearchOptions } from '../../runtime/data-platform.js';
import type { SearchGroup, SoqlQuery, SoqlValue, SoslQuery, WhereExpr } from '../../syntax/soql/ast.js';
import type { OrgContext } from '../context.js';
import type { FieldDef, ObjectDef } from '../schema/types.js';
import { msg } from '../messages.js';
import { runQuery } from './engine.js';
import { queryError } from './resolve.js';
import { tableRows } from './metadata-rows.js';
import { searchTermMatcher } from './search-term.js';

/** The platform's cap on the rows one search returns when it names no LIMIT [doc: SOSL LIMIT clause]. */
export const DEFAULT_SEARCH_LIMIT = 2000;

/** Runs a search: one `List<SObject>` per RETURNING entry, in `List<List<SObject>>`. */
export function runSearch(org: OrgContext, q: SoslQuery, bind: BindEvaluator, options: SearchOptions): ApexList {
  org.limits.chargeSearch();
  const term = evaluate(q.search, bind);
  if (typeof term !== 'string' || term.replace(/[*?"\s]/g, '').length < 2) {
    throw new ApexRuntimeError('System.SearchException', 'search term must be longer than one character', {
      line: q.position.line,
      column: q.position.column,
      file: q.position.file
    });
  }
  const entries = q.returning.length > 0 ? q.returning : impliedReturning(org, q, term, options.fixedResults);
  let remaining = limitOf(q.limit, bind) ?? DEFAULT_SEARCH_LIMIT;
  const access: DataAccess | undefined =
    q.withMode === 'USER_MODE'
      ? { sharing: true, permissions: true }
      : q.withMode === 'SYSTEM_MODE'
        ? { sharing: options.access?.sharing ?? false, permissions: false }
        : options.access;
  const lists = entries.map((entry) => {
    const object = org.schema.object(entry.from);
    if (!object || object.queryableOnly) throw queryError(msg.noSuchObject(entry.from), entry.position);
    const ids = candidates(org, object, q.group, term, options.fixedResults);
    const rows = runQuery(org, restrictTo(entry, ids), bind, access, 'search', true);
    const found = rows instanceof ApexList ? (rows.items as SObject[]) : [];
    const kept = found.slice(0, Math.max(0, remaining));
    remaining -= kept.length;
    return new ApexList(typeRef(object.name), kept);
  });
  return new ApexList(typeRef('List', [typeRef('SObject')]), lists);
}

function evaluate(v: SoqlValue, bind: BindEvaluator): Value {
  if (v.kind === 'bind') return bind(v.expr);
  if (v.kind === 'literal' && v.value.type === 'string') return v.value.value;
  if (v.kind === 'literal' && v.value.type === 'number') return Number(v.value.text);
  return null;
}

function limitOf(v: SoqlValue | null, bind: BindEvaluator): number | null {
  if (!v) return null;
  const n = evaluate(v, bind);
  return typeof n === 'number' ? n : null;
}

/** The entry `Account` of `… RETURNING Account`, over `Id IN :candidates` and its own WHERE. */
function restrictTo(entry: SoqlQuery, ids: ApexId[]): SoqlQuery {
  const idIn: WhereExpr = {
    kind: 'cmp',
    field: ['Id'],
    op: 'IN',
    value: { kind: 'list', values: ids.map((id) => ({ kind: 'literal', value: { type: 'string', value: id.value } })) }
  };
  return { ...entry, where: entry.where ? { kind: 'and', terms: [idIn, entry.where] } : idIn };
}

/** The ids a search starts from on one object: the fixed ids of its type, or the records whose text matches. */
function candidates(
  org: OrgContext,
  object: ObjectDef,
  group: SearchGroup,
  term: string,
  fixed: ApexId[] | null
): ApexId[] {
  if (fixed) return fixed.filter((id) => object.keyPrefix !== null && id.value.startsWith(object.keyPrefix));
  const fields = searchedFields(object, group);
  const matches = searchTermMatcher(term);
  const out: ApexId[] = [];
  for (const row of tableRows(org, object)) {
    const texts = fields.map((f) => row.get(f.name)).filter((v): v is string => typeof v === 'string');
    if (row.id && matches(texts)) out.push(row.id);
  }
  return out;
}

const NAME_FIELDS = new Set(['name', 'firstname', 'lastname', 'middlename']);
const ALL_FIELD_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist']);

/** The fields `IN x FIELDS` searches [doc: SOSL IN SearchGroup]; SIDEBAR searches as NAME does for standard objects. */
function searchedFields(object: ObjectDef, group: SearchGroup): FieldDef[] {
  const fields = [...object.fields.values()];
  switch (group) {
    case 'NAME':
    case 'SIDEBAR':
      return fields.filter((f) => NAME_FIELDS.has(f.name.toLowerCase()));
    case 'EMAIL':
      return fields.filter((f) => f.type === 'email');
    case 'PHONE':
      return fields.filter((f) => f.type === 'phone');
    case 'ALL':
      return fields.filter((f) => ALL_FIELD_TYPES.has(f.type) && !f.calculated);
  }
}

/**
 * Without RETURNING the platform searches every searchable object. localorg answers with the objects that have
 * candidates: the fixed ids' objects in a test, or the objects with matching records outside tests.
 */
function impliedReturning(org: OrgContext, q: SoslQuery, term: string, fixed: ApexId[] | null): SoqlQuery[] {
  const names = new Set<string>();
  if (fixed) {
    for (const id of fixed) {
      const object = org.schema.objectByPrefix(id.value.slice(0, 3));
      if (object) names.add(object.name);
    }
  } else {
    for (const object of org.schema.objects.values()) {
      if (object.queryableOnly || object.customMetadata || object.setup || object.platformEvent) continue;
      if (candidates(org, object, q.group, term, null).length > 0) names.add(object.name);
    }
  }
  return [...names].map((from) => ({
    select: [{ kind: 'field', path: ['Id'] }],
    from,
    where: null,
    groupBy: [],
    having: null,
    orderBy: [],
    limit: null,
    offset: null,
    forUpdate: false,
    allRows: false,
    withMode: null,
    position: q.position,
    text: q.text
  }));
}
