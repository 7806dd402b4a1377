/**
 * Argument coercion shared by the standard-library modules. The interpreter hands native methods raw Apex values;
 * these helpers check the shape each overload expects so that a wrong call fails with an Apex exception or a loud
 * unsupported error rather than a JS TypeError deep inside a method.
 */
import { ApexDouble, ApexId, ApexList, ApexSet, Decimal, type Value } from '../values/values.js';
import { type NativeDefinitions, type NativeClassDef, type NativeMethod } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';

/** An argument of the wrong Apex type: the overload is not one localorg serves, reported through {@link unsupported}. */
export class ArgTypeError extends Error {}

/** The platform's message when a required argument is null [mem]. */
export function npeArgument(): never {
  apexThrow('NullPointerException', 'Argument cannot be null.');
}

export function argString(args: readonly Value[], i: number): string {
  const v = args[i];
  if (v === null || v === undefined) npeArgument();
  if (typeof v === 'string') return v;
  if (v instanceof ApexId) return v.value;
  throw new ArgTypeError(`argument ${i + 1} must be a String`);
}

export function optString(args: readonly Value[], i: number): string | null {
  const v = args[i];
  if (v === null || v === undefined) return null;
  return argString(args, i);
}

/** An Integer-valued argument; Long values within range are accepted as Apex widens/narrows them at the call site. */
export function argInt(args: readonly Value[], i: number): number {
  const v = args[i];
  if (v === null || v === undefined) npeArgument();
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
  throw new ArgTypeError(`argument ${i + 1} must be an Integer`);
}

export function argBool(args: readonly Value[], i: number): boolean {
  const v = args[i];
  if (v === null || v === undefined) npeArgument();
  if (typeof v === 'boolean') return v;
  throw new ArgTypeError(`argument ${i + 1} must be a Boolean`);
}

/** Any Apex number as a JS double (for Math and Double methods). */
export function argNumber(args: readonly Value[], i: number): number {
  const v = args[i];
  if (v === null || v === undefined) npeArgument();
  return numberOf(v);
}

export function numberOf(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof ApexDouble) return v.value;
  if (v instanceof Decimal) return v.toNumber();
  throw new ArgTypeError('expected a number');
}

export function isNumeric(v: Value): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof ApexDouble || v instanceof Decimal;
}

/** Any Apex number as a Decimal (exact for Integer, Long and Decimal; Double through its shortest string). */
export function toDecimal(v: Value): Decimal {
  if (v instanceof Decimal) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return Decimal.fromInteger(v);
  if (v instanceof ApexDouble) {
    if (!Number.isFinite(v.value)) apexThrow('MathException', `Invalid decimal: ${v.value}`);
    return Decimal.fromDouble(v.value);
  }
  throw new ArgTypeError('expected a number');
}

/** Elements of a List or Set argument. */
export function argItems(args: readonly Value[], i: number): Value[] {
  const v = args[i];
  if (v === null || v === undefined) npeArgument();
  if (v instanceof ApexList) return v.items;
  if (v instanceof ApexSet) return v.values();
  throw new ArgTypeError(`argument ${i + 1} must be a List or Set`);
}

/**
 * Registers a standard-library class, wrapping every method so an argument of an unexpected type becomes the loud
 * "X.y(n arguments) is not supported" error naming the class and method.
 */
export function defineStdlibClass(natives: NativeDefinitions, def: NativeClassDef): void {
  const wrap = (table: Record<string, NativeMethod> | undefined): Record<string, NativeMethod> | undefined => {
    if (!table) return table;
    const out: Record<string, NativeMethod> = {};
    for (const [name, fn] of Object.entries(table)) {
      out[name] = (ctx, args, self) => {
        try {
          return fn(ctx, args, self);
        } catch (e) {
          if (e instanceof ArgTypeError) unsupported(def.name, name, args);
          throw e;
        }
      };
    }
    return out;
  };
  const construct = def.construct;
  natives.defineClass({
    ...def,
    statics: wrap(def.statics),
    instance: wrap(def.instance),
    construct: construct ? wrap({ new: construct })!.new : undefined
  });
}
