/**
 * jsforce's real streaming client (Faye, long polling) against `localorg serve` on a small project with platform
 * events: publish → received, replay ids, a restart on the same `--data` folder, and the bad cases.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import { spawnServe, waitExit, type ChildServer } from '../child-server.js';
import { TOKEN } from '../helpers.js';

const EVENTS = path.resolve(import.meta.dirname, '../../fixtures/events');
const CHANNEL = '/event/Ping__e';

interface Delivery {
  payload: { Message__c: string | null; Count__c: number | null; CreatedDate: string; CreatedById: string };
  event: { EventUuid: string; replayId: number };
}

/** The Faye client jsforce returns, as these tests use it (jsforce types it loosely). */
interface FayeClient {
  subscribe(channel: string, listener: (message: Delivery) => void): Promise<unknown>;
  disconnect(): void;
}

function streamingClient(conn: Connection, extensions?: unknown[]): FayeClient {
  return conn.streaming.createClient(extensions as never) as unknown as FayeClient;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, check: () => T | null | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let dataDir: string;
let port: number;
let server: ChildServer;
const args = (): string[] => ['--source', EVENTS, '--port', String(port), '--token', TOKEN, '--data', dataDir];
const connection = (token = TOKEN): Connection =>
  new Connection({ instanceUrl: `http://127.0.0.1:${port}`, accessToken: token, version: '62.0' });

async function publish(message: string): Promise<string> {
  const r = await connection().sobject('Ping__e').create({ Message__c: message });
  assert.equal(r.success, true);
  return r.id;
}

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-streaming-'));
  port = await freePort();
  server = await spawnServe(args());
});
after(async () => {
  server.child.kill('SIGTERM');
  await waitExit(server.child);
  // Faye leaves request timers behind after disconnect(); once every test has finished, they are all that keeps this
  // process alive, so end it (the timer is unref'd: it fires only if something else still holds the event loop).
  setTimeout(() => process.exit(), 1000).unref();
});

test('a bad token: the handshake is denied and the AuthFailure extension is told (no retry loop)', async () => {
  type Failure = { error?: string; ext?: { sfdc?: { failureReason?: string } } };
  const seen: { failure: Failure | null } = { failure: null };
  const client = streamingClient(connection('00DLOCAL0000001!wrong'), [
    new StreamingExtension.AuthFailure((m: Failure) => (seen.failure = m))
  ]);
  void client.subscribe(CHANNEL, () => undefined);
  const m = await until('the auth failure', () => seen.failure);
  assert.equal(m.error, '403::Handshake denied');
  assert.equal(m.ext?.sfdc?.failureReason, '401::Authentication invalid');
  client.disconnect();
});

test('subscribing to an unknown channel is refused with a Bayeux error', async () => {
  const client = streamingClient(connection());
  await assert.rejects(
    async () => {
      await client.subscribe('/event/Nope__e', () => undefined);
    },
    (e: unknown) => /does not exist \{\/event\/Nope__e\}/.test(String((e as { message?: string }).message ?? e))
  );
  client.disconnect();
});

test('conn.streaming.topic(...).subscribe receives events published over REST and by Apex after they commit', async () => {
  const got: Delivery[] = [];
  const conn = connection();
  const sub = conn.streaming.topic(CHANNEL).subscribe((m) => got.push(m as unknown as Delivery));
  await sub;
  await publish('rest one');
  const apex = await connection().apex.post<string>('/pings?message=apex+one', {});
  assert.equal(apex, 'true');
  // kind=fail publishes a ping (after commit: dropped) and a shout (immediately: kept), then throws.
  await assert.rejects(connection().apex.post('/pings?kind=fail', {}));
  await publish('rest two');
  await until('three pings', () => got.length >= 3);
  assert.deepEqual(
    got.map((d) => d.payload.Message__c),
    ['rest one', 'apex one', 'rest two']
  );
  const replayIds = got.map((d) => d.event.replayId);
  assert.deepEqual(
    replayIds,
    [...replayIds].sort((a, b) => a - b)
  );
  assert.match(got[0].payload.CreatedDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(got[0].event.EventUuid, /^[0-9a-f-]{36}$/);
  sub.cancel();
  // topic() keeps its Faye client inside jsforce; disconnect it so its polling ends with the test.
  const clients = (conn.streaming as unknown as { _fayeClients: Record<string, { disconnect(): void }> })._fayeClients;
  for (const c of Object.values(clients)) c.disconnect();
});

test('the Replay extension: -2 replays every retained event, N the events after N', async () => {
  const all: Delivery[] = [];
  const c1 = streamingClient(connection(), [new StreamingExtension.Replay(CHANNEL, -2)]);
  await c1.subscribe(CHANNEL, (m: Delivery) => all.push(m));
  await until('the retained pings', () => all.length >= 3);
  c1.disconnect();
  const after1: Delivery[] = [];
  const first = all[0].event.replayId;
  const c2 = streamingClient(connection(), [new StreamingExtension.Replay(CHANNEL, first)]);
  await c2.subscribe(CHANNEL, (m: Delivery) => after1.push(m));
  await until('the pings after the first', () => after1.length >= all.length - 1);
  assert.deepEqual(
    after1.map((d) => d.event.replayId),
    all.slice(1).map((d) => d.event.replayId)
  );
  c2.disconnect();
});

test(
  'after a restart on the same --data folder, a reconnecting subscriber gets the events it missed',
  { timeout: 120_000 },
  async () => {
    const got: Delivery[] = [];
    const client = streamingClient(connection(), [new StreamingExtension.Replay(CHANNEL, -1)]);
    await client.subscribe(CHANNEL, (m: Delivery) => got.push(m));
    await publish('before restart');
    const seen = await until('the ping before the restart', () =>
      got.find((d) => d.payload.Message__c === 'before restart')
    );

    server.child.kill('SIGTERM');
    await waitExit(server.child);
    server = await spawnServe(args());
    // Published while the subscriber has not reconnected yet.
    await publish('missed 1');
    await publish('missed 2');

    // Faye's connect fails, it is told "403::Unknown client", handshakes again and resubscribes with the last replay
    // id it saw, as the Replay extension keeps it.
    await until(
      'the missed pings',
      () => got.filter((d) => d.payload.Message__c?.startsWith('missed')).length >= 2,
      60_000
    );
    const missed = got.filter((d) => d.event.replayId > seen.event.replayId);
    assert.deepEqual(
      missed.map((d) => d.payload.Message__c),
      ['missed 1', 'missed 2']
    );
    assert.deepEqual(
      missed.map((d) => d.event.replayId),
      [seen.event.replayId + 1, seen.event.replayId + 2],
      'replay ids continue across the restart'
    );
    client.disconnect();

    // A fresh subscriber asking for everything retained gets the messages from before the restart too.
    const everything: Delivery[] = [];
    const fresh = streamingClient(connection(), [new StreamingExtension.Replay(CHANNEL, -2)]);
    await fresh.subscribe(CHANNEL, (m: Delivery) => everything.push(m));
    await until('all retained pings', () => everything.length >= seen.event.replayId + 2);
    assert.equal(everything[0].event.replayId, 1);
    fresh.disconnect();
  }
);
