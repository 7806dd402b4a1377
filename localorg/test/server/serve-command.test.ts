import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serveCommand } from '../../src/server/serve-command.js';
import { call, fakeRuntime } from './helpers.js';

function harness(): { out: string[]; err: string[]; stop: () => void; stopSignal: Promise<void> } {
  let stop = (): void => undefined;
  const stopSignal = new Promise<void>((resolve) => (stop = resolve));
  return { out: [], err: [], stop, stopSignal };
}

test('serve prints the URL, a generated token and a curl that books a meeting, and the token works', async () => {
  const h = harness();
  const saved = process.env.LOCALORG_TOKEN;
  delete process.env.LOCALORG_TOKEN;
  try {
    const done = serveCommand(['--port', '0'], {
      createRuntime: fakeRuntime,
      out: (l) => {
        h.out.push(l);
        if (l.includes('query it back')) h.stop();
      },
      err: (l) => h.err.push(l),
      stopSignal: h.stopSignal
    });
    await h.stopSignal;
    const text = h.out.join('\n');
    const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
    const token = /token \(generated[^)]*\): (\S+)/.exec(text)?.[1];
    assert.ok(url && token, text);
    assert.match(
      text,
      /curl -s -X POST '.*\/services\/apexrest\/booking-sync\/v1\/bookings' -H 'Authorization: Bearer /
    );
    assert.equal(await done, 0);
    assert.match(h.out.at(-1) ?? '', /stopped/);
  } finally {
    if (saved !== undefined) process.env.LOCALORG_TOKEN = saved;
  }
});

test('the printed token is accepted while the server runs', async () => {
  const h = harness();
  let url = '';
  const done = serveCommand(['--port', '0', '--token', 'fixed-token-42'], {
    createRuntime: fakeRuntime,
    out: (l) => {
      url ||= /listening on (http:\/\/\S+)/.exec(l)?.[1] ?? '';
      h.out.push(l);
    },
    err: (l) => h.err.push(l),
    stopSignal: h.stopSignal
  });
  while (!h.out.some((l) => l.includes('query it back'))) await new Promise((r) => setTimeout(r, 20));
  const r = await call(url, '/services/data/v62.0/query?q=SELECT+Id+FROM+Organization', { token: 'fixed-token-42' });
  assert.equal(r.status, 200);
  h.stop();
  assert.equal(await done, 0);
});

test('a bad flag exits 2 with one readable line', async () => {
  const h = harness();
  const code = await serveCommand(['--port', 'x'], {
    createRuntime: fakeRuntime,
    out: (l) => h.out.push(l),
    err: (l) => h.err.push(l)
  });
  assert.equal(code, 2);
  assert.deepEqual(h.err, [
    "localorg serve: option '--port <n>' argument 'x' is invalid. \"x\" is not a port number (0–65535)"
  ]);
});

test('a missing seed file exits 1 naming it', async () => {
  const h = harness();
  const code = await serveCommand(['--port', '0', '--seed', 'no/such/plan.json'], {
    createRuntime: fakeRuntime,
    out: (l) => h.out.push(l),
    err: (l) => h.err.push(l)
  });
  assert.equal(code, 1);
  assert.match(h.err.join('\n'), /^localorg serve: seed plan: cannot read .*no\/such\/plan\.json$/);
});
