import assert from 'node:assert/strict';
import { test } from 'node:test';
import { projectFrom, runGate } from './helpers.js';

test('PMD gate passes secure, documented Apex', () => {
  const project = projectFrom('clean');
  try {
    const run = runGate('check-pmd.ts', project.root);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /pmd: 1 Apex files, \d+ rules, 0 violations, 0 processing errors/);
  } finally {
    project.dispose();
  }
});

test('a SOQL injection fails the PMD gate with file:line and the rule', () => {
  const project = projectFrom('pmd-security');
  try {
    const run = runGate('check-pmd.ts', project.root);
    assert.equal(run.status, 1, run.output);
    assert.match(
      run.output,
      /^force-app\/main\/default\/classes\/AccountSearch\.cls:11:\d+ ApexSOQLInjection \(Security, High\) /m
    );
  } finally {
    project.dispose();
  }
});

test('Apex that PMD cannot parse fails the PMD gate with file:line', () => {
  const project = projectFrom('apex-syntax-error');
  try {
    const run = runGate('check-pmd.ts', project.root);
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /^force-app\/main\/default\/classes\/Broken\.cls:11:\d+ PMD could not process the file/m);
  } finally {
    project.dispose();
  }
});
