import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BOOKINGS,
  CANCEL_MAPPING,
  ensureSettings,
  PAGE_KEY,
  playPeerFeatures,
  PROFILE,
  type PeerClient
} from '../peer-features.js';

const now = new Date('2026-05-01T10:00:00Z');
type Change = { id: string; booking: Record<string, unknown> };

// Answers every change as the package would, unless `wrong` names a change id to answer otherwise.
function expectedOutcome(change: Change): { outcome: string; code?: string } {
  const b = change.booking;
  if (b.private === 'yes') return { outcome: 'rejected', code: 'INVALID_TYPE' };
  if (b.private === true && b.relatedTo) return { outcome: 'rejected', code: 'RELATED_TO_PRIVATE' };
  if (b.relatedTo === 'case-42') return { outcome: 'rejected', code: 'INVALID_ID' };
  if (typeof b.relatedTo === 'string' && b.relatedTo.startsWith('003'))
    return { outcome: 'rejected', code: 'INVALID_RELATED_TO' };
  if (b.relatedTo === '500000000000000') return { outcome: 'rejected', code: 'RELATED_RECORD_NOT_FOUND' };
  if (change.id.endsWith('-2c')) return { outcome: 'updated' };
  if (change.id.endsWith('-3')) return { outcome: 'created', code: 'RELATED_TO_LEAD' };
  if (change.id.endsWith('-4')) return { outcome: 'unchanged', code: 'INTERNAL_MEETING' };
  if (change.id.endsWith('-5')) return { outcome: 'unchanged', code: 'OUTSIDE_SYNC_WINDOW' };
  return { outcome: 'created' };
}

function fakeClient(options: { profiles?: unknown[]; wrong?: string } = {}) {
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const posted: Change[] = [];
  const client: PeerClient = {
    post: (path, body) => {
      assert.equal(path, BOOKINGS);
      const changes = ((body as { changes?: Change[] }).changes ?? [body]) as Change[];
      posted.push(...changes);
      const results = changes.map((c) => {
        const { outcome, code } = expectedOutcome(c);
        return {
          id: c.id,
          uid: c.booking.uid,
          outcome: c.id === options.wrong ? 'failed' : outcome,
          eventId: outcome === 'created' || outcome === 'updated' ? '00U000000000001AAA' : null,
          whoId: '003000000000001AAA',
          errors: code ? [{ code, message: 'why', field: 'booking.x' }] : []
        };
      });
      return Promise.resolve({ status: 200, json: { results } });
    },
    query: () => Promise.resolve([]),
    apex: (_classname, method, params) => {
      calls.push({ method, params });
      if (method === 'getProfiles') return Promise.resolve(options.profiles ?? []);
      if (method === 'getDeployment') return Promise.resolve({ done: true, status: 'Succeeded' });
      return Promise.resolve({ jobId: '0Af000000000001AAA', problems: [] });
    },
    create: () => Promise.resolve('500000000000001AAA')
  };
  return { client, calls, posted };
}

test('the settings are saved through the settings app once: profile then cancel mapping, each deployment awaited', async () => {
  const { client, calls } = fakeClient();
  await ensureSettings(client, () => {});
  assert.deepEqual(
    calls.map((c) => c.method),
    ['getProfiles', 'saveProfile', 'getDeployment', 'saveMapping', 'getDeployment']
  );
  const profile = calls[1].params.profile as Record<string, unknown>;
  assert.deepEqual([profile.name, profile.pageKeys, profile.skipInternalMeetings], [PROFILE, PAGE_KEY, true]);
  const mapping = calls[3].params.mapping as Record<string, unknown>;
  assert.deepEqual([mapping.targetObject, mapping.phase, mapping.value], ['Contact', 'cancel', CANCEL_MAPPING]);

  const again = fakeClient({
    profiles: [{ name: PROFILE, mappings: [{ targetObject: 'Contact', targetField: 'Description', phase: 'cancel' }] }]
  });
  await ensureSettings(again.client, () => {});
  assert.deepEqual(
    again.calls.map((c) => c.method),
    ['getProfiles'],
    'nothing saved twice'
  );
});

test('a refused save stops the demo with the problems named', async () => {
  const { client } = fakeClient();
  client.apex = (_c, method) =>
    Promise.resolve(method === 'getProfiles' ? [] : { problems: [{ input: 'pageKeys', message: 'taken' }] });
  await assert.rejects(
    ensureSettings(client, () => {}),
    /profile PeersDemo was refused: pageKeys: taken/
  );
});

test('every change answering as shown counts no failure; private, related-to and bad input are all sent', async () => {
  const { client, posted } = fakeClient();
  const lines: string[] = [];
  assert.equal(await playPeerFeatures(client, (l) => lines.push(l), 'r1', now), 0);
  assert.ok(
    posted.some((c) => c.booking.private === true && !c.booking.relatedTo),
    'a private booking'
  );
  assert.ok(
    posted.some((c) => c.booking.relatedTo === '500000000000001AAA'),
    'a booking related to the Case'
  );
  assert.ok(
    posted.some((c) => c.id === 'peer-r1-2c' && c.booking.uid === 'pk-r1-2'),
    'the cancel of that booking'
  );
  assert.equal(posted.filter((c) => c.id.match(/-(6|7|8|9|10|11)$/)).length, 6, 'one batch of bad input + neighbour');
  assert.ok(
    lines.some((l) => l.includes('Their Contacts')),
    'prints the Contacts'
  );
});

test('a change that answers otherwise is counted and marked', async () => {
  const { client } = fakeClient({ wrong: 'peer-r1-1' });
  const lines: string[] = [];
  assert.equal(await playPeerFeatures(client, (l) => lines.push(l), 'r1', now), 1);
  assert.ok(lines.some((l) => l.includes('✗ failed')));
});
