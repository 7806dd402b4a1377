import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { orgCreate } from '../lib/commands/org-create.js';
import { orgDeploy } from '../lib/commands/org-deploy.js';
import { orgTest } from '../lib/commands/org-test.js';
import { orgDelete } from '../lib/commands/org-delete.js';
import { captureIo, fakeDeps, hubAndScratchStore, makeProject } from './helpers.js';
import type { ScriptIo } from '../lib/cli.js';
import type { Deps } from '../lib/services.js';

type Step = { name?: string; run?: string; if?: string; uses?: string; env?: Record<string, string> };
type Workflow = { on: Record<string, unknown>; jobs: Record<string, { if?: string; needs?: string; steps: Step[] }> };

const root = path.resolve(import.meta.dirname, '../..');
const workflow = parse(await readFile(path.join(root, '.github/workflows/org-ci.yml'), 'utf8')) as Workflow;
const orgJob = workflow.jobs['scratch-org'];

test('the org job runs on push only when the Dev Hub secret exists, and the check job says so otherwise', () => {
  assert.ok('push' in workflow.on);
  assert.equal(orgJob.needs, 'devhub');
  assert.equal(orgJob.if, "needs.devhub.outputs.available == 'true'");
  const check = workflow.jobs.devhub.steps[0];
  assert.equal(check.env?.SFDX_AUTH_URL, '${{ secrets.SFDX_AUTH_URL }}');
  assert.match(check.run ?? '', /::notice title=org-ci skipped::No SFDX_AUTH_URL secret/);
});

test('the org job creates, deploys, tests, uploads JUnit and always deletes, in that order', () => {
  const runs = orgJob.steps.map((step) => step.run ?? step.uses ?? '');
  const index = (pattern: RegExp): number => runs.findIndex((run) => pattern.test(run));
  const order = [
    /org:create/,
    /org:deploy -- --target-org/,
    /org:test -- --target-org/,
    /upload-artifact/,
    /org:delete/
  ].map(index);
  assert.ok(
    order.every((at) => at >= 0),
    `missing step: ${JSON.stringify(order)}`
  );
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order
  );
  const upload = orgJob.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
  const remove = orgJob.steps.find((step) => step.run?.includes('org:delete'));
  assert.equal(upload?.if, 'always()');
  assert.equal(remove?.if, 'always()');
});

const scripts: Record<string, (argv: readonly string[], io: ScriptIo, deps: Deps) => Promise<number>> = {
  'org:create': orgCreate,
  'org:deploy': orgDeploy,
  'org:test': orgTest,
  'org:delete': orgDelete
};

test('every script invocation in the workflow uses flags the scripts accept', async () => {
  const dir = await makeProject();
  const invocations = orgJob.steps
    .flatMap((step) => (step.run ?? '').split('\n'))
    .map((line) => /npm run ([a-z:]+)(?: -- (.*))?$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null);
  assert.ok(invocations.length >= 6);
  for (const [, name, rest] of invocations) {
    const main = scripts[name];
    assert.ok(main, `workflow calls an unknown script ${name}`);
    // Shell words: "double-quoted strings" stay one argument, as bash passes them.
    const args = [...(rest ?? '').matchAll(/"([^"]*)"|(\S+)/g)].map((word) =>
      (word[1] ?? word[2] ?? '').replace('$ORG_ALIAS', 'bksync-scratch')
    );
    const withDryRun = args.includes('--dry-run') ? args : [...args, '--dry-run'];
    const io = captureIo(dir);
    const code = await main(
      withDryRun.map((arg) => (arg === 'devhub' ? 'devhub' : arg)),
      io,
      fakeDeps(hubAndScratchStore(), [])
    );
    assert.equal(code, 0, `${name} ${withDryRun.join(' ')} → ${io.err()}`);
  }
});
