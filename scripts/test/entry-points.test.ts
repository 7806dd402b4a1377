import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeProject } from './helpers.js';

/*
 * These run the real entry points in a child process against the real @salesforce/core state files, in a throwaway
 * HOME: they prove the "fails fast offline, one line, right exit code" promise without stubs.
 */
const root = path.resolve(import.meta.dirname, '../..');
// Resolved here, because the child's cwd is often a fixture project without node_modules.
const tsxLoader = import.meta.resolve('tsx');

type Run = { code: number; stdout: string; stderr: string; ms: number };

function runEntry(script: string, args: string[], home: string, cwd = root): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, SF_DISABLE_TELEMETRY: 'true', SFDX_AUTH_URL: '' };
    delete env.SFDX_AUTH_URL;
    const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'scripts', script), ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
  });
}

async function fakeHome(
  orgs: { alias: string; fields: Record<string, unknown> }[],
  config: Record<string, string> = {}
): Promise<string> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'sf-home-'));
  await mkdir(path.join(home, '.sfdx'), { recursive: true });
  await mkdir(path.join(home, '.sf'), { recursive: true });
  const aliases: Record<string, string> = {};
  for (const org of orgs) {
    const username = String(org.fields.username);
    aliases[org.alias] = username;
    await writeFile(path.join(home, '.sfdx', `${username}.json`), JSON.stringify(org.fields));
  }
  await writeFile(path.join(home, '.sfdx', 'alias.json'), JSON.stringify({ orgs: aliases }));
  await writeFile(path.join(home, '.sf', 'config.json'), JSON.stringify(config));
  return home;
}

test('every entry point answers --help with exit 0', async () => {
  const home = await fakeHome([]);
  const scripts = ['org-create.ts', 'org-deploy.ts', 'org-test.ts', 'package-version.ts', 'org-delete.ts'];
  const runs = await Promise.all(scripts.map((script) => runEntry(script, ['--help'], home)));
  runs.forEach((run, i) => {
    assert.equal(run.code, 0, `${scripts[i]}: ${run.stderr}`);
    assert.match(run.stdout, /Usage: (org|package):[a-z]+ \[options\]/);
    assert.match(run.stdout, /--dry-run/);
    assert.match(run.stdout, /--json/);
  });
});

test('with no authorisation at all, org:create exits 2 with the login command, not a timeout', async () => {
  const home = await fakeHome([]);
  const run = await runEntry('org-create.ts', [], home);
  assert.equal(run.code, 2, run.stderr);
  // The error kind proves the fast path: a hang would end as Timeout. Wall-clock bounds flake on a loaded machine.
  assert.match(run.stderr, /^Error \(NoDevHub\): No Dev Hub is authorised on this machine/);
  assert.match(run.stderr, /sf org login web --set-default-dev-hub/);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});

test('an org whose host does not resolve fails as Offline, not as a DNS hang', async () => {
  const home = await fakeHome(
    [
      {
        alias: 'hub',
        fields: {
          username: 'hub@example.com',
          instanceUrl: 'https://bksync-hub.invalid',
          orgId: '00D000000000001AAA',
          isDevHub: true
        }
      }
    ],
    { 'target-dev-hub': 'hub' }
  );
  const dir = await makeProject();
  const run = await runEntry('package-version.ts', ['--installation-key-bypass'], home, dir);
  assert.equal(run.code, 1, run.stderr);
  // Offline (not Timeout) proves the DNS check answered before the auth timeout.
  assert.match(run.stderr, /Error \(Offline\): Cannot reach hub: bksync-hub\.invalid does not resolve/);
});

test('org:delete reads the real auth file and refuses a non-scratch org', async () => {
  const home = await fakeHome([
    {
      alias: 'prod',
      fields: { username: 'admin@example.com', instanceUrl: 'https://x.invalid', orgId: '00D000000000003AAA' }
    }
  ]);
  const run = await runEntry('org-delete.ts', ['--target-org', 'prod', '--json'], home);
  assert.equal(run.code, 2, run.stderr);
  const body = JSON.parse(run.stdout) as { name: string };
  assert.equal(body.name, 'NotAScratchOrg');
});

test('org:deploy --dry-run works offline on a real project through the entry point', async () => {
  const home = await fakeHome([]);
  const dir = await makeProject();
  const run = await runEntry('org-deploy.ts', ['--dry-run', '--json'], home, dir);
  assert.equal(run.code, 0, run.stderr);
  const body = JSON.parse(run.stdout) as { result: { apiVersion: string; components: unknown[] } };
  assert.equal(body.result.apiVersion, '64.0');
  assert.equal(body.result.components.length, 3);
});

test('a malformed sfdx-project.json is one line with file:line:column through the entry point', async () => {
  const home = await fakeHome([]);
  const dir = await makeProject({
    rawProjectJson: '{\n  "packageDirectories": [\n    { "path": "force-app" }\n  ],\n  "sourceApiVersion": 64.0,,\n}\n'
  });
  const run = await runEntry('org-deploy.ts', ['--dry-run'], home, dir);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^Error \(MalformedJson\): sfdx-project\.json:5:\d+: sfdx-project\.json is not valid JSON/);
  assert.equal(run.stderr.trim().split('\n').length, 2);
});
