import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { apexJsonCounts, jestCounts, junitCounts, nodeTestCounts } from '../lib/counts.js';

function withFile(name: string, content: string, use: (file: string) => void): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gates-counts-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('node:test JUnit counts skipped and todo tests as failed', () => {
  const xml = `<testsuites>
  <testcase name="a"/>
  <!-- tests 5 -->
  <!-- suites 0 -->
  <!-- pass 2 -->
  <!-- fail 1 -->
  <!-- cancelled 0 -->
  <!-- skipped 1 -->
  <!-- todo 1 -->
</testsuites>`;
  withFile('x.xml', xml, (file) => {
    const counts = nodeTestCounts(file);
    assert.equal(counts?.passed, 2);
    assert.equal(counts?.failed, 3);
  });
});

test('a missing report gives no counts rather than zero tests', () => {
  assert.equal(nodeTestCounts('/nonexistent/report.xml'), null);
  assert.equal(jestCounts('/nonexistent/jest.json'), null);
  assert.equal(apexJsonCounts('/nonexistent/apex.json'), null);
});

test('Apex JSON counts read the sf-style summary and its coverage', () => {
  const json = JSON.stringify({
    summary: { outcome: 'Failed', passing: 40, failing: 2, skipped: 0, testRunCoverage: '91%' }
  });
  withFile('apex.json', json, (file) => {
    assert.deepEqual(apexJsonCounts(file), { passed: 40, failed: 2, detail: '42 Apex tests, coverage 91%' });
  });
});

test('generic JUnit counts failures, errors and skips as failed', () => {
  const xml = `<?xml version="1.0"?><testsuites><testsuite name="s">
    <testcase name="ok"/><testcase name="f"><failure message="x"/></testcase>
    <testcase name="e"><error message="y"/></testcase><testcase name="s"><skipped/></testcase>
  </testsuite></testsuites>`;
  withFile('apex-junit.xml', xml, (file) => {
    const counts = junitCounts(file);
    assert.equal(counts?.passed, 1);
    assert.equal(counts?.failed, 3);
  });
});

test('Jest counts include suites that failed to run', () => {
  const json = JSON.stringify({
    numPassedTests: 5,
    numFailedTests: 0,
    numPendingTests: 1,
    numTodoTests: 0,
    numRuntimeErrorTestSuites: 1,
    numTotalTests: 6,
    numTotalTestSuites: 3
  });
  withFile('jest.json', json, (file) => {
    const counts = jestCounts(file);
    assert.equal(counts?.passed, 5);
    assert.equal(counts?.failed, 2);
  });
});

test("Apex JSON counts read localorg's summary and its line coverage", () => {
  const json = JSON.stringify({
    summary: { passed: 164, failed: 1, total: 165 },
    coverage: { covered: 1282, total: 1309, percent: 97.9 }
  });
  withFile('apex.json', json, (file) => {
    assert.deepEqual(apexJsonCounts(file), { passed: 164, failed: 1, detail: '165 Apex tests, coverage 97.9%' });
  });
});
