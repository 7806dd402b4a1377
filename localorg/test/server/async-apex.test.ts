/**
 * Async Apex queued during HTTP requests: a Queueable from an Apex REST resource, an `@future` call from a trigger
 * fired by a data API insert, and a finalizer, each run after the request committed, in a journaled transaction of its
 * own — and nothing from a request that failed. The rows survive a restart on the same `--data` folder.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import { startOrg, type StartedOrg } from '../../src/server/start-org.js';
import { call, here, TOKEN } from './helpers.js';

const PROJECT = path.join(here, 'fixtures', 'async');

async function start(dataDir: string): Promise<StartedOrg> {
  return startOrg(
    { sources: [PROJECT], port: 0, host: '127.0.0.1', token: TOKEN, tokenGenerated: false, dataDir, seedFile: null },
    { createRuntime: (sources) => loadOrgRuntime(sources), out: () => undefined }
  );
}

async function names(url: string, soql: string): Promise<string[]> {
  const r = await call(url, `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`);
  assert.equal(r.status, 200, r.text);
  const records = (r.json as { records: Record<string, string>[] }).records;
  return records.map((x) =>
    Object.entries(x)
      .filter(([k]) => k !== 'attributes' && k !== 'Id')
      .map(([, v]) => v)
      .join('|')
  );
}

test('async Apex queued by requests runs after them, is journaled, and nothing runs for a failed request', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-async-'));
  const accounts = 'SELECT Name FROM Account ORDER BY Name';
  let org = await start(dataDir);
  try {
    const ok = await call(org.url, '/services/apexrest/async', { method: 'POST', body: { name: 'acme', fail: false } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json, '707');
    const refused = await call(org.url, '/services/apexrest/async', {
      method: 'POST',
      body: { name: 'nope', fail: true }
    });
    assert.equal(refused.status, 500, refused.text);
    const boom = await call(org.url, '/services/apexrest/async', {
      method: 'POST',
      body: { name: 'boom', fail: false }
    });
    assert.equal(boom.status, 200, boom.text);
    const contact = await call(org.url, '/services/data/v62.0/sobjects/Contact', {
      method: 'POST',
      body: { LastName: 'Lovelace' }
    });
    assert.equal(contact.status, 201, contact.text);
    await org.org.idle();
    assert.deepEqual(await names(org.url, accounts), [
      'acme (finalizer SUCCESS)',
      'acme (job)',
      'boom (finalizer UNHANDLED_EXCEPTION)'
    ]);
    assert.deepEqual(await names(org.url, 'SELECT LastName, Description FROM Contact'), ['Lovelace|tagged by @future']);
  } finally {
    await org.stop();
  }
  org = await start(dataDir);
  try {
    assert.deepEqual(await names(org.url, accounts), [
      'acme (finalizer SUCCESS)',
      'acme (job)',
      'boom (finalizer UNHANDLED_EXCEPTION)'
    ]);
    assert.deepEqual(await names(org.url, 'SELECT LastName, Description FROM Contact'), ['Lovelace|tagged by @future']);
  } finally {
    await org.stop();
  }
});
