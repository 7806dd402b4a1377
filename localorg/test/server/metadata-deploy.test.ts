/**
 * Metadata.Operations.enqueueDeployment through the real server and interpreter: the records appear after the
 * transaction commits (SOQL, getAll, getInstance), the callback runs afterwards with the DeployResult, a failing
 * component deploys nothing, a rolled-back transaction deploys nothing, and with --data the records survive a restart.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { spawnServe, waitExit, type ChildServer } from './child-server.js';
import { call, here, TOKEN } from './helpers.js';

const FIXTURE = path.join(here, 'fixtures', 'metadata');

interface Log {
  Name: string;
  JobId__c: string;
  Status__c: string;
  Problems__c?: string;
  CallbackJobId__c?: string;
}
interface Shown {
  soql: { MasterLabel: string; Color__c: string; Size__c: number } | null;
  getAll: { MasterLabel: string; Color__c: string } | null;
  getInstance: { MasterLabel: string; Size__c: number } | null;
  count: number;
  logs: Log[];
}

async function show(server: ChildServer, name: string): Promise<Shown> {
  const r = await call(server.url, `/services/apexrest/settings/${name}`);
  assert.equal(r.status, 200, r.text);
  return r.json as Shown;
}

/** The callback runs after the request is answered: poll until its log row is there. */
async function resultOf(server: ChildServer, name: string, jobId: string): Promise<{ shown: Shown; log: Log }> {
  for (let i = 0; i < 100; i++) {
    const shown = await show(server, name);
    const log = shown.logs.find((l) => l.Name === 'result' && l.JobId__c === jobId);
    if (log) return { shown, log };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no callback for ${jobId}`);
}

test('enqueueDeployment applies records after commit, calls back, fails whole, and survives a restart', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-mdt-'));
  const args = ['--source', FIXTURE, '--port', '0', '--token', TOKEN, '--data', dataDir];
  const first = await spawnServe(args);
  try {
    const deployed = await call(first.url, '/services/apexrest/settings', {
      method: 'POST',
      body: { name: 'Fresh', label: 'Fresh one', color: 'Blue', size: 7 }
    });
    assert.equal(deployed.status, 200, deployed.text);
    const jobId = deployed.json as string;
    assert.match(jobId, /^0Af/);

    const { shown, log } = await resultOf(first, 'Fresh', jobId);
    assert.equal(log.Status__c, 'Succeeded done 1/1');
    assert.match(log.CallbackJobId__c ?? '', /^707/);
    assert.equal(shown.soql?.MasterLabel, 'Fresh one');
    assert.equal(shown.soql?.Color__c, 'Blue');
    assert.equal(shown.soql?.Size__c, 7);
    assert.equal(shown.getAll?.Color__c, 'Blue');
    assert.equal(shown.getInstance?.Size__c, 7);
    assert.equal(shown.count, 2, 'the shipped record and the new one');

    // Updating the shipped record keeps one record under its name.
    const update = await call(first.url, '/services/apexrest/settings', {
      method: 'POST',
      body: { name: 'Shipped', label: 'Shipped', color: 'Blue', size: '3' }
    });
    const updated = await resultOf(first, 'Shipped', update.json as string);
    assert.equal(updated.log.Status__c, 'Succeeded done 1/1');
    assert.equal(updated.shown.getInstance?.Size__c, 3);
    assert.equal(updated.shown.count, 2);

    const bad = await call(first.url, '/services/apexrest/settings', {
      method: 'POST',
      body: { name: 'Bad', label: 'Bad', color: 'Green', size: 1 }
    });
    const failed = await resultOf(first, 'Bad', bad.json as string);
    assert.equal(failed.log.Status__c, 'Failed done 0/1');
    assert.equal(failed.log.Problems__c, 'Setting.Bad: Color__c: bad value for restricted picklist field: Green.');
    assert.equal(failed.shown.soql, null, 'nothing applied');

    const badName = await call(first.url, '/services/apexrest/settings', {
      method: 'POST',
      body: { name: 'Two__Underscores', label: 'x', color: 'Red', size: 1 }
    });
    const refused = await resultOf(first, 'Two__Underscores', badName.json as string);
    assert.match(refused.log.Problems__c ?? '', /must start with a letter/);

    const rolledBack = await call(first.url, '/services/apexrest/settings', {
      method: 'POST',
      body: { name: 'Never', label: 'Never', color: 'Red', size: 1, rollBack: true }
    });
    assert.equal(rolledBack.status, 500);
    await new Promise((r) => setTimeout(r, 300));
    const after = await show(first, 'Never');
    assert.equal(after.soql, null, 'a rolled-back transaction deploys nothing');
    assert.equal(after.logs.filter((l) => l.Name === 'result').length, 4, 'and calls nothing back');
  } finally {
    first.child.kill('SIGTERM');
    await waitExit(first.child);
  }

  const second = await spawnServe(args);
  try {
    const shown = await show(second, 'Fresh');
    assert.equal(shown.getInstance?.MasterLabel, 'Fresh one', 'the deployed record survives a restart');
    assert.equal((await show(second, 'Shipped')).getInstance?.Size__c, 3, 'so does the update');
    assert.equal(shown.count, 2);
  } finally {
    second.child.kill('SIGTERM');
    await waitExit(second.child);
  }
});

test('Apex tests cannot deploy, and call their callback directly', async () => {
  const { spawnSync } = await import('node:child_process');
  const { CLI } = await import('./child-server.js');
  const run = spawnSync(process.execPath, [CLI, 'test', '--source', FIXTURE], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /2 passed, 0 failed/);
});
