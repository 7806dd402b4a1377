/**
 * Apex exceptions: exception objects carrying the current Apex stack, and host failures turned into them.
 */
/* eslint-disable @typescript-eslint/only-throw-error --
   Apex exceptions travel as ApexThrow, deliberately not an Error: no JS stack is captured on every Apex throw. */
import type { Pos } from '../../syntax/ast.js';
import { SourceError } from '../../syntax/diagnostics.js';
import { ApexThrow, type Frame } from '../scope.js';
import { type ApexId, ApexObject, ApexRuntimeError, type Value } from '../../values/values.js';
import { C, MAX_DEPTH, isStackOverflow, Engine } from './engine.js';

export interface ExceptionState {
  message?: string | null;
  /** AuraHandledException only: the message a Lightning component receives in `error.body.message`. */
  clientMessage?: string | null;
  cause?: ApexObject | null;
  stack?: string[];
  line?: number;
  dmlRows?: { index: number; id: ApexId | null; statusCode: string; message: string; fields: string[] }[];
  /** QueryException of a user-mode query: the unreadable fields by object name (`getInaccessibleFields()`). */
  inaccessibleFields?: Record<string, string[]>;
}

export abstract class Exceptions extends Engine {
  /** Converts a host or Apex failure into the exception object user code would see, or null for internal errors. */
  asApexThrow(e: unknown): ApexThrow | null {
    if (e instanceof ApexThrow) return e;
    if (e instanceof ApexRuntimeError) {
      const ex = this.makeException(e.typeName, e.message);
      Object.assign(ex.native, e.data);
      return new ApexThrow(ex);
    }
    if (isStackOverflow(e)) {
      return new ApexThrow(
        this.makeException('System.LimitException', `Maximum stack depth reached: ${MAX_DEPTH + 1}`)
      );
    }
    return null;
  }

  /** Builds an exception object of a built-in or user exception type. */
  makeException(typeName: string, message: string): ApexObject {
    const canonical = typeName.toLowerCase();
    const cls =
      this.registry.resolve(canonical, null) ??
      this.registry.resolve(canonical.replace(/^system\./, ''), null) ??
      this.registry.exceptionBase;
    const o = new ApexObject(cls);
    this.initExceptionState(o);
    (o.native as ExceptionState).message = message;
    return o;
  }

  throwApex(typeName: string, message: string): never {
    throw new ApexThrow(this.makeException(typeName, message));
  }

  /** Code the platform compiler would have rejected; reported at file:line like a compile error. */
  throwCompile(f: Frame, pos: Pos, message: string): never {
    throw new SourceError(f.file, pos.line, pos.col, message);
  }

  stackLines(): string[] {
    const out: string[] = [];
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const fr = this.stack[i];
      out.push(`${fr.where}: line ${fr.pos.line}, column ${fr.pos.col}`);
    }
    return out;
  }

  protected initExceptionState(o: ApexObject): void {
    const n = o.native as ExceptionState;
    n.stack = this.stackLines();
    const top = this.topFrame();
    n.line = top?.pos.line ?? -1;
    n.message = null;
  }

  protected exceptionCtorArgs(o: ApexObject, args: Value[]): void {
    const n = o.native as ExceptionState;
    // AuraHandledException hides its constructor message from getMessage() until setMessage() is called [mem].
    // The Lightning client still receives the constructor's message (AuraHandledException's purpose) [doc: Handle Errors
    // from Apex].
    if (o.cls.isSubtypeOf('system.aurahandledexception')) {
      n.message = 'Script-thrown exception';
      n.clientMessage = args.find((a): a is string => typeof a === 'string') ?? null;
      return;
    }
    for (const a of args) {
      if (typeof a === 'string') n.message = a;
      else if (a instanceof ApexObject && C(a).isException) {
        n.cause = a;
        if (args.length === 1) n.message = `${a.cls.display}: ${(a.native as ExceptionState).message ?? 'null'}`;
      }
    }
  }
}
