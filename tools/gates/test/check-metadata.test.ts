import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectFrom, runGate } from './helpers.js';

const CLASSES = 'force-app/main/default/classes';

test('metadata gate converts a well-formed project', () => {
  const project = projectFrom('clean');
  try {
    const run = runGate('check-metadata.ts', project.root);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /metadata: 2 files, 1 components of 1 types converted, 0 problems/);
  } finally {
    project.dispose();
  }
});

test('a file with no metadata type fails the metadata gate, naming the file', () => {
  const project = projectFrom('unresolvable-metadata');
  try {
    const run = runGate('check-metadata.ts', project.root);
    assert.equal(run.status, 1, run.output);
    assert.match(
      run.output,
      /^force-app\/main\/default\/widgets\/Spinner\.widget-meta\.xml:1:1 Could not infer a metadata type/m
    );
    assert.doesNotMatch(run.output, /\n\s+at /, 'no JavaScript stack trace');
  } finally {
    project.dispose();
  }
});

test('an Apex class without its -meta.xml fails the metadata gate instead of being dropped silently', () => {
  const project = projectFrom('clean');
  try {
    copyFileSync(path.join(project.root, CLASSES, 'Greeter.cls'), path.join(project.root, CLASSES, 'Orphan.cls'));
    const run = runGate('check-metadata.ts', project.root);
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /^force-app\/main\/default\/classes\/Orphan\.cls:1:1 not part of any metadata component/m);
  } finally {
    project.dispose();
  }
});

test('malformed metadata XML fails the metadata gate with line and column', () => {
  const project = projectFrom('clean');
  try {
    writeFileSync(
      path.join(project.root, CLASSES, 'Greeter.cls-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8" ?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>68.0</apiVersio>\n</ApexClass>\n'
    );
    const run = runGate('check-metadata.ts', project.root);
    assert.equal(run.status, 1, run.output);
    assert.match(
      run.output,
      /^force-app\/main\/default\/classes\/Greeter\.cls-meta\.xml:3:\d+ XML is not well formed/m
    );
  } finally {
    project.dispose();
  }
});

test('a -meta.xml whose root element contradicts its file name fails the metadata gate', () => {
  const project = projectFrom('clean');
  try {
    writeFileSync(
      path.join(project.root, CLASSES, 'Greeter.cls-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8" ?>\n<ApexTrigger xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>68.0</apiVersion>\n</ApexTrigger>\n'
    );
    const run = runGate('check-metadata.ts', project.root);
    assert.equal(run.status, 1, run.output);
    assert.match(
      run.output,
      /^force-app\/main\/default\/classes\/Greeter\.cls-meta\.xml:2:1 root element <ApexTrigger> but the file name makes it ApexClass Greeter/m
    );
  } finally {
    project.dispose();
  }
});

test('files matched by .forceignore are not metadata problems', () => {
  const project = projectFrom('clean');
  try {
    writeFileSync(path.join(project.root, 'force-app/main/default/classes/helper.ts'), 'export const x = 1;\n');
    const run = runGate('check-metadata.ts', project.root);
    assert.equal(run.status, 0, run.output);
  } finally {
    project.dispose();
  }
});
