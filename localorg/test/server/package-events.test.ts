/**
 * The package's BookingChanged__e as a scheduler receives it: jsforce's streaming client subscribed to
 * /event/BookingChanged__e on `localorg serve` started with this repository's package and the sample data. A rep's
 * move of a booked Event through the REST API reaches the subscriber with the uid and the new start; the scheduler's
 * own bookings through the booking API publish nothing; a subscriber reconnecting with a replay id gets what it missed.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import { BOOKINGS_PATH } from '../../src/server/banner.js';
import { spawnServe, waitExit, type ChildServer } from './child-server.js';
import { call, REPO_ROOT, TOKEN } from './helpers.js';

const CHANNEL = '/event/BookingChanged__e';

interface BookingChanged {
  payload: {
    ChangeId__c: string;
    ChangeType__c: string;
    BookingUid__c: string;
    EventId__c: string;
    Start__c: string;
    End__c: string;
    TimeZone__c: string | null;
    OwnerEmail__c: string | null;
    Reason__c: string | null;
    Actor__c: string;
    ChangedById__c: string;
    OccurredAt__c: string;
  };
  event: { replayId: number; EventUuid: string };
}

interface BookingResults {
  results: { outcome: string; eventId: string | null; errors: { code: string }[] }[];
}

async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 30_000
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Ends a Faye client's long polling (faye's typings leave disconnect out). */
function disconnect(client: object): void {
  (client as { disconnect(): void }).disconnect();
}

let server: ChildServer;
const connection = (): Connection => new Connection({ instanceUrl: server.url, accessToken: TOKEN, version: '62.0' });

before(async () => {
  server = await spawnServe([
    '--source',
    REPO_ROOT,
    '--seed',
    path.join(REPO_ROOT, 'data', 'sample-plan.json'),
    '--port',
    '0',
    '--token',
    TOKEN
  ]);
});
after(async () => {
  server.child.kill('SIGTERM');
  await waitExit(server.child);
});

/** A change as a scheduler sends it to the booking API. */
function change(type: string, id: string, uid: string, occurredAt: string, start: string): Record<string, unknown> {
  const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
  return {
    id,
    type,
    occurredAt,
    source: 'calcom',
    booking: {
      uid,
      title: 'Intro call: Contoso',
      start,
      end,
      timezone: 'America/New_York',
      page: { key: 'intro-30', name: 'Intro call (30 min)', kind: 'round-robin' },
      host: { email: 'maya.chen@bookingsync-demo.com', name: 'Maya Chen' },
      attendees: [{ email: 'dana.fox@contoso.com', firstName: 'Dana', lastName: 'Fox', role: 'primary' }]
    }
  };
}

async function book(changes: Record<string, unknown>[]): Promise<BookingResults['results']> {
  const r = await call(server.url, BOOKINGS_PATH, { method: 'POST', body: { changes } });
  assert.equal(r.status, 200, r.text);
  return (r.json as BookingResults).results;
}

async function patchEvent(eventId: string, fields: Record<string, unknown>): Promise<void> {
  const r = await call(server.url, `/services/data/v62.0/sobjects/Event/${eventId}`, { method: 'PATCH', body: fields });
  assert.equal(r.status, 204, r.text);
}

test(
  "a rep's move reaches the subscriber; the scheduler's own bookings publish nothing; a replay id brings back what a subscriber missed",
  { timeout: 180_000 },
  async () => {
    const received: BookingChanged[] = [];
    const live = connection().streaming.createClient([new StreamingExtension.Replay(CHANNEL, -1)]);
    await live.subscribe(CHANNEL, (m: BookingChanged) => received.push(m));

    // The scheduler books two meetings and moves one: the sync writes Events, nothing is published.
    const [first, second] = await book([
      change('scheduled', 'evt-c1', 'evt-bk-1', '2026-11-20T09:00:00Z', '2026-12-02T15:00:00Z'),
      change('scheduled', 'evt-c2', 'evt-bk-2', '2026-11-20T09:00:00Z', '2026-12-04T15:00:00Z')
    ]);
    assert.deepEqual([first.outcome, second.outcome], ['created', 'created']);
    const [moved] = await book([
      change('rescheduled', 'evt-c3', 'evt-bk-1', '2026-11-20T10:00:00Z', '2026-12-02T16:00:00Z')
    ]);
    assert.equal(moved.outcome, 'updated');

    // A rep moves the first booking in Salesforce.
    await patchEvent(first.eventId!, { StartDateTime: '2026-12-03T17:00:00Z', EndDateTime: '2026-12-03T17:30:00Z' });
    const repMove = await until('the move', () => received.find((m) => m.payload.ChangeType__c === 'Moved'));
    assert.equal(repMove.payload.BookingUid__c, 'evt-bk-1');
    assert.equal(repMove.payload.EventId__c, first.eventId);
    assert.equal(Date.parse(repMove.payload.Start__c), Date.parse('2026-12-03T17:00:00Z'), 'the new start');
    assert.equal(Date.parse(repMove.payload.End__c), Date.parse('2026-12-03T17:30:00Z'), 'the new end');
    assert.equal(repMove.payload.Actor__c, 'Salesforce');
    assert.match(repMove.payload.ChangeId__c, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      received.map((m) => m.payload.ChangeType__c),
      ['Moved'],
      'the scheduler heard nothing of its own two bookings and reschedule, which were published before the move if at all'
    );
    disconnect(live);

    // While the subscriber is away, a rep cancels the first booking and deletes the second.
    await patchEvent(first.eventId!, { EventStatus__c: 'Canceled', CancelRescheduleReason__c: 'Customer called' });
    const deleted = await call(server.url, `/services/data/v62.0/sobjects/Event/${second.eventId}`, {
      method: 'DELETE'
    });
    assert.equal(deleted.status, 204, deleted.text);

    // It reconnects with the last replay id it handled and gets exactly what it missed, in order.
    const missed: BookingChanged[] = [];
    const back = connection().streaming.createClient([new StreamingExtension.Replay(CHANNEL, repMove.event.replayId)]);
    await back.subscribe(CHANNEL, (m: BookingChanged) => missed.push(m));
    await until('the missed changes', () => missed.length >= 2);
    assert.deepEqual(
      missed.map((m) => [m.payload.ChangeType__c, m.payload.BookingUid__c]),
      [
        ['Canceled', 'evt-bk-1'],
        ['Deleted', 'evt-bk-2']
      ]
    );
    assert.equal(missed[0].payload.Reason__c, 'Customer called');
    assert.deepEqual(
      missed.map((m) => m.event.replayId),
      [repMove.event.replayId + 1, repMove.event.replayId + 2]
    );
    disconnect(back);

    // The package's own subscriber logs each delivered change under the message's ChangeId__c.
    const soql =
      "SELECT ChangeId__c FROM BookingSyncLog__c WHERE Source__c = 'salesforce' AND Outcome__c = 'published'";
    const published = async (): Promise<string[]> => {
      const r = await call(server.url, `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`);
      return (r.json as { records: { ChangeId__c: string }[] }).records.map((row) => row.ChangeId__c).sort();
    };
    let logged: string[] = [];
    await until('the sync log rows', async () => (logged = await published()).length >= 3);
    assert.deepEqual(logged, [repMove, ...missed].map((m) => m.payload.ChangeId__c).sort());
  }
);
