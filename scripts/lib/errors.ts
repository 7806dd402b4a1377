/**
 * The one error type scripts throw on purpose. The runner prints `message` as one line and `remedy` as the next,
 * never a stack trace; anything else that escapes is treated as a bug and reported the same way with its type name.
 */
export class ScriptError extends Error {
  readonly code: string;
  readonly remedy: string | undefined;
  readonly exitCode: number;
  readonly data: unknown;

  constructor(code: string, message: string, options: { remedy?: string; exitCode?: number; data?: unknown } = {}) {
    super(message);
    this.name = 'ScriptError';
    this.code = code;
    this.remedy = options.remedy;
    this.exitCode = options.exitCode ?? 1;
    this.data = options.data;
  }
}

/** Exit code for bad input (flags, files, aliases): distinct from 1 so CI can tell "you called it wrong" from "it failed". */
export const USAGE_EXIT = 2;

export function usageError(code: string, message: string, remedy?: string): ScriptError {
  return new ScriptError(code, message, { remedy, exitCode: USAGE_EXIT });
}

/** Turns anything thrown (library errors included) into a ScriptError with a one-line message. */
export function toScriptError(error: unknown): ScriptError {
  if (error instanceof ScriptError) return error;
  if (error instanceof Error) {
    const firstLine = (error.message || error.name).split('\n')[0]?.trim() ?? error.name;
    const sfAction = readActions(error);
    return new ScriptError(error.name === 'Error' ? 'UnexpectedError' : error.name, firstLine, {
      remedy: sfAction
    });
  }
  return new ScriptError('UnexpectedError', String(error));
}

/** @salesforce/core's SfError carries suggested actions; keep the first one as our remedy. */
function readActions(error: Error): string | undefined {
  const actions = (error as { actions?: unknown }).actions;
  if (Array.isArray(actions) && typeof actions[0] === 'string') return actions[0];
  return undefined;
}
