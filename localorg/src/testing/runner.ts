/**
 * Runs Apex tests with the platform's isolation: per class, `@TestSetup` runs once and the data is snapshotted; per
 * method, the snapshot is restored and the method runs as one transaction (runtime/transaction.ts: fresh statics and
 * limits) that is rolled back afterwards. Assertion failures and uncaught exceptions fail the method with Apex stack lines.
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
    // @TestSetup commits (into the class's snapshot); each test method then starts from it.
    const setup = project.transactions.run(() => {
      for (const s of tc.setups) invoke(project, tc, s);
    });
    if (!setup.ok) {
      const f = describeFailure(setup.error, interp);
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
      // Every test method is a transaction of its own whose writes never stay.
      const run = project.transactions.run(() => invoke(project, tc, m), { keep: false });
      const f = run.ok ? null : describeFailure(run.error, interp);
      result = {
        className: tc.cls.display,
        methodName: m.display,
        outcome: f ? 'fail' : 'pass',
        message: f ? failureLine(f) : null,
        stack: f ? f.stack : [],
        failure: f ? { kind: f.kind, typeName: f.typeName, setup: false } : null,
        ms: 0
      };
    }
    result.ms = performance.now() - m0;
    out.push(result);
    opts.onResult?.(result);
  }
  return out;
}

function invoke(project: LoadedProject, tc: TestClass, m: MethodDecl): void {
  const { interp } = project;
  if (m.isStatic) interp.invokeStatic(tc.cls, m.name, []);
  else {
    const o = interp.instantiate({ name: tc.cls.name, args: [], display: tc.cls.display }, [], m.pos);
    interp.invokeInstance(o as ApexObject, m.name, []);
  }
}
