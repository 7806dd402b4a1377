import type { Connection } from '@salesforce/core';
import type { TestResult } from '@salesforce/apex-node';
import { ScriptError } from './errors.js';

export type TestLevelName = 'RunLocalTests' | 'RunAllTestsInOrg' | 'RunSpecifiedTests';
export const TEST_LEVELS: readonly TestLevelName[] = ['RunLocalTests', 'RunAllTestsInOrg', 'RunSpecifiedTests'];

export type TestRunRequest = {
  testLevel: TestLevelName;
  classNames: string[];
  suiteNames: string[];
  waitMinutes: number;
};

/** Either a finished run, or only its id when the wait ran out (apex-node's TestRunIdResult). */
export type TestRunOutcome = { kind: 'finished'; result: TestResult } | { kind: 'pending'; testRunId: string };

export interface ApexTestRunner {
  run(connection: Connection, request: TestRunRequest, onProgress: (message: string) => void): Promise<TestRunOutcome>;
}

export type ClassResult = { name: string; passed: number; failed: number; skipped: number; timeMs: number };
export type TestFailure = { test: string; message: string; where: string };

const FAILED = new Set(['Fail', 'CompileFail']);

export function summariseByClass(result: TestResult): { classes: ClassResult[]; failures: TestFailure[] } {
  const byClass = new Map<string, ClassResult>();
  const failures: TestFailure[] = [];
  for (const test of result.tests) {
    const name = test.apexClass.fullName || test.apexClass.name;
    const entry = byClass.get(name) ?? { name, passed: 0, failed: 0, skipped: 0, timeMs: 0 };
    const outcome = String(test.outcome);
    if (outcome === 'Pass') entry.passed += 1;
    else if (FAILED.has(outcome)) entry.failed += 1;
    else entry.skipped += 1;
    entry.timeMs += test.runTime ?? 0;
    byClass.set(name, entry);
    if (FAILED.has(outcome)) {
      failures.push({
        test: `${name}.${test.methodName}`,
        message: (test.message ?? outcome).replace(/\s+/g, ' ').trim(),
        where: (test.stackTrace ?? '').split('\n')[0]?.trim() ?? ''
      });
    }
  }
  for (const setup of result.setup ?? []) {
    if (setup.message) {
      failures.push({
        test: `${setup.apexClass.fullName || setup.apexClass.name}.${setup.methodName} (@TestSetup)`,
        message: setup.message.replace(/\s+/g, ' ').trim(),
        where: (setup.stackTrace ?? '').split('\n')[0]?.trim() ?? ''
      });
    }
  }
  return { classes: [...byClass.values()].sort((a, b) => a.name.localeCompare(b.name)), failures };
}

export function testsFailedError(failures: TestFailure[], testsRan: number): ScriptError {
  const first = failures[0];
  const where = first?.where ? ` (${first.where})` : '';
  return new ScriptError(
    'TestsFailed',
    `${failures.length} of ${testsRan} Apex test${testsRan === 1 ? '' : 's'} failed; first: ${first?.test ?? '?'}: ${first?.message ?? ''}${where}`,
    {
      remedy: 'See the failures above and the JUnit report; fix them and run `npm run org:test` again.',
      data: { failures }
    }
  );
}

export function validateRequest(request: TestRunRequest): void {
  if (request.testLevel === 'RunSpecifiedTests' && request.classNames.length === 0 && request.suiteNames.length === 0) {
    throw new ScriptError('InvalidArguments', 'RunSpecifiedTests needs --class-names or --suite-names.', {
      exitCode: 2,
      remedy: 'Name the classes (--class-names Foo_Tests,Bar_Tests) or use --test-level RunLocalTests.'
    });
  }
  if (request.testLevel !== 'RunSpecifiedTests' && (request.classNames.length > 0 || request.suiteNames.length > 0)) {
    throw new ScriptError(
      'InvalidArguments',
      `--class-names and --suite-names only apply with --test-level RunSpecifiedTests (got ${request.testLevel}).`,
      {
        exitCode: 2,
        remedy: 'Add --test-level RunSpecifiedTests, or drop the class and suite names.'
      }
    );
  }
}
