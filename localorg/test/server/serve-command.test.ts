import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serveCommand } from '../../src/server/serve-command.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readRunFile } from '../../src/server/run-file.js';
import { call, fakeRuntime } from './helpers.js';

const runFileArgs = (): string[] => [
  '--run-file',
  path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-run-')), 'server.json')
];

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
    const done = serveCommand(['--port', '0', ...runFileArgs()], {
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
    const token = /token \(generated[^)]*\): '([^']+)'/.exec(text)?.[1];
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
  const done = serveCommand(['--port', '0', '--token', 'fixed-token-42', ...runFileArgs()], {
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

/**
 * Splits a printed command line the way an interactive bash does when it is pasted: the line is read from input with
 * history expansion on (so an unquoted `!abc` fails with "event not found"), and the words come back one per line.
 */
function bashWords(line: string): string[] {
  const r = spawnSync('bash', ['--norc', '--noprofile', '-i'], {
    input: `printf '<<%s>>\\n' ${line}\n`,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HISTFILE: '/dev/null', PS1: '' }
  });
  assert.doesNotMatch(r.stderr, /event not found|unexpected EOF/, line);
  return [...r.stdout.matchAll(/<<([^]*?)>>\n/g)].map((m) => m[1]);
}

test('every printed token is quoted ready to paste: a `!` and a quote survive bash', async () => {
  const h = harness();
  const token = "00DLOCAL0000001!ab'c!d";
  const runFile = runFileArgs();
  const done = serveCommand(['--port', '0', '--token', token, ...runFile], {
    createRuntime: fakeRuntime,
    out: (l) => {
      h.out.push(l);
      if (l.includes('query it back')) setTimeout(h.stop, 0);
    },
    err: (l) => h.err.push(l),
    stopSignal: h.stopSignal
  });
  await h.stopSignal;
  const lines = h.out;
  const tokenLine = lines.find((l) => l.trim().startsWith('token')) ?? '';
  assert.deepEqual(bashWords(tokenLine.slice(tokenLine.indexOf(': ') + 2)), [token]);
  const demo = lines.find((l) => l.includes('LOCALORG_TOKEN=')) ?? '';
  assert.ok(bashWords(demo.trim()).includes(`LOCALORG_TOKEN=${token}`), demo);
  for (const l of lines.filter((x) => x.trim().startsWith('curl '))) {
    assert.ok(bashWords(l.trim()).includes(`Authorization: Bearer ${token}`), l);
  }
  assert.ok(
    lines.some((l) => l.trim().startsWith('npm run demo')),
    lines.join('\n')
  );
  assert.equal(await done, 0);
});

test('the run file records URL, token and pid (mode 0600) while serving and is removed on stop', async () => {
  const h = harness();
  const args = runFileArgs();
  const file = args[1];
  let url = '';
  const done = serveCommand(['--port', '0', '--token', 'run-file-token', ...args], {
    createRuntime: fakeRuntime,
    out: (l) => {
      url ||= /listening on (http:\/\/\S+)/.exec(l)?.[1] ?? '';
      h.out.push(l);
    },
    err: (l) => h.err.push(l),
    stopSignal: h.stopSignal
  });
  while (!h.out.some((l) => l.includes('query it back'))) await new Promise((r) => setTimeout(r, 20));
  const info = readRunFile(file);
  assert.deepEqual([info?.url, info?.token, info?.pid], [url, 'run-file-token', process.pid]);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  h.stop();
  assert.equal(await done, 0);
  assert.equal(fs.existsSync(file), false);
});
