/**
 * The order-independence property of the booking API (issue 12), checked over HTTP against a running org: for every
 * generated stream, delivering its changes in order and delivering them shuffled with duplicates in random batches end
 * in the same Events (Event or none, status, times, owner, reason, subject, previous uid, no-show flag). Many streams
 * share each request (their uids differ), so a few hundred streams cost a few dozen requests.
 */
import { generateStream, inOrder, materialize, shuffled, type BookingChange, type Stream } from './streams.js';

const BOOKINGS = '/services/apexrest/booking-sync/v1/bookings';
const QUERY = '/services/data/v62.0/query';
const FIELDS = [
  'BookingUid__c',
  'PreviousBookingUid__c',
  'EventStatus__c',
  'StartDateTime',
  'EndDateTime',
  'OwnerId',
  'CancelRescheduleReason__c',
  'Subject',
  'AttendeeNoShow__c'
];
/** Changes per request: far under the 200 the API takes, so a request stays well inside the CPU limit. */
const CHANGES_PER_REQUEST = 40;

export interface PropertyOptions {
  url: string;
  token: string;
  /** Seed of the first stream; stream i uses seed + i. */
  seed: number;
  streams: number;
  /** Prefix that keeps this run's uids apart from earlier runs against the same org. */
  run: string;
  log?: (line: string) => void;
}

export interface Mismatch {
  seed: number;
  uid: string;
  inOrder: string;
  shuffled: string;
  changes: BookingChange[];
}

export interface PropertyReport {
  streams: number;
  changesSent: number;
  requests: number;
  mismatches: Mismatch[];
  problems: string[];
}

type Row = Record<string, unknown>;

async function call(o: PropertyOptions, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(o.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${o.token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // keep the text: the answer is reported as it came
  }
  return { status: res.status, json };
}

/** Delivers rounds of batches per stream: round r of every stream goes before round r + 1 of any stream. */
async function deliver(o: PropertyOptions, plans: BookingChange[][][], report: PropertyReport): Promise<void> {
  const rounds = Math.max(0, ...plans.map((plan) => plan.length));
  for (let round = 0; round < rounds; round++) {
    let request: BookingChange[] = [];
    const flush = async (): Promise<void> => {
      if (request.length === 0) return;
      const sent = request;
      request = [];
      report.requests++;
      report.changesSent += sent.length;
      const r = await call(o, BOOKINGS, { changes: sent });
      if (r.status !== 200) {
        report.problems.push(`HTTP ${r.status} for a batch of ${sent.length}: ${JSON.stringify(r.json).slice(0, 400)}`);
        return;
      }
      const results = (r.json as { results: { id: string; outcome: string; errors: unknown[] }[] }).results;
      for (const result of results) {
        if (result.outcome === 'rejected' || result.outcome === 'failed') {
          report.problems.push(`${result.id}: ${result.outcome} ${JSON.stringify(result.errors)}`);
        }
      }
    };
    for (const plan of plans) {
      const batch = plan[round];
      if (!batch) continue;
      if (request.length + batch.length > CHANGES_PER_REQUEST) await flush();
      request.push(...batch);
    }
    await flush();
  }
}

async function eventsOf(o: PropertyOptions, prefix: string): Promise<Map<string, Row[]>> {
  const soql = `SELECT ${FIELDS.join(', ')} FROM Event WHERE BookingUid__c LIKE '${prefix}%'`;
  const byUid = new Map<string, Row[]>();
  let path: string | null = `${QUERY}?q=${encodeURIComponent(soql)}`;
  while (path) {
    const r = await call(o, path);
    if (r.status !== 200) throw new Error(`query failed (${r.status}): ${JSON.stringify(r.json)}`);
    const page = r.json as { records: Row[]; nextRecordsUrl?: string };
    for (const record of page.records) {
      const uid = String(record.BookingUid__c).toLowerCase();
      byUid.set(uid, [...(byUid.get(uid) ?? []), record]);
    }
    path = page.nextRecordsUrl ?? null;
  }
  return byUid;
}

// The end state of one local uid in one world, with world-specific names made local again.
function endState(events: Map<string, Row[]>, world: string, stream: Stream, local: string): string {
  const prefix = `${world}-${stream.seed}-`.toLowerCase();
  const rows = events.get(prefix + local.toLowerCase()) ?? [];
  if (rows.length === 0) return 'no Event';
  const unprefix = (value: unknown): unknown =>
    typeof value === 'string' && value.toLowerCase().startsWith(prefix) ? value.slice(prefix.length) : value;
  return JSON.stringify(
    rows.map((row) => Object.fromEntries(FIELDS.map((field) => [field, unprefix(row[field] ?? null)])))
  );
}

/** Runs the property; the report lists every stream whose two deliveries ended differently. */
export async function checkOrderIndependence(o: PropertyOptions): Promise<PropertyReport> {
  const report: PropertyReport = { streams: o.streams, changesSent: 0, requests: 0, mismatches: [], problems: [] };
  const streams = Array.from({ length: o.streams }, (_, i) => generateStream(o.seed + i));
  const ordered = `${o.run}o`;
  const mixed = `${o.run}s`;
  await deliver(
    o,
    streams.map((s) => inOrder(materialize(s, ordered))),
    report
  );
  await deliver(
    o,
    streams.map((s) => shuffled(materialize(s, mixed), s.seed)),
    report
  );
  const orderedEvents = await eventsOf(o, ordered);
  const mixedEvents = await eventsOf(o, mixed);
  for (const stream of streams) {
    for (const local of ['A', 'B']) {
      const expected = endState(orderedEvents, ordered, stream, local);
      const actual = endState(mixedEvents, mixed, stream, local);
      if (expected !== actual) {
        report.mismatches.push({
          seed: stream.seed,
          uid: local,
          inOrder: expected,
          shuffled: actual,
          changes: stream.changes
        });
      }
    }
  }
  return report;
}

/** How a failing seed is replayed. */
export function replayHint(seed: number): string {
  return `npm run test:property -- --seed ${seed} --streams 1 --verbose`;
}
