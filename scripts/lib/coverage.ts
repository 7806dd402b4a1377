import { ScriptError } from './errors.js';

/** The per-class coverage record apex-node returns (CodeCoverageResult), reduced to what we read. */
export type CoverageRecord = {
  name: string;
  type: 'ApexClass' | 'ApexTrigger';
  numLinesCovered: number;
  numLinesUncovered: number;
};

export type ClassCoverage = {
  name: string;
  type: 'ApexClass' | 'ApexTrigger';
  covered: number;
  total: number;
  percent: number;
};

export type CoverageSummary = {
  classes: ClassCoverage[];
  coveredLines: number;
  totalLines: number;
  /** covered / total × 100, unrounded; 0 when no lines were reported */
  percent: number;
  uncoveredTriggers: string[];
};

export function summariseCoverage(records: readonly CoverageRecord[]): CoverageSummary {
  const classes = records
    .map((record) => {
      const total = record.numLinesCovered + record.numLinesUncovered;
      return {
        name: record.name,
        type: record.type,
        covered: record.numLinesCovered,
        total,
        percent: total === 0 ? 100 : (record.numLinesCovered * 100) / total
      };
    })
    .sort((a, b) => a.percent - b.percent || a.name.localeCompare(b.name));
  const coveredLines = classes.reduce((sum, item) => sum + item.covered, 0);
  const totalLines = classes.reduce((sum, item) => sum + item.total, 0);
  return {
    classes,
    coveredLines,
    totalLines,
    percent: totalLines === 0 ? 0 : (coveredLines * 100) / totalLines,
    // Salesforce refuses to package or deploy to production a trigger with no covered line at all.
    uncoveredTriggers: classes
      .filter((item) => item.type === 'ApexTrigger' && item.total > 0 && item.covered === 0)
      .map((item) => item.name)
  };
}

export function formatPercent(value: number): string {
  return `${(Math.floor(value * 100) / 100).toFixed(2)}%`;
}

/**
 * The floor compares the exact ratio, not the rounded figure we print, so 74.996% never passes a 75% floor. No
 * coverage lines at all means coverage was not computed; that fails too rather than passing vacuously.
 */
export function checkCoverageFloor(summary: CoverageSummary, floor: number): ScriptError | undefined {
  if (summary.totalLines === 0) {
    return new ScriptError(
      'NoCoverage',
      'The test run returned no code coverage, so the coverage floor cannot be checked.',
      {
        remedy:
          'Make sure the org has Apex classes under test and run again; pass --coverage-floor 0 to accept a run without coverage.'
      }
    );
  }
  if (summary.coveredLines * 100 < floor * summary.totalLines) {
    const weakest = summary.classes
      .filter((item) => item.total > 0)
      .slice(0, 3)
      .map((item) => `${item.name} ${formatPercent(item.percent)}`);
    return new ScriptError(
      'CoverageBelowFloor',
      `Code coverage ${formatPercent(summary.percent)} (${summary.coveredLines}/${summary.totalLines} lines) is below the floor of ${floor}%.`,
      {
        remedy: `Add tests for the least covered classes: ${weakest.join(', ')}.`,
        data: { percent: summary.percent, floor }
      }
    );
  }
  return undefined;
}
