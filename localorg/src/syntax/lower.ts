/**
 * Lowers apex-parser's ANTLR tree into localorg's AST (ast.ts). This is the only module that knows the parse tree's
 * shape, so a grammar change in apex-parser is absorbed here. Names are folded to lower case once, literals are turned
 * into runtime values once, and operators split into several tokens (`>` `=`) are rebuilt from their children.
 */
import {
  type AnonymousUnitContext,
  ArrayExpressionContext,
  Arth1ExpressionContext,
  Arth2ExpressionContext,
  AssignExpressionContext,
  BitAndExpressionContext,
  BitExpressionContext,
  BitNotExpressionContext,
  BitOrExpressionContext,
  CastExpressionContext,
  type ClassBodyDeclarationContext,
  type ClassDeclarationContext,
  CmpExpressionContext,
  CoalExpressionContext,
  type CompilationUnitContext,
  CondExpressionContext,
  type CreatorContext,
  DotExpressionContext,
  type EnumDeclarationContext,
  EqualityExpressionContext,
  type ExpressionContext,
  type FieldDeclarationContext,
  type FormalParametersContext,
  IdPrimaryContext,
  InstanceOfExpressionContext,
  type InterfaceDeclarationContext,
  type LiteralContext,
  LiteralPrimaryContext,
  type LocalVariableDeclarationContext,
  LogAndExpressionContext,
  LogOrExpressionContext,
  MethodCallExpressionContext,
  type MethodDeclarationContext,
  type ModifierContext,
  NegExpressionContext,
  NewExpressionContext,
  PostOpExpressionContext,
  PreOpExpressionContext,
  PrimaryExpressionContext,
  type PropertyDeclarationContext,
  SoqlPrimaryContext,
  SoslPrimaryContext,
  type StatementContext,
  SubExpressionContext,
  SuperPrimaryContext,
  ThisPrimaryContext,
  type TriggerUnitContext,
  type TypeRefContext,
  TypeRefPrimaryContext,
  VoidPrimaryContext,
  type WhenLiteralContext,
  type BlockContext,
  type ConstructorDeclarationContext,
  type ExpressionListContext
} from '@apexdevtools/apex-parser';
import { ApexDouble, Decimal, typeRef, type TypeRef, type Value } from '../values/values.js';
import type {
  AnonymousUnit,
  Annotation,
  AssignOp,
  BinaryOp,
  Block,
  CtorDecl,
  Expr,
  FieldDecl,
  InitStep,
  MethodDecl,
  Param,
  Pos,
  PropertyDecl,
  Stmt,
  TriggerDecl,
  TypeDecl,
  WhenClause
} from './ast.js';
import { ApexSyntaxError, SourceError, UnsupportedConstructError } from './diagnostics.js';
import { parseApex } from './parse.js';
import { lowerSoqlQuery } from './soql/lower.js';
import { lowerSoslQuery } from './soql/sosl-lower.js';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment --
   apex-parser declares every child accessor as non-null although absent children return null at run time; this module
   reads the tree through `Ctx` and checks each child with has(), so the typed view would only add casts. */
type Ctx = any;

function posOf(ctx: Ctx): Pos {
  const t = ctx.start ?? ctx.symbol;
  return { line: t?.line ?? 0, col: (t?.column ?? 0) + 1 };
}

const has = (x: unknown): boolean => x !== null && x !== undefined;

export class Lowerer {
  private lines = new Set<number>();
  constructor(readonly file: string) {}

  private fail(ctx: Ctx, msg: string): never {
    const p = posOf(ctx);
    throw new ApexSyntaxError(this.file, p.line, p.col, msg);
  }
  private unsupported(ctx: Ctx, construct: string): never {
    const p = posOf(ctx);
    throw new UnsupportedConstructError(this.file, p.line, p.col, construct);
  }

  // ---------------------------------------------------------------- units
  compilationUnit(cu: CompilationUnitContext): TypeDecl {
    const td = cu.typeDeclaration();
    const mods = this.modifiers(td.modifier_list());
    const decl = this.typeDecl(td, mods);
    decl.lines = [...this.lines].sort((a, b) => a - b);
    return decl;
  }

  private typeDecl(ctx: Ctx, mods: { set: Set<string>; annotations: Annotation[] }): TypeDecl {
    if (has(ctx.classDeclaration())) return this.classDecl(ctx.classDeclaration(), mods);
    if (has(ctx.interfaceDeclaration())) return this.interfaceDecl(ctx.interfaceDeclaration(), mods);
    if (has(ctx.enumDeclaration())) return this.enumDecl(ctx.enumDeclaration(), mods);
    return this.fail(ctx, 'expected a class, interface or enum declaration');
  }

  private emptyDecl(
    kind: TypeDecl['kind'],
    idCtx: Ctx,
    mods: { set: Set<string>; annotations: Annotation[] },
    pos: Pos
  ): TypeDecl {
    const display = idCtx.getText() as string;
    return {
      kind,
      name: display.toLowerCase(),
      display,
      file: this.file,
      pos,
      modifiers: mods.set,
      annotations: mods.annotations,
      extends: null,
      implements: [],
      fields: [],
      properties: [],
      methods: [],
      ctors: [],
      staticInit: [],
      instanceInit: [],
      inner: [],
      enumValues: [],
      lines: []
    };
  }

  private classDecl(c: ClassDeclarationContext, mods: { set: Set<string>; annotations: Annotation[] }): TypeDecl {
    const d = this.emptyDecl('class', c.id(), mods, posOf(c));
    if (has(c.typeRef())) d.extends = this.typeRef(c.typeRef());
    if (has(c.typeList()))
      d.implements = c
        .typeList()
        .typeRef_list()
        .map((t: Ctx) => this.typeRef(t));
    for (const b of c.classBody().classBodyDeclaration_list()) this.classBodyDecl(b, d);
    return d;
  }

  private classBodyDecl(b: ClassBodyDeclarationContext, d: TypeDecl): void {
    if (has(b.block())) {
      const block = this.block(b.block());
      (has(b.STATIC()) ? d.staticInit : d.instanceInit).push({ kind: 'block', block });
      return;
    }
    const m = b.memberDeclaration();
    if (!has(m)) return; // stray ';'
    this.member(m, this.modifiers(b.modifier_list()), d);
  }

  private member(m: Ctx, mods: { set: Set<string>; annotations: Annotation[] }, d: TypeDecl): void {
    const isStatic = mods.set.has('static');
    if (has(m.methodDeclaration())) {
      d.methods.push(this.method(m.methodDeclaration(), mods));
    } else if (has(m.constructorDeclaration?.())) {
      const c: ConstructorDeclarationContext = m.constructorDeclaration();
      const ctor: CtorDecl = {
        params: this.params(c.formalParameters()),
        body: this.block(c.block()),
        modifiers: mods.set,
        pos: posOf(c)
      };
      d.ctors.push(ctor);
    } else if (has(m.fieldDeclaration())) {
      const f: FieldDeclarationContext = m.fieldDeclaration();
      const type = this.typeRef(f.typeRef());
      for (const v of f.variableDeclarators().variableDeclarator_list()) {
        const display = v.id().getText();
        const field: FieldDecl = {
          name: display.toLowerCase(),
          display,
          type,
          init: has(v.expression()) ? this.expr(v.expression()) : null,
          isStatic,
          modifiers: mods.set,
          pos: posOf(v)
        };
        if (field.init) this.lines.add(field.pos.line);
        d.fields.push(field);
        const step: InitStep = { kind: 'field', field };
        (isStatic ? d.staticInit : d.instanceInit).push(step);
      }
    } else if (has(m.propertyDeclaration())) {
      d.properties.push(this.property(m.propertyDeclaration(), mods));
    } else if (has(m.classDeclaration())) {
      d.inner.push(this.classDecl(m.classDeclaration(), mods));
    } else if (has(m.interfaceDeclaration())) {
      d.inner.push(this.interfaceDecl(m.interfaceDeclaration(), mods));
    } else if (has(m.enumDeclaration())) {
      d.inner.push(this.enumDecl(m.enumDeclaration(), mods));
    } else {
      this.fail(m, 'unrecognised member declaration');
    }
  }

  private property(p: PropertyDeclarationContext, mods: { set: Set<string>; annotations: Annotation[] }): PropertyDecl {
    const display = p.id().getText();
    const prop: PropertyDecl = {
      name: display.toLowerCase(),
      display,
      type: this.typeRef(p.typeRef()),
      isStatic: mods.set.has('static'),
      modifiers: mods.set,
      getter: undefined,
      setter: undefined,
      pos: posOf(p)
    };
    for (const pb of p.propertyBlock_list()) {
      if (has(pb.getter())) prop.getter = has(pb.getter().block()) ? this.block(pb.getter().block()) : null;
      if (has(pb.setter())) prop.setter = has(pb.setter().block()) ? this.block(pb.setter().block()) : null;
    }
    return prop;
  }

  private method(m: MethodDeclarationContext, mods: { set: Set<string>; annotations: Annotation[] }): MethodDecl {
    const display = m.id().getText();
    return {
      name: display.toLowerCase(),
      display,
      params: this.params(m.formalParameters()),
      returnType: has(m.typeRef()) ? this.typeRef(m.typeRef()) : null,
      body: has(m.block()) ? this.block(m.block()) : null,
      modifiers: mods.set,
      annotations: mods.annotations,
      isStatic: mods.set.has('static'),
      pos: posOf(m)
    };
  }

  private params(f: FormalParametersContext): Param[] {
    const list = f.formalParameterList();
    if (!has(list)) return [];
    return list.formalParameter_list().map((p: Ctx) => {
      const display = p.id().getText();
      return { type: this.typeRef(p.typeRef()), name: display.toLowerCase(), display };
    });
  }

  private interfaceDecl(
    c: InterfaceDeclarationContext,
    mods: { set: Set<string>; annotations: Annotation[] }
  ): TypeDecl {
    const d = this.emptyDecl('interface', c.id(), mods, posOf(c));
    if (has(c.typeList()))
      d.implements = c
        .typeList()
        .typeRef_list()
        .map((t: Ctx) => this.typeRef(t));
    for (const im of c.interfaceBody().interfaceMethodDeclaration_list()) {
      const display = im.id().getText();
      d.methods.push({
        name: display.toLowerCase(),
        display,
        params: this.params(im.formalParameters()),
        returnType: has(im.typeRef()) ? this.typeRef(im.typeRef()) : null,
        body: null,
        modifiers: this.modifiers(im.modifier_list()).set,
        annotations: [],
        isStatic: false,
        pos: posOf(im)
      });
    }
    return d;
  }

  private enumDecl(c: EnumDeclarationContext, mods: { set: Set<string>; annotations: Annotation[] }): TypeDecl {
    const d = this.emptyDecl('enum', c.id(), mods, posOf(c));
    if (has(c.enumConstants()))
      d.enumValues = c
        .enumConstants()
        .id_list()
        .map((i: Ctx) => i.getText() as string);
    return d;
  }

  private modifiers(list: ModifierContext[]): { set: Set<string>; annotations: Annotation[] } {
    const set = new Set<string>();
    const annotations: Annotation[] = [];
    for (const m of list) {
      const a = m.annotation();
      if (has(a)) {
        const params: Record<string, string | boolean> = {};
        const pairs = a.elementValuePairs();
        if (has(pairs)) {
          for (const p of pairs.elementValuePair_list()) {
            params[p.id().getText().toLowerCase()] = this.annotationValue(p.elementValue().literal());
          }
        } else if (has(a.elementValue())) {
          params['value'] = this.annotationValue(a.elementValue().literal());
        }
        annotations.push({ name: a.id().getText().toLowerCase(), params });
      } else {
        // `with sharing` arrives as two tokens; keep the words joined so `withsharing` is one modifier.
        set.add(m.getText().toLowerCase());
      }
    }
    return { set, annotations };
  }

  private annotationValue(lit: LiteralContext): string | boolean {
    const v = this.literalValue(lit);
    if (typeof v === 'boolean' || typeof v === 'string') return v;
    return lit.getText();
  }

  // ---------------------------------------------------------------- triggers and anonymous blocks
  triggerUnit(t: TriggerUnitContext): TriggerDecl {
    const ids = t.id_list();
    const events = t.triggerCase_list().map((c: Ctx) => {
      const when = has(c.BEFORE()) ? 'before' : 'after';
      const op = has(c.INSERT()) ? 'insert' : has(c.UPDATE()) ? 'update' : has(c.DELETE()) ? 'delete' : 'undelete';
      return `${when} ${op}`;
    });
    const stmts: Stmt[] = [];
    const block = t.triggerBlock();
    for (const m of block.triggerBlockMember_list()) {
      if (has(m.statement())) stmts.push(this.stmt(m.statement()));
      else {
        const md = m.triggerMemberDeclaration();
        if (has(md.fieldDeclaration())) stmts.push(this.fieldAsLocal(md.fieldDeclaration()));
        else this.unsupported(md, 'a method or type declared inside a trigger');
      }
    }
    const display = ids[0].getText();
    return {
      name: display.toLowerCase(),
      display,
      sobject: ids[1].getText(),
      events,
      body: { kind: 'block', pos: posOf(block), stmts },
      file: this.file,
      pos: posOf(t),
      lines: [...this.lines].sort((a, b) => a - b)
    };
  }

  anonymousUnit(a: AnonymousUnitContext): AnonymousUnit {
    const members = this.emptyDecl(
      'class',
      { getText: () => 'AnonymousBlock' },
      { set: new Set(), annotations: [] },
      { line: 1, col: 1 }
    );
    const stmts: Stmt[] = [];
    for (const m of a.anonymousBlock().anonymousBlockMember_list()) {
      if (has(m.statement())) {
        stmts.push(this.stmt(m.statement()));
        continue;
      }
      const md = m.anonymousMemberDeclaration();
      // Top-level `Type x = …;` parses as a field declaration; anonymous Apex runs it as a local, in order.
      if (has(md.fieldDeclaration())) stmts.push(this.fieldAsLocal(md.fieldDeclaration()));
      else this.member(md, this.modifiers(m.modifier_list()), members);
    }
    return { file: this.file, members, stmts };
  }

  private fieldAsLocal(f: FieldDeclarationContext): Stmt {
    const pos = posOf(f);
    this.lines.add(pos.line);
    return {
      kind: 'local',
      pos,
      type: this.typeRef(f.typeRef()),
      decls: f
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

  // ---------------------------------------------------------------- types
  typeRef(t: TypeRefContext): TypeRef {
    const names = t.typeName_list();
    let ref: TypeRef;
    if (names.length === 1) ref = this.typeName(names[0]);
    else {
      // Qualified: `Schema.SObjectType`, `Outer.Inner`, `Map<…>` only appears last.
      const parts = names.map((n: Ctx) => this.typeName(n));
      const last = parts[parts.length - 1];
      const display = parts.map((p: TypeRef) => p.display.replace(/<.*$/, '')).join('.');
      ref = {
        name: display.toLowerCase(),
        args: last.args,
        display: display + (last.args.length ? `<${last.args.map((a: TypeRef) => a.display).join(', ')}>` : '')
      };
    }
    const subs = t.arraySubscripts();
    if (has(subs)) {
      const depth = subs.LBRACK_list().length;
      for (let i = 0; i < depth; i++) ref = typeRef('List', [ref]);
      if (depth) ref = { ...ref, display: `List<${ref.args[0].display}>` };
    }
    return ref;
  }

  private typeName(n: Ctx): TypeRef {
    const args: TypeRef[] = has(n.typeArguments())
      ? n
          .typeArguments()
          .typeList()
          .typeRef_list()
          .map((x: Ctx) => this.typeRef(x))
      : [];
    const base = has(n.LIST()) ? 'List' : has(n.SET()) ? 'Set' : has(n.MAP()) ? 'Map' : (n.id().getText() as string);
    return {
      name: base.toLowerCase(),
      args,
      display: args.length ? `${base}<${args.map((a) => a.display).join(', ')}>` : base
    };
  }

  // ---------------------------------------------------------------- statements
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

  // ---------------------------------------------------------------- expressions
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

  private intLiteral(tok: Ctx, neg: boolean): number {
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

function unquote(raw: string, file: string, pos: Pos): string {
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

export function lowerClassText(text: string, file: string): TypeDecl {
  return new Lowerer(file).compilationUnit(parseApex(text, file, 'compilationUnit'));
}

export function lowerTriggerText(text: string, file: string): TriggerDecl {
  return new Lowerer(file).triggerUnit(parseApex(text, file, 'triggerUnit'));
}

export function lowerAnonymousText(text: string, file: string): AnonymousUnit {
  return new Lowerer(file).anonymousUnit(parseApex(text, file, 'anonymousUnit'));
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
