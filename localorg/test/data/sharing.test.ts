/**
 * Record-level sharing and user mode driven from Apex: `Sharing_Tests.cls` in the sharing fixture runs as users of
 * the Standard User profile (System.runAs) with the fixture's permission sets, over a Private custom object, a
 * detail controlled by its master, a Lead made Private by the project's metadata and Events under the Activity
 * default. Each Apex test method is one node test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadProject } from '../../src/boot/project.js';
import { runTests } from '../../src/testing/runner.js';
import { FIXTURE } from './helpers.js';

const run = runTests(loadProject({ sources: path.join(path.dirname(FIXTURE), 'sharing') }));

test('the sharing fixture has its Apex tests', () => {
  assert.ok(run.results.length >= 12, `found ${run.results.length} Apex tests`);
});

for (const r of run.results) {
  test(`Apex ${r.className}.${r.methodName}`, () => {
    assert.equal(r.outcome, 'pass', `${r.message ?? ''}\n${r.stack.join('\n')}`);
  });
}
