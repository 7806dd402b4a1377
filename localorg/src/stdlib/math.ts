/**
 * System.Math. Overloads keep the Apex type of their argument where Apex declares one per type (abs, max, min, mod,
 * ceil/floor on Decimal); transcendental functions compute in double precision.
 */
import { Decimal } from '../values/decimal.js';
import { ApexDouble, type Value } from '../values/values.js';
import { ArgTypeError, argNumber, defineStdlibClass, npeArgument, toDecimal } from './native-args.js';
import { decimalOp, doubleToInt, doubleToLong } from './numbers.js';
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

type Kind = 'integer' | 'long' | 'double' | 'decimal';

function kindOf(v: Value): Kind {
  if (v === null || v === undefined) npeArgument();
  if (typeof v === 'number') return 'integer';
  if (typeof v === 'bigint') return 'long';
  if (v instanceof ApexDouble) return 'double';
  if (v instanceof Decimal) return 'decimal';
  throw new ArgTypeError('expected a number');
}

const RANK: Record<Kind, number> = { integer: 0, long: 1, decimal: 2, double: 3 };

/** The wider of two numeric kinds, as Apex promotes mixed arguments to an overload. */
function wider(a: Kind, b: Kind): Kind {
  return RANK[a] >= RANK[b] ? a : b;
}

function convert(v: Value, kind: Kind): Value {
  switch (kind) {
    case 'integer':
      return v;
    case 'long':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'decimal':
      return toDecimal(v);
    case 'double':
      return v instanceof ApexDouble ? v : new ApexDouble(argNumber([v], 0));
  }
}

function dbl(fn: (x: number) => number): NativeMethod {
  return (_c, a) => {
    const k = kindOf(a[0]);
    const r = fn(argNumber(a, 0));
    return k === 'decimal' ? decimalFromDouble(r) : new ApexDouble(r);
  };
}

function decimalFromDouble(r: number): Decimal {
  if (!Number.isFinite(r)) apexThrow('MathException', `Invalid decimal: ${r}`);
  return Decimal.fromDouble(r);
}

function compare(a: Value, b: Value): number {
  if (a instanceof Decimal && b instanceof Decimal) return a.compareTo(b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = argNumber([a], 0);
  const y = argNumber([b], 0);
  return x < y ? -1 : x > y ? 1 : 0;
}

function minMax(pickMax: boolean): NativeMethod {
  return (_c, a) => {
    const k = wider(kindOf(a[0]), kindOf(a[1]));
    const x = convert(a[0], k);
    const y = convert(a[1], k);
    if (k === 'double') {
      const r = pickMax
        ? Math.max((x as ApexDouble).value, (y as ApexDouble).value)
        : Math.min((x as ApexDouble).value, (y as ApexDouble).value);
      return new ApexDouble(r);
    }
    const c = compare(x, y);
    return pickMax ? (c >= 0 ? x : y) : c <= 0 ? x : y;
  };
}

const statics: Record<string, NativeMethod> = {
  abs: (_c, a) => {
    const v = a[0];
    switch (kindOf(v)) {
      case 'integer':
        return Math.abs(v as number) | 0;
      case 'long':
        return BigInt.asIntN(64, (v as bigint) < 0n ? -(v as bigint) : (v as bigint));
      case 'double':
        return new ApexDouble(Math.abs((v as ApexDouble).value));
      case 'decimal':
        return (v as Decimal).abs();
    }
  },
  acos: dbl(Math.acos),
  asin: dbl(Math.asin),
  atan: dbl(Math.atan),
  atan2: (_c, a) => new ApexDouble(Math.atan2(argNumber(a, 0), argNumber(a, 1))),
  cbrt: dbl(Math.cbrt),
  ceil: (_c, a) =>
    kindOf(a[0]) === 'decimal' ? (a[0] as Decimal).setScale(0, 'CEILING') : new ApexDouble(Math.ceil(argNumber(a, 0))),
  cos: dbl(Math.cos),
  cosh: dbl(Math.cosh),
  exp: dbl(Math.exp),
  floor: (_c, a) =>
    kindOf(a[0]) === 'decimal' ? (a[0] as Decimal).setScale(0, 'FLOOR') : new ApexDouble(Math.floor(argNumber(a, 0))),
  log: dbl(Math.log),
  log10: dbl(Math.log10),
  max: minMax(true),
  min: minMax(false),
  mod: (_c, a) => {
    const k = wider(kindOf(a[0]), kindOf(a[1]));
    if (k === 'integer') {
      if (a[1] === 0) apexThrow('MathException', 'Divide by 0');
      return ((a[0] as number) % (a[1] as number)) | 0;
    }
    if (k === 'long') {
      const x = convert(a[0], 'long') as bigint;
      const y = convert(a[1], 'long') as bigint;
      if (y === 0n) apexThrow('MathException', 'Divide by 0');
      return x % y;
    }
    throw new ArgTypeError('Math.mod takes Integer or Long arguments');
  },
  pow: (_c, a) => new ApexDouble(Math.pow(argNumber(a, 0), argNumber(a, 1))),
  random: () => new ApexDouble(Math.random()),
  rint: (_c, a) => {
    const x = argNumber(a, 0);
    const f = Math.floor(x);
    const diff = x - f;
    const r = diff > 0.5 ? f + 1 : diff < 0.5 ? f : f % 2 === 0 ? f : f + 1;
    return kindOf(a[0]) === 'decimal' ? decimalFromDouble(r) : new ApexDouble(r);
  },
  round: (_c, a) => {
    if (kindOf(a[0]) === 'decimal') {
      // Decimal overload: half-even to zero places [mem: Math.round(Decimal) doc].
      const r = decimalOp(() => (a[0] as Decimal).setScale(0, 'HALF_EVEN')).unscaled;
      if (r > 2147483647n || r < -2147483648n) apexThrow('MathException', 'Integer overflow');
      return Number(r);
    }
    const x = argNumber(a, 0);
    const r = Math.floor(x + 0.5);
    if (r > 2147483647 || r < -2147483648) apexThrow('MathException', 'Integer overflow');
    return doubleToInt(r);
  },
  roundtolong: (_c, a) => {
    if (kindOf(a[0]) === 'decimal') return BigInt.asIntN(64, (a[0] as Decimal).setScale(0, 'HALF_EVEN').unscaled);
    return doubleToLong(Math.floor(argNumber(a, 0) + 0.5));
  },
  signum: (_c, a) => {
    if (kindOf(a[0]) === 'decimal') return Decimal.fromInteger((a[0] as Decimal).signum());
    return new ApexDouble(Math.sign(argNumber(a, 0)));
  },
  sin: dbl(Math.sin),
  sinh: dbl(Math.sinh),
  sqrt: dbl(Math.sqrt),
  tan: dbl(Math.tan),
  tanh: dbl(Math.tanh)
};

defineStdlibClass(natives, {
  name: 'Math',
  statics,
  staticProps: { pi: () => new ApexDouble(Math.PI), e: () => new ApexDouble(Math.E) }
});
