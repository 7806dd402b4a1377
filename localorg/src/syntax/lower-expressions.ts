import {
  ArrayExpressionContext,
  Arth1ExpressionContext,
  Arth2ExpressionContext,
  AssignExpressionContext,
  BitAndExpressionContext,
  BitExpressionContext,
  BitNotExpressionContext,
  BitOrExpressionContext,
  CastExpressionContext,
  CmpExpressionContext,
  CoalExpressionContext,
  CondExpressionContext,
  type CreatorContext,
  DotExpressionContext,
  EqualityExpressionContext,
  type ExpressionContext,
  type ExpressionListContext,
  IdPrimaryContext,
  InstanceOfExpressionContext,
  type LiteralContext,
  LiteralPrimaryContext,
  LogAndExpressionContext,
  LogOrExpressionContext,
  MethodCallExpressionContext,
  NegExpressionContext,
  NewExpressionContext,
  PostOpExpressionContext,
  PreOpExpressionContext,
  PrimaryExpressionContext,
  SoqlPrimaryContext,
  SoslPrimaryContext,
  SubExpressionContext,
  SuperPrimaryContext,
  ThisPrimaryContext,
  TypeRefPrimaryContext,
  VoidPrimaryContext
} from '@apexdevtools/apex-parser';
import { ApexDouble, Decimal, typeRef, type TypeRef, type Value } from '../values/values.js';
import type { AssignOp, BinaryOp, Expr, Pos } from './ast.js';
import { ApexSyntaxError, SourceError } from './diagnostics.js';
import { type Ctx, has, posOf } from './lower-base.js';
import { TypeLowerer } from './lower-types.js';
import { lowerSoqlQuery } from './soql/lower.js';
import { lowerSoslQuery } from './soql/sosl-lower.js';

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment --
   the parse tree is read untyped through `Ctx` (see lower-base.ts) */

/**
 * Expressions: operators (rebuilt where the grammar splits a token), member access chains with `?.`, calls, `new`
 * with initialisers, inline SOQL/SOSL with their binds, and literals turned into values once.
 */
export class ExpressionLowerer extends TypeLowerer {
  expr(e: ExpressionContext): Expr {
    const pos = posOf(e);
    if (e instanceof PrimaryExpressionContext) return this.primary(e.primary(), pos);
    if (e instanceof DotExpressionContext) {
      const safe = has(e.QUESTIONDOT());
      const target = this.expr(e.expression());
      const chain = linkChain(target);
      const dm = e.dotMethodCall();
      if (has(dm)) {
        const display = dm.anyId().getText();
        return {
          kind: 'call',
          pos: posOf(dm),
          target,
          name: display.toLowerCase(),
          display,
          args: this.args(dm.expressionList()),
          safe,
          ...chain
        };
      }
      const display = e.anyId().getText();
      return { kind: 'field', pos, target, name: display.toLowerCase(), display, safe, ...chain };
    }
    if (e instanceof MethodCallExpressionContext) {
      const mc = e.methodCall();
      const args = this.args(mc.expressionList());
      if (has(mc.THIS())) return { kind: 'ctorCall', pos, which: 'this', args };
      if (has(mc.SUPER())) return { kind: 'ctorCall', pos, which: 'super', args };
      const display = mc.id().getText();
      return { kind: 'call', pos, target: null, name: display.toLowerCase(), display, args, safe: false };
    }
    if (e instanceof AssignExpressionContext) {
      const [l, r] = e.expression_list();
      // `>>=` and `>>>=` arrive as several tokens, so the operator is read from which token accessor is present.
      const ops: [unknown, AssignOp][] = [
        [e.ASSIGN(), '='],
        [e.ADD_ASSIGN(), '+='],
        [e.SUB_ASSIGN(), '-='],
        [e.MUL_ASSIGN(), '*='],
        [e.DIV_ASSIGN(), '/='],
        [e.AND_ASSIGN(), '&='],
        [e.OR_ASSIGN(), '|='],
        [e.XOR_ASSIGN(), '^='],
        [e.LSHIFT_ASSIGN(), '<<='],
        [e.RSHIFT_ASSIGN(), '>>=']
      ];
      const op = ops.find(([token]) => has(token))?.[1] ?? '>>>=';
      return { kind: 'assign', pos, op, target: this.expr(l), value: this.expr(r) };
    }
    if (e instanceof Arth1ExpressionContext) return this.bin(e, has(e.MUL()) ? '*' : '/', pos);
    if (e instanceof Arth2ExpressionContext) return this.bin(e, has(e.ADD()) ? '+' : '-', pos);
    if (e instanceof CmpExpressionContext) {
      const op = ((has(e.GT()) ? '>' : '<') + (has(e.ASSIGN()) ? '=' : '')) as BinaryOp;
      return this.bin(e, op, pos);
    }
    if (e instanceof EqualityExpressionContext) {
      const op: BinaryOp = has(e.TRIPLEEQUAL())
        ? '==='
        : has(e.TRIPLENOTEQUAL())
          ? '!=='
          : has(e.EQUAL())
            ? '=='
            : '!=';
      return this.bin(e, op, pos);
    }
    if (e instanceof LogAndExpressionContext || e instanceof LogOrExpressionContext) {
      const [l, r] = e.expression_list();
      return {
        kind: 'logical',
        pos,
        op: e instanceof LogAndExpressionContext ? '&&' : '||',
        left: this.expr(l),
        right: this.expr(r)
      };
    }
    if (e instanceof CoalExpressionContext) {
      const [l, r] = e.expression_list();
      return { kind: 'coalesce', pos, left: this.expr(l), right: this.expr(r) };
    }
    if (e instanceof CondExpressionContext) {
      const [t, a, b] = e.expression_list();
      return { kind: 'cond', pos, test: this.expr(t), then: this.expr(a), else: this.expr(b) };
    }
    if (e instanceof SubExpressionContext) {
      const inner = this.expr(e.expression());
      return inner.kind === 'field' || inner.kind === 'call' || inner.kind === 'index'
        ? { ...inner, parenthesized: true }
        : inner;
    }
    if (e instanceof NegExpressionContext)
      return { kind: 'unary', pos, op: has(e.BANG()) ? '!' : '~', operand: this.expr(e.expression()) };
    if (e instanceof PreOpExpressionContext) {
      const operand = this.expr(e.expression());
      if (has(e.INC()) || has(e.DEC()))
        return { kind: 'incdec', pos, op: has(e.INC()) ? '++' : '--', prefix: true, target: operand };
      if (has(e.SUB())) {
        // Fold `-2147483648` and other negative literals so Integer.MIN_VALUE is expressible.
        if (operand.kind === 'literal') {
          const v = operand.value;
          if (typeof v === 'number') return { kind: 'literal', pos, value: v === 2147483648 ? -2147483648 : -v };
          if (typeof v === 'bigint') return { kind: 'literal', pos, value: -v };
          if (v instanceof Decimal) return { kind: 'literal', pos, value: v.negate() };
          if (v instanceof ApexDouble) return { kind: 'literal', pos, value: new ApexDouble(-v.value) };
        }
        return { kind: 'unary', pos, op: '-', operand };
      }
      return { kind: 'unary', pos, op: '+', operand };
    }
    if (e instanceof PostOpExpressionContext) {
      return { kind: 'incdec', pos, op: has(e.INC()) ? '++' : '--', prefix: false, target: this.expr(e.expression()) };
    }
    if (e instanceof CastExpressionContext)
      return { kind: 'cast', pos, type: this.typeRef(e.typeRef()), expr: this.expr(e.expression()) };
    if (e instanceof InstanceOfExpressionContext)
      return { kind: 'instanceof', pos, expr: this.expr(e.expression()), type: this.typeRef(e.typeRef()) };
    if (e instanceof ArrayExpressionContext) {
      const [t, i] = e.expression_list();
      const target = this.expr(t);
      return { kind: 'index', pos, target, index: this.expr(i), ...linkChain(target) };
    }
    if (e instanceof NewExpressionContext) return this.creator(e.creator(), pos);
    if (e instanceof BitAndExpressionContext) return this.bin(e, '&', pos);
    if (e instanceof BitOrExpressionContext) return this.bin(e, '|', pos);
    if (e instanceof BitNotExpressionContext) return this.bin(e, '^', pos);
    if (e instanceof BitExpressionContext) {
      const op: BinaryOp = e.LT_list().length === 2 ? '<<' : e.GT_list().length === 3 ? '>>>' : '>>';
      return this.bin(e, op, pos);
    }
    return this.unsupported(e, `expression '${e.getText().slice(0, 40)}'`);
  }

  private bin(e: Ctx, op: BinaryOp, pos: Pos): Expr {
    const [l, r] = e.expression_list();
    return { kind: 'binary', pos, op, left: this.expr(l), right: this.expr(r) };
  }

  private args(list: ExpressionListContext | null): Expr[] {
    if (!has(list)) return [];
    return list!.expression_list().map((x: Ctx) => this.expr(x));
  }

  private primary(p: Ctx, pos: Pos): Expr {
    if (p instanceof IdPrimaryContext) {
      const display = p.id().getText();
      return { kind: 'name', pos, name: display.toLowerCase(), display };
    }
    if (p instanceof LiteralPrimaryContext) return { kind: 'literal', pos, value: this.literalValue(p.literal()) };
    if (p instanceof ThisPrimaryContext) return { kind: 'this', pos };
    if (p instanceof SuperPrimaryContext) return { kind: 'super', pos };
    if (p instanceof TypeRefPrimaryContext) return { kind: 'typeLiteral', pos, type: this.typeRef(p.typeRef()) };
    if (p instanceof VoidPrimaryContext) return { kind: 'typeLiteral', pos, type: typeRef('void') };
    if (p instanceof SoqlPrimaryContext) {
      const q = p.soqlLiteral().query();
      try {
        return {
          kind: 'soql',
          pos,
          query: lowerSoqlQuery(q, (ctx) => this.expr(ctx as ExpressionContext), {
            file: this.file,
            line: pos.line,
            column: pos.col
          })
        };
      } catch (err) {
        // A query localorg cannot run fails the code that reaches it, not the whole class (lenient loading).
        if (err instanceof SourceError) return { kind: 'unsupported', pos, construct: err.detail };
        return { kind: 'unsupported', pos, construct: (err as Error).message };
      }
    }
    if (p instanceof SoslPrimaryContext) {
      const where = { file: this.file, line: pos.line, column: pos.col };
      try {
        return {
          kind: 'sosl',
          pos,
          query: lowerSoslQuery(p.soslLiteral(), (ctx) => this.expr(ctx as ExpressionContext), where)
        };
      } catch (err) {
        if (err instanceof SourceError) return { kind: 'unsupported', pos, construct: err.detail };
        return { kind: 'unsupported', pos, construct: (err as Error).message };
      }
    }
    return this.unsupported(p, 'primary expression');
  }

  /** Public so that the data platform's dynamic SOQL can lower bind expressions found in strings. */
  lowerExpression(ctx: unknown): Expr {
    return this.expr(ctx as ExpressionContext);
  }

  private creator(c: CreatorContext, pos: Pos): Expr {
    const pairs = c.createdName().idCreatedNamePair_list();
    const names = pairs.map((p: Ctx) => p.anyId().getText() as string);
    let args: TypeRef[] = [];
    for (const p of pairs)
      if (has(p.typeList()))
        args = p
          .typeList()
          .typeRef_list()
          .map((t: Ctx) => this.typeRef(t));
    const base = names.join('.');
    const type: TypeRef = {
      name: base.toLowerCase(),
      args,
      display: args.length ? `${base}<${args.map((a) => a.display).join(', ')}>` : base
    };
    if (has(c.classCreatorRest()))
      return { kind: 'new', pos, type, args: this.args(c.classCreatorRest().arguments().expressionList()) };
    if (has(c.arrayCreatorRest())) {
      const ar = c.arrayCreatorRest();
      const listType: TypeRef = { name: 'list', args: [type], display: `List<${type.display}>` };
      if (has(ar.expression()))
        return { kind: 'newArray', pos, type: listType, size: this.expr(ar.expression()), items: null };
      const init = ar.arrayInitializer();
      return {
        kind: 'newArray',
        pos,
        type: listType,
        size: null,
        items: has(init) ? init.expression_list().map((x: Ctx) => this.expr(x)) : []
      };
    }
    if (has(c.mapCreatorRest())) {
      const pairsOut: [Expr, Expr][] = c
        .mapCreatorRest()
        .mapCreatorRestPair_list()
        .map((mp: Ctx) => {
          const [k, v] = mp.expression_list();
          return [this.expr(k), this.expr(v)] as [Expr, Expr];
        });
      return { kind: 'newMap', pos, type, pairs: pairsOut };
    }
    if (has(c.setCreatorRest()))
      return {
        kind: 'newCollection',
        pos,
        type,
        items: c
          .setCreatorRest()
          .expression_list()
          .map((x: Ctx) => this.expr(x))
      };
    if (has(c.noRest())) {
      if (type.name === 'map') return { kind: 'newMap', pos, type, pairs: [] };
      return { kind: 'newCollection', pos, type, items: [] };
    }
    return this.unsupported(c, 'creator');
  }

  protected intLiteral(tok: Ctx, neg: boolean): number {
    const text = (tok.getText() as string).toLowerCase();
    const v = text.startsWith('0x') ? parseInt(text.slice(2), 16) : parseInt(text, 10);
    const signed = neg ? -v : v;
    if (signed > 2147483647 || signed < -2147483648) {
      const p = posOf(tok);
      throw new ApexSyntaxError(this.file, p.line, p.col, `Illegal integer: ${text}`);
    }
    return signed;
  }

  literalValue(l: LiteralContext): Value {
    if (has(l.IntegerLiteral())) {
      const text = l.IntegerLiteral().getText();
      // 2147483648 is only legal under unary minus; the PreOp fold handles that case.
      if (text === '2147483648') return 2147483648;
      return this.intLiteral(l.IntegerLiteral(), false);
    }
    if (has(l.LongLiteral())) return BigInt(l.LongLiteral().getText().slice(0, -1));
    if (has(l.NumberLiteral())) {
      const t = l.NumberLiteral().getText();
      if (/[dD]$/.test(t)) return new ApexDouble(Number(t.slice(0, -1)));
      return Decimal.parse(t);
    }
    if (has(l.StringLiteral())) return unquote(l.StringLiteral().getText(), this.file, posOf(l));
    if (has(l.MultilineStringLiteral())) {
      const t = l.MultilineStringLiteral().getText();
      return unquote(
        "'" +
          t
            .slice(3, -3)
            .replace(/^\r?\n/, '')
            .replace(/'/g, "\\'") +
          "'",
        this.file,
        posOf(l)
      );
    }
    if (has(l.BooleanLiteral())) return l.BooleanLiteral().getText().toLowerCase() === 'true';
    return null;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', "'": "'", '"': '"', '\\': '\\' };

export function unquote(raw: string, file: string, pos: Pos): string {
  const s = raw.slice(1, -1);
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = s[++i];
    if (next === 'u') {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (next in ESCAPES) out += ESCAPES[next];
    else throw new ApexSyntaxError(file, pos.line, pos.col, `Invalid string literal escape: \\${next}`);
  }
  return out;
}

/**
 * Links a member access's target into its chain (see SafeChain): the target no longer ends the chain, and the new
 * access short-circuits when a `?.` lies anywhere below it.
 */
function linkChain(target: Expr): { shortCircuits?: true } {
  if ((target.kind !== 'field' && target.kind !== 'call' && target.kind !== 'index') || target.parenthesized) return {};
  target.chained = true;
  return (target.kind !== 'index' && target.safe) || target.shortCircuits ? { shortCircuits: true } : {};
}
