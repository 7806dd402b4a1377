import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { importSeedPlan, loadSeedPlan, SeedError } from '../../src/server/seed-import.js';
import { startOrg } from '../../src/server/start-org.js';
import { call, fakeRuntime, makePlatform, REPO_ROOT, TOKEN } from './helpers.js';

const SAMPLE = path.join(REPO_ROOT, 'data', 'sample-plan.json');

function tempPlan(records: unknown[], sobject = 'Contact'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-seed-'));
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify([{ sobject, files: ['recs.json'] }]));
  fs.writeFileSync(path.join(dir, 'recs.json'), JSON.stringify({ records }));
  return path.join(dir, 'plan.json');
}

test('the sample plan loads with every step and record', () => {
  const plan = loadSeedPlan(SAMPLE);
  assert.deepEqual(
    plan.steps.map((s) => [s.sobject, s.records.length]),
    [
      ['User', 5],
      ['Account', 5],
      ['Contact', 4],
      ['Lead', 4]
    ]
  );
  assert.match(plan.hash, /^[0-9a-f]{64}$/);
});

test('the sample plan imports into a fresh org with references resolved', () => {
  const platform = makePlatform();
  platform.beginTransaction();
  const counts = importSeedPlan(platform, loadSeedPlan(SAMPLE));
  platform.commitTransaction();
  assert.deepEqual(counts, { User: 5, Account: 5, Contact: 4, Lead: 4 });
  const [alex] = platform.queryText(
    "SELECT Account.Name, Owner.Email FROM Contact WHERE Email = 'alex.morgan@contoso.com'"
  ) as {
    get(f: string): unknown;
  }[];
  assert.equal((alex.get('Account') as { get(f: string): unknown }).get('Name'), 'Contoso Ltd');
  assert.equal((alex.get('Owner') as { get(f: string): unknown }).get('Email'), 'maya.chen@bookingsync-demo.com');
});

test('a reference to a record no earlier step saved names file and record', () => {
  const plan = tempPlan([{ attributes: { type: 'Contact', referenceId: 'C1' }, LastName: 'X', AccountId: '@Nowhere' }]);
  const platform = makePlatform();
  assert.throws(
    () => importSeedPlan(platform, loadSeedPlan(plan)),
    (e: unknown) => e instanceof SeedError && /recs\.json: record 1: AccountId refers to @Nowhere/.test(e.message)
  );
});

test('an unknown field names file, record and field', () => {
  const plan = tempPlan([{ attributes: { type: 'Contact', referenceId: 'C1' }, LastName: 'X', Shoe__c: 'y' }]);
  assert.throws(
    () => importSeedPlan(makePlatform(), loadSeedPlan(plan)),
    (e: unknown) => e instanceof SeedError && /record 1: no field Shoe__c on Contact/.test(e.message)
  );
});

test('a plan that is not JSON names the file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-seed-'));
  fs.writeFileSync(path.join(dir, 'plan.json'), '[{');
  assert.throws(() => loadSeedPlan(path.join(dir, 'plan.json')), /plan\.json: not valid JSON/);
});

test('a record whose type differs from its step is refused', () => {
  const plan = tempPlan([{ attributes: { type: 'Lead' }, LastName: 'X' }]);
  assert.throws(() => loadSeedPlan(plan), /type Lead in a step for Contact/);
});

test('a seed already in the journal is not imported twice across restarts', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-seed-data-'));
  const options = {
    sources: [],
    port: 0,
    host: '127.0.0.1',
    token: TOKEN,
    tokenGenerated: false,
    dataDir,
    seedFile: SAMPLE
  };
  const count = async (url: string): Promise<number> =>
    (
      (await call(url, `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`)).json as {
        totalSize: number;
      }
    ).totalSize;
  const lines: string[] = [];
  const first = await startOrg(options, { createRuntime: fakeRuntime, out: (l) => lines.push(l) });
  assert.equal(await count(first.url), 4);
  await first.stop();
  const second = await startOrg(options, { createRuntime: fakeRuntime, out: (l) => lines.push(l) });
  try {
    assert.equal(await count(second.url), 4);
    assert.match(lines.join('\n'), /already in the journal/);
  } finally {
    await second.stop();
  }
});

test('the real-org plan holds the sample Accounts, Contacts and Leads without Users or OwnerId', () => {
  const sample = loadSeedPlan(SAMPLE);
  const org = loadSeedPlan(path.join(REPO_ROOT, 'data', 'org-plan.json'));
  const strip = (steps: typeof sample.steps): unknown =>
    steps
      .filter((s) => s.sobject !== 'User')
      .map((s) => ({
        sobject: s.sobject,
        records: s.records.map((r) => {
          const { OwnerId: _owner, ...fields } = r.fields;
          return [r.referenceId, fields];
        })
      }));
  assert.deepEqual(strip(org.steps), strip(sample.steps));
});

test('the real-org plan imports on its own', () => {
  const platform = makePlatform();
  platform.beginTransaction();
  const counts = importSeedPlan(platform, loadSeedPlan(path.join(REPO_ROOT, 'data', 'org-plan.json')));
  platform.commitTransaction();
  assert.deepEqual(counts, { Account: 5, Contact: 4, Lead: 4 });
});
