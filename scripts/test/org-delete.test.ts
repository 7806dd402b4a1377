/* eslint-disable @typescript-eslint/require-await -- fakes implement the async service interfaces without awaiting anything */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgDelete } from '../lib/commands/org-delete.js';
import { HUB, captureIo, fakeDeps, fakeStore, hubAndScratchStore, type Calls } from './helpers.js';
import type { ResolvedOrg } from '../lib/auth.js';

function deleter(calls: Calls) {
  return {
    create: async () => assert.fail('no create'),
    delete: async (target: ResolvedOrg) => void calls.push(`delete ${target.username}`)
  };
}

test('deletes the default scratch org at its Dev Hub', async () => {
  const calls: Calls = [];
  const io = captureIo('/tmp');
  assert.equal(await orgDelete([], io, fakeDeps(hubAndScratchStore(), calls, { scratchOrgs: deleter(calls) })), 0);
  assert.deepEqual(calls, ['delete test-abc@example.com']);
  assert.match(io.out(), /Deleted scratch org bksync-scratch \(test-abc@example\.com\)\./);
});

test('refuses an org that is not a scratch org', async () => {
  const calls: Calls = [];
  const io = captureIo('/tmp');
  assert.equal(
    await orgDelete(
      ['--target-org', 'devhub'],
      io,
      fakeDeps(hubAndScratchStore(), calls, { scratchOrgs: deleter(calls) })
    ),
    2
  );
  assert.match(io.err(), /devhub \(hub@example\.com\) is not a scratch org/);
  assert.deepEqual(calls, []);
});

test('an unknown alias exits 2, unless --if-exists makes it a quiet success', async () => {
  const io = captureIo('/tmp');
  assert.equal(await orgDelete(['-o', 'gone'], io, fakeDeps(hubAndScratchStore(), [])), 2);
  assert.match(io.err(), /No org is authorised under the alias or username 'gone'/);
  const io2 = captureIo('/tmp');
  assert.equal(await orgDelete(['-o', 'gone', '--if-exists', '--json'], io2, fakeDeps(hubAndScratchStore(), [])), 0);
  assert.equal((JSON.parse(io2.out()) as { result: { deleted: boolean } }).result.deleted, false);
});

test('--dry-run names the org and its Dev Hub and deletes nothing', async () => {
  const calls: Calls = [];
  const io = captureIo('/tmp');
  assert.equal(
    await orgDelete(['--dry-run'], io, fakeDeps(hubAndScratchStore(), calls, { scratchOrgs: deleter(calls) })),
    0
  );
  assert.match(
    io.out(),
    new RegExp(`would delete scratch org bksync-scratch .* at Dev Hub ${HUB.username.replace('.', '\\.')}`)
  );
  assert.deepEqual(calls, []);
});

test('a delete that fails at the Dev Hub is one line', async () => {
  const io = captureIo('/tmp');
  const scratchOrgs = {
    create: async () => assert.fail('no create'),
    delete: async () => {
      throw new Error('INVALID_CROSS_REFERENCE_KEY: invalid cross reference id');
    }
  };
  assert.equal(await orgDelete([], io, fakeDeps(hubAndScratchStore(), [], { scratchOrgs })), 1);
  assert.match(io.err(), /\nError \(UnexpectedError\): INVALID_CROSS_REFERENCE_KEY: invalid cross reference id\n$/);
});

test('no default org and no flag fails fast', async () => {
  const io = captureIo('/tmp');
  assert.equal(await orgDelete([], io, fakeDeps(fakeStore({}), [])), 2);
  assert.match(io.err(), /No target org/);
});

test('--dry-run works offline with no org authorised: it says what a real run would do and why it would stop', async () => {
  const io = captureIo('/tmp');
  assert.equal(await orgDelete(['--dry-run'], io, fakeDeps(fakeStore({}), [])), 0, io.err());
  assert.match(io.err() + io.out(), /No target org: .* A real run would stop here\./);
  assert.match(io.out(), /Dry run: nothing was sent\. A real run would delete scratch org \(the default target-org\)/);
  const io2 = captureIo('/tmp');
  assert.equal(await orgDelete(['--dry-run', '-o', 'gone', '--json'], io2, fakeDeps(fakeStore({}), [])), 0);
  assert.equal((JSON.parse(io2.out()) as { result: { dryRun: boolean } }).result.dryRun, true);
});
