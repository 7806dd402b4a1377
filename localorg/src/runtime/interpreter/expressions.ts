/**
 * Expression evaluation: literals, operators, casts, indexing, collection initialisers and inline SOQL.
 */
import type { Expr } from '../../syntax/ast.js';
import { SourceError } from '../../syntax/diagnostics.js';

import { arith, bitwise, compare, negate } from '../operators.js';
import type { Frame } from '../scope.js';
import { searchFixture } from '../natives.js';
import { cast, coerce, instanceOfOperator, runtimeTypeName, stripSystem } from '../types.js';
import { ApexList, ApexMap, ApexSet, ApexTypeValue, type Value } from '../../values/values.js';
import { NPE, OBJECT_T, SHORT_CIRCUIT } from './engine.js';
import { Construction } from './construction.js';

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

  private evalIndex(e: Extract<Expr, { kind: 'index' }>, f: Frame): Value {
    const t = this.eval(e.target, f);
    const i = this.eval(e.index, f);
    if (t === null) this.throwApex('System.NullPointerException', NPE);
    if (t instanceof ApexList) {
      if (typeof i !== 'number') return this.throwApex('System.TypeException', 'List index must be an Integer');
      if (i < 0 || i >= t.items.length) this.throwApex('System.ListException', `List index out of bounds: ${i}`);
      return t.items[i];
    }
    if (t instanceof ApexMap) return t.get(i);
    return this.throwApex('System.TypeException', `Cannot index ${runtimeTypeName(t)}`);
  }

  eval(e: Expr, f: Frame): Value {
    switch (e.kind) {
      case 'literal':
        return e.value;
      case 'name':
        return this.evalName(e, f);
      case 'field':
        return e.shortCircuits && !e.chained ? this.chainTop(() => this.evalField(e, f)) : this.evalField(e, f);
      case 'call':
        return e.shortCircuits && !e.chained ? this.chainTop(() => this.evalCall(e, f)) : this.evalCall(e, f);
      case 'binary':
        return this.evalBinary(e, f);
      case 'assign':
        return this.evalAssign(e, f);
      case 'logical': {
        const l = this.truthy(this.eval(e.left, f), e.left);
        if (e.op === '&&') return l ? this.truthy(this.eval(e.right, f), e.right) : false;
        return l ? true : this.truthy(this.eval(e.right, f), e.right);
      }
      case 'unary': {
        const v = this.eval(e.operand, f);
        if (e.op === '!') return !this.truthy(v, e.operand);
        if (e.op === '-') return negate(v);
        if (e.op === '~') return bitwise('^', v, typeof v === 'bigint' ? -1n : -1);
        return v;
      }
      case 'incdec': {
        const old = this.eval(e.target, f);
        const nv = arith(e.op === '++' ? '+' : '-', old, 1, this.str);
        this.assignTo(e.target, nv, f);
        return e.prefix ? nv : old;
      }
      case 'coalesce': {
        const l = this.eval(e.left, f);
        return l !== null ? l : this.eval(e.right, f);
      }
      case 'cond':
        return this.truthy(this.eval(e.test, f), e.test) ? this.eval(e.then, f) : this.eval(e.else, f);
      case 'cast':
        return cast(this.eval(e.expr, f), e.type, this);
      case 'instanceof':
        return instanceOfOperator(this.eval(e.expr, f), e.type, this);
      case 'this':
        if (!f.self) return this.throwCompile(f, e.pos, 'Illegal access to this in a static context');
        return f.self;
      case 'super':
        return f.self;
      case 'index':
        return e.shortCircuits && !e.chained ? this.chainTop(() => this.evalIndex(e, f)) : this.evalIndex(e, f);
      case 'new':
        f.pos = e.pos;
        return this.evalNew(e, f);
      case 'newArray': {
        const el = e.type.args[0] ?? OBJECT_T;
        if (e.size) {
          const n = this.eval(e.size, f);
          if (typeof n !== 'number') return this.throwApex('System.NullPointerException', NPE);
          return new ApexList(el, new Array<Value>(n).fill(null));
        }
        return new ApexList(
          el,
          (e.items ?? []).map((x) => coerce(this.eval(x, f), el, this))
        );
      }
      case 'newCollection': {
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
      case 'newMap': {
        const m = new ApexMap(e.type.args[0] ?? OBJECT_T, e.type.args[1] ?? OBJECT_T);
        for (const [k, v] of e.pairs)
          this.mapPut(m, coerce(this.eval(k, f), m.keyType, this), coerce(this.eval(v, f), m.valueType, this));
        return m;
      }
      case 'typeLiteral':
        return new ApexTypeValue(this.canonicalType(e.type));
      case 'soql':
        return this.evalSoql(e, f);
      case 'sosl':
        f.pos = e.pos;
        return this.platform.search(e.query, (bind) => this.eval(bind as Expr, f), {
          fixedResults: searchFixture(this),
          access: this.dataAccess(null)
        });
      case 'ctorCall':
        return this.throwCompile(
          f,
          e.pos,
          `Constructor call ${e.which}(...) must be the first statement of a constructor`
        );
      case 'unsupported':
        throw new SourceError(f.file, e.pos.line, e.pos.col, `unsupported construct: ${e.construct}`);
    }
  }

  protected evalSoql(e: Extract<Expr, { kind: 'soql' }>, f: Frame): Value {
    f.pos = e.pos;
    return this.platform.query(e.query, (bind) => this.eval(bind as Expr, f), this.dataAccess(null));
  }

  protected evalBinary(e: Extract<Expr, { kind: 'binary' }>, f: Frame): Value {
    const a = this.eval(e.left, f);
    const b = this.eval(e.right, f);
    switch (e.op) {
      case '+':
      case '-':
      case '*':
      case '/':
        // A null String operand still concatenates: `String s; s + 1` is "null1".
        if (
          e.op === '+' &&
          (a === null || b === null) &&
          (this.staticallyString(e.left, f) || this.staticallyString(e.right, f))
        ) {
          return this.toApexString(a) + this.toApexString(b);
        }
        return arith(e.op, a, b, this.str);
      case '==':
        return this.equals(a, b);
      case '!=':
        return !this.equals(a, b);
      case '===':
        return a === b || (a !== null && b !== null && !(typeof a === 'object') && this.equals(a, b));
      case '!==':
        return !(a === b || (a !== null && b !== null && !(typeof a === 'object') && this.equals(a, b)));
      case '<':
      case '>':
      case '<=':
      case '>=':
        return compare(e.op, a, b);
      default:
        return bitwise(e.op, a, b);
    }
  }

  /** Whether an expression's declared type is String (only names and members carry declared types at run time). */
  protected staticallyString(e: Expr, f: Frame): boolean {
    if (e.kind === 'literal') return typeof e.value === 'string';
    if (e.kind !== 'name' && e.kind !== 'field') return false;
    if (e.kind === 'name') {
      const v = f.scope.lookup(e.name);
      if (v) return stripSystem(v.type.name) === 'string';
    }
    const m = e.kind === 'name' ? this.resolveImplicit(e.name, f)?.member : null;
    return !!m && stripSystem(m.decl.type.name) === 'string';
  }

  protected evalAssign(e: Extract<Expr, { kind: 'assign' }>, f: Frame): Value {
    let v = this.eval(e.value, f);
    if (e.op !== '=') {
      const cur = this.eval(e.target, f);
      const op = e.op.slice(0, -1);
      v = op === '+' || op === '-' || op === '*' || op === '/' ? arith(op, cur, v, this.str) : bitwise(op, cur, v);
    }
    return this.assignTo(e.target, v, f);
  }

  truthy(v: Value, e: Expr | null): boolean {
    if (v === true) return true;
    if (v === false) return false;
    if (v === null) this.throwApex('System.NullPointerException', NPE);
    void e;
    return this.throwApex('System.TypeException', `Expected Boolean, found ${runtimeTypeName(v)}`);
  }
}
