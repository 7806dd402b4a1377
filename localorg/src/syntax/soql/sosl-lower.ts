/**
 * Lowers apex-parser's SOSL parse tree (`SoslLiteralContext`: inline `[FIND … RETURNING …]`, and the text of
 * `Search.query`/`Search.find`, parsed as the same rule) into the plain {@link SoslQuery} of ./ast.ts. The RETURNING
 * entries become SOQL queries through the SOQL {@link Lowerer}, so WHERE, ORDER BY, LIMIT and OFFSET follow its rules.
 */
import {
  ApexErrorListener,
  ApexParserFactory,
  SoslLiteralContext,
  type FieldListContext,
  type FieldSpecContext,
  type FieldSpecListContext,
  type SoslClausesContext,
  type SoslWithClauseContext
} from '@apexdevtools/apex-parser';
import type { FieldPath, SearchGroup, SoqlPosition, SoqlQuery, SoqlValue, SoslQuery } from './ast.js';
import { checkShape, Lowerer, SoqlSyntaxError, unquote, type LowerBind } from './lower.js';

export function lowerSoslQuery(soslContext: unknown, lowerBind: LowerBind, position: SoqlPosition): SoslQuery {
  if (!(soslContext instanceof SoslLiteralContext)) throw new Error('lowerSoslQuery expects a SoslLiteralContext');
  return new SoslLowerer(lowerBind, position).search(soslContext);
}

/**
 * Parses dynamic SOSL (`Search.query('FIND \'x\' IN ALL FIELDS RETURNING Account')`); a syntax error becomes
 * `System.QueryException` as dynamic SOQL's does [mem]. The API's braces (`FIND {x}`) are accepted too.
 */
export function parseSoslText(
  text: string,
  lowerBind: LowerBind,
  position: SoqlPosition = { line: 1, column: 1 }
): SoslQuery {
  const trimmed = text.trim();
  if (!/^FIND\b/i.test(trimmed)) {
    throw new SoqlSyntaxError(`Invalid SOSL: a search starts with FIND in: ${trimmed || '(empty)'}`, position);
  }
  checkShape(trimmed, position);
  // The API writes the term in braces; Apex in quotes. Both mean the same search term.
  const quoted = trimmed.replace(/^FIND\s*\{((?:[^}\\]|\\.)*)\}/i, (_m, term: string) => {
    return `FIND '${term.replace(/\\\}/g, '}').replace(/'/g, "\\'")}'`;
  });
  const errors: string[] = [];
  class Listener extends ApexErrorListener {
    apexSyntaxError(line: number, column: number, msg: string): void {
      errors.push(`line ${line}:${column} ${msg}`);
    }
  }
  const wrapped = `[${quoted}]`;
  const { parser } = ApexParserFactory.createLexerAndParser(wrapped, new Listener());
  const tree = parser.soslLiteral();
  const consumedTo = tree.stop ? tree.stop.stop + 1 : 0;
  if (errors.length === 0 && wrapped.slice(consumedTo).trim() !== '') {
    errors.push(`unexpected token: '${wrapped.slice(consumedTo).trim().split(/\s+/)[0]}'`);
  }
  if (errors.length > 0) throw new SoqlSyntaxError(`Invalid SOSL: ${errors[0]} in: ${trimmed}`, position);
  return new SoslLowerer(lowerBind, position, trimmed).search(tree);
}

const GROUPS: SearchGroup[] = ['ALL', 'NAME', 'EMAIL', 'PHONE', 'SIDEBAR'];

class SoslLowerer extends Lowerer {
  search(s: SoslLiteralContext): SoslQuery {
    const clauses = s.soslClauses();
    let search: SoqlValue;
    if (s.boundExpression()) search = this.bind(s.boundExpression());
    else {
      // The lexer keeps `[FIND 'term'` as one token.
      const token = s.FindLiteral().getText();
      const quote = token.indexOf("'");
      search = { kind: 'literal', value: { type: 'string', value: unquote(token.slice(quote)) } };
    }
    const group = clauses.searchGroup();
    const groupName = group ? (group.getChild(0)?.getText().toUpperCase() as SearchGroup) : 'ALL';
    if (!GROUPS.includes(groupName)) this.fail(`unknown search group ${group.getText()}`, group);
    const limit = clauses.limitClause();
    return {
      kind: 'sosl',
      search,
      group: groupName,
      returning: clauses.fieldSpecList() ? this.specs(clauses.fieldSpecList()) : [],
      limit: limit ? this.intOrBind(limit.IntegerLiteral()?.getText(), limit.boundExpression()) : null,
      withMode: this.withMode(clauses),
      position: this.pos(s),
      text: this.sourceText ?? this.text(s)
    };
  }

  private withMode(clauses: SoslClausesContext): string | null {
    let mode: string | null = null;
    for (const w of clauses.soslWithClause_list()) {
      if (w.USER_MODE()) mode = 'USER_MODE';
      else if (w.SYSTEM_MODE()) mode = 'SYSTEM_MODE';
      else if (w.DATA() || w.NETWORK() || w.DIVISION())
        this.fail(`${this.withName(w)} is not supported by localorg`, w);
      // SNIPPET, HIGHLIGHT, METADATA, SPELL_CORRECTION, PRICEBOOKID change what is shown, not what is found.
    }
    return mode;
  }

  private withName(w: SoslWithClauseContext): string {
    return this.text(w).split(/\s*=|\s+IN\b|\(/i)[0];
  }

  /** `Account(Id, Name WHERE …), Contact`: the grammar nests the list to the right. */
  private specs(list: FieldSpecListContext): SoqlQuery[] {
    const out = [this.spec(list.fieldSpec())];
    for (const rest of list.fieldSpecList_list()) out.push(...this.specs(rest));
    return out;
  }

  private spec(spec: FieldSpecContext): SoqlQuery {
    const [object] = spec.soslId_list();
    if (spec.USING()) this.fail('USING LISTVIEW is not supported by localorg', spec);
    const fields = spec.fieldList() ? this.fields(spec.fieldList()) : [];
    const limit = spec.limitClause();
    const offset = spec.offsetClause();
    return {
      select: (fields.length ? fields : [['Id']]).map((path) => ({ kind: 'field', path })),
      from: object.getText(),
      where: spec.WHERE() ? this.logical(spec.logicalExpression()) : null,
      groupBy: [],
      having: null,
      orderBy: spec.fieldOrderList() ? this.orderBy(spec.fieldOrderList()) : [],
      limit: limit ? this.intOrBind(limit.IntegerLiteral()?.getText(), limit.boundExpression()) : null,
      offset: offset ? this.intOrBind(offset.IntegerLiteral()?.getText(), offset.boundExpression()) : null,
      forUpdate: false,
      allRows: false,
      withMode: null,
      position: this.pos(spec),
      text: this.text(spec)
    };
  }

  private fields(list: FieldListContext): FieldPath[] {
    if (list.TOLABEL() || list.CONVERT_CURRENCY() || list.FORMAT() || list.soqlFunction()) {
      this.fail(`${this.text(list).split('(')[0]}() in a RETURNING field list is not supported by localorg`, list);
    }
    const out = list.soslId_list().map((id) => id.getText().split('.'));
    for (const rest of list.fieldList_list()) out.push(...this.fields(rest));
    return out;
  }
}
