import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveTarget, TargetError } from '../target.js';

const recorded = { url: 'http://127.0.0.1:4567', token: '00DLOCAL0000001!abc', pid: 42, startedAt: '' };
const base = { cwd: '/proj', read: () => recorded, alive: () => true };

test('with nothing given, the demo uses the server recorded beside it, port included', () => {
  const t = resolveTarget({ ...base, flags: {}, env: {} });
  assert.deepEqual([t.url, t.token, t.from], ['http://127.0.0.1:4567', recorded.token, '.localorg/server.json']);
});

test('LOCALORG_RUN_FILE names another run file', () => {
  let asked = '';
  resolveTarget({ ...base, read: (f) => ((asked = f), recorded), flags: {}, env: { LOCALORG_RUN_FILE: 'x/run.json' } });
  assert.equal(asked, '/proj/x/run.json');
});

test('flags and environment win over the run file; a token alone keeps the recorded URL', () => {
  assert.deepEqual(resolveTarget({ ...base, flags: { url: 'http://h:1/', token: 'tok-flag' }, env: {} }), {
    url: 'http://h:1',
    token: 'tok-flag',
    from: 'flags/environment'
  });
  const t = resolveTarget({ ...base, flags: {}, env: { LOCALORG_TOKEN: 'env-tok' } });
  assert.deepEqual([t.url, t.token], [recorded.url, 'env-tok']);
  const p = resolveTarget({ ...base, flags: {}, env: { PORT: '9999', LOCALORG_TOKEN: 'env-tok' } });
  assert.equal(p.url, 'http://127.0.0.1:9999');
});

test("a URL other than the recorded server's does not borrow its token", () => {
  assert.throws(() => resolveTarget({ ...base, flags: { url: 'http://elsewhere:1' }, env: {} }), TargetError);
});

test('a stale run file (its pid gone) is named in the error instead of used', () => {
  assert.throws(
    () => resolveTarget({ ...base, alive: () => false, flags: {}, env: {} }),
    /no running localorg found \(\.localorg\/server\.json names pid 42, which is no longer running\); start one with `npm start`/
  );
});

test('no run file and no token: one line that says how to start or point at a server', () => {
  assert.throws(
    () => resolveTarget({ ...base, read: () => null, flags: {}, env: {} }),
    /no running localorg found; start one with `npm start` in this folder, or pass --url URL --token 'TOKEN'/
  );
});
