import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withTimeout } from '../lib/timeout.js';
import { ScriptError } from '../lib/errors.js';

test('work that never settles becomes a Timeout error naming what was waiting', async () => {
  const started = Date.now();
  await assert.rejects(
    withTimeout(new Promise<never>(() => undefined), 200, 'DNS lookup of x.invalid'),
    (error: unknown) =>
      error instanceof ScriptError &&
      error.code === 'Timeout' &&
      error.message === 'DNS lookup of x.invalid did not answer within 200 ms.'
  );
  assert.ok(Date.now() - started < 2_000);
});

test('work that finishes in time passes its value and its own errors through', async () => {
  assert.equal(await withTimeout(Promise.resolve(42), 1_000, 'x'), 42);
  await assert.rejects(withTimeout(Promise.reject(new Error('own')), 1_000, 'x'), /own/);
});
