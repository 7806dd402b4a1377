/**
 * `npm run demo`: plays a realistic booking lifecycle against a running localorg (or any org with the package) through
 * the booking API, then prints the resulting Events with status, reason, owner and Who; then sends form and chat
 * submissions (form-submissions.ts) and prints the Leads and Event they produced; then the peers' features
 * (peer-features.ts: private, related-to and cancel-write bookings, set up through the settings app).
 *
 *   npm start                                   # in one terminal
 *   npm run demo                                # in another: finds it through .localorg/server.json
 *   npm run demo -- --url URL --token 'T'       # or any server (env LOCALORG_URL, LOCALORG_TOKEN)
 */
import { Command } from 'commander';
import { pathToFileURL } from 'node:url';
import { playFormSubmissions } from './form-submissions.js';
import { playPeerFeatures } from './peer-features.js';
import { peerClient, SettingsAppError } from './settings-app.js';
import { bookingUids, lifecycleSteps } from './lifecycle-script.js';
import { renderTable } from './table.js';
import { resolveTarget, TargetError } from './target.js';

const BOOKINGS = '/services/apexrest/booking-sync/v1/bookings';
const API = '/services/data/v62.0';

export interface DemoOptions {
  url: string;
  token: string;
  out: (line: string) => void;
  now?: Date;
}

interface BookingResult {
  id: string;
  uid: string;
  outcome: string;
  eventId: string | null;
  whoId: string | null;
  errors: { code: string; message: string }[];
}

type Row = Record<string, string | number | boolean | null | undefined>;

const cell = (v: Row[string]): string => (v === null || v === undefined ? '' : String(v));

export class DemoError extends Error {}

async function request(
  o: DemoOptions,
  path: string,
  init: { method?: string; body?: unknown } = {}
): Promise<{ status: number; json: unknown }> {
  let res: Response;
  try {
    res = await fetch(o.url + path, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${o.token}`, 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body)
    });
  } catch (e) {
    throw new DemoError(`cannot reach ${o.url} (${(e as Error).message}); is \`npm start\` running?`);
  }
  const text = await res.text();
  let json: unknown = text;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // keep the text: the server answered something that is not JSON
  }
  if (res.status === 401)
    throw new DemoError(`the server refused the token (401); pass the token \`npm start\` printed, in single quotes`);
  return { status: res.status, json };
}

async function query(o: DemoOptions, soql: string): Promise<Row[]> {
  const r = await request(o, `${API}/query?q=${encodeURIComponent(soql)}`);
  if (r.status !== 200) throw new DemoError(`query failed (${r.status}): ${JSON.stringify(r.json)}\n  ${soql}`);
  return (r.json as { records: Row[] }).records;
}

const quoted = (ids: string[]): string => ids.map((id) => `'${id.replace(/'/g, "\\'")}'`).join(', ');

/** Plays the lifecycle; returns the number of steps that did not succeed. */
export async function playLifecycle(o: DemoOptions): Promise<number> {
  const now = o.now ?? new Date();
  const run = now.toISOString().replace(/\D/g, '').slice(2, 14);
  let failures = 0;
  o.out(`Playing a booking lifecycle against ${o.url} (run ${run})\n`);
  for (const [i, step] of lifecycleSteps(run, now).entries()) {
    const r = await request(o, BOOKINGS, { method: 'POST', body: step.change });
    const result = (r.json as { results?: BookingResult[] } | null)?.results?.[0];
    const ok = r.status === 200 && result && !['failed', 'rejected'].includes(result.outcome);
    if (!ok) failures++;
    const detail = result
      ? `${result.outcome}${result.eventId ? ` (Event ${result.eventId})` : ''}${result.errors.length ? ' — ' + result.errors.map((e) => `${e.code}: ${e.message}`).join('; ') : ''}`
      : `HTTP ${r.status}: ${typeof r.json === 'string' ? r.json : JSON.stringify(r.json)}`;
    o.out(`${ok ? '✓' : '✗'} ${i + 1}. ${step.title}\n     → ${detail}`);
  }

  const uids = bookingUids(run);
  const events = await query(
    o,
    `SELECT Id, BookingUid__c, Subject, StartDateTime, EventStatus__c, CancelRescheduleReason__c, OwnerId, WhoId FROM Event WHERE BookingUid__c IN (${quoted(uids)}) ORDER BY StartDateTime`
  );
  const ownerIds = [...new Set(events.map((e) => e.OwnerId as string).filter(Boolean))];
  const whoIds = [...new Set(events.map((e) => e.WhoId as string).filter(Boolean))];
  const names = new Map<string, string>();
  if (ownerIds.length)
    for (const u of await query(o, `SELECT Id, Name FROM User WHERE Id IN (${quoted(ownerIds)})`))
      names.set(u.Id as string, u.Name as string);
  const contacts = whoIds.filter((id) => id.startsWith('003'));
  const leads = whoIds.filter((id) => id.startsWith('00Q'));
  if (contacts.length)
    for (const c of await query(o, `SELECT Id, Name FROM Contact WHERE Id IN (${quoted(contacts)})`))
      names.set(c.Id as string, `${c.Name as string} (Contact)`);
  if (leads.length)
    for (const l of await query(o, `SELECT Id, Name FROM Lead WHERE Id IN (${quoted(leads)})`))
      names.set(l.Id as string, `${l.Name as string} (Lead)`);

  const rows = events.map((e) => [
    cell(e.BookingUid__c),
    cell(e.Subject),
    cell(e.StartDateTime).replace(/:00\.000\+0000$/, 'Z'),
    cell(e.EventStatus__c),
    cell(e.CancelRescheduleReason__c),
    names.get(e.OwnerId as string) ?? cell(e.OwnerId),
    e.WhoId ? (names.get(e.WhoId as string) ?? cell(e.WhoId)) : ''
  ]);
  for (const uid of uids) {
    if (!events.some((e) => e.BookingUid__c === uid))
      rows.push([uid, '(no Event: deleted on cancel)', '', '', '', '', '']);
  }
  o.out('\nEvents after the lifecycle:\n');
  o.out(renderTable(['Booking', 'Subject', 'Start (UTC)', 'Status', 'Reason', 'Owner', 'Who'], rows));
  const client = {
    post: (path: string, body: unknown) => request(o, path, { method: 'POST', body }),
    query: (soql: string) => query(o, soql)
  };
  failures += await playFormSubmissions(client, o.out, run, now);
  failures += await playPeerFeatures(await peerClient(o.url, o.token, client), o.out, run, now);
  o.out(
    failures === 0
      ? '\nEvery change and submission went as shown.'
      : `\n${failures} change(s) or submission(s) did not go as shown (see ✗ above).`
  );
  return failures;
}

async function main(argv: string[]): Promise<number> {
  const cmd = new Command('demo')
    .description('play a booking lifecycle against a running localorg and print the Events')
    .option(
      '--url <url>',
      'server URL (env LOCALORG_URL; default: the server `npm start` recorded in .localorg/server.json)'
    )
    .option('--token <t>', 'bearer token (env LOCALORG_TOKEN; default: the recorded one)')
    .parse(argv, { from: 'user' });
  try {
    const target = resolveTarget({
      flags: cmd.opts<{ url?: string; token?: string }>(),
      env: process.env,
      cwd: process.cwd()
    });
    process.stdout.write(`(server and token from ${target.from})\n`);
    return (await playLifecycle({ ...target, out: (l) => process.stdout.write(l + '\n') })) === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof DemoError || e instanceof TargetError || e instanceof SettingsAppError) {
      process.stderr.write(`demo: ${e.message}\n`);
      return e instanceof TargetError ? 2 : 1;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
