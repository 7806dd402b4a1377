/**
 * Lowers apex-parser's SOQL parse tree (`QueryContext`, the same rule for inline `[SELECT …]` and for
 * `Database.query(text)`) into the plain {@link SoqlQuery} of ./ast.ts. The grammar is more lenient than the
 * platform's parser in one place that matters: it accepts AND and OR mixed without parentheses, which the platform
 * rejects, so lowering rejects it here.
 */
import {
  ApexErrorListener,
  ApexParserFactory,
  FieldExpressionContext,
  QueryContext,
  SubQueryContext,
  type BoundExpressionContext,
  type DateFormulaContext,
  type FieldNameContext,
  type FieldOrderListContext,
  type SelectEntryContext,
  type SoqlFunctionContext,
  type SubFieldEntryContext,
  type ValueContext
} from '@apexdevtools/apex-parser';
import { ApexRuntimeError } from '../../values/values.js';
import type {
  AggregateName,
  ComparisonOp,
  FieldPath,
  OrderItem,
  SelectItem,
  SoqlPosition,
  SoqlQuery,
  SoqlValue,
  WhereExpr
} from './ast.js';

/** The interpreter's callback: lowers an apex-parser `ExpressionContext` found after `:` into its own node. */
export type LowerBind = (expressionContext: unknown) => unknown;

/** A SOQL text the platform would not accept; surfaced as `System.QueryException` with the query's position. */
export class SoqlSyntaxError extends ApexRuntimeError {
  constructor(
    message: string,
    readonly position: SoqlPosition
  ) {
    super('System.QueryException', message, { line: position.line, column: position.column, file: position.file });
  }
}

/* The ANTLR node shapes we read generically (terminals and rule contexts share these). */
interface Node {
  getText(): string;
  children?: Node[] | null;
  start?: {
    line: number;
    column: number;
    start: number;
    getInputStream?: () => { getText(a: number, b: number): string };
  };
  stop?: { stop: number } | null;
  symbol?: { type: number };
}

export function lowerSoqlQuery(queryContext: unknown, lowerBind: LowerBind, position: SoqlPosition): SoqlQuery {
  if (!(queryContext instanceof QueryContext)) throw new Error('lowerSoqlQuery expects an apex-parser QueryContext');
  return new Lowerer(lowerBind, position).query(queryContext);
}

/** The platform's SOQL length limit (SOQL and SOSL Limits: 100,000 characters). */
export const MAX_SOQL_LENGTH = 100_000;
/**
 * localorg's own bound on parenthesis nesting: the ANTLR parser's time grows steeply with depth (400 levels took
 * close to a minute), so deeper queries are refused up front as malformed instead of holding the server.
 */
export const MAX_SOQL_NESTING = 32;

/** Refuses a query too long or nested too deep before the parser sees it. String literals are skipped. */
export function checkShape(text: string, position: SoqlPosition): void {
  if (text.length > MAX_SOQL_LENGTH) {
    throw new SoqlSyntaxError(
      `Invalid SOQL: the query is ${text.length} characters long; the limit is ${MAX_SOQL_LENGTH}`,
      position
    );
  }
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      for (i++; i < text.length && text[i] !== "'"; i++) if (text[i] === '\\') i++;
    } else if (c === '(') max = Math.max(max, ++depth);
    else if (c === ')') depth--;
  }
  if (max > MAX_SOQL_NESTING) {
    throw new SoqlSyntaxError(
      `Invalid SOQL: parentheses nest ${max} deep; localorg accepts at most ${MAX_SOQL_NESTING}`,
      position
    );
  }
}

/** Parses dynamic SOQL (`Database.query`) and lowers it; a syntax error becomes `System.QueryException`. */
export function parseSoqlText(
  text: string,
  lowerBind: LowerBind,
  position: SoqlPosition = { line: 1, column: 1 }
): SoqlQuery {
  const errors: string[] = [];
  class Listener extends ApexErrorListener {
    apexSyntaxError(line: number, column: number, msg: string): void {
      errors.push(`line ${line}:${column + 1} ${msg}`);
    }
  }
  const trimmed = text.trim();
  if (trimmed === '') throw new SoqlSyntaxError('unexpected token: <EOF> (empty query)', position);
  checkShape(trimmed, position);
  const { parser } = ApexParserFactory.createLexerAndParser(trimmed, new Listener());
  const tree = parser.query();
  // The rule does not demand EOF, so trailing garbage must be detected by comparing consumed text.
  const consumedTo = tree.stop ? tree.stop.stop + 1 : 0;
  if (errors.length === 0 && trimmed.slice(consumedTo).trim() !== '') {
    errors.push(`unexpected token: '${trimmed.slice(consumedTo).trim().split(/\s+/)[0]}'`);
  }
  if (errors.length > 0) throw new SoqlSyntaxError(`Invalid SOQL: ${errors[0]} in query: ${trimmed}`, position);
  return new Lowerer(lowerBind, position, trimmed).query(tree);
}

const DATE_FUNCTIONS = new Set([
  'CALENDAR_MONTH',
  'CALENDAR_QUARTER',
  'CALENDAR_YEAR',
  'DAY_IN_MONTH',
  'DAY_IN_WEEK',
  'DAY_IN_YEAR',
  'DAY_ONLY',
  'FISCAL_MONTH',
  'FISCAL_QUARTER',
  'FISCAL_YEAR',
  'HOUR_IN_DAY',
  'WEEK_IN_MONTH',
  'WEEK_IN_YEAR'
]);
const AGGREGATES = new Set<AggregateName>(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** Lowers one SOQL parse tree; ./sosl-lower.ts extends it for the RETURNING clauses of SOSL, which share its rules. */
export class Lowerer {
  constructor(
    private readonly lowerBind: LowerBind,
    protected readonly base: SoqlPosition,
    protected readonly sourceText?: string
  ) {}

  protected fail(message: string, at?: Node): never {
    throw new SoqlSyntaxError(message, this.pos(at));
  }

  protected pos(at?: Node): SoqlPosition {
    if (!at?.start) return this.base;
    // Dynamic SOQL is parsed on its own, so its lines are relative to the query text.
    if (this.sourceText !== undefined) return this.base;
    return { file: this.base.file, line: at.start.line, column: at.start.column + 1 };
  }

  protected text(ctx: Node): string {
    const s = ctx.start;
    const stream = s?.getInputStream?.();
    if (s && ctx.stop && stream) return stream.getText(s.start, ctx.stop.stop);
    return ctx.getText();
  }

  query(q: QueryContext | SubQueryContext): SoqlQuery {
    const isSub = q instanceof SubQueryContext;
    const entries: (SelectEntryContext | SubFieldEntryContext)[] = isSub
      ? q.subFieldList().subFieldEntry_list()
      : q.selectList().selectEntry_list();
    const select = entries.map((e) => this.selectEntry(e));
    if (select.some((s) => s.kind === 'count') && select.length > 1) {
      this.fail('COUNT() must be the only element in the SELECT list', q);
    }
    const from = q.fromNameList();
    const fromNames = from.fieldName_list();
    if (fromNames.length !== 1) this.fail('only one object may be named in FROM', from);
    const fromAlias = from.soqlId_list()[0]?.getText();
    const full = q instanceof QueryContext ? q : null;
    const withClause = full?.withClause();
    let withMode: string | null = null;
    if (withClause) {
      if (withClause.SECURITY_ENFORCED()) withMode = 'SECURITY_ENFORCED';
      else if (withClause.USER_MODE()) withMode = 'USER_MODE';
      else if (withClause.SYSTEM_MODE()) withMode = 'SYSTEM_MODE';
      else this.fail('WITH DATA CATEGORY and WITH filters are not supported by localorg', withClause);
    }
    const groupBy = full?.groupByClause();
    if (groupBy && (groupBy.ROLLUP() || groupBy.CUBE())) {
      this.fail('GROUP BY ROLLUP/CUBE is not supported by localorg', groupBy);
    }
    if (full?.usingScope()) this.fail('USING SCOPE is not supported by localorg', full.usingScope());
    const forClauses = q.forClauses();
    const forUpdate = (forClauses?.UPDATE_list().length ?? 0) > 0;
    if (q.updateList?.()) this.fail('UPDATE TRACKING/VIEWSTAT is not supported by localorg', q);
    const limit = q.limitClause();
    const offset = full?.offsetClause();
    return {
      select,
      from: fromNames[0].getText(),
      ...(fromAlias ? { fromAlias } : {}),
      where: q.whereClause() ? this.logical(q.whereClause().whereLogicalExpression()) : null,
      groupBy: groupBy
        ? groupBy
            .fieldGroupByList()
            .fieldGroupBy_list()
            .map((g) => {
              if (!g.fieldName()) this.fail('GROUP BY on a function is not supported by localorg', g);
              return this.path(g.fieldName());
            })
        : [],
      having: groupBy?.HAVING() ? this.logical(groupBy.logicalExpression()) : null,
      orderBy: q.orderByClause() ? this.orderBy(q.orderByClause().fieldOrderList()) : [],
      limit: limit ? this.intOrBind(limit.IntegerLiteral()?.getText(), limit.boundExpression()) : null,
      offset: offset ? this.intOrBind(offset.IntegerLiteral()?.getText(), offset.boundExpression()) : null,
      forUpdate,
      allRows: !!full?.allRowsClause(),
      withMode,
      position: this.pos(q),
      text: this.text(q)
    };
  }

  protected intOrBind(literal: string | undefined, bound: BoundExpressionContext | null): SoqlValue {
    if (bound) return this.bind(bound);
    return { kind: 'literal', value: { type: 'number', text: literal ?? '0' } };
  }

  protected bind(b: BoundExpressionContext): SoqlValue {
    return { kind: 'bind', expr: this.lowerBind(b.expression()), text: this.text(b.expression()) };
  }

  private path(f: FieldNameContext): FieldPath {
    return f.soqlId_list().map((s) => s.getText());
  }

  private selectEntry(e: SelectEntryContext | SubFieldEntryContext): SelectItem {
    const alias = e.soqlId()?.getText();
    if (e.subQuery()) return { kind: 'subquery', query: this.query(e.subQuery()) };
    if (e.typeOf()) {
      const t = e.typeOf();
      return {
        kind: 'typeof',
        path: this.path(t.fieldName()),
        whens: t.whenClause_list().map((w) => ({
          type: w.fieldName().getText(),
          fields: w
            .fieldNameList()
            .fieldName_list()
            .map((f) => this.path(f))
        })),
        elseFields: t.elseClause()
          ? t
              .elseClause()
              .fieldNameList()
              .fieldName_list()
              .map((f) => this.path(f))
          : []
      };
    }
    if (e.soqlFunction()?.FIELDS()) {
      const param = e.soqlFunction().soqlFieldsParameter();
      return { kind: 'fields', which: param.ALL() ? 'ALL' : param.CUSTOM() ? 'CUSTOM' : 'STANDARD' };
    }
    if (e.soqlFunction()) {
      const fn = this.fn(e.soqlFunction());
      if (fn.name === 'COUNT' && fn.path === null) {
        if (alias) this.fail('COUNT() cannot have an alias', e);
        return { kind: 'count' };
      }
      if (!AGGREGATES.has(fn.name as AggregateName)) {
        this.fail(`${fn.name}() in the SELECT list is not supported by localorg`, e);
      }
      return { kind: 'aggregate', fn: fn.name as AggregateName, path: fn.path, ...(alias ? { alias } : {}) };
    }
    return { kind: 'field', path: this.path(e.fieldName()), ...(alias ? { alias } : {}) };
  }

  /** A function call's name (upper case) and its field argument, if any. */
  private fn(f: SoqlFunctionContext): { name: string; path: FieldPath | null } {
    const name = (f.children?.[0] as unknown as Node).getText().toUpperCase();
    if (f.fieldName()) return { name, path: this.path(f.fieldName()) };
    if (f.dateFieldName()) {
      const d = f.dateFieldName();
      if (d.CONVERT_TIMEZONE()) this.fail('convertTimezone() is not supported by localorg', f);
      return { name, path: this.path(d.fieldName()) };
    }
    if (name === 'COUNT') return { name, path: null };
    return this.fail(`${name}() is not supported by localorg`, f);
  }

  protected orderBy(o: FieldOrderListContext): OrderItem[] {
    return o.fieldOrder_list().map((f) => {
      let path: FieldPath;
      let aggregate: AggregateName | undefined;
      if (f.fieldName()) path = this.path(f.fieldName());
      else {
        const fn = this.fn(f.soqlFunction());
        if (!AGGREGATES.has(fn.name as AggregateName) || fn.path === null) {
          this.fail(`ORDER BY ${fn.name}() is not supported by localorg`, f);
        }
        path = fn.path;
        aggregate = fn.name as AggregateName;
      }
      return {
        path,
        ...(aggregate ? { aggregate } : {}),
        descending: !!f.DESC(),
        nullsFirst: f.NULLS() ? !!f.FIRST() : null
      };
    });
  }

  /**
   * WhereLogicalExpression / LogicalExpression: `NOT? cond ((AND|OR) cond)*`. Read through children so the same code
   * serves WHERE and HAVING, whose context classes differ.
   */
  protected logical(ctx: Node): WhereExpr {
    const kids = ctx.children ?? [];
    const conds: Node[] = [];
    let hasAnd = false;
    let hasOr = false;
    let negated = false;
    for (const k of kids) {
      if (k.children) conds.push(k);
      else {
        const t = k.getText().toUpperCase();
        if (t === 'AND') hasAnd = true;
        else if (t === 'OR') hasOr = true;
        else if (t === 'NOT') negated = true;
      }
    }
    if (hasAnd && hasOr) {
      this.fail(`unexpected token: 'OR' (AND and OR must be grouped with parentheses) in: ${this.text(ctx)}`, ctx);
    }
    const terms = conds.map((c) => this.conditional(c));
    let expr: WhereExpr = terms.length === 1 ? terms[0] : { kind: hasOr ? 'or' : 'and', terms };
    if (negated) {
      if (terms.length > 1) this.fail(`NOT applies to one condition; add parentheses in: ${this.text(ctx)}`, ctx);
      expr = { kind: 'not', term: expr };
    }
    return expr;
  }

  /** `( logical )` or a field expression. */
  private conditional(ctx: Node): WhereExpr {
    const kids = ctx.children ?? [];
    if (kids.length === 3 && kids[0].getText() === '(') return this.logical(kids[1]);
    let fe: Node | undefined = kids.find((k) => k instanceof FieldExpressionContext);
    if (!fe) {
      // WhereFieldExpression wraps the FieldExpression (or a FORMULA(...) comparison we do not support).
      const inner = kids[0];
      fe = inner?.children?.find((k) => k instanceof FieldExpressionContext);
      if (!fe) this.fail(`unsupported condition: ${this.text(ctx)}`, ctx);
    }
    return this.fieldExpression(fe as unknown as FieldExpressionContext);
  }

  private fieldExpression(fe: FieldExpressionContext): WhereExpr {
    const opCtx = fe.comparisonOperator();
    const opText = (opCtx.children ?? [])
      .map((c) => c.getText().toUpperCase())
      .join(' ')
      .replace(/\s+/g, ' ');
    const op = normaliseOp(opText);
    if (!op) this.fail(`unknown operator ${opText}`, opCtx);
    const value = this.value(fe.value());
    if ((op === 'IN' || op === 'NOT IN') && value.kind === 'literal') {
      this.fail(`${op} needs a list in parentheses or a bind variable`, fe);
    }
    if (fe.soqlFunction()) {
      const fn = this.fn(fe.soqlFunction());
      if (AGGREGATES.has(fn.name as AggregateName)) {
        return { kind: 'cmp', field: fn.path ?? ['Id'], aggregate: fn.name as AggregateName, op, value };
      }
      if (DATE_FUNCTIONS.has(fn.name) && fn.path) {
        return { kind: 'cmp', field: fn.path, dateFunction: fn.name, op, value };
      }
      this.fail(`${fn.name}() in WHERE is not supported by localorg`, fe);
    }
    return { kind: 'cmp', field: this.path(fe.fieldName()), op, value };
  }

  private value(v: ValueContext): SoqlValue {
    if (v.boundExpression()) return this.bind(v.boundExpression());
    if (v.NULL()) return { kind: 'literal', value: { type: 'null' } };
    if (v.BooleanLiteral()) {
      return { kind: 'literal', value: { type: 'boolean', value: v.getText().toLowerCase() === 'true' } };
    }
    if (v.StringLiteral()) return { kind: 'literal', value: { type: 'string', value: unquote(v.getText()) } };
    if (v.signedNumber()) return { kind: 'literal', value: { type: 'number', text: v.getText() } };
    if (v.IntegerLiteral()) return { kind: 'literal', value: { type: 'number', text: v.getText() } };
    if (v.DateLiteral()) return { kind: 'literal', value: { type: 'date', text: v.getText() } };
    if (v.DateTimeLiteral()) return { kind: 'literal', value: { type: 'datetime', text: v.getText() } };
    if (v.TimeLiteral()) return { kind: 'literal', value: { type: 'time', text: v.getText() } };
    if (v.dateFormula()) return this.dateFormula(v.dateFormula());
    if (v.valueList())
      return {
        kind: 'list',
        values: v
          .valueList()
          .value_list()
          .map((x) => this.value(x))
      };
    if (v.subQuery()) return { kind: 'subquery', query: this.query(v.subQuery()) };
    return this.fail(`unsupported value ${v.getText()}`, v);
  }

  private dateFormula(d: DateFormulaContext): SoqlValue {
    const first = (d.children?.[0] as unknown as Node).getText().toUpperCase();
    const name = first.replace(/:$/, '');
    if (d.signedInteger()) return { kind: 'dateLiteral', name, n: parseInt(d.signedInteger().getText(), 10) };
    return { kind: 'dateLiteral', name, n: null };
  }
}

function normaliseOp(text: string): ComparisonOp | null {
  switch (text) {
    case '=':
      return '=';
    case '!=':
    case '<>':
      return '!=';
    case '<':
      return '<';
    case '>':
      return '>';
    case '< =':
    case '<=':
      return '<=';
    case '> =':
    case '>=':
      return '>=';
    case 'LIKE':
      return 'LIKE';
    case 'IN':
      return 'IN';
    case 'NOT IN':
      return 'NOT IN';
    case 'INCLUDES':
      return 'INCLUDES';
    case 'EXCLUDES':
      return 'EXCLUDES';
  }
  return null;
}

/** Apex/SOQL string literal → value. `\%` and `\_` stay escaped: only LIKE gives them meaning. */
export function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  return body.replace(/\\(.)/g, (_m, c: string) => {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case '%':
      case '_':
        return '\\' + c;
      default:
        return c;
    }
  });
}
