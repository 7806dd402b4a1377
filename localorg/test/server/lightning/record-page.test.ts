/**
 * What a record page shows, over HTTP with the package's metadata: the UI API names a related record in its display
 * value, and the page configuration gives the detail panel Lightning's labels, the layout's two columns, lookups with
 * the paths that name their records, checkboxes, and System Information for objects the project has no layout for;
 * related lists (the Contact's standard ones) and their records through the UI API's related-list-records.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { findToolchain } from '../../../src/lightning/build/toolchain.js';
import { readUiMetadata } from '../../../src/lightning/metadata/project-ui.js';
import { discoverSources } from '../../../src/syntax/sources.js';
import { loadOrgRuntime } from '../../../src/server/org-runtime.js';
import { createLightningRoutes } from '../../../src/server/lightning/routes.js';
import { SessionStore } from '../../../src/server/lightning/sessions.js';
import { REPO_ROOT, startTestServer, TOKEN, type TestServer } from '../helpers.js';

let server: TestServer;
let cookie = '';
let contactId = '';
let eventId = '';
const DAY = 24 * 60 * 60 * 1000;
const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lightning-bundle-'));

async function post(object: string, body: unknown): Promise<string> {
  const res = await fetch(`${server.url}/services/data/v68.0/sobjects/${object}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  });
  const json = (await res.json()) as { id: string };
  assert.equal(res.status, 201, JSON.stringify(json));
  return json.id;
}

before(async () => {
  fs.writeFileSync(path.join(bundleDir, 'entry.js'), 'export {};\n');
  const runtime = loadOrgRuntime([REPO_ROOT]);
  const lightning = createLightningRoutes({
    ui: readUiMetadata(discoverSources(REPO_ROOT)),
    bundle: { status: { state: 'ready', hash: 'abc123', dir: bundleDir } },
    sessions: new SessionStore(TOKEN),
    platform: runtime.platform,
    apex: runtime.apex,
    designSystemAssets: findToolchain().designSystemAssets,
    log: () => undefined
  });
  server = await startTestServer({ runtime, lightning });
  const signIn = await fetch(`${server.url}/secur/frontdoor.jsp?sid=${encodeURIComponent(TOKEN)}&retURL=/lightning`, {
    redirect: 'manual'
  });
  cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  contactId = await post('Contact', { Salutation: 'Dr.', FirstName: 'Ada', LastName: 'Lovelace' });
  eventId = await post('Event', {
    Subject: 'Intro call',
    WhoId: contactId,
    StartDateTime: new Date(Date.now() + DAY).toISOString(),
    EndDateTime: new Date(Date.now() + DAY + 30 * 60_000).toISOString()
  });
});

after(async () => {
  await server.close();
  fs.rmSync(bundleDir, { recursive: true, force: true });
});

async function get(pathname: string): Promise<Response> {
  return fetch(server.url + pathname, { redirect: 'manual', headers: { cookie } });
}

interface Cell {
  name: string;
  label: string;
  kind: string;
  paths: string[];
  relationship?: string;
  auditDate?: string;
}

async function detail(url: string): Promise<{ label: string; cells: (Cell | null)[] }[]> {
  const res = await get(url);
  assert.equal(res.status, 200);
  const html = await res.text();
  const config = JSON.parse(/<script type="application\/json" id="localorg-page">(.*?)<\/script>/s.exec(html)![1]) as {
    page: { regions: Record<string, { kind: string; sections?: { label: string; cells: (Cell | null)[] }[] }[]> };
  };
  const item = Object.values(config.page.regions)
    .flat()
    .find((i) => i.kind === 'detail');
  assert.ok(item?.sections, 'the page has a detail panel');
  return item.sections;
}

test("the UI API gives a related record's name as its display value; a bad relationship is skipped or refused", async () => {
  const fields = ['Event.OwnerId', 'Event.Owner.Name', 'Event.Who.Name', 'Event.Nope.Name'].join(',');
  const res = await get(`/lightning/ui-api/records/${eventId}?optionalFields=${fields}`);
  const record = (await res.json()) as { fields: Record<string, { value: unknown; displayValue: unknown }> };
  assert.equal(res.status, 200, JSON.stringify(record));
  assert.equal(record.fields.Owner.displayValue, 'Local Admin');
  assert.equal(record.fields.Who.displayValue, 'Ada Lovelace');
  assert.equal((record.fields.Who.value as { fields: { Name: { value: string } } }).fields.Name.value, 'Ada Lovelace');
  assert.match(String(record.fields.OwnerId.value), /^005/);
  assert.equal(record.fields.OwnerId.displayValue, null, 'an Id has no display value');
  assert.equal(record.fields.Nope, undefined, 'an optional field through an unknown relationship is left out');
  const bad = await get(`/lightning/ui-api/records/${eventId}?fields=Event.Nope.Name`);
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { errorCode: string }).errorCode, 'INVALID_FIELD');
});

test("the Event page's detail panel has Lightning's labels, the layout's columns side by side, and lookups", async () => {
  const [calendar] = await detail(`/lightning/r/Event/${eventId}/view`);
  assert.equal(calendar.label, 'Calendar Details');
  // Row by row: the left column (Assigned To, Subject, Name, Related To, Location) beside the right one.
  assert.deepEqual(
    calendar.cells.map((c) => c?.label ?? null),
    ['Assigned To', 'All-Day Event', 'Subject', 'Start', 'Name', 'End', 'Related To', 'Show Time As', 'Location', null]
  );
  const owner = calendar.cells[0]!;
  assert.equal(owner.kind, 'reference');
  assert.equal(owner.relationship, 'Owner');
  assert.deepEqual(owner.paths, ['Event.OwnerId', 'Event.Owner.Name']);
  assert.equal(calendar.cells[1]!.kind, 'boolean');
});

test('a Contact without a project layout gets the standard one: owner, compound Name, System Information', async () => {
  const sections = await detail(`/lightning/r/Contact/${contactId}/view`);
  assert.deepEqual(
    sections.map((s) => s.label),
    ['Contact Information', 'Additional Information', 'System Information']
  );
  const [info] = sections;
  assert.deepEqual(
    info.cells.slice(0, 4).map((c) => c?.label),
    ['Contact Owner', 'Business Phone', 'Name', 'Home Phone']
  );
  assert.deepEqual(info.cells[2]!.paths, ['Contact.Name', 'Contact.Salutation']);
  const system = sections[2].cells;
  assert.deepEqual(
    system.map((c) => [c?.label, c?.auditDate]),
    [
      ['Created By', 'CreatedDate'],
      ['Last Modified By', 'LastModifiedDate']
    ]
  );
  assert.ok(system[0]!.paths.includes('Contact.CreatedBy.Name'));
});

interface RelatedListJson {
  id: string;
  label: string;
  childObject: string;
  nameField: string;
  columns: { name: string; label: string }[];
}

test("a Contact's page lists the standard related lists instead of a placeholder card", async () => {
  const res = await get(`/lightning/r/Contact/${contactId}/view`);
  const html = await res.text();
  const config = JSON.parse(/<script type="application\/json" id="localorg-page">(.*?)<\/script>/s.exec(html)![1]) as {
    page: { regions: Record<string, { kind: string; lists?: RelatedListJson[] }[]> };
  };
  const items = Object.values(config.page.regions).flat();
  assert.equal(items.filter((i) => i.kind === 'unsupported').length, 0, 'no "not rendered" card');
  const lists = items.find((i) => i.kind === 'relatedLists')?.lists ?? [];
  assert.deepEqual(
    lists.map((l) => [l.id, l.label]),
    [
      ['Opportunities', 'Opportunities'],
      ['Cases', 'Cases'],
      ['OpenActivities', 'Open Activities'],
      ['ActivityHistories', 'Activity History']
    ]
  );
  const open = lists[2];
  assert.equal(open.childObject, 'Event');
  assert.equal(open.nameField, 'Subject');
  assert.deepEqual(
    open.columns.map((c) => c.label),
    ['Start', 'End', 'Location']
  );
});

test('related-list-records gives the rows, their count and display values; bad requests get UI API errors', async () => {
  const fields = 'Event.Subject,Event.StartDateTime,Event.Nope__c';
  const open = await get(
    `/lightning/ui-api/related-list-records/${contactId}/OpenActivities?fields=${fields}&pageSize=5`
  );
  const body = (await open.json()) as {
    count: number;
    records: { id: string; apiName: string; fields: Record<string, { value: unknown; displayValue: unknown }> }[];
    listReference: { relatedListId: string };
  };
  assert.equal(open.status, 200, JSON.stringify(body));
  assert.equal(body.count, 1);
  assert.equal(body.records[0].id, eventId);
  assert.equal(body.records[0].apiName, 'Event');
  assert.equal(body.records[0].fields.Subject.value, 'Intro call');
  assert.match(String(body.records[0].fields.StartDateTime.displayValue), /\d+\/\d+\/\d+, \d+:\d+ [AP]M/);
  assert.equal(body.records[0].fields.Nope__c, undefined);
  assert.equal(body.listReference.relatedListId, 'OpenActivities');
  const history = (await (
    await get(`/lightning/ui-api/related-list-records/${contactId}/ActivityHistories`)
  ).json()) as {
    count: number;
  };
  assert.equal(history.count, 0, 'the event has not ended');
  const unknown = await get(`/lightning/ui-api/related-list-records/${contactId}/Nope`);
  assert.equal(unknown.status, 404);
  assert.equal(((await unknown.json()) as { errorCode: string }).errorCode, 'NOT_FOUND');
  const badSize = await get(`/lightning/ui-api/related-list-records/${contactId}/Cases?pageSize=0`);
  assert.equal(badSize.status, 400);
  assert.equal(((await badSize.json()) as { errorCode: string }).errorCode, 'ILLEGAL_QUERY_PARAMETER_VALUE');
  assert.equal((await get('/lightning/ui-api/related-list-records/zzz/Cases')).status, 400);
});

test("View All opens the list's own page; an unknown list is a 404 page", async () => {
  const page = await get(`/lightning/r/Contact/${contactId}/related/OpenActivities/view`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /"kind":"relatedList"/);
  assert.equal((await get(`/lightning/r/Contact/${contactId}/related/Nope/view`)).status, 404);
});
