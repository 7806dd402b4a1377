/**
 * The admin app's settings path on the real package, below the browser: SyncSettingsController.saveMapping refuses an
 * incompatible mapping, deploys a valid one through Metadata.Operations.enqueueDeployment, the callback records the
 * result, and the next booking made through the REST API carries the mapped value. Webhook secrets set through the
 * controller are what the webhook endpoint verifies against.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import { BOOKINGS_PATH, sampleBookingChange } from '../../src/server/banner.js';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import type { ApexHost } from '../../src/server/runtime-seams.js';
import { startOrg, type StartedOrg } from '../../src/server/start-org.js';
import { typeRef } from '../../src/values/values.js';
import { call, REPO_ROOT, TOKEN } from './helpers.js';

let org: StartedOrg;
let apex: ApexHost;

before(async () => {
  org = await startOrg(
    {
      sources: [REPO_ROOT],
      port: 0,
      host: '127.0.0.1',
      token: TOKEN,
      tokenGenerated: false,
      dataDir: null,
      seedFile: null
    },
    { createRuntime: loadOrgRuntime, out: () => undefined }
  );
  apex = org.org.runtime.apex!;
});
after(async () => {
  await org.stop();
});

/** Calls an @AuraEnabled method as the Apex bridge would: one transaction, JSON in and out. */
async function aura(method: string, params: [string, unknown][]): Promise<unknown> {
  const info = new Map([
    ['saveMapping', ['MappingEditor.MappingInput']],
    ['getDeployment', ['Id']],
    ['saveWebhook', ['String', 'String', 'Integer']]
  ]).get(method)!;
  const outcome = await org.org.transact(`test ${method}`, () =>
    apex.invokeStatic(
      'SyncSettingsController',
      method,
      params.map(([, value], i) => apex.deserializeJson(JSON.stringify(value), typeRef(info[i])))
    )
  );
  if (!outcome.ok) throw outcome.error as Error;
  return JSON.parse(apex.serializeJson(outcome.value));
}

interface SaveResult {
  jobId: string | null;
  problems: { input: string; message: string }[];
}

const mapping = (field: string, value: string) => ({
  name: null,
  profileName: 'Default',
  targetObject: 'Event',
  targetField: field,
  value,
  onlyIfEmpty: false,
  phase: 'booking',
  isActive: true
});

async function eventOf(uid: string): Promise<Record<string, unknown>> {
  const soql = `SELECT Id, Location, AttendeeNoShow__c FROM Event WHERE BookingUid__c = '${uid}'`;
  const r = await call(org.url, `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`);
  return (r.json as { records: Record<string, unknown>[] }).records[0];
}

test('an incompatible mapping is refused, a valid one is deployed and the next booking carries its value', async () => {
  const refused = (await aura('saveMapping', [['mapping', mapping('AttendeeNoShow__c', 'maybe')]])) as SaveResult;
  assert.equal(refused.jobId, null);
  assert.equal(refused.problems[0].input, 'value');
  assert.match(refused.problems[0].message, /is not true or false, but .* is a checkbox/);

  const saved = (await aura('saveMapping', [['mapping', mapping('Location', 'Room {answers.topic}')]])) as SaveResult;
  assert.deepEqual(saved.problems, []);
  assert.match(saved.jobId ?? '', /^0Af/);
  await org.org.idle();
  const deployment = (await aura('getDeployment', [['jobId', saved.jobId]])) as { status: string; done: boolean };
  assert.deepEqual([deployment.status, deployment.done], ['Succeeded', true]);

  const change = sampleBookingChange(new Date('2026-11-20T10:00:00Z'));
  (change.booking as Record<string, unknown>).answers = { topic: 'pricing' };
  const booked = await call(org.url, BOOKINGS_PATH, { method: 'POST', body: change });
  assert.equal(booked.status, 200, booked.text);
  const event = await eventOf((change.booking as { uid: string }).uid);
  assert.equal(event.Location, 'Room pricing');
});

test('a webhook secret set through the app is the one the webhook endpoint verifies', async () => {
  const view = (await aura('saveWebhook', [
    ['provider', 'calcom'],
    ['secret', 'whsec-e2e'],
    ['toleranceSeconds', null]
  ])) as Record<string, unknown>;
  assert.equal(view.secretSet, true);
  assert.ok(!JSON.stringify(view).includes('whsec'), 'the secret is not sent back');

  const body = JSON.stringify({ triggerEvent: 'PING', createdAt: '2026-11-20T10:00:00Z', payload: {} });
  const sign = (secret: string) => crypto.createHmac('sha256', secret).update(body).digest('hex');
  const post = (signature: string) =>
    call(org.url, '/services/apexrest/booking-sync/v1/webhooks/calcom', {
      method: 'POST',
      rawBody: body,
      headers: { 'Content-Type': 'application/json', 'X-Cal-Signature-256': signature }
    });
  assert.equal((await post(sign('not-the-secret'))).status, 401);
  assert.equal((await post(sign('whsec-e2e'))).status, 200);
});
