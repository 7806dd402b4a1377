/* eslint-disable @typescript-eslint/require-await -- fakes implement the async service interfaces without awaiting anything */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { orgTest } from '../lib/commands/org-test.js';
import type { TestRunRequest } from '../lib/apex-tests.js';
import { captureIo, fakeDeps, fakeStore, hubAndScratchStore, makeProject, testResult, type Calls } from './helpers.js';
import type { TestResult } from '@salesforce/apex-node';

function runnerReturning(result: TestResult, calls: Calls, seen?: { request?: TestRunRequest }) {
  return {
    run: async (_connection: unknown, request: TestRunRequest, onProgress: (message: string) => void) => {
      calls.push(`run ${request.testLevel}`);
      if (seen) seen.request = request;
      onProgress('Processing test run 707000000000001AAA');
      return { kind: 'finished' as const, result };
    }
  };
}

const passing = testResult({
  tests: [
    { cls: 'BookingService_Tests', method: 'it_creates_an_event', outcome: 'Pass', ms: 40 },
    { cls: 'BookingService_Tests', method: 'it_ignores_duplicates', outcome: 'Pass', ms: 25 },
    { cls: 'PeopleResolver_Tests', method: 'it_matches_by_email', outcome: 'Pass', ms: 12 }
  ],
  coverage: [
    { name: 'BookingService', covered: 80, uncovered: 10 },
    { name: 'PeopleResolver', covered: 18, uncovered: 2 }
  ]
});

test('a passing run prints per-class results and coverage and writes JUnit and JSON', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const io = captureIo(dir);
  const code = await orgTest(
    [],
    io,
    fakeDeps(hubAndScratchStore(), calls, { testRunner: runnerReturning(passing, calls) })
  );
  assert.equal(code, 0, io.err());
  assert.deepEqual(calls, ['connect test-abc@example.com', 'run RunLocalTests']);
  assert.match(io.out(), /Apex tests: Passed \(3 passed, 0 failed, 0 skipped\)/);
  assert.match(io.out(), /BookingService_Tests +2 +0 +0 +65/);
  assert.match(io.out(), /PeopleResolver_Tests +1 +0 +0 +12/);
  assert.match(io.out(), /Coverage 89\.09% of 110 lines \(floor 75%\)/);
  assert.match(io.out(), /BookingService +80\/90 +88\.88%/);
  const junit = await readFile(path.join(dir, 'test-results/apex/junit.xml'), 'utf8');
  assert.match(junit, /<testcase name="it_creates_an_event" classname="BookingService_Tests"/);
  const json = JSON.parse(await readFile(path.join(dir, 'test-results/apex/test-result.json'), 'utf8')) as {
    coverage: { percent: number; floor: number };
    classes: unknown[];
  };
  assert.equal(json.coverage.floor, 75);
  assert.equal(Math.round(json.coverage.percent * 100) / 100, 89.09);
  assert.equal(json.classes.length, 2);
});

test('failing tests exit 1 naming the first failure with its message and line, after writing the reports', async () => {
  const dir = await makeProject();
  const result = testResult({
    tests: [
      { cls: 'BookingService_Tests', method: 'it_creates_an_event', outcome: 'Pass' },
      {
        cls: 'BookingService_Tests',
        method: 'it_marks_stale_changes',
        outcome: 'Fail',
        message: 'System.AssertException: Assertion Failed: Expected: stale, Actual: updated',
        stack: 'Class.BookingService_Tests.it_marks_stale_changes: line 42, column 1\nExternal entry point'
      }
    ],
    coverage: [{ name: 'BookingService', covered: 90, uncovered: 10 }]
  });
  const io = captureIo(dir);
  const code = await orgTest(
    ['--target-org', 'bksync-scratch'],
    io,
    fakeDeps(hubAndScratchStore(), [], { testRunner: runnerReturning(result, []) })
  );
  assert.equal(code, 1);
  assert.match(io.out(), /Failures\nTest +Message +At/);
  assert.match(
    io.err(),
    /^Error \(TestsFailed\): 1 of 2 Apex tests failed; first: BookingService_Tests\.it_marks_stale_changes: System\.AssertException: Assertion Failed: Expected: stale, Actual: updated \(Class\.BookingService_Tests\.it_marks_stale_changes: line 42, column 1\)$/m
  );
  const junit = await readFile(path.join(dir, 'test-results/apex/junit.xml'), 'utf8');
  assert.match(junit, /<failure message="System\.AssertException/);
});

test('coverage under the floor exits 1 even when every test passes', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  const code = await orgTest(
    ['--coverage-floor', '90', '--json'],
    io,
    fakeDeps(hubAndScratchStore(), [], { testRunner: runnerReturning(passing, []) })
  );
  assert.equal(code, 1);
  const body = JSON.parse(io.out()) as { name: string; message: string };
  assert.equal(body.name, 'CoverageBelowFloor');
  assert.equal(body.message, 'Code coverage 89.09% (98/110 lines) is below the floor of 90%.');
});

test('a floor of 0 accepts the same run', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  assert.equal(
    await orgTest(
      ['--coverage-floor', '0'],
      io,
      fakeDeps(hubAndScratchStore(), [], { testRunner: runnerReturning(passing, []) })
    ),
    0
  );
});

test('a coverage floor above 100 is a usage error', async () => {
  const io = captureIo('/tmp');
  assert.equal(await orgTest(['--coverage-floor', '101'], io, fakeDeps(fakeStore({}), [])), 2);
  assert.match(io.err(), /Expected a percentage from 0 to 100/);
});

test('RunSpecifiedTests passes the class names and requires some', async () => {
  const dir = await makeProject();
  const seen: { request?: TestRunRequest } = {};
  const io = captureIo(dir);
  const args = ['--test-level', 'RunSpecifiedTests', '--class-names', 'BookingService_Tests,PeopleResolver_Tests'];
  assert.equal(
    await orgTest(args, io, fakeDeps(hubAndScratchStore(), [], { testRunner: runnerReturning(passing, [], seen) })),
    0
  );
  assert.deepEqual(seen.request?.classNames, ['BookingService_Tests', 'PeopleResolver_Tests']);

  const io2 = captureIo(dir);
  assert.equal(await orgTest(['--test-level', 'RunSpecifiedTests'], io2, fakeDeps(hubAndScratchStore(), [])), 2);
  assert.match(io2.err(), /RunSpecifiedTests needs --class-names or --suite-names/);
});

test('class names without RunSpecifiedTests are refused rather than silently ignored', async () => {
  const io = captureIo('/tmp');
  assert.equal(await orgTest(['--class-names', 'A_Tests'], io, fakeDeps(fakeStore({}), [])), 2);
  assert.match(io.err(), /only apply with --test-level RunSpecifiedTests/);
});

test('a run still going when the wait ends says how to fetch it later', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  const runner = { run: async () => ({ kind: 'pending' as const, testRunId: '707000000000009AAA' }) };
  assert.equal(await orgTest(['--wait', '1'], io, fakeDeps(hubAndScratchStore(), [], { testRunner: runner })), 1);
  assert.match(io.err(), /Test run 707000000000009AAA was still running after 1 minutes/);
  assert.match(io.err(), /sf apex get test --test-run-id 707000000000009AAA --target-org bksync-scratch/);
});

test('--dry-run lists the local test classes (not @IsTest factories) and the plan, offline', async () => {
  const dir = await makeProject();
  const classes = path.join(dir, 'force-app/tests/lifecycle');
  await writeFile(
    path.join(classes, 'TestFactory.cls'),
    '@IsTest\npublic class TestFactory {\n    // @IsTest in a comment does not count\n    public static Account account() { return new Account(); }\n}\n'
  );
  await writeFile(
    path.join(classes, 'TestFactory.cls-meta.xml'),
    await readFile(path.join(classes, 'BookingService_Tests.cls-meta.xml'), 'utf8')
  );
  await writeFile(
    path.join(classes, 'Old_Tests.cls'),
    '@isTest\nprivate class Old_Tests {\n    static testMethod void works() {}\n}\n'
  );
  await writeFile(
    path.join(classes, 'Old_Tests.cls-meta.xml'),
    await readFile(path.join(classes, 'BookingService_Tests.cls-meta.xml'), 'utf8')
  );
  const calls: Calls = [];
  const io = captureIo(dir);
  assert.equal(await orgTest(['--dry-run', '--json'], io, fakeDeps(fakeStore({}), calls)), 0);
  const body = JSON.parse(io.out()) as {
    result: { localTestClasses: string[]; testLevel: string; coverageFloor: number };
  };
  assert.deepEqual(body.result.localTestClasses, ['BookingService_Tests', 'Old_Tests']);
  assert.equal(body.result.testLevel, 'RunLocalTests');
  assert.equal(body.result.coverageFloor, 75);
  assert.deepEqual(calls, []);
});

test('without a default org the script fails fast and says how to get one', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  assert.equal(await orgTest([], io, fakeDeps(fakeStore({}), [])), 2);
  assert.match(io.err(), /No target org/);
});
