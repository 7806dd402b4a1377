/**
 * The real CLI (`localorg serve`, org in a worker thread) under requests that used to stop it: a runaway Apex
 * transaction, a SOQL query nested 2,000 deep, and SIGTERM in the middle of a long transaction.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { spawnServe, waitExit } from './child-server.js';
import { call, FIXTURE_PROJECT, TOKEN, type CallResult } from './helpers.js';

const base = ['--source', FIXTURE_PROJECT, '--port', '0', '--token', TOKEN];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const soql = (q: string): string => `/services/data/v62.0/query?q=${encodeURIComponent(q)}`;

/** Starts the runaway request and resolves once the org is busy with it (a probe to the org waits behind it). */
async function startSpin(url: string): Promise<{ answer: Promise<CallResult>; done: () => boolean }> {
  let finished = false;
  const answer = call(url, '/services/apexrest/spin', { method: 'POST' }).finally(() => (finished = true));
  answer.catch(() => undefined); // a stopped server drops the connection: the test awaits it where it matters
  await sleep(1_500);
  return { answer, done: () => finished };
}

test(
  'a runaway Apex request ends in an uncatchable LimitException, rolled back, while the server keeps answering',
  { timeout: 300_000 },
  async () => {
    const s = await spawnServe(base);
    try {
      const spin = await startSpin(s.url);
      const t0 = performance.now();
      const versions = await call(s.url, '/services/data');
      const limits = await call(s.url, '/services/data/v62.0/limits');
      const userinfo = await call(s.url, '/services/oauth2/userinfo');
      const waited = performance.now() - t0;
      assert.equal(spin.done(), false, 'the runaway request was still running');
      assert.equal(versions.status, 200);
      assert.equal(limits.status, 200);
      assert.equal((limits.json as { SyncApexLimits: { CpuTimeMs: number } }).SyncApexLimits.CpuTimeMs, 10_000);
      assert.equal(userinfo.status, 200);
      assert.match(String((userinfo.json as { preferred_username: string }).preferred_username), /@/);
      assert.ok(waited < 5_000, `three org-free requests took ${Math.round(waited)} ms during the run`);

      const spun = await spin.answer;
      assert.equal(spun.status, 500);
      const [error] = spun.json as { errorCode: string; message: string }[];
      assert.equal(error.errorCode, 'APEX_ERROR');
      assert.match(error.message, /^System\.LimitException: Apex CPU time limit exceeded/);
      const cpu = /cpu-ms=(\d+)\/10000/.exec(spun.headers.get('x-localorg-limits') ?? '');
      // The limit fires once usage passes 10,000 ms; the header rounds to whole milliseconds, so 10000.4 reads 10000.
      assert.ok(cpu && Number(cpu[1]) >= 10_000, `limits header: ${spun.headers.get('x-localorg-limits')}`);

      const rows = await call(s.url, soql("SELECT Id FROM Account WHERE Name = 'Spun'"));
      assert.equal((rows.json as { totalSize: number }).totalSize, 0, 'the insert before the loop rolled back');
      const next = await call(s.url, '/services/apexrest/visits', {
        method: 'POST',
        body: { uid: 'after', client: 'c' }
      });
      assert.equal((next.json as { outcome: string }).outcome, 'created');
    } finally {
      s.child.kill('SIGTERM');
      await waitExit(s.child);
    }
  }
);

test(
  'a SOQL query nested 2,000 deep is refused at once with MALFORMED_QUERY while other requests are served',
  {
    timeout: 120_000
  },
  async () => {
    const s = await spawnServe(base);
    try {
      const deep = `SELECT Id FROM Account WHERE ${'('.repeat(2000)}Name = 'x'${')'.repeat(2000)}`;
      const t0 = performance.now();
      const [bad, good, versions] = await Promise.all([
        call(s.url, soql(deep)),
        call(s.url, soql('SELECT Id, Name FROM Account')),
        call(s.url, '/services/data')
      ]);
      const waited = performance.now() - t0;
      assert.equal(bad.status, 400);
      assert.equal((bad.json as { errorCode: string }[])[0].errorCode, 'MALFORMED_QUERY');
      assert.equal(good.status, 200);
      assert.equal(versions.status, 200);
      assert.ok(waited < 10_000, `answered in ${Math.round(waited)} ms`);
    } finally {
      s.child.kill('SIGTERM');
      await waitExit(s.child);
    }
  }
);

test(
  'SIGTERM during a long transaction exits within seconds, keeps every acknowledged change and none of the abandoned one',
  { timeout: 300_000 },
  async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-term-'));
    const args = [...base, '--data', dataDir];
    const first = await spawnServe(args);
    for (const uid of ['t-1', 't-2', 't-3']) {
      const r = await call(first.url, '/services/apexrest/visits', { method: 'POST', body: { uid, client: 'c' } });
      assert.equal((r.json as { outcome: string }).outcome, 'created');
    }
    const spin = await startSpin(first.url);
    const t0 = performance.now();
    first.child.kill('SIGTERM');
    await waitExit(first.child);
    const exitMs = performance.now() - t0;
    assert.equal(first.child.exitCode, 0, first.output());
    assert.ok(exitMs < 6_000, `exited ${Math.round(exitMs)} ms after SIGTERM`);
    assert.match(first.output(), /abandoned/);
    await spin.answer.catch(() => undefined);

    const second = await spawnServe(args);
    try {
      const visits = await call(second.url, soql('SELECT Uid__c FROM Visit__c ORDER BY Uid__c'));
      assert.deepEqual(
        (visits.json as { records: { Uid__c: string }[] }).records.map((r) => r.Uid__c),
        ['t-1', 't-2', 't-3']
      );
      const spun = await call(second.url, soql("SELECT Id FROM Account WHERE Name = 'Spun'"));
      assert.equal((spun.json as { totalSize: number }).totalSize, 0);
    } finally {
      second.child.kill('SIGTERM');
      await waitExit(second.child);
    }
  }
);

test(
  'requests sent to the org while a long transaction runs wait for it and are answered, none dropped with a 503',
  { timeout: 120_000 },
  async () => {
    const s = await spawnServe(base);
    try {
      // Three requests at once leave the front with three kept-alive connections to the org thread.
      await Promise.all([1, 2, 3].map(() => call(s.url, soql('SELECT Id FROM Account'))));
      // The runaway transaction holds the org thread past the 5 s an idle connection used to be kept.
      const spin = await startSpin(s.url);
      const probes = await Promise.all([1, 2].map(() => call(s.url, soql('SELECT Id FROM Account'))));
      assert.deepEqual(
        probes.map((p) => [p.status, p.json]),
        [1, 2].map(() => [200, { totalSize: 0, done: true, records: [] }])
      );
      assert.equal((await spin.answer).status, 500);
    } finally {
      s.child.kill('SIGTERM');
      await waitExit(s.child);
    }
  }
);
