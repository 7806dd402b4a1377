/**
 * Integer, Long, Double and Decimal (static valueOf, instance conversions and format) plus System.RoundingMode.
 * Conversions follow Java: Double→int truncates toward zero and saturates, Decimal→int keeps the low 32 bits.
 */
import { Decimal, type RoundingMode } from '../values/decimal.js';
import { ApexDouble, ApexEnumValue, ApexId, type Value } from '../values/values.js';
import { argInt, defineStdlibClass, numberOf, toDecimal, ArgTypeError } from './native-args.js';
import { formatNumberDefault, javaDoubleToString } from './number-format.js';
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

export { javaDoubleToString };

export const ROUNDING_MODES = [
  'CEILING',
  'DOWN',
  'FLOOR',
  'HALF_DOWN',
  'HALF_EVEN',
  'HALF_UP',
  'UNNECESSARY',
  'UP'
] as const;
natives.defineEnum('System.RoundingMode', ROUNDING_MODES);

export function roundingModeOf(v: Value): RoundingMode {
  if (v instanceof ApexEnumValue && v.enumType === 'system.roundingmode') return v.name as RoundingMode;
  throw new ArgTypeError('expected a System.RoundingMode');
}

/** Runs a Decimal operation, turning its RangeErrors into the Apex MathException. */
export function decimalOp<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError) {
      const msg = e.message === 'Rounding necessary' ? 'Rounding necessary' : e.message;
      apexThrow('MathException', msg);
    }
    throw e;
  }
}

/** Java (int) cast of a double: truncation toward zero, saturating, NaN → 0. */
export function doubleToInt(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= 2147483647) return 2147483647;
  if (d <= -2147483648) return -2147483648;
  return Math.trunc(d);
}

/** Java (long) cast of a double. */
export function doubleToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 2 ** 63) return 9223372036854775807n;
  if (d <= -(2 ** 63)) return -9223372036854775808n;
  return BigInt(Math.trunc(d));
}

/** The integer part of a Decimal (BigDecimal.toBigInteger, truncating). */
export function decimalTrunc(d: Decimal): bigint {
  return d.setScale(0, 'DOWN').unscaled;
}

const INT_RE = /^[+-]?\d+$/;

export function parseInteger(text: string): number {
  if (!INT_RE.test(text)) apexThrow('TypeException', `Invalid integer: ${text}`);
  const n = BigInt(text);
  if (n > 2147483647n || n < -2147483648n) apexThrow('TypeException', `Invalid integer: ${text}`);
  return Number(n);
}

export function parseLong(text: string): bigint {
  if (!INT_RE.test(text)) apexThrow('TypeException', `Invalid long: ${text}`);
  const n = BigInt(text);
  if (n > 9223372036854775807n || n < -9223372036854775808n) apexThrow('TypeException', `Invalid long: ${text}`);
  return n;
}

/** Double.parseDouble: trims, accepts exponents, NaN/Infinity and a trailing d/f type suffix. */
export function parseDouble(text: string): number {
  const t = text.trim();
  if (/^[+-]?(NaN|Infinity)$/.test(t)) return Number(t);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(t)) apexThrow('TypeException', `Invalid double: ${text}`);
  return Number(t.replace(/[dDfF]$/, ''));
}

export function parseDecimal(text: string): Decimal {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) apexThrow('TypeException', `Invalid decimal: ${text}`);
  return Decimal.parse(text);
}

function typeNameOf(v: Value): string {
  if (typeof v === 'number') return 'Integer';
  if (typeof v === 'bigint') return 'Long';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (v instanceof ApexDouble) return 'Double';
  if (v instanceof Decimal) return 'Decimal';
  if (v instanceof ApexId) return 'Id';
  return 'Object';
}

function conversionError(v: Value, target: string): never {
  apexThrow('TypeException', `Invalid conversion from runtime type ${typeNameOf(v)} to ${target}`);
}

function locale(ctx: { user: { locale: string } }): string {
  return ctx.user.locale;
}

const integerStatics: Record<string, NativeMethod> = {
  valueof: (_c, a) => {
    const v = a[0];
    if (v === null) return null;
    if (typeof v === 'string') return parseInteger(v);
    if (typeof v === 'number') return v;
    // Integer.valueOf(Object) narrows any number, as `Integer.valueOf(opp.Amount)` relies on [mem].
    if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
    if (v instanceof Decimal) return Number(BigInt.asIntN(32, decimalTrunc(v)));
    if (v instanceof ApexDouble) return doubleToInt(v.value);
    return conversionError(v, 'Integer');
  }
};

const integerInstance: Record<string, NativeMethod> = {
  format: (ctx, _a, s) => formatNumberDefault(Decimal.fromInteger(s as number), locale(ctx)),
  intvalue: (_c, _a, s) => s,
  longvalue: (_c, _a, s) => BigInt(s as number),
  doublevalue: (_c, _a, s) => new ApexDouble(s as number),
  decimalvalue: (_c, _a, s) => Decimal.fromInteger(s as number)
};

const longStatics: Record<string, NativeMethod> = {
  valueof: (_c, a) => {
    const v = a[0];
    if (v === null) return null;
    if (typeof v === 'string') return parseLong(v);
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number') return BigInt(v);
    if (v instanceof Decimal) return BigInt.asIntN(64, decimalTrunc(v));
    if (v instanceof ApexDouble) return doubleToLong(v.value);
    return conversionError(v, 'Long');
  }
};

const longInstance: Record<string, NativeMethod> = {
  format: (ctx, _a, s) => formatNumberDefault(Decimal.fromInteger(s as bigint), locale(ctx)),
  intvalue: (_c, _a, s) => Number(BigInt.asIntN(32, s as bigint)),
  longvalue: (_c, _a, s) => s,
  doublevalue: (_c, _a, s) => new ApexDouble(Number(s))
};

const doubleStatics: Record<string, NativeMethod> = {
  valueof: (_c, a) => {
    const v = a[0];
    if (v === null) return null;
    if (typeof v === 'string') return new ApexDouble(parseDouble(v));
    if (v instanceof ApexDouble) return v;
    if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal) return new ApexDouble(numberOf(v));
    return conversionError(v, 'Double');
  }
};

const doubleInstance: Record<string, NativeMethod> = {
  format: (ctx, _a, s) => {
    const d = (s as ApexDouble).value;
    if (!Number.isFinite(d)) return Number.isNaN(d) ? 'NaN' : d > 0 ? '∞' : '-∞';
    return formatNumberDefault(Decimal.fromDouble(d), locale(ctx));
  },
  intvalue: (_c, _a, s) => doubleToInt((s as ApexDouble).value),
  longvalue: (_c, _a, s) => doubleToLong((s as ApexDouble).value),
  doublevalue: (_c, _a, s) => s,
  // Double.round(): Math.round semantics (half up toward positive infinity), returning a Long.
  round: (_c, _a, s) => doubleToLong(Math.floor((s as ApexDouble).value + 0.5))
};

function dec(s: Value): Decimal {
  return s as Decimal;
}

const decimalStatics: Record<string, NativeMethod> = {
  valueof: (_c, a) => {
    const v = a[0];
    if (v === null) return null;
    if (typeof v === 'string') return parseDecimal(v);
    if (v instanceof ApexDouble) {
      if (!Number.isFinite(v.value)) apexThrow('TypeException', `Invalid decimal: ${javaDoubleToString(v.value)}`);
      // BigDecimal.valueOf(double) goes through Double.toString, so 1.0 keeps scale 1.
      return Decimal.parse(javaDoubleToString(v.value));
    }
    if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal) return toDecimal(v);
    return conversionError(v, 'Decimal');
  }
};

const decimalInstance: Record<string, NativeMethod> = {
  abs: (_c, _a, s) => dec(s).abs(),
  divide: (_c, a, s) => {
    const divisor = toDecimal(a[0] === null ? apexThrow('NullPointerException', 'Argument cannot be null.') : a[0]);
    const scale = argInt(a, 1);
    const mode = a.length > 2 ? roundingModeOf(a[2]) : 'HALF_UP';
    return decimalOp(() => dec(s).divide(divisor, scale, mode));
  },
  doublevalue: (_c, _a, s) => new ApexDouble(dec(s).toNumber()),
  format: (ctx, _a, s) => formatNumberDefault(dec(s), locale(ctx)),
  intvalue: (_c, _a, s) => Number(BigInt.asIntN(32, decimalTrunc(dec(s)))),
  longvalue: (_c, _a, s) => BigInt.asIntN(64, decimalTrunc(dec(s))),
  pow: (_c, a, s) => {
    const n = argInt(a, 0);
    if (n < 0 || n > 32767) apexThrow('MathException', `Invalid operation: exponent ${n} is out of range 0..32767`);
    let r = Decimal.fromInteger(1);
    for (let i = 0; i < n; i++) r = r.multiply(dec(s));
    return r;
  },
  precision: (_c, _a, s) => dec(s).precision(),
  round: (_c, a, s) => {
    const mode = a.length > 0 ? roundingModeOf(a[0]) : 'HALF_EVEN';
    return BigInt.asIntN(64, decimalOp(() => dec(s).setScale(0, mode)).unscaled);
  },
  scale: (_c, _a, s) => dec(s).scale,
  setscale: (_c, a, s) => {
    const scale = argInt(a, 0);
    const mode = a.length > 1 ? roundingModeOf(a[1]) : 'HALF_EVEN';
    return decimalOp(() => dec(s).setScale(scale, mode));
  },
  striptrailingzeros: (_c, _a, s) => dec(s).stripTrailingZeros(),
  toplainstring: (_c, _a, s) => dec(s).toString()
};

/**
 * `Boolean.valueOf(String)` is true for `true` in any case and false for any other text, like Java's; a null argument
 * throws, as the Boolean class reference says. `valueOf(Object)` (history `OldValue`/`NewValue`) passes a Boolean through.
 */
const booleanStatics: Record<string, NativeMethod> = {
  valueof: (_c, a) => {
    const v = a[0];
    if (v === null || v === undefined) return apexThrow('NullPointerException', 'Argument cannot be null.');
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') return v.toLowerCase() === 'true';
    return conversionError(v, 'Boolean');
  }
};

defineStdlibClass(natives, { name: 'Boolean', statics: booleanStatics });
defineStdlibClass(natives, { name: 'Integer', statics: integerStatics, instance: integerInstance });
defineStdlibClass(natives, { name: 'Long', statics: longStatics, instance: longInstance });
defineStdlibClass(natives, { name: 'Double', statics: doubleStatics, instance: doubleInstance });
defineStdlibClass(natives, { name: 'Decimal', statics: decimalStatics, instance: decimalInstance });
