/**
 * The org thread (org-worker.ts) driven in-process over a MessageChannel, as `localorg serve` drives it: a seed that
 * writes User rows is imported before the org is ready, and the identity the front answers from follows later
 * changes to the admin User.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { runOrgWorker } from '../../src/server/org-worker.js';
import type { FromWorker } from '../../src/server/worker-protocol.js';
import { call, FIXTURE_PROJECT, TOKEN } from './helpers.js';

function seedPlan(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-worker-seed-'));
  const user = {
    attributes: { type: 'User', referenceId: 'UserAda' },
    FirstName: 'Ada',
    LastName: 'Byron',
    Email: 'ada@example.com',
    Username: 'ada@example.com.worker',
    Alias: 'abyron',
    TimeZoneSidKey: 'Europe/London',
    LocaleSidKey: 'en_GB',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US'
  };
  fs.writeFileSync(path.join(dir, 'users.json'), JSON.stringify({ records: [user] }));
  const plan = [{ sobject: 'User', saveRefs: true, resolveRefs: false, files: ['users.json'] }];
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
  return path.join(dir, 'plan.json');
}

/** Collects what the worker posts; `next` waits for the first message of a type not yet taken. */
function listen(port: MessagePort): {
  next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>>;
} {
  const seen: FromWorker[] = [];
  const waiters: (() => void)[] = [];
  port.on('message', (m: FromWorker) => {
    seen.push(m);
    waiters.splice(0).forEach((w) => w());
  });
  return {
    async next(type) {
      for (;;) {
        const i = seen.findIndex((m) => m.type === type || m.type === 'failed');
        if (i >= 0) {
          const [m] = seen.splice(i, 1);
          if (m.type === 'failed' && type !== 'failed') throw new Error(`the worker failed: ${m.message}`);
          return m as never;
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    }
  };
}

test(
  'the org thread imports a seed with User rows, becomes ready, and posts the identity again when the admin changes',
  { timeout: 60_000 },
  async () => {
    const { port1, port2 } = new MessageChannel();
    const messages = listen(port2);
    const running = runOrgWorker(port1, {
      options: { sources: [FIXTURE_PROJECT], token: TOKEN, tokenGenerated: false, dataDir: null, seedFile: seedPlan() },
      lightning: false
    });
    try {
      const ready = await messages.next('ready');
      assert.ok(ready.identity, 'the ready message carries the identity');
      const url = `http://127.0.0.1:${ready.port}`;
      const r = await call(url, `/services/data/v62.0/sobjects/User/${ready.identity.userId}`, {
        method: 'PATCH',
        body: { FirstName: 'Grace' }
      });
      assert.equal(r.status, 204, r.text);
      const changed = await messages.next('identity');
      assert.equal(changed.identity?.firstName, 'Grace');
    } finally {
      port2.postMessage({ type: 'stop' });
      await messages.next('stopped').catch(() => undefined);
      await running;
      port2.close();
    }
  }
);
