/**
 * The interpreter (bodies compiled to closures over frame slots), one file per concern under `interpreter/` (see interpreter/engine.ts for the chain).
 * This module is its public entry point.
 */
export { Interpreter } from './interpreter/interpreter.js';
export type { InterpreterOptions, TypeTarget } from './interpreter/engine.js';
export type { ExceptionState } from './interpreter/exceptions.js';
export { parseTypeString } from './interpreter/type-environment.js';
