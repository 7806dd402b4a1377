/**
 * `localorg run`: executes anonymous Apex in one transaction against a loaded project, committing on success and
 * rolling back on an uncaught exception, as `executeAnonymous` does.
 */
import fs from 'node:fs';
import { lowerAnonymousText } from '../syntax/lower.js';
import { describeFailure, type Failure } from '../runtime/failures.js';
import type { LoadedProject } from './project.js';
import type { Interpreter } from '../runtime/interpreter.js';
import type { DataPlatform } from '../runtime/data-platform.js';
import { SourceError } from '../syntax/diagnostics.js';
import { formatDiagnostic } from '../semantics/resolver.js';

export function runAnonymousFile(project: LoadedProject, file: string, displayName = file): Failure | null {
  const text = fs.readFileSync(file, 'utf8');
  return runAnonymousText(project, text, displayName);
}

export function runAnonymousText(project: LoadedProject, text: string, file = 'anonymous.apex'): Failure | null {
  const { interp, platform } = project;
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
  platform.beginTransaction();
  interp.resetCpuClock();
  interp.quiddity = 'ANONYMOUS';
  try {
    interp.runAnonymous(unit.stmts, members, file);
    // Queued async work runs after the block, in its own transaction on the platform; here, before commit.
    for (let i = 0; i < interp.asyncQueue.length; i++) interp.asyncQueue[i]();
    interp.asyncQueue = [];
    platform.commitTransaction();
    return null;
  } catch (e) {
    platform.rollbackTransaction();
    return describeFailure(e, interp);
  }
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
    interp.runAnonymous(unit.stmts, members, 'anonymous.apex');
    for (let i = 0; i < interp.asyncQueue.length; i++) interp.asyncQueue[i]();
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
    interp.asyncQueue = [];
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
