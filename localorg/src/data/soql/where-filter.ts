import type { SoqlLiteral, SoqlValue, WhereExpr } from '../../syntax/soql/ast.js';
import { to18 } from '../../values/ids.js';
import {
  ApexDate,
  ApexDatetime,
  ApexId,
  ApexList,
  ApexSet,
  Decimal,
  SObject,
  type Value
} from '../../values/values.js';
import { parseDateText, parseDatetimeText, show } from '../coerce.js';
import { msg } from '../messages.js';
import { isNumberType, isTextType, type FieldDef, type ObjectDef } from '../schema/types.js';
import { compareKeys, comparisonKey, keysEqual } from './comparison-keys.js';
import { dateFunction, dayNumber, dayNumberFromKey } from './date-functions.js';
import { dateLiteralRange } from './date-literals.js';
import { Ordering } from './ordering.js';
import { queryError, valueAt } from './resolve.js';

export type Predicate = (row: SObject) => boolean;

/**
 * WHERE (and a subquery's WHERE) compiled to a predicate over rows: comparisons, IN/NOT IN with lists, binds and
 * semi-join subqueries, LIKE, INCLUDES/EXCLUDES, date literals and date functions; literals checked against the field.
 */
export class WhereFilter extends Ordering {
  compile(e: WhereExpr, object: ObjectDef): Predicate {
    switch (e.kind) {
      case 'and': {
        const ps = e.terms.map((t) => this.compile(t, object));
        return (r) => ps.every((p) => p(r));
      }
      case 'or': {
        const ps = e.terms.map((t) => this.compile(t, object));
        return (r) => ps.some((p) => p(r));
      }
      case 'not': {
        const p = this.compile(e.term, object);
        return (r) => !p(r);
      }
      case 'cmp':
        return this.compileComparison(e, object);
    }
  }

  protected compileComparison(e: Extract<WhereExpr, { kind: 'cmp' }>, object: ObjectDef): Predicate {
    if (e.aggregate) throw queryError('aggregate functions are only allowed in HAVING', this.q.position);
    const p = this.resolve(e.field, object);
    const f = p.field;
    let read = (r: SObject): Value => valueAt(this.org, r, p);
    let fieldForValues = f;
    if (e.dateFunction) {
      const fn = e.dateFunction;
      const zone = this.org.user.timeZone;
      const base = read;
      read = (r) => dateFunction(fn, base(r), zone);
      fieldForValues = { ...f, type: fn === 'DAY_ONLY' ? 'date' : 'integer' };
    }
    const op = e.op;
    // Date literals on date/datetime fields compare against a range of days.
    if (e.value.kind === 'dateLiteral') {
      const range = dateLiteralRange(e.value.name, e.value.n, this.org.now(), this.org.user.timeZone);
      if (!range) throw queryError(`unknown date literal ${e.value.name}`, this.q.position);
      if (fieldForValues.type !== 'date' && fieldForValues.type !== 'datetime') {
        throw queryError(`date literal ${e.value.name} used on field '${f.name}' which is not a date`, this.q.position);
      }
      const isDate = fieldForValues.type === 'date';
      const lo = isDate ? dayNumber(range.start) : range.start.toMillis();
      const hi = isDate ? dayNumber(range.end) : range.end.toMillis();
      return (r) => {
        const v = read(r);
        if (v === null) return op === '!=';
        const k = isDate
          ? v instanceof ApexDate
            ? v.year * 10000 + v.month * 100 + v.day
            : NaN
          : v instanceof ApexDatetime
            ? v.epochMs
            : NaN;
        const x = isDate ? dayNumberFromKey(k) : k;
        switch (op) {
          case '=':
            return x >= lo && x < hi;
          case '!=':
            return !(x >= lo && x < hi);
          case '<':
            return x < lo;
          case '<=':
            return x < hi;
          case '>':
            return x >= hi;
          case '>=':
            return x >= lo;
          default:
            throw queryError(`operator ${op} cannot be used with a date literal`, this.q.position);
        }
      };
    }
    const values = this.rightValues(e.value, fieldForValues);
    switch (op) {
      case '=':
      case '!=': {
        const [v] = values;
        const want = comparisonKey(v, fieldForValues);
        return (r) => {
          const eq = keysEqual(comparisonKey(read(r), fieldForValues), want);
          return op === '=' ? eq : !eq;
        };
      }
      case 'IN':
      case 'NOT IN': {
        const keys = values.map((v) => comparisonKey(v, fieldForValues));
        const set = new Set(keys.filter((k) => typeof k === 'string' || typeof k === 'number'));
        const decimals = keys.filter((k): k is Decimal => k instanceof Decimal);
        const hasNull = keys.includes(null);
        return (r) => {
          const k = comparisonKey(read(r), fieldForValues);
          const found =
            k === null ? hasNull : k instanceof Decimal ? decimals.some((d) => d.compareTo(k) === 0) : set.has(k);
          return op === 'IN' ? found : !found;
        };
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (f.type === 'boolean' || f.type === 'id' || f.type === 'reference') {
          // The platform allows < on Ids and rejects it on booleans; localorg compares Ids as text.
          if (f.type === 'boolean') throw queryError(`invalid operator on boolean field '${f.name}'`, this.q.position);
        }
        const want = comparisonKey(values[0], fieldForValues);
        return (r) => {
          const k = comparisonKey(read(r), fieldForValues);
          if (k === null || want === null) return false;
          const c = compareKeys(k, want);
          return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
        };
      }
      case 'LIKE': {
        if (!isTextType(f.type) && f.type !== 'id' && f.type !== 'reference') {
          throw queryError(`invalid operator on field '${f.name}': LIKE works only on text`, this.q.position);
        }
        const pattern = values[0];
        if (pattern === null) return () => false;
        const re = likeToRegExp(show(pattern));
        return (r) => {
          const v = read(r);
          return v !== null && re.test(v instanceof ApexId ? v.value : show(v));
        };
      }
      case 'INCLUDES':
      case 'EXCLUDES': {
        if (f.type !== 'multipicklist') {
          throw queryError(`INCLUDES/EXCLUDES need a multi-select picklist, not '${f.name}'`, this.q.position);
        }
        const alternatives = values.map((v) =>
          show(v)
            .split(';')
            .map((s) => s.trim().toLowerCase())
        );
        return (r) => {
          const v = read(r);
          const have = new Set(
            v === null
              ? []
              : show(v)
                  .split(';')
                  .map((s) => s.trim().toLowerCase())
          );
          const any = alternatives.some((all) => all.every((x) => have.has(x)));
          return e.op === 'INCLUDES' ? any : !any;
        };
      }
    }
  }

  /** The right-hand side as Apex values (lists flattened for IN), literals converted by the field's type. */
  protected rightValues(v: SoqlValue, f: FieldDef): Value[] {
    switch (v.kind) {
      case 'literal':
        return [this.literal(v.value, f)];
      case 'list':
        return v.values.flatMap((x) => this.rightValues(x, f));
      case 'bind': {
        const value = this.bind(v.expr);
        if (value instanceof ApexList) return value.items.map((x) => normaliseBind(x));
        if (value instanceof ApexSet) return value.values().map((x) => normaliseBind(x));
        return [normaliseBind(value)];
      }
      case 'subquery': {
        // Semi-join: `Id IN (SELECT WhoId FROM Event)`.
        const sub = v.query;
        const object = this.org.schema.object(sub.from);
        if (!object) throw queryError(msg.noSuchObject(sub.from), sub.position);
        const inner = new WhereFilter(this.org, sub, object, this.bind, this.check);
        const only = sub.select[0];
        if (sub.select.length !== 1 || only.kind !== 'field') {
          throw queryError('a semi-join subquery selects exactly one field', sub.position);
        }
        const p = inner.resolve(only.path, object, sub.position);
        const predicate = sub.where ? inner.compile(sub.where, object) : () => true;
        return inner
          .visibleRows(object)
          .filter(predicate)
          .map((r) => valueAt(this.org, r, p));
      }
      case 'dateLiteral':
        throw queryError('date literal in a list is not supported by localorg', this.q.position);
    }
  }

  protected literal(l: SoqlLiteral, f: FieldDef): Value {
    const pos = this.q.position;
    switch (l.type) {
      case 'null':
        return null;
      case 'boolean':
        if (f.type !== 'boolean') throw queryError(msg.badValueForField(typeName(f), f.name), pos);
        return l.value;
      case 'string':
        if (f.type === 'id' || f.type === 'reference') {
          const id = to18(l.value);
          if (!id) throw queryError(msg.invalidIdInFilter(l.value), pos);
          return new ApexId(id);
        }
        if (!isTextType(f.type)) {
          throw queryError(`value of filter criterion for field '${f.name}' must be of type ${typeName(f)}`, pos);
        }
        return l.value;
      case 'number':
        if (!isNumberType(f.type)) throw queryError(msg.badValueForField(typeName(f), f.name), pos);
        return Decimal.parse(l.text);
      case 'date': {
        if (f.type !== 'date' && f.type !== 'datetime')
          throw queryError(msg.badValueForField(typeName(f), f.name), pos);
        const d = parseDateText(l.text);
        if (!d) throw queryError(`invalid date: ${l.text}`, pos);
        if (f.type === 'datetime')
          throw queryError(`value of filter criterion for field '${f.name}' must be of type dateTime`, pos);
        return d;
      }
      case 'datetime': {
        if (f.type !== 'datetime') throw queryError(msg.badValueForField(typeName(f), f.name), pos);
        const d = parseDatetimeText(l.text);
        if (!d) throw queryError(`invalid datetime: ${l.text}`, pos);
        return d;
      }
      case 'time':
        throw queryError('time literals are not supported by localorg', pos);
    }
  }
}

function typeName(f: FieldDef): string {
  switch (f.type) {
    case 'integer':
      return 'int';
    case 'datetime':
      return 'dateTime';
    default:
      return f.type;
  }
}

/** Turns a bound Apex value into what the comparison expects (an SObject binds as its Id). */
function normaliseBind(v: Value): Value {
  if (v instanceof SObject) return v.id;
  return v;
}

function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]);
    } else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, 'i');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
