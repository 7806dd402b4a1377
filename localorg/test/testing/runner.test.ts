import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadProject } from '../../src/boot/project.js';
import { runTests } from '../../src/testing/runner.js';

const FIX = path.resolve(import.meta.dirname, '../fixtures/lang');

test('@TestSetup data is visible to each method and changes do not leak between methods', () => {
  const run = runTests(loadProject({ sources: path.join(FIX, 'passing') }));
  const byName = Object.fromEntries(run.results.map((r) => [r.methodName, r]));
  assert.equal(byName['it_sees_the_setup_record_and_its_own_insert'].outcome, 'pass');
  assert.equal(
    byName['it_starts_from_the_setup_snapshot_with_fresh_statics'].outcome,
    'pass',
    byName['it_starts_from_the_setup_snapshot_with_fresh_statics'].message ?? ''
  );
});

test('triggers see Trigger.new and before-insert changes are saved', () => {
  const run = runTests(loadProject({ sources: path.join(FIX, 'passing') }), { classes: ['Counter_Tests'] });
  const r = run.results.find((x) => x.methodName === 'it_runs_triggers_with_their_context')!;
  assert.equal(r.outcome, 'pass', r.message ?? '');
});

test('a failing test carries the exception line and Apex stack, innermost first', () => {
  const run = runTests(loadProject({ sources: path.join(FIX, 'failing') }));
  const r = run.results.find((x) => x.methodName === 'it_throws')!;
  assert.equal(r.outcome, 'fail');
  assert.equal(r.message, 'System.NullPointerException: Attempt to de-reference a null object');
  assert.match(r.stack[0], /^Class\.Broken_Tests\.helper: line 21/);
  assert.match(r.stack[1], /^Class\.Broken_Tests\.it_throws: line 16/);
  assert.deepEqual([run.passed, run.failed], [1, 2]);
});

test('coverage counts executed statement lines of non-test classes and triggers', () => {
  const run = runTests(loadProject({ sources: path.join(FIX, 'passing') }), { coverage: true });
  const counter = run.coverage!.entries.find((e) => e.name === 'Counter')!;
  assert.deepEqual(counter.uncoveredLines, [11, 12, 14]);
  assert.equal(
    run.coverage!.entries.some((e) => e.name === 'Counter_Tests'),
    false
  );
});
