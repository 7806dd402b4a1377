/**
 * Expression evaluation: literals, operators, casts, indexing, collection initialisers and inline SOQL.
 */
import type { Expr } from '../../syntax/ast.js';
import { SourceError } from '../../syntax/diagnostics.js';

import { arith, bitwise, compare, negate } from '../operators.js';
import type { Ev, Frame, StaticScope } from '../scope.js';
import { searchFixture } from '../natives.js';
import { cast, coerce, instanceOfOperator, runtimeTypeName, stripSystem } from '../types.js';
import { ApexList, ApexMap, ApexSet, ApexTypeValue, type TypeRef, type Value } from '../../values/values.js';
import { NPE, OBJECT_T, SHORT_CIRCUIT } from './engine.js';
import { Construction } from './construction.js';
import { operand, read } from './operands.js';

export abstract class Expressions extends Construction {
  /** The outermost access of a chain with `?.`: a link that met null skips the rest, and the chain is null. */
  private chainTop(run: () => Value): Value {
    try {
      return run();
    } catch (x) {
      if (x === SHORT_CIRCUIT) return null;
      throw x;
    }
  }

  private evalIndex(t: Value, i: Value): Value {
    if (t === null) this.throwApex('System.NullPointerException', NPE);
    if (t instanceof ApexList) {
      if (typeof i !== 'number') return this.throwApex('System.TypeException', 'List index must be an Integer');
      if (i < 0 || i >= t.items.length) this.throwApex('System.ListException', `List index out of bounds: ${i}`);
      return t.items[i];
    }
    if (t instanceof ApexMap) return t.get(i);
    return this.throwApex('System.TypeException', `Cannot index ${runtimeTypeName(t)}`);
  }

  /** Compiled expressions of this interpreter (parsed trees are shared between interpreters, so not on the nodes). */
  private readonly compiledExprs = new WeakMap<Expr, Ev>();

  /** Evaluates an expression: its compiled form, compiled on first use in the scope the frame is in. */
  eval(e: Expr, f: Frame): Value {
    let c = this.compiledExprs.get(e);
    if (c === undefined) c = this.compileExpr(e, f.scope);
    return c(f);
  }

  /** Compiles an expression to a closure over frame slots; locals are resolved here, once, not while running. */
  compileExpr(e: Expr, sc: StaticScope): Ev {
    let c = this.compiledExprs.get(e);
    if (c === undefined) {
      c = this.compileExprNode(e, sc);
      this.compiledExprs.set(e, c);
    }
    return c;
  }

  /**
   * Whether an expression certainly denotes a value, never a type: anything but a name or a dotted name, a name of a
   * local, or a member of a value. The others (`Account.Name`, `Foo.bar`) are resolved while running.
   */
  private isValue(e: Expr, sc: StaticScope): boolean {
    if (e.kind === 'name') return sc.lookup(e.name) !== undefined;
    if (e.kind === 'field') return this.isValue(e.target, sc);
    return e.kind !== 'super';
  }

  /** Apex's implicit conversion into a declared type, as a function chosen once for that type. */
  protected coercer(t: TypeRef): (v: Value) => Value {
    return this.keepsValue(t) ? (v) => v : (v) => coerce(v, t, this);
  }

  /** Whether assigning into type `t` never converts the value (so the compiled store skips the conversion). */
  protected keepsValue(t: TypeRef): boolean {
    switch (t.name) {
      case 'integer':
      case 'boolean':
      case 'list':
      case 'set':
      case 'map':
        return true;
    }
    return false;
  }

  /**
   * Compiles the parts of an expression whose closure still reads its parts through {@link eval}, so that every name
   * in them is resolved now, in this scope (a local declared later in the block must not capture it).
   */
  private precompile(sc: StaticScope, parts: readonly (Expr | null | undefined)[]): void {
    for (const p of parts) if (p) this.compileExpr(p, sc);
  }

  /** SOQL binds (`:name`) sit inside the lowered query; they are Apex expressions of the enclosing scope. */
  private precompileBinds(node: unknown, sc: StaticScope): void {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const x of node) this.precompileBinds(x, sc);
      return;
    }
    const o = node as { kind?: unknown; expr?: unknown };
    if (o.kind === 'bind' && o.expr && typeof o.expr === 'object') {
      this.compileExpr(o.expr as Expr, sc);
      return;
    }
    for (const v of Object.values(o)) if (v && typeof v === 'object') this.precompileBinds(v, sc);
  }

  private compileExprNode(e: Expr, sc: StaticScope): Ev {
    switch (e.kind) {
      case 'literal': {
        const v = e.value;
        return () => v;
      }
      case 'name': {
        const local = sc.lookup(e.name);
        this.localsOfNames.set(e, local ?? null);
        if (local) {
          const k = local.slot;
          return (f) => f.slots[k];
        }
        return (f) => this.evalMemberName(e, f);
      }
      case 'field': {
        const target = this.compileExpr(e.target, sc);
        const run: Ev = this.isValue(e.target, sc)
          ? (f) => this.readField(target(f), e, f)
          : (f) => this.evalField(e, f);
        return e.shortCircuits && !e.chained ? (f) => this.chainTop(() => run(f)) : run;
      }
      case 'call': {
        const args = e.args.map((a) => this.compileExpr(a, sc));
        let target: Ev | null = null;
        if (e.target && e.target.kind !== 'super') {
          const t = this.compileExpr(e.target, sc);
          // `record.Field.addError(…)` marks the field, so its target is not read as a value.
          const addError = e.name === 'adderror' && e.target.kind === 'field';
          if (!addError && this.isValue(e.target, sc)) target = t;
        }
        const run: Ev = (f) => this.evalCall(e, f, args, target);
        return e.shortCircuits && !e.chained ? (f) => this.chainTop(() => run(f)) : run;
      }
      case 'binary':
        return this.compileBinary(e, sc);
      case 'assign':
        return this.compileAssign(e, sc);
      case 'logical': {
        const l = this.compileExpr(e.left, sc);
        const r = this.compileExpr(e.right, sc);
        if (e.op === '&&') return (f) => (this.truthy(l(f)) ? this.truthy(r(f)) : false);
        return (f) => (this.truthy(l(f)) ? true : this.truthy(r(f)));
      }
      case 'unary': {
        const x = this.compileExpr(e.operand, sc);
        if (e.op === '!') return (f) => !this.truthy(x(f));
        if (e.op === '-') return (f) => negate(x(f));
        if (e.op === '~')
          return (f) => {
            const v = x(f);
            return bitwise('^', v, typeof v === 'bigint' ? -1n : -1);
          };
        return x;
      }
      case 'incdec':
        return this.compileIncDec(e, sc);
      case 'coalesce': {
        const l = this.compileExpr(e.left, sc);
        const r = this.compileExpr(e.right, sc);
        return (f) => {
          const v = l(f);
          return v !== null ? v : r(f);
        };
      }
      case 'cond': {
        const t = this.compileExpr(e.test, sc);
        const a = this.compileExpr(e.then, sc);
        const b = this.compileExpr(e.else, sc);
        return (f) => (this.truthy(t(f)) ? a(f) : b(f));
      }
      case 'cast': {
        const x = this.compileExpr(e.expr, sc);
        return (f) => cast(x(f), e.type, this);
      }
      case 'instanceof': {
        const x = this.compileExpr(e.expr, sc);
        return (f) => instanceOfOperator(x(f), e.type, this);
      }
      case 'this':
        return (f) => f.self ?? this.throwCompile(f, e.pos, 'Illegal access to this in a static context');
      case 'super':
        return (f) => f.self;
      case 'index': {
        const target = this.compileExpr(e.target, sc);
        const index = this.compileExpr(e.index, sc);
        const run: Ev = (f) => this.evalIndex(target(f), index(f));
        return e.shortCircuits && !e.chained ? (f) => this.chainTop(() => run(f)) : run;
      }
      case 'new': {
        const args = e.args.map((a) => this.compileExpr(a, sc));
        return (f) => {
          f.pos = e.pos;
          return this.evalNew(e, f, args);
        };
      }
      case 'newArray':
        return this.compileNewArray(e, sc);
      case 'newCollection':
        this.precompile(sc, e.items);
        return (f) => this.evalNewCollection(e, f);
      case 'newMap': {
        const pairs = e.pairs.map(([k, v]) => [this.compileExpr(k, sc), this.compileExpr(v, sc)] as const);
        return (f) => {
          const m = new ApexMap(e.type.args[0] ?? OBJECT_T, e.type.args[1] ?? OBJECT_T);
          for (const [k, v] of pairs) this.mapPut(m, coerce(k(f), m.keyType, this), coerce(v(f), m.valueType, this));
          return m;
        };
      }
      case 'typeLiteral':
        return () => new ApexTypeValue(this.canonicalType(e.type));
      case 'soql':
        this.precompileBinds(e.query, sc);
        return (f) => this.evalSoql(e, f);
      case 'sosl':
        this.precompileBinds(e.query, sc);
        return (f) => {
          f.pos = e.pos;
          return this.platform.search(e.query, (bind) => this.eval(bind as Expr, f), {
            fixedResults: searchFixture(this),
            access: this.dataAccess(null)
          });
        };
      case 'ctorCall':
        return (f) =>
          this.throwCompile(f, e.pos, `Constructor call ${e.which}(...) must be the first statement of a constructor`);
      case 'unsupported':
        return (f) => {
          throw new SourceError(f.file, e.pos.line, e.pos.col, `unsupported construct: ${e.construct}`);
        };
    }
  }

  protected evalSoql(e: Extract<Expr, { kind: 'soql' }>, f: Frame): Value {
    f.pos = e.pos;
    return this.platform.query(e.query, (bind) => this.eval(bind as Expr, f), this.dataAccess(null));
  }

  private compileNewArray(e: Extract<Expr, { kind: 'newArray' }>, sc: StaticScope): Ev {
    const el = e.type.args[0] ?? OBJECT_T;
    if (e.size) {
      const size = this.compileExpr(e.size, sc);
      return (f) => {
        const n = size(f);
        if (typeof n !== 'number') return this.throwApex('System.NullPointerException', NPE);
        return new ApexList(el, new Array<Value>(n).fill(null));
      };
    }
    const items = (e.items ?? []).map((x) => this.compileExpr(x, sc));
    return (f) =>
      new ApexList(
        el,
        items.map((x) => coerce(x(f), el, this))
      );
  }

  private evalNewCollection(e: Extract<Expr, { kind: 'newCollection' }>, f: Frame): Value {
    const n = stripSystem(e.type.name);
    const el = e.type.args[0] ?? OBJECT_T;
    const items = e.items.map((x) => coerce(this.eval(x, f), el, this));
    if (n === 'set') {
      const s = new ApexSet(el);
      for (const x of items) this.setAdd(s, x);
      return s;
    }
    if (n === 'list') return new ApexList(el, items);
    if (this.sobjectName(e.type.name) || this.classFor(e.type)) {
      // `new Foo[]{}` lowered as array creator; `new Foo{}` is not valid Apex.
      return new ApexList(e.type, items);
    }
    return this.throwCompile(f, e.pos, `Invalid initializer for type ${e.type.display}`);
  }

  /**
   * Binary operators. Integer operands (plain numbers) take a fast path with Apex's 32-bit wrapping; every other
   * combination (Long, Decimal, Double, String, Date, null) goes through the operator functions. Locals and literals
   * are read inline (see operands.ts).
   */
  private compileBinary(e: Extract<Expr, { kind: 'binary' }>, sc: StaticScope): Ev {
    const l = operand(e.left, this.compileExpr(e.left, sc), sc);
    const r = operand(e.right, this.compileExpr(e.right, sc), sc);
    const op = e.op;
    const str = this.str;
    switch (op) {
      case '+':
        return (f) => {
          const a = read(l, f);
          const b = read(r, f);
          return typeof a === 'number' && typeof b === 'number' ? (a + b) | 0 : this.plusOther(e, a, b, f);
        };
      case '-':
        return (f) => {
          const a = read(l, f);
          const b = read(r, f);
          return typeof a === 'number' && typeof b === 'number' ? (a - b) | 0 : arith(op, a, b, str);
        };
      case '*':
        return (f) => {
          const a = read(l, f);
          const b = read(r, f);
          return typeof a === 'number' && typeof b === 'number' ? Math.imul(a, b) : arith(op, a, b, str);
        };
      case '/':
        return (f) => {
          const a = read(l, f);
          const b = read(r, f);
          return typeof a === 'number' && typeof b === 'number' && b !== 0 ? (a / b) | 0 : arith(op, a, b, str);
        };
      case '==':
        return (f) => {
          const a = read(l, f);
          const b = read(r, f);
          return typeof a === 'number' && typeof b === 'number' ? a === b : this.equals(a, b);
        };
      case '!=':
        return (f) => {
          const a = read(l, f);
          const b = read(r, f);
          return typeof a === 'number' && typeof b === 'number' ? a !== b : !this.equals(a, b);
        };
      case '===':
        return (f) => this.same(read(l, f), read(r, f));
      case '!==':
        return (f) => !this.same(read(l, f), read(r, f));
      case '<':
        return (f) => {
          const a = read(l, f);
          const b = read(r, f);
          return typeof a === 'number' && typeof b === 'number' ? a < b : compare(op, a, b);
        };
      case '>':
        return (f) => {
          const a = read(l, f);
          const b = read(r, f);
          return typeof a === 'number' && typeof b === 'number' ? a > b : compare(op, a, b);
        };
      case '<=':
        return (f) => {
          const a = read(l, f);
          const b = read(r, f);
          return typeof a === 'number' && typeof b === 'number' ? a <= b : compare(op, a, b);
        };
      case '>=':
        return (f) => {
          const a = read(l, f);
          const b = read(r, f);
          return typeof a === 'number' && typeof b === 'number' ? a >= b : compare(op, a, b);
        };
      default:
        return (f) => bitwise(op, read(l, f), read(r, f));
    }
  }

  /** `+` on operands that are not both Integers: String concatenation, Long, Decimal, Double, Date arithmetic. */
  protected plusOther(e: Extract<Expr, { kind: 'binary' }>, a: Value, b: Value, f: Frame): Value {
    // A null String operand still concatenates: `String s; s + 1` is "null1".
    if ((a === null || b === null) && (this.staticallyString(e.left, f) || this.staticallyString(e.right, f)))
      return this.toApexString(a) + this.toApexString(b);
    return arith('+', a, b, this.str);
  }

  /** `===`: reference equality for objects, value equality for primitives. */
  private same(a: Value, b: Value): boolean {
    return a === b || (a !== null && b !== null && !(typeof a === 'object') && this.equals(a, b));
  }

  /** Whether an expression's declared type is String (only names and members carry declared types at run time). */
  protected staticallyString(e: Expr, f: Frame): boolean {
    if (e.kind === 'literal') return typeof e.value === 'string';
    if (e.kind !== 'name' && e.kind !== 'field') return false;
    if (e.kind === 'name') {
      const local = this.localOf(e, f);
      if (local) return stripSystem(local.type.name) === 'string';
    }
    const m = e.kind === 'name' ? this.resolveImplicit(e.name, f)?.member : null;
    return !!m && stripSystem(m.decl.type.name) === 'string';
  }

  private compileAssign(e: Extract<Expr, { kind: 'assign' }>, sc: StaticScope): Ev {
    const value = this.compileExpr(e.value, sc);
    const op = e.op === '=' ? null : e.op.slice(0, -1);
    const combine = (cur: Value, v: Value): Value =>
      op === '+' || op === '-' || op === '*' || op === '/' ? arith(op, cur, v, this.str) : bitwise(op!, cur, v);
    const local = e.target.kind === 'name' ? sc.lookup(e.target.name) : undefined;
    if (local) {
      const k = local.slot;
      const conv = this.coercer(local.type);
      if (op === null && this.keepsValue(local.type)) return (f) => (f.slots[k] = value(f));
      if (op === null) return (f) => (f.slots[k] = conv(value(f)));
      return (f) => {
        const v = value(f);
        return (f.slots[k] = conv(combine(f.slots[k], v)));
      };
    }
    const target = e.target;
    this.precompile(sc, [target]);
    if (op === null) return (f) => this.assignTo(target, value(f), f);
    const cur = this.compileExpr(target, sc);
    return (f) => {
      const v = value(f);
      return this.assignTo(target, combine(cur(f), v), f);
    };
  }

  private compileIncDec(e: Extract<Expr, { kind: 'incdec' }>, sc: StaticScope): Ev {
    const delta = e.op === '++' ? 1 : -1;
    const op = e.op === '++' ? '+' : '-';
    const prefix = e.prefix;
    const local = e.target.kind === 'name' ? sc.lookup(e.target.name) : undefined;
    if (local) {
      const k = local.slot;
      const conv = this.coercer(local.type);
      return (f) => {
        const old = f.slots[k];
        const nv = typeof old === 'number' ? (old + delta) | 0 : conv(arith(op, old, 1, this.str));
        f.slots[k] = nv;
        return prefix ? nv : old;
      };
    }
    const target = e.target;
    const read = this.compileExpr(target, sc);
    return (f) => {
      const old = read(f);
      const nv = arith(op, old, 1, this.str);
      this.assignTo(target, nv, f);
      return prefix ? nv : old;
    };
  }

  truthy(v: Value): boolean {
    if (v === true) return true;
    if (v === false) return false;
    if (v === null) this.throwApex('System.NullPointerException', NPE);
    return this.throwApex('System.TypeException', `Expected Boolean, found ${runtimeTypeName(v)}`);
  }
}
