import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { selectSteps } from '../run-all.js';
import { projectFrom, runAll } from './helpers.js';

const lastLine = (output: string): string => output.trimEnd().split('\n').at(-1) ?? '';

test('--only and --skip select steps in their fixed order', () => {
  assert.deepEqual(
    selectSteps(['pmd,prettier'], []).map((s) => s.name),
    ['prettier', 'pmd']
  );
  const all = selectSteps([], []).map((s) => s.name);
  assert.deepEqual(
    selectSteps([], ['eslint', 'pmd']).map((s) => s.name),
    all.filter((n) => n !== 'eslint' && n !== 'pmd')
  );
});

test('an unknown step name is a usage error listing the valid names', () => {
  assert.throws(
    () => selectSteps(['lint'], []),
    /unknown step 'lint'; steps are: lockfile, lwc-build, typecheck, eslint/
  );
});

test('npm test fails on an Apex syntax error and names file and line', () => {
  const project = projectFrom('apex-syntax-error');
  try {
    const run = runAll(project.root, ['--only', 'prettier']);
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /force-app\/main\/default\/classes\/Broken\.cls:11:20 Apex syntax error/);
    assert.equal(lastLine(run.output), '0 passed, 1 failed');
  } finally {
    project.dispose();
  }
});

test('npm test fails on an unresolvable metadata file and names it', () => {
  const project = projectFrom('unresolvable-metadata');
  try {
    const run = runAll(project.root, ['--only', 'metadata']);
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /force-app\/main\/default\/widgets\/Spinner\.widget-meta\.xml:1:1 Could not infer/);
    assert.equal(lastLine(run.output), '0 passed, 1 failed');
  } finally {
    project.dispose();
  }
});

test('npm test fails on a PMD security violation, names file and line, and writes both reports', () => {
  const project = projectFrom('pmd-security');
  try {
    const run = runAll(project.root, ['--only', 'pmd']);
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /force-app\/main\/default\/classes\/AccountSearch\.cls:11:\d+ ApexSOQLInjection/);
    assert.equal(lastLine(run.output), '0 passed, 1 failed');
    const json = JSON.parse(readFileSync(path.join(project.root, 'reports/gates.json'), 'utf8')) as {
      passed: number;
      failed: number;
      steps: { name: string; status: string }[];
    };
    assert.deepEqual([json.passed, json.failed], [0, 1]);
    assert.deepEqual(
      json.steps.map((s) => [s.name, s.status]),
      [['pmd', 'failed']]
    );
    const junit = readFileSync(path.join(project.root, 'reports/gates-junit.xml'), 'utf8');
    assert.match(junit, /<testsuite name="pmd" tests="1" failures="1"/);
  } finally {
    project.dispose();
  }
});

test('npm test passes a clean project and reports suites without files as none yet', () => {
  const project = projectFrom('clean');
  try {
    const run = runAll(project.root, ['--only', 'prettier,metadata,apex-tests,lwc-jest']);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /^apex-tests\s+suite\s+none yet\s+0\s+0/m);
    assert.match(run.output, /^lwc-jest\s+suite\s+none yet\s+0\s+0/m);
    assert.equal(lastLine(run.output), '2 passed, 0 failed');
    assert.ok(existsSync(path.join(project.root, 'reports/gates-junit.xml')));
  } finally {
    project.dispose();
  }
});
