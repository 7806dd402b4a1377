import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { discoverSources } from '../../../src/syntax/sources.js';
import { createDataPlatform, type CommittedChange, type LocalOrg } from '../../../src/data/index.js';
import { ApexDatetime, ApexRuntimeError, type SObject } from '../../../src/values/values.js';
import { FakeTriggers, rec } from '../helpers.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'events');
const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);

function org(now = () => NOW): LocalOrg {
  return createDataPlatform(discoverSources(FIXTURE), { now });
}

const publish = (o: LocalOrg, ...records: SObject[]) => o.publishEvents(records, { testContext: false });

test('publishing an object that is not a platform event throws a TypeException naming it', () => {
  const o = org();
  o.beginTransaction();
  assert.throws(
    () => publish(o, rec('Account', { Name: 'x' })),
    (e: unknown) => e instanceof ApexRuntimeError && e.typeName === 'System.TypeException' && /Account/.test(e.message)
  );
});

test('DML on a platform event object is refused as on the platform', () => {
  const o = org();
  o.beginTransaction();
  assert.throws(
    () => o.dml('insert', [rec('Ping__e', { Message__c: 'x' })], { allOrNone: true }),
    /DML operation Insert not allowed on Ping__e/
  );
});

test('a message failing validation gets a failed SaveResult and is not published', () => {
  const o = org();
  o.beginTransaction();
  const [missing, long] = publish(o, rec('Ping__e'), rec('Ping__e', { Message__c: 'x'.repeat(21) }));
  assert.equal(missing.success, false);
  assert.equal(missing.errors[0].statusCode, 'REQUIRED_FIELD_MISSING');
  assert.equal(long.errors[0].statusCode, 'STRING_TOO_LONG');
  o.commitTransaction();
  assert.equal(o.events.store.lastReplayId('Ping__e'), 0);
});

test('describe: an event object has ReplayId, EventUuid, CreatedDate, CreatedById and its custom fields, no Id', () => {
  const o = org();
  const info = o.describeObject('Ping__e')!;
  assert.deepEqual(info.fields.map((f) => f.name).sort(), [
    'Count__c',
    'CreatedById',
    'CreatedDate',
    'EventUuid',
    'Message__c',
    'ReplayId'
  ]);
  assert.equal(info.keyPrefix![0], 'e');
  assert.equal(o.schema.object('Ping__e')!.platformEvent!.publishBehavior, 'PublishAfterCommit');
  assert.equal(o.schema.object('Shout__e')!.platformEvent!.publishBehavior, 'PublishImmediately');
});

test('PublishAfterCommit: dropped by a rollback, published at commit with replay ids, UUID in the result', () => {
  const o = org();
  o.beginTransaction();
  publish(o, rec('Ping__e', { Message__c: 'lost' }));
  o.rollbackTransaction();
  assert.equal(o.events.store.lastReplayId('Ping__e'), 0);
  o.beginTransaction();
  const [r1, r2] = publish(o, rec('Ping__e', { Message__c: 'a' }), rec('Ping__e', { Message__c: 'b' }));
  assert.equal(o.events.store.lastReplayId('Ping__e'), 0, 'not before the commit');
  o.commitTransaction();
  const kept = o.events.store.retained('Ping__e');
  assert.deepEqual(
    kept.map((m) => [m.replayId, m.record.get('Message__c'), m.record.get('ReplayId')]),
    [
      [1, 'a', '1'],
      [2, 'b', '2']
    ]
  );
  assert.equal(r1.success && r2.success, true);
  assert.deepEqual(r1.errors, [{ statusCode: 'OPERATION_ENQUEUED', message: kept[0].uuid, fields: [] }]);
  assert.match(kept[0].uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(kept[0].record.get('CreatedDate'), new ApexDatetime(NOW));
  assert.equal(kept[0].createdById, o.user.id.value);
});

test('a rollback to a savepoint drops after-commit messages published after it, not those before', () => {
  const o = org();
  o.beginTransaction();
  publish(o, rec('Ping__e', { Message__c: 'before' }));
  const sp = o.setSavepoint();
  publish(o, rec('Ping__e', { Message__c: 'after' }));
  o.rollbackTo(sp);
  o.commitTransaction();
  assert.deepEqual(
    o.events.store.retained('Ping__e').map((m) => m.record.get('Message__c')),
    ['before']
  );
});

test('PublishImmediately: on the bus at once and kept when the transaction rolls back', () => {
  const o = org();
  o.beginTransaction();
  publish(o, rec('Shout__e', { Message__c: 'now' }));
  assert.equal(o.events.store.lastReplayId('Shout__e'), 1, 'published before the transaction ends');
  o.rollbackTransaction();
  assert.equal(o.events.store.retained('Shout__e').length, 1);
});

test('one publish is one DML statement whatever the number of messages', () => {
  const o = org();
  o.beginTransaction();
  publish(o, ...Array.from({ length: 5 }, (_, i) => rec('Ping__e', { Message__c: `m${i}` })));
  assert.deepEqual([o.limits.current().dmlStatements, o.limits.current().dmlRows], [1, 5]);
});

test('subscribers run after the commit, as separate work, in batches of at most 2,000 in replay order', () => {
  const o = org();
  const triggers = new FakeTriggers();
  const seen: string[][] = [];
  triggers.on('Ping__e', 'after insert', (inv) => seen.push(inv.newRecords!.map((r) => r.get('ReplayId') as string)));
  o.setTriggerHost(triggers);
  o.beginTransaction();
  publish(o, ...Array.from({ length: 2500 }, (_, i) => rec('Ping__e', { Message__c: `m${i}` })));
  o.commitTransaction();
  assert.equal(seen.length, 0, 'nothing runs inside the publishing transaction');
  const work = o.takeCommittedWork();
  assert.equal(work.length, 2);
  assert.match(work[0].label, /Ping__e \(replay 1–2000\)/);
  for (const w of work) w.run();
  assert.deepEqual(
    seen.map((b) => [b.length, b[0], b[b.length - 1]]),
    [
      [2000, '1', '2000'],
      [500, '2001', '2500']
    ]
  );
});

test('immediate messages of a failed transaction still reach their subscribers', () => {
  const o = org();
  const triggers = new FakeTriggers().on('Shout__e', 'after insert', () => undefined);
  o.setTriggerHost(triggers);
  o.beginTransaction();
  publish(o, rec('Shout__e', { Message__c: 'x' }), rec('Ping__e', { Message__c: 'y' }));
  o.rollbackTransaction();
  assert.deepEqual(
    o.takeCommittedWork().map((w) => w.label),
    ['platform event trigger on Shout__e (replay 1–1)']
  );
});

test('published messages are journalled as committed changes and replay into a new org with their replay ids', () => {
  const source = org();
  const changes: CommittedChange[] = [];
  source.beginTransaction();
  publish(source, rec('Ping__e', { Message__c: 'a', Count__c: 3 }), rec('Ping__e', { Message__c: 'b' }));
  changes.push(...source.commitTransaction());
  source.beginTransaction();
  publish(source, rec('Shout__e', { Message__c: 'c' }));
  changes.push(...source.rollbackTransaction());
  assert.deepEqual(
    changes.map((c) => [c.sobjectType, c.after?.get('ReplayId')]),
    [
      ['Ping__e', '1'],
      ['Ping__e', '2'],
      ['Shout__e', '1']
    ]
  );
  const target = org();
  target.applyCommitted(changes);
  const replayed = target.events.store.replay('Ping__e', -2)!;
  assert.deepEqual(
    replayed.map((m) => [m.replayId, m.record.get('Message__c'), m.uuid]),
    source.events.store.retained('Ping__e').map((m) => [m.replayId, m.record.get('Message__c'), m.uuid])
  );
  target.beginTransaction();
  publish(target, rec('Ping__e', { Message__c: 'next' }));
  target.commitTransaction();
  assert.equal(target.events.store.lastReplayId('Ping__e'), 3, 'replay ids continue after the replayed ones');
});

test('messages older than 72 hours are not kept when replayed from the journal', () => {
  let now = NOW;
  const source = org(() => now);
  const changes: CommittedChange[] = [];
  source.beginTransaction();
  publish(source, rec('Ping__e', { Message__c: 'old' }));
  changes.push(...source.commitTransaction());
  now = NOW + 73 * 3600 * 1000;
  source.beginTransaction();
  publish(source, rec('Ping__e', { Message__c: 'new' }));
  changes.push(...source.commitTransaction());
  const target = org(() => now);
  target.applyCommitted(changes);
  assert.deepEqual(
    target.events.store.replay('Ping__e', -2)!.map((m) => m.record.get('Message__c')),
    ['new']
  );
  assert.equal(target.events.store.replay('Ping__e', 0), null, 'message 1 has expired');
});
