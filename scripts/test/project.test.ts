import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadProject } from '../lib/project.js';
import { ScriptError } from '../lib/errors.js';
import { makeProject, PROJECT_JSON } from './helpers.js';

async function failure(work: Promise<unknown>): Promise<ScriptError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof ScriptError, `expected ScriptError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

test('a JSON syntax error is reported as file:line:column', async () => {
  const dir = await makeProject({
    rawProjectJson: '{\n  "packageDirectories": [\n    { "path": "force-app", }\n  ]\n}\n'
  });
  const error = await failure(loadProject(dir));
  assert.equal(error.code, 'MalformedJson');
  assert.match(error.message, /^sfdx-project\.json:3:\d+: sfdx-project\.json is not valid JSON: /);
  assert.equal(error.exitCode, 2);
});

test('a schema violation names the key path and its line', async () => {
  const broken = { ...PROJECT_JSON, packageDirectories: [{ default: true, path: 42 }] };
  const dir = await makeProject({ projectJson: broken });
  const error = await failure(loadProject(dir));
  assert.equal(error.code, 'InvalidProject');
  assert.match(
    error.message,
    /^sfdx-project\.json:\d+: packageDirectories\[0\]\.path: expected string, received number$/
  );
});

test('a sourceApiVersion that is not an API version is rejected with its line', async () => {
  const dir = await makeProject({ projectJson: { ...PROJECT_JSON, sourceApiVersion: 'latest' } });
  const error = await failure(loadProject(dir));
  assert.match(error.message, /^sfdx-project\.json:\d+: sourceApiVersion must be an API version/);
  const line = Number(/:(\d+):/.exec(error.message)?.[1]);
  const text = JSON.stringify({ ...PROJECT_JSON, sourceApiVersion: 'latest' }, null, 2).split('\n');
  assert.match(text[line - 1] ?? '', /"sourceApiVersion"/);
});

test('a missing sfdx-project.json says where it looked and what to do', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'empty-'));
  const error = await failure(loadProject(dir));
  assert.equal(error.code, 'ProjectNotFound');
  assert.match(error.remedy ?? '', /--project-dir/);
});

test('a valid project yields its default directory, API version and aliases', async () => {
  const dir = await makeProject();
  const project = await loadProject(dir);
  assert.equal(project.sourceApiVersion, '64.0');
  assert.equal(project.defaultDirectory.path, 'force-app');
  assert.equal(project.defaultDirectory.ancestorVersion, 'HIGHEST');
  assert.deepEqual(project.packageAliases, {});
});

test('the repository sfdx-project.json itself passes validation', async () => {
  const project = await loadProject(path.resolve(import.meta.dirname, '../..'));
  assert.equal(project.namespace, '');
  assert.equal(project.defaultDirectory.package, 'BookingSync');
});
