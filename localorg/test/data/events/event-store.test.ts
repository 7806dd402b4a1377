import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStore, RETENTION_MS, type EventMessage } from '../../../src/data/events/event-store.js';
import { SObject } from '../../../src/values/values.js';

function message(channel: string, replayId: number, createdDate: number): EventMessage {
  return {
    channel,
    replayId,
    uuid: `u-${replayId}`,
    createdDate,
    createdById: '005000000000001AAA',
    record: new SObject(channel)
  };
}

test('an invalid replay id is refused: beyond the last, negative other than -1/-2, or not an integer', () => {
  const now = 1_000_000;
  const store = new EventStore(() => now);
  store.append(message('Ping__e', 1, now));
  store.append(message('Ping__e', 2, now));
  assert.equal(store.replay('Ping__e', 3), null);
  assert.equal(store.replay('Ping__e', -3), null);
  assert.equal(store.replay('Ping__e', 1.5), null);
});

test('a replay id whose successors have expired is refused; one just before the oldest retained is served', () => {
  let now = 0;
  const store = new EventStore(() => now);
  store.append(message('Ping__e', 1, 0));
  store.append(message('Ping__e', 2, 0));
  store.append(message('Ping__e', 3, 10));
  now = RETENTION_MS + 5; // 1 and 2 are past 72 hours, 3 is not
  assert.equal(store.replay('Ping__e', 0), null, 'messages 1 and 2 are gone');
  assert.equal(store.replay('Ping__e', 1), null, 'message 2 is gone');
  assert.deepEqual(
    store.replay('Ping__e', 2)!.map((m) => m.replayId),
    [3]
  );
  assert.deepEqual(
    store.retained('Ping__e').map((m) => m.replayId),
    [3]
  );
});

test('replay ids start at 1 and increase by one per channel; appending out of order is a defect', () => {
  const store = new EventStore(() => 0);
  assert.equal(store.nextReplayId('Ping__e'), 1);
  store.append(message('Ping__e', 1, 0));
  assert.equal(store.nextReplayId('ping__E'), 2, 'channel names are case-insensitive');
  assert.equal(store.nextReplayId('Shout__e'), 1, 'each channel counts on its own');
  assert.throws(() => store.append(message('Ping__e', 5, 0)), /expected replay id 2, got 5/);
});

test('-1 replays nothing, -2 every retained message, N the messages after N', () => {
  const store = new EventStore(() => 0);
  for (let i = 1; i <= 4; i++) store.append(message('Ping__e', i, 0));
  assert.deepEqual(store.replay('Ping__e', -1), []);
  assert.deepEqual(
    store.replay('Ping__e', -2)!.map((m) => m.replayId),
    [1, 2, 3, 4]
  );
  assert.deepEqual(
    store.replay('Ping__e', 2)!.map((m) => m.replayId),
    [3, 4]
  );
  assert.deepEqual(store.replay('Ping__e', 4), []);
});

test('listeners hear appended messages, not restored ones, until removed', () => {
  const store = new EventStore(() => 0);
  const heard: number[] = [];
  const stop = store.listen((m) => heard.push(m.replayId));
  store.restore(message('Ping__e', 7, 0));
  store.append(message('Ping__e', 8, 0));
  stop();
  store.append(message('Ping__e', 9, 0));
  assert.deepEqual(heard, [8]);
  assert.equal(store.lastReplayId('Ping__e'), 9);
});
