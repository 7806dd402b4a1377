/**
 * Turns whatever escaped a run into what the user sees: an Apex exception (type, message, Apex stack lines), a
 * source error (file:line:column), an unsupported feature (with the Apex position where it was reached), or an
 * internal localorg error. Never a JS stack trace.
 */
import { UnsupportedFeatureError } from '../values/errors.js';
import { SourceError } from '../syntax/diagnostics.js';
import type { ExceptionState, Interpreter } from './interpreter.js';
import { ApexThrow } from './scope.js';

export interface Failure {
  kind: 'apex' | 'source' | 'unsupported' | 'internal';
  /** `System.NullPointerException`, or the user exception's class name. */
  typeName: string;
  message: string;
  stack: string[];
  /** AuraHandledException: the message Lightning clients receive (its getMessage() hides it). */
  clientMessage?: string;
}

export function describeFailure(e: unknown, interp: Interpreter): Failure {
  const t = e instanceof ApexThrow ? e : interp.asApexThrow(e);
  if (t) {
    const n = t.exception.native as ExceptionState;
    const failure: Failure = {
      kind: 'apex',
      typeName: t.exception.cls.display,
      message: n.message ?? 'null',
      stack: n.stack ?? []
    };
    if (typeof n.clientMessage === 'string') failure.clientMessage = n.clientMessage;
    return failure;
  }
  const at = interp.failurePos;
  interp.failurePos = null;
  if (e instanceof SourceError) return { kind: 'source', typeName: 'CompileError', message: e.message, stack: [] };
  if (e instanceof UnsupportedFeatureError) {
    const where = at ? `${at.file}:${at.line}:${at.col} ` : '';
    return {
      kind: 'unsupported',
      typeName: 'UnsupportedFeature',
      message: `${where}${e.message}`,
      stack: at ? [`${at.where}: line ${at.line}, column ${at.col}`] : []
    };
  }
  const where = at ? ` at ${at.file}:${at.line}:${at.col}` : '';
  return {
    kind: 'internal',
    typeName: 'LocalorgInternalError',
    message: `localorg internal error${where}: ${(e as Error)?.message ?? String(e)}`,
    stack: []
  };
}

/** One line as the platform prints an uncaught exception: `System.DmlException: message`. */
export function failureLine(f: Failure): string {
  return f.kind === 'apex' ? `${f.typeName}: ${f.message}` : f.message;
}
