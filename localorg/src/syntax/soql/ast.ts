/**
 * SOQL after lowering: plain data with no ANTLR types, so the evaluator and the interpreter never touch the parse tree.
 * Names keep their source spelling; resolution against the schema (case folding, relationship paths) happens in the
 * planner, where an unknown name can be reported with the platform's message. Bind expressions are opaque: they are
 * whatever the interpreter's `lowerBind` returned and are handed back to its BindEvaluator at run time.
 */

/** Where the query sits in source, for `No such column` and other messages. */
export interface SoqlPosition {
  file?: string;
  line: number;
  column: number;
}

/** A dotted field path as written: `Who.Email` → ['Who', 'Email']. */
export type FieldPath = string[];

export type SoqlValue =
  | { kind: 'literal'; value: SoqlLiteral }
  | { kind: 'list'; values: SoqlValue[] }
  | { kind: 'bind'; expr: unknown; text: string }
  | { kind: 'dateLiteral'; name: string; n: number | null }
  | { kind: 'subquery'; query: SoqlQuery };

/** Literal values before coercion to the compared field's type. */
export type SoqlLiteral =
  | { type: 'null' }
  | { type: 'boolean'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'number'; text: string }
  | { type: 'date'; text: string }
  | { type: 'datetime'; text: string }
  | { type: 'time'; text: string };

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IN' | 'NOT IN' | 'INCLUDES' | 'EXCLUDES';

export type AggregateName = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

export type WhereExpr =
  | { kind: 'and' | 'or'; terms: WhereExpr[] }
  | { kind: 'not'; term: WhereExpr }
  | {
      kind: 'cmp';
      field: FieldPath;
      /** Set when the left side is an aggregate (HAVING COUNT(Id) > 1). */
      aggregate?: AggregateName;
      /** Set for date functions on the left side (`CALENDAR_YEAR(CreatedDate) = 2024`). */
      dateFunction?: string;
      op: ComparisonOp;
      value: SoqlValue;
    };

export type SelectItem =
  | { kind: 'field'; path: FieldPath; alias?: string }
  | { kind: 'count' } // COUNT() — the whole select
  | { kind: 'fields'; which: 'ALL' | 'CUSTOM' | 'STANDARD' } // FIELDS(…), expanded against the schema when run
  | { kind: 'aggregate'; fn: AggregateName; path: FieldPath | null; alias?: string }
  | { kind: 'subquery'; query: SoqlQuery }
  | { kind: 'typeof'; path: FieldPath; whens: { type: string; fields: FieldPath[] }[]; elseFields: FieldPath[] };

export interface OrderItem {
  path: FieldPath;
  aggregate?: AggregateName;
  descending: boolean;
  /** Explicit NULLS FIRST/LAST, or null for the platform default (nulls first ascending, last descending). */
  nullsFirst: boolean | null;
}

export interface SoqlQuery {
  select: SelectItem[];
  /** Object name as written (or relationship name for a subquery). */
  from: string;
  /** Optional alias after the object name (`FROM Contact c`). */
  fromAlias?: string;
  where: WhereExpr | null;
  groupBy: FieldPath[];
  having: WhereExpr | null;
  orderBy: OrderItem[];
  limit: SoqlValue | null;
  offset: SoqlValue | null;
  forUpdate: boolean;
  allRows: boolean;
  /** `WITH SECURITY_ENFORCED` / `USER_MODE` / `SYSTEM_MODE`, accepted and recorded (one admin user). */
  withMode: string | null;
  position: SoqlPosition;
  /** Source text of the query for messages (`[SELECT Id FROM Event]`). */
  text: string;
}

/** Which fields a SOSL search term is matched against (`IN NAME FIELDS`); ALL when the query names none. */
export type SearchGroup = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR';

/**
 * A SOSL search after lowering. Each `RETURNING Account(Id, Name WHERE … ORDER BY … LIMIT n)` entry is kept as the
 * SOQL query it amounts to over the records the search found: its field list (Id when none is named), WHERE, ORDER
 * BY, LIMIT and OFFSET, so the SOQL engine applies them.
 */
export interface SoslQuery {
  kind: 'sosl';
  /** The search term: a literal (`FIND 'Kan*'`) or a bind (`FIND :keyword`). */
  search: SoqlValue;
  group: SearchGroup;
  returning: SoqlQuery[];
  /** The overall `LIMIT n` after the RETURNING list (the platform's default is 2,000 rows). */
  limit: SoqlValue | null;
  /** `WITH USER_MODE` / `WITH SYSTEM_MODE`; the other WITH clauses shape what a search shows, not what it finds. */
  withMode: string | null;
  position: SoqlPosition;
  text: string;
}
