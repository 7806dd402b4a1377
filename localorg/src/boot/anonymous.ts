/**
 * `localorg run`: executes anonymous Apex in one transaction against a loaded project, committing on success and
 * rolling back on an uncaught exception, as `executeAnonymous` does; then the async Apex it queued runs, each job in
 * a transaction of its own.
 */
import fs from 'node:fs';
import { lowerAnonymousText } from '../syntax/lower.js';
import { describeFailure, type Failure } from '../runtime/failures.js';
import type { LoadedProject } from './project.js';
import type { Interpreter } from '../runtime/interpreter.js';
import type { DataPlatform } from '../runtime/data-platform.js';
import { SourceError } from '../syntax/diagnostics.js';
import { formatDiagnostic } from '../semantics/resolver.js';

/** Hears an async job (Queueable, `@future`, finalizer) that failed after the script committed. */
export type AsyncFailureListener = (label: string, failure: Failure) => void;

export function runAnonymousFile(
  project: LoadedProject,
  file: string,
  displayName = file,
  onAsyncFailure?: AsyncFailureListener
): Failure | null {
  const text = fs.readFileSync(file, 'utf8');
  return runAnonymousText(project, text, displayName, onAsyncFailure);
}

export function runAnonymousText(
  project: LoadedProject,
  text: string,
  file = 'anonymous.apex',
  onAsyncFailure?: AsyncFailureListener
): Failure | null {
  const { interp } = project;
  let unit;
  try {
    unit = lowerAnonymousText(text, file);
  } catch (e) {
    return describeFailure(e, interp);
  }
  let members;
  try {
    members = interp.registry.all.get('anonymousblock') ?? interp.addClass(unit.members);
    interp.link();
  } catch (e) {
    return describeFailure(e, interp);
  }
  // A block that does not compile runs nothing, as executeAnonymous refuses it before any statement.
  const diagnostics = interp.resolveAnonymous(unit.stmts, members, file);
  if (diagnostics.length)
    return {
      kind: 'source',
      typeName: 'CompileError',
      message: diagnostics.map(formatDiagnostic).join('\n'),
      stack: []
    };
  const outcome = project.transactions.run(() => {
    interp.quiddity = 'ANONYMOUS';
    interp.runAnonymous(unit.stmts, members, file);
  });
  if (!outcome.ok) return describeFailure(outcome.error, interp);
  // Queued async work runs after the commit, each job in a transaction of its own; its failures are not the script's.
  project.transactions.drain((work, done) => {
    if (!done.ok) onAsyncFailure?.(work.label, describeFailure(done.error, interp));
  });
  return null;
}

/** What `executeAnonymous` answers: the SOAP Apex API's ExecuteAnonymousResult plus the debug lines of the run. */
export interface AnonymousOutcome {
  compiled: boolean;
  success: boolean;
  /** Where compilation failed (1-based), -1 when it compiled. */
  line: number;
  column: number;
  compileProblem: string | null;
  exceptionMessage: string | null;
  exceptionStackTrace: string | null;
  /** `System.debug` output, one `{line, level, message}` per call, in order. */
  debug: { line: number; level: string; message: string }[];
}

/**
 * Anonymous Apex inside a transaction the caller owns (the server's request): on an uncaught exception the block's
 * writes are rolled back to where it began and the failure is reported, as the SOAP `executeAnonymous` call does.
 */
export function executeAnonymous(interp: Interpreter, platform: DataPlatform, text: string): AnonymousOutcome {
  const debug: AnonymousOutcome['debug'] = [];
  const outcome: AnonymousOutcome = {
    compiled: true,
    success: true,
    line: -1,
    column: -1,
    compileProblem: null,
    exceptionMessage: null,
    exceptionStackTrace: null,
    debug
  };
  let unit;
  try {
    unit = lowerAnonymousText(text, 'anonymous.apex');
  } catch (e) {
    return compileFailure(outcome, e, interp);
  }
  const sink = interp.debugSink;
  interp.debugSink = (line, level, message) => debug.push({ line, level, message });
  const savepoint = platform.setSavepoint();
  interp.resetStatics();
  interp.quiddity = 'ANONYMOUS';
  interp.resetCpuClock();
  try {
    // Each request is a new block: the previous block's methods and inner types must not linger.
    for (const map of [interp.registry.top, interp.registry.all]) {
      for (const key of [...map.keys()])
        if (key === 'anonymousblock' || key.startsWith('anonymousblock.')) map.delete(key);
    }
    const members = interp.addClass(unit.members);
    interp.link();
    // A block that does not compile runs nothing.
    const [problem] = interp.resolveAnonymous(unit.stmts, members, 'anonymous.apex');
    if (problem) throw new SourceError(problem.file, problem.line, problem.col, problem.message);
    // Async work it queued waits for the caller's transaction to commit (the server runs it then).
    interp.runAnonymous(unit.stmts, members, 'anonymous.apex');
    return outcome;
  } catch (e) {
    platform.rollbackTo(savepoint);
    const f = describeFailure(e, interp);
    if (f.kind === 'source') return compileFailure(outcome, e, interp);
    outcome.success = false;
    outcome.exceptionMessage = f.kind === 'apex' ? `${f.typeName}: ${f.message}` : f.message;
    outcome.exceptionStackTrace = f.stack.join('\n').replace(/Class\.anonymousblock/gi, 'AnonymousBlock') || null;
    return outcome;
  } finally {
    interp.debugSink = sink;
  }
}

function compileFailure(outcome: AnonymousOutcome, e: unknown, interp: Interpreter): AnonymousOutcome {
  outcome.compiled = false;
  outcome.success = false;
  if (e instanceof SourceError) {
    outcome.line = e.line;
    outcome.column = e.column;
    outcome.compileProblem = e.detail;
  } else {
    outcome.compileProblem = describeFailure(e, interp).message;
  }
  return outcome;
}
