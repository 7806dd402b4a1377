/**
 * The Salesforce CLI against `localorg serve` (the real CLI, in a child process) on this repository's package: the
 * real `sf` binary (a devDependency) logs in with an access token and runs the commands a developer runs against an
 * org, asserting on what it prints.
 * sf runs with its own HOME and SF_* settings, so it never touches the user's ~/.sf and never reaches the network.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { spawnServe, waitExit } from './child-server.js';
import { REPO_ROOT } from './helpers.js';

const SF = path.join(REPO_ROOT, 'node_modules', '.bin', 'sf');
// The org id the CLI reads from the token must have the `00D…!` shape it checks.
const TOKEN = '00D000000000001EAA!sf-cli-test-token';
let url = '';
let stop: () => Promise<void> = () => Promise.resolve();
let home = '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `sf …` in the isolated environment; never rejects (the exit code is part of what is asserted). */
function sf(args: string[], cwd = REPO_ROOT): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SFDX_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_HIDE_RELEASE_NOTES: 'true',
    SF_DISABLE_LOG_FILE: 'true',
    SF_CONTAINER_MODE: 'true',
    NO_COLOR: '1',
    SF_ACCESS_TOKEN: TOKEN
  };
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(SF, args, { cwd, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function json<T>(run: Run): T {
  try {
    return (JSON.parse(run.stdout) as { result: T }).result;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

before(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-sf-home-'));
  // The real `localorg serve` (its worker thread, front and all), as a developer starts it.
  const served = await spawnServe(['--source', REPO_ROOT, '--port', '0', '--token', TOKEN, '--no-run-file']);
  url = served.url;
  stop = async () => {
    served.child.kill('SIGTERM');
    await waitExit(served.child);
  };
  const login = await sf(['org', 'login', 'access-token', '--instance-url', url, '--no-prompt', '--alias', 'local']);
  assert.equal(login.code, 0, login.stderr);
  assert.match(login.stdout, /Successfully authorized admin@localorg\.example with org ID 00D000000000001EAA/);
});

after(async () => {
  await stop();
  fs.rmSync(home, { recursive: true, force: true });
});

test('sf org login access-token records a connected org that is not a Dev Hub; sf org display shows it', async (t) => {
  const auth = JSON.parse(fs.readFileSync(path.join(home, '.sfdx', 'admin@localorg.example.json'), 'utf8')) as {
    isDevHub: boolean;
    instanceUrl: string;
  };
  assert.equal(auth.isDevHub, false);
  assert.equal(auth.instanceUrl, `${url}/`);
  const display = await sf(['org', 'display', '-o', 'local', '--json']);
  t.diagnostic(`sf org display: ${display.ms} ms`);
  const org = json<{ connectedStatus: string; id: string; username: string; apiVersion: string }>(display);
  assert.equal(org.connectedStatus, 'Connected');
  assert.equal(org.id, '00D000000000001EAA');
  assert.equal(org.username, 'admin@localorg.example');
  assert.equal(org.apiVersion, '68.0');
});

test('sf data import tree, sf data query (relationships, subqueries, aggregates, --all-rows) and sf apex run', async (t) => {
  const imported = await sf(
    ['data', 'import', 'tree', '-o', 'local', '--plan', 'org-plan.json', '--json'],
    path.join(REPO_ROOT, 'data')
  );
  t.diagnostic(`sf data import tree: ${imported.ms} ms`);
  const refs = json<{ refId: string; type: string; id: string }[]>(imported);
  assert.ok(refs.some((r) => r.refId === 'AccContoso' && r.type === 'Account' && /^001\w{15}$/.test(r.id)));
  assert.ok(refs.some((r) => r.type === 'Contact') && refs.some((r) => r.type === 'Lead'));

  const apex = path.join(home, 'delete-one.apex');
  fs.writeFileSync(
    apex,
    "Account a = [SELECT Id, Name FROM Account WHERE Name = 'Contoso Ltd'];\ndelete a;\nSystem.debug('deleted ' + a.Name);\n"
  );
  const run = await sf(['apex', 'run', '-o', 'local', '-f', apex]);
  t.diagnostic(`sf apex run: ${run.ms} ms`);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Compiled successfully\.\nExecuted successfully\./);
  assert.match(run.stdout, /\|USER_DEBUG\|\[3\]\|DEBUG\|deleted Contoso Ltd/);

  const failing = path.join(home, 'fail.apex');
  fs.writeFileSync(failing, 'Integer[] xs = new Integer[0];\nSystem.debug(xs[3]);\n');
  const uncompiled = path.join(home, 'bad.apex');
  fs.writeFileSync(uncompiled, 'Integer x = ;\n');
  const [table, aggregate, allRows, failed, bad] = await Promise.all([
    sf([
      'data',
      'query',
      '-o',
      'local',
      '-q',
      'SELECT Name, Owner.Name, (SELECT LastName FROM Contacts) FROM Account ORDER BY Name'
    ]),
    sf(['data', 'query', '-o', 'local', '-q', 'SELECT COUNT(Id) FROM Lead', '--json']),
    sf([
      'data',
      'query',
      '-o',
      'local',
      '--all-rows',
      '-q',
      'SELECT Name, IsDeleted FROM Account WHERE IsDeleted = true',
      '--json'
    ]),
    sf(['apex', 'run', '-o', 'local', '-f', failing]),
    sf(['apex', 'run', '-o', 'local', '-f', uncompiled])
  ]);
  t.diagnostic(`sf data query (table, in parallel with four others): ${table.ms} ms`);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /NAME\s+│\s+OWNER\.NAME\s+│\s+CONTACTS\.LASTNAME/);
  assert.match(table.stdout, /Fabrikam, Inc\.\s+│\s+Local Admin\s+│\s+Lindqvist/);
  assert.doesNotMatch(table.stdout, /Contoso Ltd/);
  assert.match(table.stdout, /Total number of records retrieved: 4\./);
  const count = json<{ records: { expr0: number }[] }>(aggregate);
  assert.equal(count.records[0].expr0, 4);
  const deleted = json<{ totalSize: number; records: { Name: string; IsDeleted: boolean }[] }>(allRows);
  assert.deepEqual(
    deleted.records.map((r) => [r.Name, r.IsDeleted]),
    [['Contoso Ltd', true]]
  );
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /Execution failed[\s\S]*System\.ListException: List index out of bounds: 3/);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /Compilation failed at Line 1 column \d+ with the error/);
});

test('sf apex run test --synchronous runs a package test class and prints the org-style summary', async (t) => {
  const run = await sf([
    'apex',
    'run',
    'test',
    '-o',
    'local',
    '--synchronous',
    '--class-names',
    'IsoDateTime_Tests',
    '--json'
  ]);
  t.diagnostic(`sf apex run test --synchronous: ${run.ms} ms`);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const result = json<{
    summary: { outcome: string; testsRan: number; passing: number; failing: number };
    tests: { MethodName: string; Outcome: string }[];
  }>(run);
  assert.equal(result.summary.outcome, 'Passed');
  assert.equal(result.summary.failing, 0);
  assert.ok(result.summary.testsRan >= 5);
  assert.equal(result.summary.passing, result.summary.testsRan);
  assert.ok(result.tests.every((x) => x.Outcome === 'Pass'));
});

test('local webhook secrets: sf data create/update record on WebhookSecret__c, then the webhook verifies with it', async (t) => {
  const body = JSON.stringify({ triggerEvent: 'PING', createdAt: '2026-11-20T10:00:00Z', payload: {} });
  // What the endpoint answers: the HTTP status and, on a refusal, the package's error code.
  const deliver = async (secret: string): Promise<string> => {
    const res = await fetch(`${url}/services/apexrest/booking-sync/v1/webhooks/calcom`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        'Content-Type': 'application/json',
        'X-Cal-Signature-256': crypto.createHmac('sha256', secret).update(body).digest('hex')
      },
      body
    });
    const answer = (await res.json()) as { error?: { code: string } };
    return `${res.status} ${answer.error?.code ?? 'ok'}`;
  };
  assert.match(await deliver('whsec-local-1'), /NOT_CONFIGURED/, 'no secret is set yet');
  const created = await sf([
    'data',
    'create',
    'record',
    '-o',
    'local',
    '-s',
    'WebhookSecret__c',
    '-v',
    'Name=calcom SigningSecret__c=whsec-local-1'
  ]);
  t.diagnostic(`sf data create record: ${created.ms} ms`);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /Successfully created record: \w{18}\./);
  assert.equal(await deliver('whsec-local-1'), '200 ok');
  const updated = await sf([
    'data',
    'update',
    'record',
    '-o',
    'local',
    '-s',
    'WebhookSecret__c',
    '-w',
    'Name=calcom',
    '-v',
    'SigningSecret__c=whsec-local-2'
  ]);
  assert.equal(updated.code, 0, updated.stderr);
  assert.equal(await deliver('whsec-local-1'), '401 INVALID_SIGNATURE');
  assert.equal(await deliver('whsec-local-2'), '200 ok');
});
