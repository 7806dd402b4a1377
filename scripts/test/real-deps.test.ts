import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectForBuild } from '../lib/real-deps.js';
import { addPackageAliases } from '../lib/packaging.js';
import { loadLocalAuthStore } from '../lib/auth-store.js';
import { PROJECT_JSON, makeProject } from './helpers.js';

test('the build sees the resolved ancestor and the new alias while the file keeps HIGHEST', async () => {
  const dir = await makeProject();
  await addPackageAliases(path.join(dir, 'sfdx-project.json'), { BookingSync: '0Ho000000000001AAA' });
  const project = await projectForBuild(dir, 'BookingSync', 'NONE');
  const packageDir = project.getPackageDirectories()[0] as { ancestorVersion?: string; package?: string };
  assert.equal(packageDir.package, 'BookingSync');
  assert.equal(packageDir.ancestorVersion, 'NONE');
  assert.equal(project.getPackageIdFromAlias('BookingSync'), '0Ho000000000001AAA');
  const onDisk = JSON.parse(await readFile(path.join(dir, 'sfdx-project.json'), 'utf8')) as typeof PROJECT_JSON;
  assert.equal(onDisk.packageDirectories[0]?.ancestorVersion, 'HIGHEST');
});

test('an undefined ancestor removes the key for the build only', async () => {
  const dir = await makeProject();
  const project = await projectForBuild(dir, 'BookingSync', undefined);
  assert.equal('ancestorVersion' in project.getPackageDirectories()[0], false);
});

test('addPackageAliases changes only packageAliases', async () => {
  const dir = await makeProject();
  const file = path.join(dir, 'sfdx-project.json');
  await addPackageAliases(file, { 'BookingSync@0.1.0-1': '04t000000000001AAA' });
  const after = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  assert.deepEqual({ ...after, packageAliases: {} }, PROJECT_JSON);
  assert.deepEqual(after.packageAliases, { 'BookingSync@0.1.0-1': '04t000000000001AAA' });
});

test('the local auth store answers undefined for an alias and a username it does not know', async () => {
  const dir = await makeProject();
  const store = await loadLocalAuthStore(dir);
  assert.equal(store.usernameForAlias('surely-not-an-alias-xyz'), undefined);
  assert.equal(await store.read('nobody-xyz@example.invalid'), undefined);
});
