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
import {
  changesOf,
  Journal,
  JOURNAL_FILE,
  JournalError,
  readJournal,
  type JournalEntry
} from '../../src/server/journal.js';
import { startOrg } from '../../src/server/serve-command.js';
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

test('appended transactions read back in order', () => {
  const dir = tmp();
  const { journal } = Journal.open(dir);
  journal.append('POST /a', [{ sobjectType: 'Account', id: makeId('001', 1), after: account(1, 'One') }]);
  journal.append('DELETE /b', [{ sobjectType: 'Account', id: makeId('001', 1), after: null }]);
  journal.close();
  const { entries, tornTail } = readJournal(path.join(dir, JOURNAL_FILE));
  assert.equal(tornTail, false);
  assert.deepEqual(
    entries.map((e) => [e.seq, e.label, e.changes[0].after === null]),
    [
      [1, 'POST /a', false],
      [2, 'DELETE /b', true]
    ]
  );
});

test('a torn last line is ignored and cut off so later appends stay readable', () => {
  const dir = tmp();
  const first = Journal.open(dir).journal;
  first.append('POST /a', [{ sobjectType: 'Account', id: makeId('001', 1), after: account(1, 'One') }]);
  first.close();
  fs.appendFileSync(path.join(dir, JOURNAL_FILE), '{"seq":2,"at":"2026-01-01T00:00:00Z","label":"POST /b","chan');
  const reopened = Journal.open(dir);
  assert.equal(reopened.replay.tornTail, true);
  assert.equal(reopened.replay.entries.length, 1);
  reopened.journal.append('POST /c', [{ sobjectType: 'Account', id: makeId('001', 2), after: account(2, 'Two') }]);
  reopened.journal.close();
  const again = readJournal(path.join(dir, JOURNAL_FILE));
  assert.deepEqual(
    again.entries.map((e) => [e.seq, e.label]),
    [
      [1, 'POST /a'],
      [2, 'POST /c']
    ]
  );
});

test('a damaged line in the middle is an error naming file and line', () => {
  const dir = tmp();
  const file = path.join(dir, JOURNAL_FILE);
  fs.writeFileSync(
    file,
    '{"seq":1,"at":"x","label":"a","changes":[]}\nnot json\n{"seq":3,"at":"x","label":"c","changes":[]}\n'
  );
  assert.throws(
    () => readJournal(file),
    (e: unknown) => e instanceof JournalError && e.message.startsWith(`${file}:2:`)
  );
});

test('startOrg replays the journal into a fresh org before serving', async () => {
  const dir = tmp();
  const { journal } = Journal.open(dir);
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
  const { journal } = Journal.open(dir);
  const entry = journal.append('x', [{ sobjectType: 'Account', id: makeId('001', 9), after: account(9, 'Nine') }]);
  journal.close();
  const [change] = changesOf(JSON.parse(JSON.stringify(entry)) as JournalEntry, 'f');
  assert.equal(change.after?.get('Name'), 'Nine');
});

test('a commit that cannot be journaled is reported and never acknowledged', async () => {
  const dir = tmp();
  const { journal } = Journal.open(dir);
  journal.close(); // every append now fails, as on a full or vanished disk
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
