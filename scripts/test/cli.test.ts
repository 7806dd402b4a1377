import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureIo, fakeDeps, fakeStore, makeProject } from './helpers.js';
import { orgCreate } from '../lib/commands/org-create.js';
import { orgTest } from '../lib/commands/org-test.js';
import { runScript } from '../lib/cli.js';

const noAuth = () => fakeDeps(fakeStore({}), []);

test('an unknown flag exits 2 with one line naming the flag and no stack trace', async () => {
  const io = captureIo('/tmp');
  const code = await orgCreate(['--frobnicate'], io, noAuth());
  assert.equal(code, 2);
  const lines = io.err().trim().split('\n');
  assert.equal(lines[0], "Error (InvalidArguments): unknown option '--frobnicate'");
  assert.match(lines[1] ?? '', /npm run org:create -- --help/);
  assert.equal(lines.length, 2);
  assert.doesNotMatch(io.err(), /\bat \S+ \(/);
});

test('--help prints usage with the examples and exits 0', async () => {
  const io = captureIo('/tmp');
  const code = await orgCreate(['--help'], io, noAuth());
  assert.equal(code, 0);
  assert.match(io.out(), /Usage: org:create/);
  assert.match(io.out(), /--definition-file/);
  assert.match(io.out(), /Examples:\n {2}\$ npm run org:create/);
});

test('an out-of-range number names the flag and the allowed range', async () => {
  const io = captureIo('/tmp');
  const code = await orgCreate(['--duration-days', '45'], io, noAuth());
  assert.equal(code, 2);
  assert.match(io.err(), /--duration-days <days>' argument '45' is invalid\. Expected 1 to 30 days\./);
});

test('a bad choice for --test-level lists the allowed values', async () => {
  const io = captureIo('/tmp');
  const code = await orgTest(['--test-level', 'RunEverything'], io, noAuth());
  assert.equal(code, 2);
  assert.match(io.err(), /Allowed choices are RunLocalTests, RunAllTestsInOrg, RunSpecifiedTests/);
});

test('with --json a usage error is one JSON document on stdout and nothing on stderr', async () => {
  const io = captureIo('/tmp');
  const code = await orgCreate(['--json', '--bogus'], io, noAuth());
  assert.equal(code, 2);
  const body = JSON.parse(io.out()) as { status: number; name: string; message: string };
  assert.deepEqual([body.status, body.name, body.message], [2, 'InvalidArguments', "unknown option '--bogus'"]);
  assert.equal(io.err(), '');
});

test('an unexpected exception inside a script is reported as one line, not a stack', async () => {
  const io = captureIo('/tmp');
  const code = await runScript(
    {
      name: 'x',
      summary: 'x',
      examples: [],
      configure: () => undefined,
      run: () => Promise.reject(new TypeError('boom\n    at somewhere (file.js:1:1)'))
    },
    [],
    io
  );
  assert.equal(code, 1);
  assert.equal(io.err(), 'Error (TypeError): boom\n');
});

test('a stray positional argument is rejected', async () => {
  const dir = await makeProject();
  const io = captureIo(dir);
  const code = await orgCreate(['extra'], io, noAuth());
  assert.equal(code, 2);
  assert.match(io.err(), /too many arguments/);
});
