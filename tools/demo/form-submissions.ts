/**
 * The form and chat part of `npm run demo`: OnceHub FormOnce / ChatOnce submissions sent to
 * `POST /v1/form-submissions` (force-app/README.md), then the Leads and the Event they produced.
 * A chat visitor who qualified becomes a Lead owned by the bot's owner; a booking form creates a Lead and its Event;
 * a disqualified visitor is skipped; a Lead without a company is rejected with the field named; a resent submission
 * is a duplicate.
 */
import { renderTable } from './table.js';

export const FORM_SUBMISSIONS = '/services/apexrest/booking-sync/v1/form-submissions';

type Row = Record<string, string | number | boolean | null | undefined>;

/** What the demo needs from a server: POST a JSON body, run a SOQL query. */
export interface DemoClient {
  post(path: string, body: unknown): Promise<{ status: number; json: unknown }>;
  query(soql: string): Promise<Row[]>;
}

export interface FormStep {
  title: string;
  submission: Record<string, unknown>;
  /** The outcome the step shows; anything else is a failure of the demo. */
  expect: string;
}

interface FormResult {
  id: string;
  outcome: string;
  recordId: string | null;
  recordType: string | null;
  eventId: string | null;
  ownerSource: string | null;
  errors: { code: string; message: string; field: string | null }[];
}

const OWNER = 'maya.chen@bookingsync-demo.com';

/** The submissions, unique per run (ids and emails carry the run stamp). */
export function formSteps(run: string, base: Date): FormStep[] {
  const start = new Date(base);
  start.setUTCDate(start.getUTCDate() + 3);
  start.setUTCHours(15, 0, 0, 0);
  const chat = {
    id: `chat-${run}-1`,
    kind: 'chat',
    qualification: 'sales_qualified',
    submittedAt: base.toISOString(),
    formName: 'Pricing bot',
    source: 'chatonce',
    ownerEmail: OWNER,
    email: `ines.duarte.${run}@fabrikam.com`,
    name: 'Inês Duarte',
    company: 'Fabrikam',
    answers: { seats: '40', timeline: 'this quarter' }
  };
  return [
    {
      title: 'A chat visitor qualified by the pricing bot (owner: Maya) becomes a Lead',
      submission: chat,
      expect: 'created'
    },
    {
      title: 'A booking form: the visitor books a demo, so a Lead and its Event are created',
      submission: {
        id: `form-${run}-2`,
        kind: 'form',
        qualification: 'qualified',
        submittedAt: base.toISOString(),
        formName: 'Book a demo',
        source: 'formonce',
        ownerEmail: OWNER,
        email: `tom.ricci.${run}@northwind.com`,
        firstName: 'Tom',
        lastName: 'Ricci',
        company: 'Northwind Traders',
        meeting: { start: start.toISOString(), title: 'Product demo with Tom Ricci', location: 'Video call' }
      },
      expect: 'created'
    },
    {
      title: 'A disqualified visitor is not synced',
      submission: {
        id: `chat-${run}-3`,
        kind: 'chat',
        qualification: 'disqualified',
        email: `student.${run}@example.org`,
        name: 'Sam Student'
      },
      expect: 'skipped'
    },
    {
      title: 'A new Lead without a company is rejected, naming the missing field',
      submission: {
        id: `form-${run}-4`,
        kind: 'form',
        qualification: 'qualified',
        email: `kim.lee.${run}@adatum.com`,
        firstName: 'Kim',
        lastName: 'Lee'
      },
      expect: 'rejected'
    },
    { title: 'The chat submission resent: a duplicate, nothing created twice', submission: chat, expect: 'duplicate' }
  ];
}

const cell = (v: Row[string]): string => (v === null || v === undefined ? '' : String(v));
const quoted = (ids: string[]): string => ids.map((id) => `'${id.replace(/'/g, "\\'")}'`).join(', ');

/** Sends the submissions and prints what they produced; returns the number of steps that did not go as shown. */
export async function playFormSubmissions(
  client: DemoClient,
  out: (line: string) => void,
  run: string,
  now: Date
): Promise<number> {
  out(`\nForm and chat submissions (POST ${FORM_SUBMISSIONS}):\n`);
  let failures = 0;
  const leadIds = new Set<string>();
  const eventIds = new Set<string>();
  for (const [i, step] of formSteps(run, now).entries()) {
    const r = await client.post(FORM_SUBMISSIONS, step.submission);
    const result = (r.json as { results?: FormResult[] } | null)?.results?.[0];
    const ok = r.status === 200 && result?.outcome === step.expect;
    if (!ok) failures++;
    if (result?.recordType === 'Lead' && result.recordId) leadIds.add(result.recordId);
    if (result?.eventId) eventIds.add(result.eventId);
    const detail = result
      ? `${result.outcome}${result.recordId ? ` (${result.recordType} ${result.recordId})` : ''}` +
        `${result.eventId ? ` + Event ${result.eventId}` : ''}` +
        `${result.ownerSource ? `, owner from ${result.ownerSource}` : ''}` +
        `${result.errors.length ? ' — ' + result.errors.map((e) => `${e.code} [${e.field ?? ''}]: ${e.message}`).join('; ') : ''}`
      : `HTTP ${r.status}: ${typeof r.json === 'string' ? r.json : JSON.stringify(r.json)}`;
    out(`${ok ? '✓' : '✗'} ${i + 1}. ${step.title}\n     → ${detail}`);
  }
  const leads = leadIds.size
    ? await client.query(`SELECT Id, Name, Company, Email, OwnerId FROM Lead WHERE Id IN (${quoted([...leadIds])})`)
    : [];
  const ownerIds = [...new Set(leads.map((l) => l.OwnerId as string).filter(Boolean))];
  const owners = new Map<string, string>();
  if (ownerIds.length)
    for (const u of await client.query(`SELECT Id, Name FROM User WHERE Id IN (${quoted(ownerIds)})`))
      owners.set(u.Id as string, cell(u.Name));
  if (leads.length) {
    out('\nLeads from forms and chats:\n');
    out(
      renderTable(
        ['Lead', 'Company', 'Email', 'Owner'],
        leads.map((l) => [
          cell(l.Name),
          cell(l.Company),
          cell(l.Email),
          owners.get(l.OwnerId as string) ?? cell(l.OwnerId)
        ])
      )
    );
  }
  const leadNames = new Map(leads.map((l) => [l.Id as string, cell(l.Name)]));
  if (eventIds.size) {
    const events = await client.query(
      `SELECT Id, Subject, StartDateTime, EventStatus__c, WhoId FROM Event WHERE Id IN (${quoted([...eventIds])})`
    );
    out('\nEvents from booking forms:\n');
    out(
      renderTable(
        ['Subject', 'Start (UTC)', 'Status', 'Who'],
        events.map((e) => [
          cell(e.Subject),
          cell(e.StartDateTime).replace(/:00\.000\+0000$/, 'Z'),
          cell(e.EventStatus__c),
          leadNames.get(e.WhoId as string) ?? cell(e.WhoId)
        ])
      )
    );
  }
  return failures;
}
