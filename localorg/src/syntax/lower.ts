/**
 * Lowers apex-parser's ANTLR tree into localorg's AST (ast.ts). lower.ts and its parts (lower-base.ts, lower-types.ts,
 * lower-expressions.ts, lower-statements.ts) are the only modules that know the parse tree's shape, so a grammar change
 * in apex-parser is absorbed here. Names are folded to lower case once, literals are turned into runtime values once,
 * and operators split into several tokens (`>` `=`) are rebuilt from their children.
 */
import type {
  AnonymousUnitContext,
  ClassBodyDeclarationContext,
  ClassDeclarationContext,
  CompilationUnitContext,
  ConstructorDeclarationContext,
  EnumDeclarationContext,
  FieldDeclarationContext,
  FormalParametersContext,
  InterfaceDeclarationContext,
  LiteralContext,
  MethodDeclarationContext,
  ModifierContext,
  PropertyDeclarationContext,
  TriggerUnitContext
} from '@apexdevtools/apex-parser';
import type {
  Annotation,
  AnonymousUnit,
  CtorDecl,
  FieldDecl,
  InitStep,
  MethodDecl,
  Param,
  Pos,
  PropertyDecl,
  Stmt,
  TriggerDecl,
  TypeDecl
} from './ast.js';
import { type Ctx, has, posOf } from './lower-base.js';
import { StatementLowerer } from './lower-statements.js';
import { parseApex } from './parse.js';

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment --
   the parse tree is read untyped through `Ctx` (see lower-base.ts) */

/** The entry point of the lowering: compilation units, type declarations and their members, triggers, anonymous blocks. */
export class Lowerer extends StatementLowerer {
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
