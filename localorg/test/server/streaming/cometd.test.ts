import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadOrgRuntime } from '../../../src/server/org-runtime.js';
import { call, startTestServer, TOKEN, type TestServer } from '../helpers.js';

const EVENTS = path.resolve(import.meta.dirname, '../../fixtures/events');
type Msg = Record<string, unknown>;

let s: TestServer;
before(async () => {
  s = await startTestServer({ runtime: loadOrgRuntime([EVENTS]), streamingConnectTimeoutMs: 3000 });
});
after(async () => {
  await s.close();
});

async function bayeux(messages: unknown, token: string | null = TOKEN): Promise<{ status: number; replies: Msg[] }> {
  const r = await call(s.url, '/cometd/62.0', { method: 'POST', body: messages, token });
  return { status: r.status, replies: r.json as Msg[] };
}

async function handshake(): Promise<string> {
  const { replies } = await bayeux([
    { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '1' }
  ]);
  return replies[0].clientId as string;
}

test('a bad or missing token: the handshake is denied with the platform shape, other messages get 401::', async () => {
  for (const token of ['not-the-token', null]) {
    const { status, replies } = await bayeux([{ channel: '/meta/handshake', version: '1.0', id: '1' }], token);
    assert.equal(status, 401);
    assert.deepEqual(replies, [
      {
        channel: '/meta/handshake',
        successful: false,
        error: '403::Handshake denied',
        id: '1',
        ext: { sfdc: { failureReason: '401::Authentication invalid' } },
        advice: { reconnect: 'none' }
      }
    ]);
  }
  const { replies } = await bayeux([{ channel: '/meta/connect', clientId: 'x', id: '2' }], 'wrong');
  assert.equal(replies[0].error, '401::Authentication invalid');
});

test('malformed requests get Bayeux errors, never a 500', async () => {
  const raw = await call(s.url, '/cometd/62.0', {
    method: 'POST',
    rawBody: '[{"channel":',
    headers: { 'Content-Type': 'application/json' }
  });
  assert.equal(raw.status, 400);
  assert.match((raw.json as Msg[])[0].error as string, /^400::Malformed JSON/);
  const empty = await bayeux([]);
  assert.equal(empty.status, 400);
  const notMessages = await bayeux([42, { id: 'no channel' }]);
  assert.equal(notMessages.status, 200);
  assert.deepEqual(
    notMessages.replies.map((r) => [r.successful, r.error]),
    [
      [false, '400::A Bayeux message is an object with a "channel"'],
      [false, '400::A Bayeux message is an object with a "channel"']
    ]
  );
  const meta = await bayeux([{ channel: '/meta/nonsense', clientId: await handshake(), id: '9' }]);
  assert.equal(meta.replies[0].error, '400::Unknown meta channel /meta/nonsense');
  const publish = await bayeux([{ channel: '/event/Ping__e', clientId: await handshake(), data: {} }]);
  assert.equal(publish.replies[0].error, '403::Publish denied on /event/Ping__e');
});

test('the endpoint needs POST on /cometd/<version>: GET is 405, an unknown version 404, WebSocket upgrades 405', async () => {
  const get = await call(s.url, '/cometd/62.0');
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'POST');
  const badVersion = await call(s.url, '/cometd/9.0', { method: 'POST', body: [{ channel: '/meta/handshake' }] });
  assert.equal(badVersion.status, 404);
  assert.match((badVersion.json as Msg[])[0].error as string, /^404::/);
  const upgradeStatus = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${s.url}/cometd/62.0`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ=='
      }
    });
    req.on('response', (res) => resolve(res.statusCode ?? 0));
    req.on('upgrade', () => reject(new Error('upgraded')));
    req.on('error', reject);
    req.end();
  });
  assert.equal(upgradeStatus, 405);
});

test('an unknown client is told to handshake again', async () => {
  const { replies } = await bayeux([
    { channel: '/meta/connect', clientId: 'gone', connectionType: 'long-polling', id: '5' }
  ]);
  assert.deepEqual(replies, [
    {
      channel: '/meta/connect',
      successful: false,
      error: '403::Unknown client',
      id: '5',
      clientId: 'gone',
      advice: { reconnect: 'handshake', interval: 0 }
    }
  ]);
});

test('subscribing to a channel that is not a platform event, or with an invalid replay id, fails', async () => {
  const clientId = await handshake();
  for (const subscription of ['/event/Nope__e', '/event/EventLog__c', '/topic/Ping__e']) {
    const { replies } = await bayeux([{ channel: '/meta/subscribe', clientId, subscription, id: '3' }]);
    assert.equal(replies[0].successful, false);
    assert.equal(replies[0].error, `400::The channel you requested to subscribe to does not exist {${subscription}}`);
    assert.equal(replies[0].subscription, subscription);
  }
  const { replies } = await bayeux([
    {
      channel: '/meta/subscribe',
      clientId,
      subscription: '/event/Ping__e',
      id: '4',
      ext: { replay: { '/event/Ping__e': 999 } }
    }
  ]);
  assert.equal(
    replies[0].error,
    '400::The replayId {999} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.'
  );
  const unsub = await bayeux([{ channel: '/meta/unsubscribe', clientId, subscription: '/event/Shout__e', id: '5' }]);
  assert.equal(unsub.replies[0].successful, false);
});

test('a held connect does not hold other requests, and returns as soon as an event is published', async () => {
  const clientId = await handshake();
  const sub = await bayeux([{ channel: '/meta/subscribe', clientId, subscription: '/event/Ping__e', id: '2' }]);
  assert.equal(sub.replies[0].successful, true);
  const started = Date.now();
  const held = bayeux([{ channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '3' }]);
  const other = await call(s.url, '/services/data/v62.0/query?q=SELECT+COUNT()+FROM+EventLog__c');
  assert.equal(other.status, 200);
  assert.ok(Date.now() - started < 2500, 'the query was answered while the connect was held');
  const published = await call(s.url, '/services/data/v62.0/sobjects/Ping__e', {
    method: 'POST',
    body: { Message__c: 'wake up' }
  });
  assert.equal(published.status, 201);
  const body = published.json as { success: boolean; errors: { statusCode: string; message: string }[] };
  assert.equal(body.success, true);
  assert.equal(body.errors[0].statusCode, 'OPERATION_ENQUEUED');
  const { replies } = await held;
  assert.ok(Date.now() - started < 2900, 'answered before the 3 s timeout');
  const event = replies[0] as { channel: string; data: { payload: Msg; event: Msg } };
  assert.equal(event.channel, '/event/Ping__e');
  assert.equal(event.data.payload.Message__c, 'wake up');
  assert.equal(event.data.payload.Count__c, null);
  assert.equal(event.data.event.EventUuid, body.errors[0].message);
  assert.deepEqual(replies[1], {
    channel: '/meta/connect',
    id: '3',
    clientId,
    successful: true,
    advice: { interval: 0, timeout: 3000, reconnect: 'retry' }
  });
});

test('a connect with nothing to deliver is answered at the timeout; with advice.timeout 0 at once', async () => {
  const clientId = await handshake();
  let t = Date.now();
  const now = await bayeux([
    { channel: '/meta/connect', clientId, connectionType: 'long-polling', advice: { timeout: 0 }, id: '2' }
  ]);
  assert.ok(Date.now() - t < 1000);
  assert.equal(now.replies[0].successful, true);
  t = Date.now();
  const held = await bayeux([{ channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '3' }]);
  assert.ok(Date.now() - t >= 2900, 'held until the timeout');
  assert.deepEqual(
    held.replies.map((r) => r.channel),
    ['/meta/connect']
  );
});

test('a REST publish that fails validation is a 400 with the field error and reaches nobody', async () => {
  const r = await call(s.url, '/services/data/v62.0/sobjects/Ping__e', { method: 'POST', body: { Count__c: 1 } });
  assert.equal(r.status, 400);
  assert.equal((r.json as { errorCode: string }[])[0].errorCode, 'REQUIRED_FIELD_MISSING');
});

test('disconnect forgets the client', async () => {
  const clientId = await handshake();
  const bye = await bayeux([{ channel: '/meta/disconnect', clientId, id: '9' }]);
  assert.equal(bye.replies[0].successful, true);
  const after = await bayeux([{ channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '10' }]);
  assert.equal(after.replies[0].error, '403::Unknown client');
});
