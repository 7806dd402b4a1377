import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { JUnitReporter, type TestResult } from '@salesforce/apex-node';
import type { CoverageSummary } from './coverage.js';
import type { ClassResult, TestFailure } from './apex-tests.js';

export type WrittenFiles = { junit: string; json: string };

/**
 * JUnit comes from apex-node's own reporter so CI dashboards see the same XML `sf apex run test -r junit` writes;
 * the JSON file adds what we computed (per-class results, coverage against the floor) next to the raw result.
 */
export async function writeTestResults(
  dir: string,
  result: TestResult,
  extra: { classes: ClassResult[]; failures: TestFailure[]; coverage: CoverageSummary; coverageFloor: number }
): Promise<WrittenFiles> {
  await mkdir(dir, { recursive: true });
  const junit = path.join(dir, 'junit.xml');
  const json = path.join(dir, 'test-result.json');
  await writeFile(junit, new JUnitReporter().format(result), 'utf8');
  const body = {
    summary: result.summary,
    classes: extra.classes,
    failures: extra.failures,
    coverage: {
      floor: extra.coverageFloor,
      percent: extra.coverage.percent,
      coveredLines: extra.coverage.coveredLines,
      totalLines: extra.coverage.totalLines,
      classes: extra.coverage.classes
    },
    tests: result.tests
  };
  await writeFile(json, `${JSON.stringify(body, null, 2)}\n`, 'utf8');
  return { junit, json };
}
