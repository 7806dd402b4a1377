/**
 * Runs `localorg serve` as two threads: the org worker (org-worker.ts), which holds the org and runs every transaction,
 * and the front (front.ts) on this thread, which owns the user's port. Stopping asks the worker to finish its queue and
 * close the journal; a transaction that does not finish within {@link STOP_GRACE_MS} is abandoned (the thread is
 * terminated mid-statement: nothing of it was committed, and everything acknowledged before is already on disk).
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { releaseLockHeldBy } from './data-lock.js';
import { createFront } from './front.js';
import type { IdentityFacts } from './identity.js';
import type { ServeOptions } from './options.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';

export const STOP_GRACE_MS = 2_000;

/** A started server, whichever way it runs. */
export interface RunningServer {
  url: string;
  /** The Lightning admin entry, when served. */
  homePath: string | null;
  /** Resolves with an exit code if the server ends on its own (the org thread failed); never for a stop(). */
  failed: Promise<number>;
  stop(): Promise<void>;
}

export class WorkerStartError extends Error {}

// The worker is plain JavaScript that registers tsx's loader (hooks do not follow a thread) and loads the org module.
const BOOTSTRAP = `
const { workerData, parentPort } = require('node:worker_threads');
import(workerData.tsx)
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .then((m) => m.runOrgWorker(parentPort, workerData.init));
`;

export async function startInWorker(
  options: Omit<ServeOptions, 'runFile'>,
  deps: { out: (line: string) => void; err: (line: string) => void; lightning: boolean }
): Promise<RunningServer> {
  const { port: _port, host: _host, ...orgOptions } = options;
  const init: WorkerInit = { options: orgOptions, lightning: deps.lightning };
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: {
      tsx: import.meta.resolve('tsx/esm/api'),
      entry: new URL('./org-worker.ts', import.meta.url).href,
      init
    }
  });
  let identity: IdentityFacts | null = null;
  let stopping = false;
  let stopped: () => void = () => undefined;
  const whenStopped = new Promise<void>((resolve) => (stopped = resolve));
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const ready = await new Promise<Extract<FromWorker, { type: 'ready' }>>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'log') deps.out(m.line);
      else if (m.type === 'identity') identity = m.identity;
      else if (m.type === 'ready') resolve(m);
      else if (m.type === 'failed') reject(new WorkerStartError(m.message));
      else if (m.type === 'stopped') stopped();
    });
    worker.once('error', (e: Error) => reject(new WorkerStartError(e.message)));
    void exited.then((code) => reject(new WorkerStartError(`the org thread exited with code ${code} while starting`)));
  }).catch(async (e: unknown) => {
    await worker.terminate();
    throw e;
  });
  identity = ready.identity;
  worker.on('error', (e: Error) => deps.err(`localorg serve: the org thread failed: ${e.stack ?? e.message}`));

  const front = createFront({
    token: options.token,
    orgPort: ready.port,
    limitsMax: ready.limitsMax,
    identity: () => identity,
    assetsDir: ready.assetsDir
  });
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + STOP_GRACE_MS;
    // No new connections; requests in flight get until the deadline to be answered.
    const closed = new Promise<void>((resolve) => front.server.close(() => resolve()));
    front.server.closeIdleConnections();
    while (front.inFlight() > 0 && Date.now() < deadline) await sleep(20);
    front.server.closeAllConnections();
    await closed;
    worker.postMessage({ type: 'stop' } satisfies ToWorker);
    const graceful = await Promise.race([
      whenStopped.then(() => true),
      exited.then(() => true),
      sleep(Math.max(0, deadline - Date.now())).then(() => false)
    ]);
    if (!graceful) {
      deps.out(
        `localorg serve: a transaction was still running after ${STOP_GRACE_MS / 1000} s; abandoned it (nothing of it was committed)`
      );
      await worker.terminate();
      if (options.dataDir) releaseLockHeldBy(options.dataDir, process.pid);
    }
    await exited;
  };
  try {
    await listen(front.server, options);
  } catch (e) {
    await stop();
    throw e;
  }
  const address = front.server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    homePath: ready.homePath,
    failed: exited.then((code) => (stopping ? new Promise<number>(() => undefined) : code || 1)),
    stop
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

function listen(server: http.Server, options: Pick<ServeOptions, 'port' | 'host'>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new WorkerStartError(
          e.code === 'EADDRINUSE' ? `port ${options.port} is already in use (try --port 0)` : e.message
        )
      )
    );
    server.listen(options.port, options.host, () => resolve());
  });
}
