import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { makeId } from '../../src/values/ids.js';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexId,
  ApexTime,
  Decimal,
  SObject
} from '../../src/values/values.js';
import { changesOf, JournalWriter, GENESIS, type JournalEntry } from '../../src/server/journal.js';
import { startOrg } from '../../src/server/start-org.js';
import { decodeRecord, encodeRecord, type EncodedRecord } from '../../src/server/value-codec.js';
import { call, fakeRuntime, startTestServer, TOKEN } from './helpers.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-journal-'));

function account(n: number, name: string): SObject {
  const a = new SObject('Account');
  a.set('Id', new ApexId(makeId('001', 900000 + n)));
  a.set('Name', name);
  return a;
}

test('the codec keeps every stored value type exactly', () => {
  const r = new SObject('Visit__c');
  r.set('Name', 'x');
  r.set('Count__c', 7);
  r.set('Big__c', 12345678901234n);
  r.set('Amount__c', Decimal.parse('10.50'));
  r.set('Ratio__c', new ApexDouble(0.25));
  r.set('OwnerId', new ApexId(makeId('005', 3)));
  r.set('Day__c', new ApexDate(2026, 2, 28));
  r.set('At__c', new ApexDatetime(1767225600123));
  r.set('Time__c', new ApexTime(3723004));
  r.set('Data__c', new ApexBlob(new Uint8Array([0, 255, 7])));
  r.set('Flag__c', true);
  r.set('Empty__c', null);
  const back = decodeRecord(JSON.parse(JSON.stringify(encodeRecord(r))) as EncodedRecord, 'test');
  assert.equal(back.type, 'Visit__c');
  assert.equal((back.get('Amount__c') as Decimal).toString(), '10.50');
  assert.equal(back.get('Big__c'), 12345678901234n);
  assert.deepEqual(back.get('Day__c'), new ApexDate(2026, 2, 28));
  assert.deepEqual(back.get('Data__c'), new ApexBlob(new Uint8Array([0, 255, 7])));
  assert.deepEqual([...back.names.values()], [...r.names.values()]);
  assert.deepEqual(back.get('OwnerId'), r.get('OwnerId'));
  assert.deepEqual(back.get('Time__c'), r.get('Time__c'));
  assert.deepEqual(back.get('Ratio__c'), r.get('Ratio__c'));
});

test('startOrg replays the journal into a fresh org before serving', async () => {
  const dir = tmp();
  const journal = new JournalWriter(path.join(dir, 'journal.jsonl'), 0, GENESIS);
  const acc = account(5, 'Replayed Ltd');
  journal.append('POST /x', [{ sobjectType: 'Account', id: acc.id!.value, after: acc }]);
  journal.close();
  const lines: string[] = [];
  const started = await startOrg(
    { sources: [], port: 0, host: '127.0.0.1', token: TOKEN, tokenGenerated: false, dataDir: dir, seedFile: null },
    { createRuntime: fakeRuntime, out: (l) => lines.push(l) }
  );
  try {
    const r = await call(
      started.url,
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id, Name FROM Account')}`
    );
    const records = (r.json as { records: { Id: string; Name: string }[] }).records;
    assert.deepEqual(
      records.map((x) => [x.Id, x.Name]),
      [[acc.id!.value, 'Replayed Ltd']]
    );
    assert.match(lines.join('\n'), /replayed 1 transaction/);
  } finally {
    await started.stop();
  }
});

test('changesOf restores SObjects from an entry', () => {
  const dir = tmp();
  const journal = new JournalWriter(path.join(dir, 'journal.jsonl'), 0, GENESIS);
  const entry = journal.append('x', [{ sobjectType: 'Account', id: makeId('001', 9), after: account(9, 'Nine') }]);
  journal.close();
  const [change] = changesOf(JSON.parse(JSON.stringify(entry)) as JournalEntry, 'f');
  assert.equal(change.after?.get('Name'), 'Nine');
});

test('a commit that cannot be journaled is reported and never acknowledged', async () => {
  const dir = tmp();
  const writer = new JournalWriter(path.join(dir, 'journal.jsonl'), 0, GENESIS);
  writer.close(); // every append now fails, as on a full or vanished disk
  const journal = {
    append: writer.append.bind(writer),
    wantsCompaction: () => false,
    compact: () => ({ rows: 0, journalBytesBefore: 0 })
  };
  const failures: string[] = [];
  const s = await startTestServer({ journal, onJournalFailure: (e) => failures.push(e.message) });
  try {
    const r = await call(s.url, '/services/data/v62.0/sobjects/Account', {
      method: 'POST',
      body: { Name: 'Unjournaled' }
    });
    assert.notEqual(r.status, 201);
    assert.equal(failures.length, 1);
  } finally {
    await s.close();
  }
});
