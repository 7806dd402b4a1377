import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadProject } from '../../src/boot/project.js';
import { runTests } from '../../src/testing/runner.js';

const FIX = path.resolve(import.meta.dirname, '../fixtures/events');

test('platform events in Apex tests: publish results, Test.stopTest() and Test.getEventBus() deliver()/fail()', () => {
  const run = runTests(loadProject({ sources: FIX }), { classes: ['Publisher_Tests'] });
  const failures = run.results.filter((r) => r.outcome === 'fail').map((r) => `${r.methodName}: ${r.message}`);
  assert.deepEqual(failures, []);
  assert.equal(run.passed, 11);
});
