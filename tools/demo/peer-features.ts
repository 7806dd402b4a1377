/**
 * The peers' features part of `npm run demo` (issue 13): a sync profile `PeersDemo` (Contact mode, internal meetings
 * skipped, a one-year window ahead) and its Contact `cancel` mapping are saved through the settings app's Apex, as the
 * admin app does; a Case is created through the data API; then bookings show a private Event, an Event related to the
 * Case, a cancel that writes the Contact, the Lead rule of related records, an internal meeting and a far-ahead booking
 * left alone, and a batch of bad input rejected change by change while its neighbour is booked. It prints the Events
 * and the Contact the cancel wrote.
 */
import type { DemoClient } from './form-submissions.js';
import { renderTable } from './table.js';

export const BOOKINGS = '/services/apexrest/booking-sync/v1/bookings';
export const PROFILE = 'PeersDemo';
export const PAGE_KEY = 'peers-demo';

type Row = Record<string, string | number | boolean | null | undefined>;

/** What this part needs besides posting and querying: the settings app's Apex and record creation. */
export interface PeerClient extends DemoClient {
  /** Calls an `@AuraEnabled` method as the admin app does; answers its return value or throws its message. */
  apex(classname: string, method: string, params: Record<string, unknown>): Promise<unknown>;
  /** Creates a record through the data API; answers its Id. */
  create(sobject: string, fields: Record<string, unknown>): Promise<string>;
}

interface Result {
  id: string;
  uid: string;
  outcome: string;
  eventId: string | null;
  whoId: string | null;
  errors: { code: string; message: string; field: string | null }[];
}

interface ProfileView {
  name: string;
  mappings: { targetObject: string; targetField: string; phase: string }[];
}

const HOST = { email: 'maya.chen@bookingsync-demo.com', name: 'Maya Chen' };
const COLLEAGUES = ['jonas.weber@bookingsync-demo.com', 'priya.raman@bookingsync-demo.com'];
export const CANCEL_MAPPING = 'Canceled {booking.cancel_date}: {booking.reason}';

const cell = (v: Row[string]): string => (v === null || v === undefined ? '' : String(v));
const quoted = (ids: string[]): string => ids.map((id) => `'${id.replace(/'/g, "\\'")}'`).join(', ');

/** The profile as the settings app's form sends it. */
export function demoProfile(): Record<string, unknown> {
  return {
    name: PROFILE,
    label: 'Peers demo',
    pageKeys: PAGE_KEY,
    attendeeMode: 'Contact',
    checkExistingContact: true,
    createContactUnderAccount: false,
    ignoreGuests: false,
    skipContactCreation: false,
    createEvents: true,
    cancelAction: 'MarkCanceled',
    ownerStrategy: 'HostEmail',
    changeRecordOwner: false,
    relateTo: 'BookingPage',
    syncWindowAheadDays: 365,
    skipInternalMeetings: true
  };
}

async function deployed(client: PeerClient, saved: unknown, what: string): Promise<void> {
  const result = saved as { jobId?: string; problems: { input: string; message: string }[] };
  if (!result.jobId) {
    throw new Error(`${what} was refused: ${result.problems.map((p) => `${p.input}: ${p.message}`).join('; ')}`);
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const status = (await client.apex('SyncSettingsController', 'getDeployment', { jobId: result.jobId })) as {
      done: boolean;
      status: string;
      errors?: string[];
    };
    if (status.done) {
      if (status.status !== 'Succeeded')
        throw new Error(`${what}: ${status.status} ${cell(status.errors?.join('; '))}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: the deployment did not finish`);
}

/** Saves the demo profile and its cancel mapping through the settings app unless they are there already. */
export async function ensureSettings(client: PeerClient, out: (line: string) => void): Promise<void> {
  const profiles = (await client.apex('SyncSettingsController', 'getProfiles', {})) as ProfileView[];
  const existing = profiles.find((p) => p.name === PROFILE);
  if (!existing) {
    await deployed(
      client,
      await client.apex('SyncSettingsController', 'saveProfile', { profile: demoProfile(), isNew: true }),
      `profile ${PROFILE}`
    );
  }
  const hasMapping = existing?.mappings.some(
    (m) => m.targetObject === 'Contact' && m.targetField === 'Description' && m.phase === 'cancel'
  );
  if (!hasMapping) {
    const mapping = {
      profileName: PROFILE,
      targetObject: 'Contact',
      targetField: 'Description',
      value: CANCEL_MAPPING,
      onlyIfEmpty: false,
      phase: 'cancel',
      isActive: true
    };
    await deployed(client, await client.apex('SyncSettingsController', 'saveMapping', { mapping }), 'cancel mapping');
  }
  out(
    `Settings app: profile ${PROFILE} (page ${PAGE_KEY}: Contact mode, skip internal meetings, 365 days ahead) ` +
      `and its Contact cancel mapping "${CANCEL_MAPPING}" ${existing && hasMapping ? 'already saved' : 'saved and deployed'}.`
  );
}

interface Step {
  title: string;
  changes: Record<string, unknown>[];
  /** Per change: the outcome and, when given, the first error code it must show. */
  expect: [string, string?][];
}

/** Plays the peers' features; returns the number of changes that did not answer as expected. */
export async function playPeerFeatures(
  client: PeerClient,
  out: (line: string) => void,
  run: string,
  base: Date
): Promise<number> {
  out('\nThe peers’ features (private, related to, cancel writes, window and internal meetings):\n');
  await ensureSettings(client, out);
  const caseId = await client.create('Case', { Subject: `Cannot export invoices (${run})`, Origin: 'Web' });
  out(`Created Case ${caseId} through the data API.\n`);
  const at = (days: number): string => {
    const d = new Date(base);
    d.setUTCDate(d.getUTCDate() + days);
    d.setUTCHours(14, 0, 0, 0);
    return d.toISOString();
  };
  let clock = 0;
  const occurred = (): string => new Date(base.getTime() - 600_000 + clock++ * 1000).toISOString();
  const page = { key: PAGE_KEY, name: 'Peers demo call', kind: 'one-to-one' };
  const person = (first: string, last: string): Record<string, unknown> => ({
    email: `${first.toLowerCase()}.${last.toLowerCase()}.${run}@northwind.example`,
    firstName: first,
    lastName: last,
    role: 'primary'
  });
  const change = (n: string, type: string, booking: Record<string, unknown>): Record<string, unknown> => ({
    id: `peer-${run}-${n}`,
    type,
    occurredAt: occurred(),
    source: 'calcom',
    booking: { uid: `pk-${run}-${n.replace(/\D.*$/, '')}`, ...booking }
  });
  const booked = (n: string, title: string, who: Record<string, unknown>, more: Record<string, unknown> = {}) =>
    change(n, 'scheduled', {
      title,
      start: at(2),
      page,
      host: HOST,
      attendees: [who],
      description: 'Wants to talk about the renewal',
      answers: { topic: 'renewal', seats: 25 },
      ...more
    });

  const nora = person('Nora', 'Private');
  const omar = person('Omar', 'Related');
  const steps: Step[] = [
    {
      title: 'Nora books a private call: a private Event, without description, answers or relations',
      changes: [booked('1', 'Private call with Nora', nora, { private: true })],
      expect: [['created']]
    },
    {
      title: `Omar books a support call related to Case ${caseId}`,
      changes: [booked('2', 'Support call with Omar', omar, { relatedTo: caseId })],
      expect: [['created']]
    },
    {
      title: 'Omar cancels (he gave the reason): the cancel mapping writes his Contact, the Event keeps it all',
      changes: [change('2c', 'canceled', { reason: 'Found the export button', actor: 'attendee' })],
      expect: [['updated']]
    },
    {
      title: 'A Lead (Default profile, Lead mode) names the Case: Salesforce allows no WhatId on an Event about a Lead',
      changes: [
        booked('3', 'Discovery call with Lea', person('Lea', 'Lead'), {
          relatedTo: caseId,
          page: { key: `peers-demo-lead-${run}`, name: 'Discovery (Lead mode)' }
        })
      ],
      expect: [['created', 'RELATED_TO_LEAD']]
    },
    {
      title: 'Two colleagues book a call on a profile that skips internal meetings',
      changes: [
        booked(
          '4',
          'Internal sync',
          { email: COLLEAGUES[0], role: 'primary' },
          {
            attendees: [
              { email: COLLEAGUES[0], role: 'primary' },
              { email: COLLEAGUES[1], role: 'guest' }
            ]
          }
        )
      ],
      expect: [['unchanged', 'INTERNAL_MEETING']]
    },
    {
      title: 'A booking two years ahead is outside the one-year window',
      changes: [booked('5', 'Far-ahead call', person('Finn', 'Future'), { start: at(730) })],
      expect: [['unchanged', 'OUTSIDE_SYNC_WINDOW']]
    }
  ];
  let failures = 0;
  const results: Result[] = [];
  const play = async (step: Step, index: number): Promise<void> => {
    const body = step.changes.length === 1 ? step.changes[0] : { changes: step.changes };
    const r = await client.post(BOOKINGS, body);
    const answered = (r.json as { results?: Result[] } | null)?.results ?? [];
    results.push(...answered);
    const lines = step.expect.map(([outcome, code], i) => {
      const result = answered[i];
      const ok = r.status === 200 && result?.outcome === outcome && (!code || result.errors[0]?.code === code);
      if (!ok) failures++;
      const detail = result
        ? `${result.outcome}${result.eventId ? ` (Event ${result.eventId})` : ''}` +
          `${result.errors.length ? ' — ' + result.errors.map((e) => `${e.code} [${e.field ?? ''}]: ${e.message}`).join('; ') : ''}`
        : `HTTP ${r.status}: ${JSON.stringify(r.json)}`;
      return `${ok ? '✓' : '✗'} ${detail}`;
    });
    out(`${index}. ${step.title}\n     → ${lines.join('\n     → ')}`);
  };
  for (const [i, step] of steps.entries()) await play(step, i + 1);

  const omarId = results.find((r) => r.id === `peer-${run}-2`)?.whoId ?? '003000000000000AAA';
  await play(
    {
      title: 'Bad input in one batch: each change rejected alone, with its own code; the neighbour is booked',
      changes: [
        booked('6', 'Malformed', person('Bad', 'Id'), { relatedTo: 'case-42' }),
        booked('7', 'A person as related record', person('Bad', 'Type'), { relatedTo: omarId }),
        booked('8', 'A Case that does not exist', person('Bad', 'Missing'), { relatedTo: '500000000000000' }),
        booked('9', 'Private as text', person('Bad', 'Private'), { private: 'yes' }),
        booked('10', 'Private and related', person('Bad', 'Both'), { private: true, relatedTo: caseId }),
        booked('11', 'A fine neighbour', person('Nell', 'Neighbour'))
      ],
      expect: [
        ['rejected', 'INVALID_ID'],
        ['rejected', 'INVALID_RELATED_TO'],
        ['rejected', 'RELATED_RECORD_NOT_FOUND'],
        ['rejected', 'INVALID_TYPE'],
        ['rejected', 'RELATED_TO_PRIVATE'],
        ['created']
      ]
    },
    steps.length + 1
  );

  const eventIds = [...new Set(results.map((r) => r.eventId).filter((id): id is string => Boolean(id)))];
  const events = eventIds.length
    ? await client.query(
        `SELECT Id, Subject, IsPrivate, Description, WhoId, WhatId, EventStatus__c, CancelRescheduleReason__c, ` +
          `CancelRescheduleActor__c FROM Event WHERE Id IN (${quoted(eventIds)}) ORDER BY Subject`
      )
    : [];
  const names = await namesOf(client, [
    ...events.map((e) => e.WhoId as string),
    ...events.map((e) => e.WhatId as string)
  ]);
  out('\nEvents of the peers’ features:\n');
  out(
    renderTable(
      ['Subject', 'Private', 'Description', 'Who', 'Related to', 'Status', 'Reason', 'By'],
      events.map((e) => [
        cell(e.Subject),
        e.IsPrivate === true ? 'yes' : 'no',
        cell(e.Description),
        names.get(e.WhoId as string) ?? cell(e.WhoId),
        names.get(e.WhatId as string) ?? cell(e.WhatId),
        cell(e.EventStatus__c),
        cell(e.CancelRescheduleReason__c),
        cell(e.CancelRescheduleActor__c)
      ]),
      40
    )
  );
  const people = await client.query(
    `SELECT Id, Name, Email, Description FROM Contact WHERE Email IN (${quoted([String(nora.email), String(omar.email)])}) ORDER BY Name`
  );
  out('\nTheir Contacts (the cancel mapping wrote Omar’s; Nora’s private call wrote nothing):\n');
  out(
    renderTable(
      ['Contact', 'Email', 'Description'],
      people.map((p) => [cell(p.Name), cell(p.Email), cell(p.Description)]),
      60
    )
  );
  return failures;
}

// Names of the Contacts, Leads, Cases and booking pages the Events point to, for the table.
async function namesOf(client: PeerClient, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const byPrefix = new Map<string, string[]>();
  for (const id of ids.filter(Boolean)) byPrefix.set(id.slice(0, 3), [...(byPrefix.get(id.slice(0, 3)) ?? []), id]);
  const sources: [string, string, string, string][] = [
    ['003', 'Contact', 'Name', 'Contact'],
    ['00Q', 'Lead', 'Name', 'Lead'],
    ['500', 'Case', 'Subject', 'Case']
  ];
  for (const [prefix, sobject, field, label] of sources) {
    const wanted = byPrefix.get(prefix);
    if (!wanted) continue;
    const rows: Row[] = await client.query(`SELECT Id, ${field} FROM ${sobject} WHERE Id IN (${quoted(wanted)})`);
    for (const row of rows) names.set(row.Id as string, `${cell(row[field])} (${label})`);
  }
  const rest = ids.filter((id) => id && !names.has(id));
  if (rest.length)
    for (const row of await client.query(`SELECT Id, Name FROM BookingPage__c WHERE Id IN (${quoted(rest)})`))
      names.set(row.Id as string, `${cell(row.Name)} (Booking page)`);
  return names;
}
