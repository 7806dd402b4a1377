import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { TransactionLimits } from '../../src/data/limits.js';
import { threadCpuMs } from '../../src/runtime/cpu-clock.js';

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

test('the CPU limit charges what the clock says since the last charge, and the 10,001st ms throws', () => {
  let now = 1_000;
  const limits = new TransactionLimits(() => now);
  now += 4_000;
  limits.chargeElapsedCpu();
  assert.equal(limits.current().cpuTimeMs, 4_000);
  now += 500;
  assert.equal(limits.current().cpuTimeMs, 4_500, 'time since the last charge counts in current()');
  now += 5_500;
  limits.chargeElapsedCpu();
  now += 1;
  assert.throws(
    () => limits.chargeElapsedCpu(),
    (e: Error & { typeName?: string }) =>
      e.typeName === 'System.LimitException' && /Apex CPU time limit exceeded/.test(e.message)
  );
  limits.reset();
  assert.equal(limits.current().cpuTimeMs, 0, 'a new transaction starts from zero');
});

test('Test.startTest sets count their own CPU time; after stopTest the outer set resumes where it was', () => {
  let now = 0;
  const limits = new TransactionLimits(() => now);
  now += 300;
  const stop = limits.pushFreshSet();
  now += 200;
  assert.equal(limits.current().cpuTimeMs, 200);
  stop();
  assert.equal(limits.current().cpuTimeMs, 300);
});

test('waiting is not CPU time: a transaction that sleeps 300 ms is charged (almost) nothing', () => {
  const limits = new TransactionLimits();
  sleep(300);
  limits.chargeElapsedCpu();
  assert.ok(limits.current().cpuTimeMs < 100, `charged ${limits.current().cpuTimeMs} ms for a 300 ms sleep`);
});

test('the clock is the thread’s: a worker is not charged for the main thread spinning', async () => {
  const url = new URL('../../src/runtime/cpu-clock.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); }).then(({ threadCpuMs }) => {
       const t0 = threadCpuMs();
       parentPort.postMessage('ready');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
       parentPort.postMessage(threadCpuMs() - t0);
     });`,
    { eval: true }
  );
  const spent = await new Promise<number>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (m: unknown) => {
      if (m === 'ready') {
        const until = threadCpuMs() + 300;
        while (threadCpuMs() < until) {
          // spin: CPU on the main thread only
        }
      } else resolve(m as number);
    });
  });
  await worker.terminate();
  assert.ok(spent < 150, `the sleeping worker was charged ${spent} ms`);
});
