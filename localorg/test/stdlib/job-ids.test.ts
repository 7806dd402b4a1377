/**
 * Job Ids (`System.enqueueJob` → AsyncApexJob 707, `System.schedule` → CronTrigger 08e) come from the org that runs
 * the code, numbered per key prefix like record Ids, not from a counter shared by every org in the process.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { out } from '../runtime/helpers.js';

const JOB =
  'public class Job implements Queueable, Schedulable { public void execute(QueueableContext c) {} public void execute(SchedulableContext c) {} }';
const SCRIPT = [
  'System.debug(System.enqueueJob(new Job()));',
  'System.debug(System.enqueueJob(new Job()));',
  "System.debug(System.schedule('nightly', '0 0 0 * * ?', new Job()));"
].join('\n');

test('each org numbers its jobs from its own counters, per key prefix', () => {
  const first = out(SCRIPT, [JOB]);
  assert.deepEqual(
    first.map((id) => id.slice(0, 3)),
    ['707', '707', '08e']
  );
  assert.notEqual(first[0], first[1], 'two jobs of one org have two Ids');
  assert.equal(new Set(first).size, 3);
  // A second org in the same process issues the same Ids: nothing carries over from the first.
  assert.deepEqual(out(SCRIPT, [JOB]), first);
});

test('Database.executeBatch numbers its jobs from the org that runs it, like System.enqueueJob', () => {
  const batch =
    'public class Sweep implements Database.Batchable<SObject> { public List<SObject> start(Database.BatchableContext c) { return new List<SObject>(); } public void execute(Database.BatchableContext c, List<SObject> rows) {} public void finish(Database.BatchableContext c) {} }';
  const script = 'System.debug(Database.executeBatch(new Sweep()));\nSystem.debug(System.enqueueJob(new Job()));';
  const first = out(script, [JOB, batch]);
  assert.equal(first[0].slice(0, 3), '707');
  assert.notEqual(first[0], first[1], 'a batch job and a queued job of one org have two Ids');
  assert.deepEqual(out(script, [JOB, batch]), first, 'a second org starts from the same Ids');
});
