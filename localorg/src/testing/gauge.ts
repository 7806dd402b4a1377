/**
 * The gauge: runs any SFDX project's Apex tests and groups the failures by their first cause, so the next gap in
 * localorg is found by counting, not by reading logs. A cause is the failure's message with what varies from test to
 * test taken out: the `file:line:column` of a source error, record Ids, numbers, the user's own assertion text.
 */
import type { TestResult, TestRun } from './runner.js';
import { compileErrorLines } from '../boot/project.js';

export interface CauseExample {
  test: string;
  message: string;
  /** Where it was raised: `file:line:column` for source errors, else the top Apex stack line. */
  where: string | null;
}

export interface CauseGroup {
  cause: string;
  kind: string;
  count: number;
  tests: CauseExample[];
}

export interface GaugeReport {
  projects: string[];
  total: number;
  passed: number;
  failed: number;
  /** Percentage of test methods that pass, one decimal. */
  passRate: number;
  classes: number;
  ms: number;
  causes: CauseGroup[];
  /** Sources left out of a lenient load (`file:line:column message`); the tests reaching them fail. */
  loadErrors: string[];
  /** What the platform's compiler would reject (`file:line:column message`); the rest of those classes still ran. */
  compileErrors: string[];
  emulated: true;
}

const LOCATION = /^(.+?\.(?:cls|trigger|apex)):(\d+):(\d+) /;
const RECORD_ID = /\b[a-zA-Z0-9]{3}0[a-zA-Z0-9]{11}(?:[a-zA-Z0-9]{3})?\b/g;

/** The message with the varying parts replaced, so that failures of one cause share one key. */
export function causeOf(r: TestResult): { cause: string; where: string | null } {
  let message = r.message ?? '';
  let where: string | null = r.stack[0] ?? null;
  if (r.failure?.setup) message = message.replace(/^@TestSetup \S+: /, '');
  const loc = LOCATION.exec(message);
  if (loc) {
    where = `${loc[1]}:${loc[2]}:${loc[3]}`;
    message = message.slice(loc[0].length);
  }
  message = message.replace(/^localorg internal error at \S+?:\d+:\d+: /, 'localorg internal error: ');
  const kind = r.failure?.kind ?? 'apex';
  if (kind === 'apex' && /^System\.AssertException: /.test(message)) {
    // The user's assertion text differs per test; what they share is that a value came out wrong.
    message = /Expected: .*, Actual: /s.test(message)
      ? 'System.AssertException: Assertion Failed: Expected ≠ Actual'
      : 'System.AssertException: Assertion Failed';
  }
  const cause = message
    .replace(RECORD_ID, '<Id>')
    // Numbers vary per test; a number that is part of a name (`SHA-256`, `AES128`, `Name__c2`) does not.
    .replace(/(?<!\w|[A-Za-z]\d*-)\d+(\.\d+)?\b/g, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return { cause: r.failure?.setup ? `${cause} (in @TestSetup)` : cause, where };
}

export function gaugeReport(
  projects: string[],
  run: TestRun,
  loadErrors: string[] = [],
  compileErrors: string[] = []
): GaugeReport {
  const groups = new Map<string, CauseGroup>();
  for (const r of run.results) {
    if (r.outcome !== 'fail') continue;
    const { cause, where } = causeOf(r);
    let g = groups.get(cause);
    if (!g) groups.set(cause, (g = { cause, kind: r.failure?.kind ?? 'apex', count: 0, tests: [] }));
    g.count++;
    g.tests.push({ test: `${r.className}.${r.methodName}`, message: r.message ?? '', where });
  }
  const total = run.results.length;
  return {
    projects,
    total,
    passed: run.passed,
    failed: run.failed,
    passRate: total ? Math.round((run.passed / total) * 1000) / 10 : 0,
    classes: run.classes.length,
    ms: Math.round(run.ms),
    causes: [...groups.values()].sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause)),
    loadErrors,
    compileErrors,
    emulated: true
  };
}

/** The console table: one row per cause, most frequent first, with one example test and where it arose. */
export function gaugeTable(report: GaugeReport, opts: { top?: number; examples?: number } = {}): string[] {
  const out = [
    `${report.total} test methods in ${report.classes} classes: ${report.passed} passed, ${report.failed} failed ` +
      `(${report.passRate}% pass, emulated)`
  ];
  if (report.loadErrors.length) {
    out.push('', `${report.loadErrors.length} source(s) did not load (tests reaching them fail):`);
    for (const e of report.loadErrors) out.push(`  ${e}`);
  }
  if (report.compileErrors.length)
    out.push('', ...compileErrorLines(report.compileErrors, 'the rest of those classes ran'));
  if (!report.causes.length) return out;
  const shown = report.causes.slice(0, opts.top ?? report.causes.length);
  out.push('', `Failures by first cause (${report.causes.length} causes):`, '');
  out.push(`${'tests'.padStart(6)}  ${'kind'.padEnd(11)}  cause`);
  for (const g of shown) {
    out.push(`${String(g.count).padStart(6)}  ${g.kind.padEnd(11)}  ${g.cause}`);
    for (const ex of g.tests.slice(0, opts.examples ?? 1))
      out.push(`${''.padStart(21)}e.g. ${ex.test}${ex.where ? `  (${ex.where})` : ''}`);
  }
  if (shown.length < report.causes.length) {
    const rest = report.causes.slice(shown.length);
    out.push(
      `${String(rest.reduce((n, g) => n + g.count, 0)).padStart(6)}  ${''.padEnd(11)}  … ${rest.length} more causes`
    );
  }
  return out;
}
