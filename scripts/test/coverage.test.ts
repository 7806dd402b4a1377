import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCoverageFloor, formatPercent, summariseCoverage } from '../lib/coverage.js';

test('run coverage is covered lines over all lines, not an average of class percentages', () => {
  const summary = summariseCoverage([
    { name: 'Big', type: 'ApexClass', numLinesCovered: 90, numLinesUncovered: 10 },
    { name: 'Tiny', type: 'ApexClass', numLinesCovered: 0, numLinesUncovered: 2 }
  ]);
  assert.equal(summary.coveredLines, 90);
  assert.equal(summary.totalLines, 102);
  assert.equal(formatPercent(summary.percent), '88.23%');
  assert.deepEqual(
    summary.classes.map((item) => item.name),
    ['Tiny', 'Big'],
    'weakest first'
  );
});

test('the floor compares the exact ratio: 74.996% fails a 75% floor', () => {
  const summary = summariseCoverage([
    { name: 'A', type: 'ApexClass', numLinesCovered: 29_998, numLinesUncovered: 10_001 }
  ]);
  assert.equal(formatPercent(summary.percent), '74.99%');
  const problem = checkCoverageFloor(summary, 75);
  assert.equal(problem?.code, 'CoverageBelowFloor');
  assert.match(problem?.message ?? '', /is below the floor of 75%/);
  assert.match(problem?.remedy ?? '', /A 74\.99%/);
});

test('exactly at the floor passes', () => {
  const summary = summariseCoverage([{ name: 'A', type: 'ApexClass', numLinesCovered: 3, numLinesUncovered: 1 }]);
  assert.equal(checkCoverageFloor(summary, 75), undefined);
});

test('a run without coverage lines fails the floor instead of passing vacuously', () => {
  assert.equal(checkCoverageFloor(summariseCoverage([]), 75)?.code, 'NoCoverage');
});

test('triggers without a single covered line are flagged', () => {
  const summary = summariseCoverage([
    { name: 'EventTrigger', type: 'ApexTrigger', numLinesCovered: 0, numLinesUncovered: 1 },
    { name: 'Other', type: 'ApexTrigger', numLinesCovered: 1, numLinesUncovered: 0 }
  ]);
  assert.deepEqual(summary.uncoveredTriggers, ['EventTrigger']);
});
