/**
 * The org's thread: loads the project, replays the journal, imports the seed and serves every request that needs the
 * org (Apex, SOQL, DML, Lightning pages) on an internal loopback port, exactly as {@link startOrg} does in-process.
 * The front on the main thread forwards to it, so a long transaction here never stops the front from answering, and
 * the front can abandon this thread (terminate) on SIGTERM: every acknowledged commit is already fsync'd in the journal.
 */
import type { MessagePort } from 'node:worker_threads';
import { readIdentity, type IdentityFacts } from './identity.js';
import { loadOrgRuntime } from './org-runtime.js';
import { startOrg, type StartedOrg } from './start-org.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';
import type { CommittedChange } from './runtime-seams.js';

const IDENTITY_OBJECTS = new Set(['user', 'organization']);

export async function runOrgWorker(port: MessagePort, init: WorkerInit): Promise<void> {
  const post = (m: FromWorker): void => port.postMessage(m);
  const out = (line: string): void => post({ type: 'log', line });
  /** Set once the org is loaded, replayed, seeded and listening. */
  let org: StartedOrg['org'] | null = null;
  let identityStale = false;
  const onCommitted = (changes: CommittedChange[]): void => {
    // Until the org is ready (journal replay, the seed) nothing is watched: the ready message carries the identity.
    if (!org || identityStale || !changes.some((c) => IDENTITY_OBJECTS.has(c.sobjectType.toLowerCase()))) return;
    identityStale = true;
    // Read after this transaction, as the next one in the queue.
    void identity(org).then((facts) => {
      identityStale = false;
      post({ type: 'identity', identity: facts });
    });
  };
  let started: StartedOrg;
  try {
    started = await startOrg(
      { ...init.options, port: 0, host: '127.0.0.1' },
      { createRuntime: (sources) => loadOrgRuntime(sources), out, lightning: init.lightning, onCommitted }
    );
  } catch (e) {
    post({ type: 'failed', message: (e as Error)?.message ?? String(e) });
    port.close();
    return;
  }
  org = started.org;
  // Only the front connects here, over loopback, and keeps its sockets alive between requests. A transaction blocks
  // this thread's event loop for as long as it runs; when it ends, Node's idle-socket timers run before the sockets
  // are read, so with the default 5 s keep-alive timeout a request the front had already sent on an idle socket was
  // dropped (the front then answered 503). The front applies the client-facing limits; this hop needs none.
  org.server.keepAliveTimeout = 0;
  org.server.headersTimeout = 0;
  org.server.requestTimeout = 0;
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'stop') return;
    void started.stop().then(() => {
      post({ type: 'stopped' });
      port.close();
    });
  });
  post({
    type: 'ready',
    port: new URL(started.url).port === '' ? 80 : Number(new URL(started.url).port),
    limitsMax: org.runtime.platform.limits.max,
    identity: await identity(org),
    homePath: started.lightning?.homePath ?? null,
    assetsDir: started.lightning?.assetsDir ?? null
  });
}

/** The admin User and Organization as the front answers them, read as the next transaction in the org's queue. */
async function identity(org: StartedOrg['org']): Promise<IdentityFacts | null> {
  const outcome = await org.transact('identity', () => readIdentity(org.runtime.platform));
  return outcome.ok ? outcome.value : null;
}
