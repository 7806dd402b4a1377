/* eslint-disable @typescript-eslint/require-await -- fakes implement the async service interfaces without awaiting anything */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { orgCreate } from '../lib/commands/org-create.js';
import { captureIo, fakeDeps, fakeStore, hubAndScratchStore, makeProject, type Calls } from './helpers.js';
import type { ScratchRequest } from '../lib/services.js';

test('--dry-run prints the definition and the Dev Hub alias, sends nothing', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const io = captureIo(dir);
  const code = await orgCreate(
    ['--dry-run', '--alias', 'ci-1', '--duration-days', '1'],
    io,
    fakeDeps(hubAndScratchStore(), calls)
  );
  assert.equal(code, 0);
  assert.match(io.out(), /Definition {2}config\/project-scratch-def\.json/);
  assert.match(io.out(), /"edition": "Developer"/);
  assert.match(io.out(), /Dev Hub {5}devhub \(hub@example\.com, from target-dev-hub config\)/);
  assert.match(io.out(), /Alias {7}ci-1 \(becomes the default org\)/);
  assert.deepEqual(calls, []);
});

test('--dry-run --json carries the plan, and --namespace and --description land in the definition', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  const code = await orgCreate(
    ['--dry-run', '--json', '--namespace', 'bksync', '--description', 'ci run 7'],
    io,
    fakeDeps(hubAndScratchStore(), [])
  );
  assert.equal(code, 0);
  const body = JSON.parse(io.out()) as {
    result: { definition: Record<string, unknown>; devHub: { username: string }; durationDays: number };
  };
  assert.equal(body.result.definition.namespace, 'bksync');
  assert.equal(body.result.definition.description, 'ci run 7');
  assert.equal(body.result.definition.orgName, 'Fixture', 'the rest of the definition is kept');
  assert.equal(body.result.devHub.username, 'hub@example.com');
  assert.equal(body.result.durationDays, 7);
});

test('--dry-run without a Dev Hub still shows the plan and warns that a real run would stop', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  const code = await orgCreate(['--dry-run'], io, fakeDeps(fakeStore({}), []));
  assert.equal(code, 0);
  assert.match(io.err(), /Warning: No Dev Hub is authorised on this machine.*A real run would stop here/);
});

test('a missing scratch definition exits 2 naming the file', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  const code = await orgCreate(['--definition-file', 'config/nope.json'], io, fakeDeps(hubAndScratchStore(), []));
  assert.equal(code, 2);
  assert.equal(
    io.err().split('\n')[0],
    'Error (DefinitionNotFound): Scratch org definition not found: config/nope.json'
  );
});

test('an unknown edition is reported with file and line before any Dev Hub call', async () => {
  const dir = await makeProject();
  await writeFile(path.join(dir, 'config/bad.json'), '{\n  "orgName": "x",\n  "edition": "Platinum"\n}\n');
  const calls: Calls = [];
  const io = captureIo(dir);
  const code = await orgCreate(['-f', 'config/bad.json'], io, fakeDeps(hubAndScratchStore(), calls));
  assert.equal(code, 2);
  assert.match(
    io.err(),
    /^Error \(InvalidDefinition\): config\/bad\.json:3: edition: Invalid Salesforce edition\. Valid options are: developer, enterprise/
  );
  assert.deepEqual(calls, []);
});

test('a definition key of the wrong type is reported by the core schema with its line', async () => {
  const dir = await makeProject();
  await writeFile(path.join(dir, 'config/bad.json'), '{\n  "edition": "Developer",\n  "features": "API"\n}\n');
  const io = captureIo(dir);
  const code = await orgCreate(['-f', 'config/bad.json'], io, fakeDeps(hubAndScratchStore(), []));
  assert.equal(code, 2);
  assert.match(io.err(), /config\/bad\.json:3: features: expected array, received string/);
});

test('without a Dev Hub the script fails fast with the login command and never connects', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  const io = captureIo(dir);
  const started = Date.now();
  const code = await orgCreate([], io, fakeDeps(fakeStore({}), calls));
  assert.equal(code, 2);
  assert.ok(Date.now() - started < 2000);
  assert.match(io.err(), /sf org login web --set-default-dev-hub/);
  assert.deepEqual(calls, []);
});

test('an unknown --target-dev-hub alias exits 2 naming it', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  const code = await orgCreate(['--target-dev-hub', 'hubx'], io, fakeDeps(hubAndScratchStore(), []));
  assert.equal(code, 2);
  assert.match(io.err(), /No Dev Hub is authorised under the alias or username 'hubx'/);
});

test('a real create passes the definition, alias and duration, and reports stages and the result', async () => {
  const dir = await makeProject();
  const calls: Calls = [];
  let seen: ScratchRequest | undefined;
  const deps = fakeDeps(hubAndScratchStore(), calls, {
    scratchOrgs: {
      create: async (hub, request, onStage) => {
        calls.push(`create via ${hub.username}`);
        seen = request;
        onStage('send request');
        onStage('available');
        return {
          username: 'test-new@example.com',
          orgId: '00D0000000000NEW',
          loginUrl: 'https://x',
          expirationDate: '2026-11-29',
          warnings: ['one warning']
        };
      },
      delete: async () => assert.fail('no delete')
    }
  });
  const io = captureIo(dir);
  const code = await orgCreate(['--alias', 'ci-7', '--duration-days', '1', '--no-set-default'], io, deps);
  assert.equal(code, 0);
  assert.deepEqual(calls, ['connect hub@example.com', 'create via hub@example.com']);
  assert.equal(seen?.alias, 'ci-7');
  assert.equal(seen?.durationDays, 1);
  assert.equal(seen?.setDefault, false);
  assert.equal(seen?.orgConfig.edition, 'Developer');
  assert.match(io.err(), /… Scratch org: send request\n… Scratch org: available/);
  assert.match(io.err(), /Warning: one warning/);
  assert.match(io.out(), /ci-7 +test-new@example\.com +00D0000000000NEW +2026-11-29/);
});

test('a failure inside scratch org creation is one line with the library message', async () => {
  const dir = await makeProject();
  const deps = fakeDeps(hubAndScratchStore(), [], {
    scratchOrgs: {
      create: async () => {
        const error = new Error('The signup request failed with: LIMIT_EXCEEDED\nmore detail');
        error.name = 'SignupFailedError';
        throw error;
      },
      delete: async () => assert.fail('no delete')
    }
  });
  const io = captureIo(dir);
  const code = await orgCreate(['--json'], io, deps);
  assert.equal(code, 1);
  const body = JSON.parse(io.out()) as { name: string; message: string };
  assert.deepEqual([body.name, body.message], ['SignupFailedError', 'The signup request failed with: LIMIT_EXCEEDED']);
});
