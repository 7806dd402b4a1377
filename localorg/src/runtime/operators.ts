/**
 * Apex operators on runtime values: numeric promotion (Integer → Long → Decimal/Double), 32- and 64-bit wrapping,
 * string concatenation with `null` → "null", case-insensitive String comparison, Id 15/18 equality, and the
 * date arithmetic `Date + Integer`.
 */
import { apexThrow } from '../values/errors.js';
import { to18 } from '../values/ids.js';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexTime,
  ApexTypeValue,
  Decimal,
  keyOf,
  SObject,
  type Value
} from '../values/values.js';

const NPE = 'Attempt to de-reference a null object';

function isNum(v: Value): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof ApexDouble || v instanceof Decimal;
}

/** 0 Integer, 1 Long, 2 Decimal, 3 Double. */
function rank(v: Value): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'bigint') return 1;
  if (v instanceof Decimal) return 2;
  return 3;
}

export function toDecimal(v: Value): Decimal {
  if (v instanceof Decimal) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return Decimal.fromInteger(v);
  if (v instanceof ApexDouble) return Decimal.fromDouble(v.value);
  throw new TypeError('not a number');
}

export function toJsNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof ApexDouble) return v.value;
  if (v instanceof Decimal) return v.toNumber();
  throw new TypeError('not a number');
}

function toLong(v: Value): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}

const wrap64 = (x: bigint): bigint => BigInt.asIntN(64, x);

export function arith(op: string, a: Value, b: Value, str: (v: Value) => string): Value {
  // Fast path: Integer with Integer is by far the most common case in loops.
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return (a + b) | 0;
      case '-':
        return (a - b) | 0;
      case '*':
        return Math.imul(a, b);
      case '/':
        if (b === 0) apexThrow('MathException', 'Divide by 0');
        return (a / b) | 0;
    }
  }
  if (op === '+') {
    if (typeof a === 'string' || typeof b === 'string') return str(a) + str(b);
    if (a instanceof ApexId || b instanceof ApexId) {
      if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return str(a) + str(b);
    }
  }
  if (a === null || b === null) apexThrow('NullPointerException', NPE);
  if (a instanceof ApexDate && (typeof b === 'number' || typeof b === 'bigint') && (op === '+' || op === '-')) {
    const n = Number(b) * (op === '+' ? 1 : -1);
    const d = new Date(Date.UTC(a.year, a.month - 1, a.day + n));
    return new ApexDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  if (a instanceof ApexDatetime && isNum(b) && (op === '+' || op === '-')) {
    const days = toJsNumber(b) * (op === '+' ? 1 : -1);
    return new ApexDatetime(a.epochMs + Math.round(days * 86400000));
  }
  if (a instanceof ApexTime && isNum(b) && (op === '+' || op === '-')) {
    const ms = toJsNumber(b) * (op === '+' ? 1 : -1);
    return new ApexTime((((a.millisOfDay + ms) % 86400000) + 86400000) % 86400000);
  }
  if (!isNum(a) || !isNum(b)) {
    apexThrow('TypeException', `Arithmetic expressions must use numeric arguments`);
  }
  const r = Math.max(rank(a), rank(b));
  switch (r) {
    case 0: {
      const x = a as number;
      const y = b as number;
      switch (op) {
        case '+':
          return (x + y) | 0;
        case '-':
          return (x - y) | 0;
        case '*':
          return Math.imul(x, y);
        case '/':
          if (y === 0) apexThrow('MathException', 'Divide by 0');
          return (x / y) | 0;
      }
      break;
    }
    case 1: {
      const x = toLong(a);
      const y = toLong(b);
      switch (op) {
        case '+':
          return wrap64(x + y);
        case '-':
          return wrap64(x - y);
        case '*':
          return wrap64(x * y);
        case '/':
          if (y === 0n) apexThrow('MathException', 'Divide by 0');
          return wrap64(x / y);
      }
      break;
    }
    case 2: {
      if (a instanceof ApexDouble || b instanceof ApexDouble) break;
      const x = toDecimal(a);
      const y = toDecimal(b);
      switch (op) {
        case '+':
          return x.add(y);
        case '-':
          return x.subtract(y);
        case '*':
          return x.multiply(y);
        case '/':
          if (y.signum() === 0) apexThrow('MathException', 'Divide by 0');
          return x.divideDefault(y);
      }
      break;
    }
  }
  // Double (or Double mixed with Decimal: Decimal wins in Apex [mem]).
  if (a instanceof Decimal || b instanceof Decimal) {
    return arith(op, toDecimal(a), toDecimal(b), str);
  }
  const x = toJsNumber(a);
  const y = toJsNumber(b);
  switch (op) {
    case '+':
      return new ApexDouble(x + y);
    case '-':
      return new ApexDouble(x - y);
    case '*':
      return new ApexDouble(x * y);
    case '/':
      if (y === 0) apexThrow('MathException', 'Divide by 0');
      return new ApexDouble(x / y);
  }
  throw new Error(`unknown arithmetic operator ${op}`);
}

export function negate(v: Value): Value {
  if (v === null) apexThrow('NullPointerException', NPE);
  if (typeof v === 'number') return -v | 0;
  if (typeof v === 'bigint') return wrap64(-v);
  if (v instanceof Decimal) return v.negate();
  if (v instanceof ApexDouble) return new ApexDouble(-v.value);
  return apexThrow('TypeException', 'Arithmetic expressions must use numeric arguments');
}

export function bitwise(op: string, a: Value, b: Value): Value {
  if (a === null || b === null) apexThrow('NullPointerException', NPE);
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    if (op === '&') return a && b;
    if (op === '|') return a || b;
    if (op === '^') return a !== b;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '<<':
        return a << b;
      case '>>':
        return a >> b;
      case '>>>':
        return (a >>> b) | 0;
    }
  }
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    const x = toLong(a);
    const y = toLong(b);
    switch (op) {
      case '&':
        return x & y;
      case '|':
        return x | y;
      case '^':
        return x ^ y;
      case '<<':
        return wrap64(x << (y & 63n));
      case '>>':
        return x >> (y & 63n);
      case '>>>':
        return wrap64(BigInt.asUintN(64, x) >> (y & 63n));
    }
  }
  return apexThrow('TypeException', `Invalid operands for ${op}`);
}

/** `<` `>` `<=` `>=`: numbers, case-insensitive Strings, Ids, dates and times; a null operand makes it false. */
export function compare(op: string, a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
  }
  if (a === null || b === null) return false;
  const c = compareValues(a, b);
  switch (op) {
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    default:
      return c >= 0;
  }
}

export function compareValues(a: Value, b: Value): number {
  if (isNum(a) && isNum(b)) {
    const r = Math.max(rank(a), rank(b));
    if (r === 0) return (a as number) - (b as number);
    if (r === 1) {
      const x = toLong(a);
      const y = toLong(b);
      return x === y ? 0 : x < y ? -1 : 1;
    }
    if (r === 2 || a instanceof Decimal || b instanceof Decimal) return toDecimal(a).compareTo(toDecimal(b));
    const x = toJsNumber(a);
    const y = toJsNumber(b);
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if ((typeof a === 'string' || a instanceof ApexId) && (typeof b === 'string' || b instanceof ApexId)) {
    const x = String(a).toLowerCase();
    const y = String(b).toLowerCase();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (a instanceof ApexDate && b instanceof ApexDate)
    return (a.year - b.year) * 400 + (a.month - b.month) * 32 + (a.day - b.day);
  if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs - b.epochMs;
  if (a instanceof ApexTime && b instanceof ApexTime) return a.millisOfDay - b.millisOfDay;
  if (a instanceof ApexDate && b instanceof ApexDatetime) return Date.UTC(a.year, a.month - 1, a.day) - b.epochMs;
  if (a instanceof ApexDatetime && b instanceof ApexDate) return a.epochMs - Date.UTC(b.year, b.month - 1, b.day);
  return apexThrow('TypeException', 'Comparison arguments must be compatible types');
}

/**
 * Apex `==`. `userEquals` handles user objects that declare `equals` (returns undefined when the class does not).
 */
export function apexEquals(a: Value, b: Value, userEquals: (a: ApexObject, b: Value) => boolean | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a === 'string' && typeof b === 'string')
      return a.length === b.length && a.toLowerCase() === b.toLowerCase();
    if (a instanceof ApexId || b instanceof ApexId) return idEquals(a, b);
    return false;
  }
  if (a instanceof ApexId || b instanceof ApexId) return idEquals(a, b);
  if (isNum(a) && isNum(b)) return compareValues(a, b) === 0;
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  if (a instanceof ApexDate && b instanceof ApexDate)
    return a.year === b.year && a.month === b.month && a.day === b.day;
  if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
  if (a instanceof ApexTime && b instanceof ApexTime) return a.millisOfDay === b.millisOfDay;
  if (a instanceof ApexEnumValue && b instanceof ApexEnumValue) return a.enumType === b.enumType && a.name === b.name;
  if (a instanceof ApexTypeValue && b instanceof ApexTypeValue) return a.type.name === b.type.name;
  if (a instanceof ApexBlob && b instanceof ApexBlob) return Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (a instanceof ApexList && b instanceof ApexList) {
    if (a.items.length !== b.items.length) return false;
    return a.items.every((x, i) => apexEquals(x, b.items[i], userEquals));
  }
  if (a instanceof ApexSet && b instanceof ApexSet) {
    if (a.size !== b.size) return false;
    for (const k of a.entries.keys()) if (!b.entries.has(k)) return false;
    return true;
  }
  if (a instanceof ApexMap && b instanceof ApexMap) {
    if (a.size !== b.size) return false;
    for (const [k, [, v]] of a.entries) {
      const o = b.entries.get(k);
      if (!o || !apexEquals(v, o[1], userEquals)) return false;
    }
    return true;
  }
  if (a instanceof SObject && b instanceof SObject) return keyOf(a) === keyOf(b);
  if (a instanceof ApexObject) {
    const r = userEquals(a, b);
    if (r !== undefined) return r;
  }
  return false;
}

function idEquals(a: Value, b: Value): boolean {
  const x = a instanceof ApexId ? a.value : typeof a === 'string' ? to18(a) : null;
  const y = b instanceof ApexId ? b.value : typeof b === 'string' ? to18(b) : null;
  return x !== null && x === y;
}
