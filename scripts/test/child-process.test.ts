import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../lib/child-process.js';
import { ScriptError } from '../lib/errors.js';

test('captures stdout, stderr and the exit code', async () => {
  const result = await runCommand(
    process.execPath,
    ['-e', 'console.log("out"); console.error("err"); process.exit(3)'],
    process.cwd(),
    10_000
  );
  assert.deepEqual(result, { code: 3, stdout: 'out\n', stderr: 'err\n' });
});

test('a command that overruns its limit is stopped and reported as a timeout', async () => {
  await assert.rejects(
    runCommand(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], process.cwd(), 300),
    (error: unknown) => error instanceof ScriptError && error.code === 'Timeout'
  );
});

test('a missing program is a one-line error, not a crash', async () => {
  await assert.rejects(
    runCommand('definitely-not-a-program-xyz', [], process.cwd(), 5_000),
    (error: unknown) =>
      error instanceof ScriptError &&
      error.code === 'CommandFailed' &&
      /Cannot run `definitely-not-a-program-xyz`/.test(error.message)
  );
});
