/**
 * The errors every stage raises: Apex exceptions thrown by native code ({@link apexThrow}) and the loud failure for a
 * construct or standard method localorg does not emulate ({@link unsupported}). They live in the ground layer so the
 * runtime, the data platform and the standard library can all raise them without importing each other.
 */
import { ApexRuntimeError, type Value } from './values.js';

/** A construct or standard method outside localorg's emulation. Reported with file:line, never swallowed. */
export class UnsupportedFeatureError extends Error {}

/** The loud failure for a standard method or overload localorg does not implement. */
export function unsupported(className: string, method: string, args: readonly Value[]): never {
  throw new UnsupportedFeatureError(
    `${className}.${method}(${args.length} argument${args.length === 1 ? '' : 's'}) is not supported by localorg`
  );
}

/** Shorthand for native code that throws an Apex exception (`System.` is added when missing). */
export function apexThrow(typeName: string, message: string, data?: Record<string, unknown>): never {
  throw new ApexRuntimeError(typeName.includes('.') ? typeName : 'System.' + typeName, message, data);
}
