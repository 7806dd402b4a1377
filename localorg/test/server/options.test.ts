import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HelpRequested, OptionsError, parseServeOptions } from '../../src/server/options.js';

test('flags set sources, port, token, data and seed', () => {
  const o = parseServeOptions(
    ['--source', 'a', '--source', 'b', '--port', '8080', '--token', 'secret-123', '--data', '.d', '--seed', 's.json'],
    {}
  );
  assert.deepEqual(
    [o.sources, o.port, o.token, o.tokenGenerated, o.dataDir, o.seedFile],
    [['a', 'b'], 8080, 'secret-123', false, '.d', 's.json']
  );
});

test('PORT and LOCALORG_TOKEN are used when the flags are absent', () => {
  const o = parseServeOptions([], { PORT: '4321', LOCALORG_TOKEN: 'from-env-token' });
  assert.equal(o.port, 4321);
  assert.equal(o.token, 'from-env-token');
});

test('flags win over the environment', () => {
  const o = parseServeOptions(['--port', '1', '--token', 'flag-token'], {
    PORT: '4321',
    LOCALORG_TOKEN: 'env-token-x'
  });
  assert.deepEqual([o.port, o.token], [1, 'flag-token']);
});

test('without a token one is generated and flagged as generated', () => {
  const a = parseServeOptions([], {});
  const b = parseServeOptions([], {});
  assert.equal(a.tokenGenerated, true);
  assert.notEqual(a.token, b.token);
  assert.ok(a.token.length >= 32);
});

test('a bad port is a precise error', () => {
  assert.throws(
    () => parseServeOptions(['--port', 'eighty'], {}),
    (e: unknown) => e instanceof OptionsError && /"eighty" is not a port/.test(e.message)
  );
  assert.throws(() => parseServeOptions([], { PORT: '70000' }), /environment variable PORT/);
});

test('an unknown flag is a precise error', () => {
  assert.throws(
    () => parseServeOptions(['--prot', '1'], {}),
    (e: unknown) => e instanceof OptionsError && /--prot/.test(e.message)
  );
});

test('a too-short token is refused', () => {
  assert.throws(() => parseServeOptions(['--token', 'abc'], {}), /at least 8 characters/);
});

test('--help is not an error and describes every flag', () => {
  assert.throws(
    () => parseServeOptions(['--help'], {}),
    (e: unknown) =>
      e instanceof HelpRequested &&
      ['--source', '--port', '--token', '--data', '--seed'].every((f) => e.message.includes(f))
  );
});
