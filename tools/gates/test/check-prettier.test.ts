import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectFrom, runGate } from './helpers.js';

test('prettier gate passes a formatted project', () => {
  const project = projectFrom('clean');
  try {
    const run = runGate('check-prettier.ts', project.root);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /prettier: \d+ files checked \(1 Apex, 1 XML, .*\), 0 not formatted/);
  } finally {
    project.dispose();
  }
});

test('an Apex syntax error fails the prettier gate with file:line:column', () => {
  const project = projectFrom('apex-syntax-error');
  try {
    const run = runGate('check-prettier.ts', project.root);
    assert.equal(run.status, 1, run.output);
    assert.match(
      run.output,
      /^force-app\/main\/default\/classes\/Broken\.cls:11:20 Apex syntax error: Unexpected token ';'$/m
    );
    assert.doesNotMatch(run.output, /\n\s+at /, 'no JavaScript stack trace');
  } finally {
    project.dispose();
  }
});

test('an unformatted Apex class fails the prettier gate at its first differing line', () => {
  const project = projectFrom('clean');
  try {
    const file = path.join(project.root, 'force-app/main/default/classes/Greeter.cls');
    writeFileSync(
      file,
      'public with sharing class Greeter {\n  public static String greet(String name) { return name; }\n}\n'
    );
    const run = runGate('check-prettier.ts', project.root);
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /^force-app\/main\/default\/classes\/Greeter\.cls:2:1 not formatted/m);
  } finally {
    project.dispose();
  }
});

test('malformed metadata XML fails the prettier gate with its position', () => {
  const project = projectFrom('clean');
  try {
    const file = path.join(project.root, 'force-app/main/default/classes/Greeter.cls-meta.xml');
    writeFileSync(file, '<?xml version="1.0" encoding="UTF-8" ?>\n<ApexClass>\n    <apiVersion>68.0</apiVersion>\n');
    const run = runGate('check-prettier.ts', project.root);
    assert.equal(run.status, 1, run.output);
    assert.match(
      run.output,
      /^force-app\/main\/default\/classes\/Greeter\.cls-meta\.xml:2:1 XML syntax error: Unclosed tag .ApexClass./m
    );
  } finally {
    project.dispose();
  }
});
