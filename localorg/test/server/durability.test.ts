import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { spawnServe, waitExit } from './child-server.js';
import { call, FIXTURE_PROJECT, TOKEN } from './helpers.js';

type Row = { Name: string; Uid__c?: string };
const query = async (url: string, soql: string): Promise<Row[]> =>
  ((await call(url, `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`)).json as { records: Row[] }).records;

test(
  'kill -9 during load loses no acknowledged change and leaves no half-applied one',
  { timeout: 180_000 },
  async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-kill-'));
    const args = ['--source', FIXTURE_PROJECT, '--port', '0', '--token', TOKEN, '--data', dataDir];
    const first = await spawnServe(args);
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (!killed && next < 400) {
        const uid = `k-${next++}`;
        try {
          const r = await call(first.url, '/services/apexrest/visits', {
            method: 'POST',
            body: { uid, client: 'load' }
          });
          if (r.status === 200 && (r.json as { outcome: string }).outcome === 'created') acknowledged.push(uid);
        } catch {
          return; // the connection died with the process
        }
        if (acknowledged.length >= 40 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await waitExit(first.child);
    assert.equal(first.child.signalCode, 'SIGKILL');
    assert.ok(acknowledged.length >= 40);

    const second = await spawnServe(args);
    try {
      const visits = await query(second.url, 'SELECT Name, Uid__c FROM Visit__c');
      const accounts = await query(second.url, "SELECT Name FROM Account WHERE Name LIKE 'Visit k-%'");
      const uids = visits.map((v) => v.Uid__c ?? '');
      for (const uid of acknowledged) assert.ok(uids.includes(uid), `acknowledged ${uid} was lost`);
      assert.equal(new Set(uids).size, uids.length, 'no uid twice');
      // Each transaction wrote an Account and a Visit: after recovery they come in complete pairs.
      assert.deepEqual(accounts.map((a) => a.Name.slice('Visit '.length)).sort(), [...uids].sort());
    } finally {
      second.child.kill('SIGTERM');
      await waitExit(second.child);
    }
  }
);
