/**
 * localorg's own Apex AST. The ANTLR tree from apex-parser is lowered into these plain objects once per file, so the
 * interpreter never sees parser types (whose shape changes between minor releases) and never folds case at run time:
 * every identifier carries its canonical lower-case `name` next to the `display` spelling used in messages.
 */
import type { TypeRef, Value } from '../values/values.js';

export interface Pos {
  line: number;
  /** 1-based, as Apex stack traces print it. */
  col: number;
}

/**
 * Where a member access sits in a chain with safe navigation (`a?.b.c`): Apex skips the whole rest of the chain when
 * a `?.` meets null, so the chain's outermost access answers null rather than its next link throwing.
 * `chained`: this access is the target of a further member access or index; `shortCircuits`: a `?.` link lies below
 * it; `parenthesized`: written in parentheses, which end the chain (`(a?.b).c` throws when a is null).
 */
export interface SafeChain {
  chained?: boolean;
  shortCircuits?: boolean;
  parenthesized?: boolean;
}

export type Expr =
  | { kind: 'literal'; pos: Pos; value: Value }
  | { kind: 'name'; pos: Pos; name: string; display: string }
  | ({ kind: 'field'; pos: Pos; target: Expr; name: string; display: string; safe: boolean } & SafeChain)
  | ({
      kind: 'call';
      pos: Pos;
      target: Expr | null;
      name: string;
      display: string;
      args: Expr[];
      safe: boolean;
    } & SafeChain)
  | { kind: 'ctorCall'; pos: Pos; which: 'this' | 'super'; args: Expr[] }
  | ({ kind: 'index'; pos: Pos; target: Expr; index: Expr } & SafeChain)
  | { kind: 'new'; pos: Pos; type: TypeRef; args: Expr[] }
  | { kind: 'newArray'; pos: Pos; type: TypeRef /* List<T> */; size: Expr | null; items: Expr[] | null }
  | { kind: 'newCollection'; pos: Pos; type: TypeRef; items: Expr[] }
  | { kind: 'newMap'; pos: Pos; type: TypeRef; pairs: [Expr, Expr][] }
  | { kind: 'unary'; pos: Pos; op: '-' | '+' | '!' | '~'; operand: Expr }
  | { kind: 'incdec'; pos: Pos; op: '++' | '--'; prefix: boolean; target: Expr }
  | { kind: 'binary'; pos: Pos; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'logical'; pos: Pos; op: '&&' | '||'; left: Expr; right: Expr }
  | { kind: 'coalesce'; pos: Pos; left: Expr; right: Expr }
  | { kind: 'assign'; pos: Pos; op: AssignOp; target: Expr; value: Expr }
  | { kind: 'cond'; pos: Pos; test: Expr; then: Expr; else: Expr }
  | { kind: 'cast'; pos: Pos; type: TypeRef; expr: Expr }
  | { kind: 'instanceof'; pos: Pos; expr: Expr; type: TypeRef }
  | { kind: 'this'; pos: Pos }
  | { kind: 'super'; pos: Pos }
  | { kind: 'typeLiteral'; pos: Pos; type: TypeRef }
  | { kind: 'soql'; pos: Pos; query: unknown }
  /** `[FIND … RETURNING …]`: a lowered SOSL search, opaque like `soql` (the data platform runs it). */
  | { kind: 'sosl'; pos: Pos; query: unknown }
  | { kind: 'unsupported'; pos: Pos; construct: string };

export type BinaryOp =
  '+' | '-' | '*' | '/' | '<<' | '>>' | '>>>' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '===' | '!==' | '&' | '|' | '^';

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '&=' | '|=' | '^=' | '<<=' | '>>=' | '>>>=';

export interface VarDeclarator {
  name: string;
  display: string;
  init: Expr | null;
  pos: Pos;
}

export interface CatchClause {
  type: TypeRef;
  name: string;
  body: Block;
}

export interface WhenClause {
  kind: 'values' | 'type' | 'else';
  /** For `values`: literal expressions, `null`, or enum constant names (kind `name`). */
  values: Expr[];
  type: TypeRef | null;
  varName: string | null;
  body: Block;
}

export interface Block {
  kind: 'block';
  pos: Pos;
  stmts: Stmt[];
}

export type Stmt =
  | Block
  | { kind: 'local'; pos: Pos; type: TypeRef; decls: VarDeclarator[] }
  | { kind: 'expr'; pos: Pos; expr: Expr }
  | { kind: 'if'; pos: Pos; test: Expr; then: Stmt; else: Stmt | null }
  | { kind: 'while'; pos: Pos; test: Expr; body: Stmt }
  | { kind: 'doWhile'; pos: Pos; test: Expr; body: Stmt }
  | { kind: 'for'; pos: Pos; init: Stmt[]; test: Expr | null; update: Expr[]; body: Stmt }
  | { kind: 'forEach'; pos: Pos; type: TypeRef; name: string; iterable: Expr; body: Stmt }
  | { kind: 'return'; pos: Pos; value: Expr | null }
  | { kind: 'break'; pos: Pos }
  | { kind: 'continue'; pos: Pos }
  | { kind: 'throw'; pos: Pos; value: Expr }
  | { kind: 'try'; pos: Pos; body: Block; catches: CatchClause[]; finally: Block | null }
  | { kind: 'switch'; pos: Pos; value: Expr; whens: WhenClause[] }
  | {
      kind: 'dml';
      pos: Pos;
      op: 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';
      value: Expr;
      externalIdField?: string;
      /** `insert as user` / `as system`. */
      accessLevel?: 'user' | 'system';
    }
  | { kind: 'runAs'; pos: Pos; user: Expr[]; body: Block }
  | { kind: 'unsupported'; pos: Pos; construct: string };

export interface Annotation {
  name: string; // canonical, e.g. "istest"
  params: Record<string, string | boolean>; // canonical keys, e.g. { seealldata: false }
}

export interface Param {
  type: TypeRef;
  name: string;
  display: string;
}

export interface MethodDecl {
  name: string;
  display: string;
  params: Param[];
  returnType: TypeRef | null; // null for void
  body: Block | null;
  modifiers: Set<string>;
  annotations: Annotation[];
  isStatic: boolean;
  pos: Pos;
}

export interface CtorDecl {
  params: Param[];
  body: Block;
  modifiers: Set<string>;
  pos: Pos;
}

export interface FieldDecl {
  name: string;
  display: string;
  type: TypeRef;
  init: Expr | null;
  isStatic: boolean;
  modifiers: Set<string>;
  pos: Pos;
}

export interface PropertyDecl {
  name: string;
  display: string;
  type: TypeRef;
  isStatic: boolean;
  modifiers: Set<string>;
  /** undefined: no accessor of that kind; null: automatic (`get;`); Block: explicit body. */
  getter: Block | null | undefined;
  setter: Block | null | undefined;
  pos: Pos;
}

/** Field initialisers and initialiser blocks, kept in declaration order because Apex runs them in that order. */
export type InitStep = { kind: 'field'; field: FieldDecl } | { kind: 'block'; block: Block };

export interface TypeDecl {
  kind: 'class' | 'interface' | 'enum';
  name: string; // canonical simple name
  display: string;
  file: string;
  pos: Pos;
  modifiers: Set<string>;
  annotations: Annotation[];
  extends: TypeRef | null;
  implements: TypeRef[];
  fields: FieldDecl[];
  properties: PropertyDecl[];
  methods: MethodDecl[];
  ctors: CtorDecl[];
  staticInit: InitStep[];
  instanceInit: InitStep[];
  inner: TypeDecl[];
  enumValues: string[];
  /** Lines holding executable statements, for coverage. */
  lines: number[];
  /** `<apiVersion>` of the class's `-meta.xml` (top-level classes loaded from a project). */
  apiVersion?: number;
}

export interface TriggerDecl {
  name: string;
  display: string;
  sobject: string;
  events: string[]; // 'before insert', …
  body: Block;
  file: string;
  pos: Pos;
  lines: number[];
}

export interface AnonymousUnit {
  file: string;
  /** Methods, inner classes and other members declared in the block. */
  members: TypeDecl;
  stmts: Stmt[];
}
