import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BOOKINGS_PATH, sampleBookingChange } from '../../src/server/banner.js';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import { startOrg, type StartedOrg } from '../../src/server/start-org.js';
import { call, REPO_ROOT, TOKEN } from './helpers.js';

// This repository's package behind the server, with the sample data: the booking API as a scheduler would call it.
let org: StartedOrg;
before(async () => {
  org = await startOrg(
    {
      sources: [REPO_ROOT],
      port: 0,
      host: '127.0.0.1',
      token: TOKEN,
      tokenGenerated: false,
      dataDir: null,
      seedFile: path.join(REPO_ROOT, 'data', 'sample-plan.json')
    },
    { createRuntime: loadOrgRuntime, out: () => undefined }
  );
});
after(async () => {
  await org.stop();
});

function booking(n: string, attendee: number): Record<string, unknown> {
  const change = sampleBookingChange(new Date('2026-11-20T10:00:00Z'));
  const b = change.booking as Record<string, unknown>;
  return {
    ...change,
    id: `chg-conc-${n}`,
    booking: {
      ...b,
      uid: `bk-conc-${n}`,
      attendees: [
        { email: `guest${attendee}@contoso.com`, firstName: 'Guest', lastName: `No ${attendee}`, role: 'primary' }
      ]
    }
  };
}

type Results = { results: { outcome: string; eventId: string | null }[] };

test('the banner curl books a meeting on the package', async () => {
  const r = await call(org.url, BOOKINGS_PATH, { method: 'POST', body: sampleBookingChange() });
  assert.equal(r.status, 200, r.text);
  const [result] = (r.json as Results).results;
  assert.equal(result.outcome, 'created');
  assert.match(result.eventId ?? '', /^00U/);
});

test('50 concurrent clients posting bookings lose nothing and create no duplicates', { timeout: 180_000 }, async () => {
  // Each client sends its own booking and re-sends one of ten shared changes, as a retrying scheduler would.
  const outcomes = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const own = await call(org.url, BOOKINGS_PATH, { method: 'POST', body: booking(`own-${i}`, i) });
      const shared = await call(org.url, BOOKINGS_PATH, {
        method: 'POST',
        body: booking(`shared-${i % 10}`, 100 + (i % 10))
      });
      return [own, shared].map((r) => {
        assert.equal(r.status, 200, r.text);
        return (r.json as Results).results[0].outcome;
      });
    })
  );
  const flat = outcomes.flat();
  assert.equal(flat.filter((o) => o === 'created').length, 60);
  assert.equal(flat.filter((o) => o === 'duplicate').length, 40);
  const q = await call(
    org.url,
    `/services/data/v62.0/query?q=${encodeURIComponent("SELECT BookingUid__c FROM Event WHERE BookingUid__c LIKE 'bk-conc-%'")}`
  );
  const uids = (q.json as { records: { BookingUid__c: string }[] }).records.map((r) => r.BookingUid__c);
  assert.equal(uids.length, 60);
  assert.equal(new Set(uids).size, 60);
});
