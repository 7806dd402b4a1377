/**
 * Runs Apex tests with the platform's isolation: per class, `@TestSetup` runs once and the data is snapshotted; per
 * method, the snapshot is restored, statics are fresh, limits start at zero, and the transaction is rolled back
 * afterwards. Assertion failures and uncaught exceptions fail the method with Apex stack lines.
 */
import { describeFailure, failureLine, type Failure } from '../runtime/failures.js';
import type { LoadedProject } from '../boot/project.js';
import type { MethodDecl } from '../syntax/ast.js';
import { type ApexObject } from '../values/values.js';
import { discoverTests, type TestClass } from './discover.js';
import { computeCoverage, type CoverageReport } from './coverage.js';

export interface TestResult {
  className: string;
  methodName: string;
  outcome: 'pass' | 'fail';
  /** `System.AssertException: Assertion Failed: …` for failures. */
  message: string | null;
  stack: string[];
  /** How the failure arose (Apex exception, source error, unsupported feature, localorg bug); null for a pass. */
  failure: { kind: Failure['kind']; typeName: string; setup: boolean } | null;
  ms: number;
}

export interface ClassSummary {
  className: string;
  passed: number;
  failed: number;
  ms: number;
}

export interface TestRun {
  results: TestResult[];
  classes: ClassSummary[];
  passed: number;
  failed: number;
  ms: number;
  coverage: CoverageReport | null;
}

export interface RunOptions {
  classes?: string[];
  coverage?: boolean;
  onClassStart?: (name: string, methodCount: number) => void;
  onResult?: (r: TestResult) => void;
  onClassEnd?: (s: ClassSummary) => void;
}

export function runTests(project: LoadedProject, opts: RunOptions = {}): TestRun {
  const { interp, platform } = project;
  const t0 = performance.now();
  if (opts.coverage) interp.coverage = new Map();
  interp.runningTest = true;
  const base = platform.snapshot();
  const results: TestResult[] = [];
  const classes: ClassSummary[] = [];
  for (const tc of discoverTests(interp, opts.classes ?? [])) {
    opts.onClassStart?.(tc.cls.display, tc.tests.length);
    const c0 = performance.now();
    const classResults = runClass(project, tc, base, opts);
    results.push(...classResults);
    const summary: ClassSummary = {
      className: tc.cls.display,
      passed: classResults.filter((r) => r.outcome === 'pass').length,
      failed: classResults.filter((r) => r.outcome === 'fail').length,
      ms: performance.now() - c0
    };
    classes.push(summary);
    opts.onClassEnd?.(summary);
  }
  platform.restore(base);
  interp.runningTest = false;
  const coverage = opts.coverage ? computeCoverage(project) : null;
  interp.coverage = null;
  const passed = results.filter((r) => r.outcome === 'pass').length;
  return { results, classes, passed, failed: results.length - passed, ms: performance.now() - t0, coverage };
}

function runClass(project: LoadedProject, tc: TestClass, base: unknown, opts: RunOptions): TestResult[] {
  const { interp, platform } = project;
  const out: TestResult[] = [];
  platform.restore(base);
  let setupFailure: { message: string; stack: string[]; kind: Failure['kind']; typeName: string } | null = null;
  let snapshot: unknown = base;
  if (tc.setups.length) {
    fresh(project);
    platform.beginTransaction();
    try {
      for (const s of tc.setups) invoke(project, tc, s);
      platform.commitTransaction();
    } catch (e) {
      platform.rollbackTransaction();
      const f = describeFailure(e, interp);
      setupFailure = {
        message: `@TestSetup ${tc.cls.display}: ${failureLine(f)}`,
        stack: f.stack,
        kind: f.kind,
        typeName: f.typeName
      };
    }
    snapshot = platform.snapshot();
  }
  for (const m of tc.tests) {
    const m0 = performance.now();
    let result: TestResult;
    if (setupFailure) {
      result = {
        className: tc.cls.display,
        methodName: m.display,
        outcome: 'fail',
        message: setupFailure.message,
        stack: setupFailure.stack,
        failure: { kind: setupFailure.kind, typeName: setupFailure.typeName, setup: true },
        ms: 0
      };
    } else {
      platform.restore(snapshot);
      fresh(project);
      platform.beginTransaction();
      try {
        invoke(project, tc, m);
        result = {
          className: tc.cls.display,
          methodName: m.display,
          outcome: 'pass',
          message: null,
          stack: [],
          failure: null,
          ms: 0
        };
      } catch (e) {
        const f = describeFailure(e, interp);
        result = {
          className: tc.cls.display,
          methodName: m.display,
          outcome: 'fail',
          message: failureLine(f),
          stack: f.stack,
          failure: { kind: f.kind, typeName: f.typeName, setup: false },
          ms: 0
        };
      } finally {
        platform.rollbackTransaction();
      }
    }
    result.ms = performance.now() - m0;
    out.push(result);
    opts.onResult?.(result);
  }
  return out;
}

/** Fresh statics, limits and per-test state: every test method is its own transaction. */
function fresh(project: LoadedProject): void {
  project.interp.resetStatics();
  project.platform.limits.reset();
}

function invoke(project: LoadedProject, tc: TestClass, m: MethodDecl): void {
  const { interp } = project;
  if (m.isStatic) interp.invokeStatic(tc.cls, m.name, []);
  else {
    const o = interp.instantiate({ name: tc.cls.name, args: [], display: tc.cls.display }, [], m.pos);
    interp.invokeInstance(o as ApexObject, m.name, []);
  }
}
