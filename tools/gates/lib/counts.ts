/**
 * Reading test counts from the reports each suite writes. Counts come from machine-readable reports, never from
 * scraping console output: node:test's JUnit reporter, localorg's Apex JSON (or its JUnit), Jest's --json file.
 *
 * A skipped, todo or cancelled test counts as failed: a test that did not run proves nothing, and the project allows
 * no skipped tests (docs/quality-gates.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

export interface Counts {
  readonly passed: number;
  readonly failed: number;
  /** Short human detail for the table, e.g. "41 tests, 2 skipped". */
  readonly detail: string;
}

/** Counts from the JUnit file written by `node --test --test-reporter=junit`, which ends with summary comments. */
export function nodeTestCounts(junitFile: string): Counts | null {
  if (!existsSync(junitFile)) return null;
  const xml = readFileSync(junitFile, 'utf8');
  const read = (key: string): number | null => {
    const m = new RegExp(`<!-- ${key} (\\d+) -->`).exec(xml);
    return m ? Number(m[1]) : null;
  };
  const tests = read('tests');
  if (tests === null) return null;
  const pass = read('pass') ?? 0;
  const fail = read('fail') ?? 0;
  const notRun = (read('skipped') ?? 0) + (read('todo') ?? 0) + (read('cancelled') ?? 0);
  const extra = notRun ? `, ${notRun} skipped/todo/cancelled (counted as failed)` : '';
  return { passed: pass, failed: fail + notRun, detail: `${tests} tests${extra}` };
}

type XmlNode = Record<string, unknown>;
const asArray = (v: unknown): XmlNode[] => (Array.isArray(v) ? (v as XmlNode[]) : v ? [v as XmlNode] : []);

/** Counts from any JUnit XML: each <testcase> passes unless it holds <failure>, <error> or <skipped>. */
export function junitCounts(junitFile: string): Counts | null {
  if (!existsSync(junitFile)) return null;
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'testcase' || name === 'testsuite'
  });
  const doc = parser.parse(readFileSync(junitFile, 'utf8')) as XmlNode;
  let passed = 0;
  let failed = 0;
  const visit = (node: XmlNode): void => {
    for (const testcase of asArray(node.testcase)) {
      if ('failure' in testcase || 'error' in testcase || 'skipped' in testcase) failed++;
      else passed++;
    }
    for (const suite of asArray(node.testsuite)) visit(suite);
    for (const suites of asArray(node.testsuites)) visit(suites);
  };
  visit(doc);
  if (passed + failed === 0) return null;
  return { passed, failed, detail: `${passed + failed} tests` };
}

/**
 * Counts from `localorg test --json`. The summary follows `sf apex run test --json` (`summary.passing`,
 * `summary.failing`, `summary.skipped`, `summary.testRunCoverage`); plain `passed`/`failed` keys are accepted too.
 */
export function apexJsonCounts(jsonFile: string): Counts | null {
  if (!existsSync(jsonFile)) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(jsonFile, 'utf8'));
  } catch {
    return null;
  }
  const root = (doc as { result?: unknown }).result ?? doc;
  const summary = ((root as { summary?: unknown }).summary ?? root) as Record<string, unknown>;
  const num = (...keys: string[]): number | null => {
    for (const k of keys) {
      const v = summary[k];
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
    }
    return null;
  };
  const passed = num('passing', 'passed', 'pass');
  const failing = num('failing', 'failed', 'fail');
  if (passed === null || failing === null) return null;
  const skipped = num('skipped', 'skip') ?? 0;
  // localorg puts line coverage in a top-level `coverage: { percent }`; sf puts it in `summary.testRunCoverage`.
  const coverageObject = (root as { coverage?: { percent?: unknown } }).coverage;
  const coverage =
    typeof coverageObject?.percent === 'number'
      ? `${coverageObject.percent}%`
      : (summary.testRunCoverage ?? summary.orgWideCoverage);
  const coverageText =
    typeof coverage === 'string' || typeof coverage === 'number' ? `, coverage ${String(coverage)}` : '';
  const extra = skipped ? `, ${skipped} skipped (counted as failed)` : '';
  return {
    passed,
    failed: failing + skipped,
    detail: `${passed + failing + skipped} Apex tests${coverageText}${extra}`
  };
}

/** Counts from `jest --json --outputFile`. */
export function jestCounts(jsonFile: string): Counts | null {
  if (!existsSync(jsonFile)) return null;
  try {
    const r = JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, number>;
    const notRun = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    const suitesFailedToRun = r.numRuntimeErrorTestSuites ?? 0;
    const extra = notRun ? `, ${notRun} skipped/todo (counted as failed)` : '';
    return {
      passed: r.numPassedTests ?? 0,
      failed: (r.numFailedTests ?? 0) + notRun + suitesFailedToRun,
      detail: `${r.numTotalTests ?? 0} tests in ${r.numTotalTestSuites ?? 0} files${extra}`
    };
  } catch {
    return null;
  }
}
