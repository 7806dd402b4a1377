/**
 * The run's outputs: the console table, reports/gates.json and reports/gates-junit.xml.
 */
import { writeFileSync } from 'node:fs';
import { XMLBuilder } from 'fast-xml-parser';

export type StepStatus = 'passed' | 'failed' | 'none yet';

export interface StepResult {
  readonly name: string;
  readonly kind: 'gate' | 'suite';
  readonly summary: string;
  readonly status: StepStatus;
  readonly passed: number;
  readonly failed: number;
  readonly seconds: number;
  readonly detail: string;
  readonly command?: string;
  readonly exitCode?: number;
  /** The last lines of output, for a failed step. */
  readonly tail?: string;
}

export interface RunTotals {
  readonly passed: number;
  readonly failed: number;
  readonly seconds: number;
}

export function totals(results: readonly StepResult[], seconds: number): RunTotals {
  return {
    passed: results.reduce((n, r) => n + r.passed, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
    seconds
  };
}

export function table(results: readonly StepResult[]): string {
  const rows = [
    ['step', 'kind', 'result', 'passed', 'failed', 'seconds', 'detail'],
    ...results.map((r) => [
      r.name,
      r.kind,
      r.status,
      String(r.passed),
      String(r.failed),
      r.seconds.toFixed(1),
      r.detail
    ])
  ];
  const numeric = new Set([3, 4, 5]);
  const widths = rows[0].map((_, i) => (i === 6 ? 0 : Math.max(...rows.map((row) => row[i].length))));
  const render = (row: string[]): string =>
    row
      .map((cell, i) => (i === 6 ? cell : numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w, i) => '-'.repeat(i === 6 ? 6 : w)).join('  ');
  return [render(rows[0]), rule, ...rows.slice(1).map(render)].join('\n');
}

export function writeJson(file: string, results: readonly StepResult[], run: RunTotals, startedAt: Date): void {
  const doc = {
    startedAt: startedAt.toISOString(),
    seconds: Number(run.seconds.toFixed(1)),
    passed: run.passed,
    failed: run.failed,
    counting:
      'a gate is one check; a suite counts its tests; skipped/todo tests count as failed; "none yet" counts nothing',
    steps: results.map((r) => ({ ...r, seconds: Number(r.seconds.toFixed(1)) }))
  };
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

/**
 * One <testsuite> per step, holding one <testcase> named after the step; its counts are on the suite. Detailed
 * per-test JUnit for the suites is in their own files (reports/<suite>-junit.xml).
 */
export function writeJunit(file: string, results: readonly StepResult[], run: RunTotals): void {
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: '  ', suppressEmptyNode: true });
  const suites = results.map((r) => {
    const testcase: Record<string, unknown> = {
      '@_name': r.name,
      '@_classname': `gates.${r.kind}`,
      '@_time': r.seconds.toFixed(3)
    };
    if (r.status === 'failed') {
      testcase.failure = { '@_message': r.detail || 'failed', '#text': r.tail ?? '' };
    } else if (r.status === 'none yet') {
      testcase.skipped = { '@_message': `none yet: ${r.detail}` };
    }
    return {
      '@_name': r.name,
      '@_tests': String(r.passed + r.failed),
      '@_failures': String(r.failed),
      '@_skipped': r.status === 'none yet' ? '1' : '0',
      '@_time': r.seconds.toFixed(3),
      testcase
    };
  });
  const xml = builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'npm test',
      '@_tests': String(run.passed + run.failed),
      '@_failures': String(run.failed),
      '@_time': run.seconds.toFixed(3),
      testsuite: suites
    }
  });
  writeFileSync(file, xml);
}
