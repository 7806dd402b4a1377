/**
 * The data platform driven from Apex through the real interpreter: `DataPlatform_Tests.cls` in the fixture project
 * exercises SOQL, DML, describe, custom metadata, savepoints, limits and @TestSetup isolation. Each Apex test method
 * is one node test here, so a regression names the Apex behaviour that broke.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from '../../src/boot/project.js';
import { runTests } from '../../src/testing/runner.js';
import { FIXTURE } from './helpers.js';

const run = runTests(loadProject({ sources: FIXTURE }));

test('the fixture project has its Apex data-platform tests', () => {
  assert.ok(run.results.length >= 15, `found ${run.results.length} Apex tests`);
});

for (const r of run.results) {
  test(`Apex ${r.className}.${r.methodName}`, () => {
    assert.equal(r.outcome, 'pass', `${r.message ?? ''}\n${r.stack.join('\n')}`);
  });
}
