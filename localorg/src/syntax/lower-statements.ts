import type {
  BlockContext,
  LocalVariableDeclarationContext,
  StatementContext,
  WhenLiteralContext
} from '@apexdevtools/apex-parser';
import { typeRef } from '../values/values.js';
import type { Block, Expr, Pos, Stmt, WhenClause } from './ast.js';
import { type Ctx, has, posOf } from './lower-base.js';
import { ExpressionLowerer, unquote } from './lower-expressions.js';

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment --
   the parse tree is read untyped through `Ctx` (see lower-base.ts) */

/** Statements and blocks: locals, if/for/while/do, switch with its when literals, try/catch, DML, return/throw. */
export class StatementLowerer extends ExpressionLowerer {
  block(b: BlockContext): Block {
    return { kind: 'block', pos: posOf(b), stmts: b.statement_list().map((s: Ctx) => this.stmt(s)) };
  }

  private stmtOrBlock(s: StatementContext): Stmt {
    return this.stmt(s);
  }

  stmt(s: StatementContext): Stmt {
    const pos = posOf(s);
    if (has(s.block())) return this.block(s.block());
    this.lines.add(pos.line);
    let c: Ctx;
    if (has((c = s.localVariableDeclarationStatement()))) return this.localDecl(c.localVariableDeclaration());
    if (has((c = s.expressionStatement()))) return { kind: 'expr', pos, expr: this.expr(c.expression()) };
    if (has((c = s.ifStatement()))) {
      const branches = c.statement_list();
      return {
        kind: 'if',
        pos,
        test: this.expr(c.parExpression().expression()),
        then: this.stmtOrBlock(branches[0]),
        else: branches[1] ? this.stmtOrBlock(branches[1]) : null
      };
    }
    if (has((c = s.returnStatement())))
      return { kind: 'return', pos, value: has(c.expression()) ? this.expr(c.expression()) : null };
    if (has((c = s.forStatement()))) return this.forStmt(c, pos);
    if (has((c = s.whileStatement()))) {
      if (!has(c.statement()))
        return {
          kind: 'while',
          pos,
          test: this.expr(c.parExpression().expression()),
          body: { kind: 'block', pos, stmts: [] }
        };
      return {
        kind: 'while',
        pos,
        test: this.expr(c.parExpression().expression()),
        body: this.stmtOrBlock(c.statement())
      };
    }
    if (has((c = s.doWhileStatement())))
      return { kind: 'doWhile', pos, test: this.expr(c.parExpression().expression()), body: this.block(c.block()) };
    if (has((c = s.tryStatement()))) {
      return {
        kind: 'try',
        pos,
        body: this.block(c.block()),
        catches: c.catchClause_list().map((cc: Ctx) => {
          const qn = cc
            .qualifiedName()
            .id_list()
            .map((i: Ctx) => i.getText() as string)
            .join('.');
          return { type: typeRef(qn), name: cc.id().getText().toLowerCase(), body: this.block(cc.block()) };
        }),
        finally: has(c.finallyBlock()) ? this.block(c.finallyBlock().block()) : null
      };
    }
    if (has((c = s.throwStatement()))) return { kind: 'throw', pos, value: this.expr(c.expression()) };
    if (has(s.breakStatement())) return { kind: 'break', pos };
    if (has(s.continueStatement())) return { kind: 'continue', pos };
    if (has((c = s.switchStatement()))) return this.switchStmt(c, pos);
    const dml = (op: 'insert' | 'update' | 'delete' | 'undelete' | 'upsert', ctx: Ctx): Stmt => {
      const level = ctx.accessLevel?.();
      const stmt: Stmt = { kind: 'dml', pos, op, value: this.expr(ctx.expression()) };
      if (has(level)) stmt.accessLevel = has(level.USER()) ? 'user' : 'system';
      return stmt;
    };
    if (has((c = s.insertStatement()))) return dml('insert', c);
    if (has((c = s.updateStatement()))) return dml('update', c);
    if (has((c = s.deleteStatement()))) return dml('delete', c);
    if (has((c = s.undeleteStatement()))) return dml('undelete', c);
    if (has((c = s.upsertStatement()))) {
      const qn = c.qualifiedName();
      const stmt = dml('upsert', c) as Extract<Stmt, { kind: 'dml' }>;
      if (has(qn)) {
        const ids = qn.id_list().map((i: Ctx) => i.getText() as string);
        stmt.externalIdField = ids[ids.length - 1];
      }
      return stmt;
    }
    if (has((c = s.runAsStatement()))) {
      const args = has(c.expressionList())
        ? c
            .expressionList()
            .expression_list()
            .map((e: Ctx) => this.expr(e))
        : [];
      return { kind: 'runAs', pos, user: args, body: this.block(c.block()) };
    }
    // Valid Apex outside localorg's emulation lowers to a node that fails with its position when executed, so one
    // such statement does not stop the rest of the project from loading.
    if (has(s.mergeStatement())) return { kind: 'unsupported', pos, construct: 'merge statement' };
    return this.fail(s, 'unrecognised statement');
  }

  private localDecl(l: LocalVariableDeclarationContext): Stmt {
    return {
      kind: 'local',
      pos: posOf(l),
      type: this.typeRef(l.typeRef()),
      decls: l
        .variableDeclarators()
        .variableDeclarator_list()
        .map((v: Ctx) => {
          const display = v.id().getText();
          return {
            name: display.toLowerCase(),
            display,
            init: has(v.expression()) ? this.expr(v.expression()) : null,
            pos: posOf(v)
          };
        })
    };
  }

  private forStmt(c: Ctx, pos: Pos): Stmt {
    const fc = c.forControl();
    const body: Stmt = has(c.statement()) ? this.stmtOrBlock(c.statement()) : { kind: 'block', pos, stmts: [] };
    const efc = fc.enhancedForControl();
    if (has(efc)) {
      return {
        kind: 'forEach',
        pos,
        type: this.typeRef(efc.typeRef()),
        name: efc.id().getText().toLowerCase(),
        iterable: this.expr(efc.expression()),
        body
      };
    }
    const init: Stmt[] = [];
    const fi = fc.forInit();
    if (has(fi)) {
      if (has(fi.localVariableDeclaration())) init.push(this.localDecl(fi.localVariableDeclaration()));
      else
        for (const e of fi.expressionList().expression_list())
          init.push({ kind: 'expr', pos: posOf(e), expr: this.expr(e) });
    }
    const update: Expr[] = has(fc.forUpdate())
      ? fc
          .forUpdate()
          .expressionList()
          .expression_list()
          .map((e: Ctx) => this.expr(e))
      : [];
    return { kind: 'for', pos, init, test: has(fc.expression()) ? this.expr(fc.expression()) : null, update, body };
  }

  private switchStmt(c: Ctx, pos: Pos): Stmt {
    const whens: WhenClause[] = c.whenControl_list().map((w: Ctx) => {
      const wv = w.whenValue();
      const body = this.block(w.block());
      if (has(wv.ELSE())) return { kind: 'else', values: [], type: null, varName: null, body };
      if (has(wv.typeRef()))
        return {
          kind: 'type',
          values: [],
          type: this.typeRef(wv.typeRef()),
          varName: wv.id().getText().toLowerCase(),
          body
        };
      return {
        kind: 'values',
        values: wv.whenLiteral_list().map((l: WhenLiteralContext) => this.whenLiteral(l)),
        type: null,
        varName: null,
        body
      };
    });
    return { kind: 'switch', pos, value: this.expr(c.expression()), whens };
  }

  private whenLiteral(l: Ctx): Expr {
    const pos = posOf(l);
    if (has(l.whenLiteral())) return this.whenLiteral(l.whenLiteral());
    if (has(l.NULL())) return { kind: 'literal', pos, value: null };
    if (has(l.qualifiedName())) {
      const ids: string[] = l
        .qualifiedName()
        .id_list()
        .map((i: Ctx) => i.getText() as string);
      const last = ids[ids.length - 1];
      return { kind: 'name', pos, name: last.toLowerCase(), display: ids.join('.') };
    }
    const neg = l.SUB_list().length % 2 === 1;
    if (has(l.IntegerLiteral())) return { kind: 'literal', pos, value: this.intLiteral(l.IntegerLiteral(), neg) };
    if (has(l.LongLiteral())) {
      const t = l.LongLiteral().getText() as string;
      const v = BigInt(t.slice(0, -1));
      return { kind: 'literal', pos, value: neg ? -v : v };
    }
    if (has(l.StringLiteral()))
      return { kind: 'literal', pos, value: unquote(l.StringLiteral().getText(), this.file, pos) };
    return this.fail(l, 'unrecognised when value');
  }
}
