/**
 * Async Apex through the one transaction runner (runtime/transaction.ts): Queueables, chaining, `@future` and
 * transaction finalizers run after the commit, each in a transaction of its own; `Test.stopTest()` runs them in tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runAnonymousText } from '../../src/boot/anonymous.js';
import { failureLine } from '../../src/runtime/failures.js';
import { runTests } from '../../src/testing/runner.js';
import { apex } from './helpers.js';

/** Runs a block, then its async work; returns debug lines and the async failures as `label: line`. */
function runAsync(body: string, classes: string[]) {
  const r = apex('', classes);
  const asyncFailures: string[] = [];
  r.debug.length = 0;
  const f = runAnonymousText(r.project, body, 'async.apex', (label, failure) =>
    asyncFailures.push(`${label.split(' ')[0]}: ${failureLine(failure)}`)
  );
  return { debug: r.debug, fatal: f ? failureLine(f) : null, asyncFailures, project: r.project };
}

const COUNTER = `public class Counter { public static Integer n = 0; }`;

const ACCOUNT_JOB = `public class AccountJob implements Queueable {
  public void execute(QueueableContext ctx) {
    Counter.n++;
    System.debug('job ' + Counter.n + ' queueable=' + System.isQueueable() + ' id=' + (ctx.getJobId() != null));
    insert new Account(Name = 'from job');
  }
}`;

test('a Queueable runs after the block commits, in its own transaction with fresh statics', () => {
  const r = runAsync(
    `Counter.n = 41;
     Id jobId = System.enqueueJob(new AccountJob());
     System.debug('queued ' + String.valueOf(jobId).left(3) + ' sync=' + System.isQueueable());
     System.debug('before: ' + [SELECT COUNT() FROM Account]);`,
    [COUNTER, ACCOUNT_JOB]
  );
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, ['queued 707 sync=false', 'before: 0', 'job 1 queueable=true id=true']);
  r.debug.length = 0;
  assert.equal(runAnonymousText(r.project, `System.debug([SELECT COUNT() FROM Account]);`), null);
  assert.deepEqual(r.debug, ['1'], "the job's insert committed");
});

test('a block that fails after enqueueJob queues nothing', () => {
  const r = runAsync(`System.enqueueJob(new AccountJob()); Integer x = null; x++;`, [COUNTER, ACCOUNT_JOB]);
  assert.match(r.fatal ?? '', /NullPointerException/);
  assert.deepEqual(r.debug, []);
});

test('chained Queueables run one after the other, up to the chain depth of a Developer Edition org', () => {
  const chain = `public class Chain implements Queueable {
    Integer depth;
    public Chain(Integer depth) { this.depth = depth; }
    public void execute(QueueableContext ctx) {
      System.debug('depth ' + depth);
      System.enqueueJob(new Chain(depth + 1));
    }
  }`;
  const r = runAsync(`System.enqueueJob(new Chain(1));`, [chain]);
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, ['depth 1', 'depth 2', 'depth 3', 'depth 4', 'depth 5']);
  assert.deepEqual(r.asyncFailures, ['Queueable: System.AsyncException: Maximum stack depth has been reached.']);
});

test('a running Queueable may queue only one job', () => {
  const two = `public class Two implements Queueable {
    public void execute(QueueableContext ctx) {
      if (System.isQueueable()) { System.enqueueJob(new Noop()); System.enqueueJob(new Noop()); }
    }
  }`;
  const noop = `public class Noop implements Queueable { public void execute(QueueableContext ctx) { System.debug('noop'); } }`;
  const r = runAsync(`System.enqueueJob(new Two());`, [two, noop]);
  assert.deepEqual(r.asyncFailures, [
    'Queueable: System.LimitException: Too many queueable jobs added to the queue: 2'
  ]);
  assert.deepEqual(r.debug, [], 'the failed job rolled back, so the job it queued never runs');
});

test('@future methods run after the block, with their arguments, and cannot call another @future', () => {
  const svc = `public class Svc {
    @future public static void later(String what, Integer n) {
      System.debug('future ' + what + ' ' + n + ' ' + System.isFuture());
      insert new Account(Name = what);
    }
    @future public static void nested() { later('x', 1); }
  }`;
  const r = runAsync(
    `Svc.later('acme', 3); System.debug('sync ' + System.isFuture() + ' ' + [SELECT COUNT() FROM Account]);
     Svc.nested();`,
    [svc]
  );
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, ['sync false 0', 'future acme 3 true']);
  assert.deepEqual(r.asyncFailures, [
    '@future: System.AsyncException: Future method cannot be called from a future or batch method: Svc.later(String, Integer)'
  ]);
});

const FINALIZED = `public class Finalized implements Queueable, Finalizer {
  Boolean fail;
  public Finalized(Boolean fail) { this.fail = fail; }
  public void execute(QueueableContext ctx) {
    System.attachFinalizer(this);
    insert new Account(Name = 'job');
    if (fail) throw new IllegalArgumentException('boom');
  }
  public void execute(FinalizerContext ctx) {
    Exception e = ctx.getException();
    System.debug(ctx.getResult() + ' ' + (e == null ? 'none' : e.getTypeName() + ': ' + e.getMessage())
      + ' accounts=' + [SELECT COUNT() FROM Account] + ' id=' + String.valueOf(ctx.getAsyncApexJobId()).left(3));
  }
}`;

test('a finalizer runs after its Queueable succeeded, in a transaction of its own', () => {
  const r = runAsync(`System.enqueueJob(new Finalized(false));`, [FINALIZED]);
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, ['SUCCESS none accounts=1 id=707']);
  assert.deepEqual(r.asyncFailures, []);
});

test('a finalizer runs after its Queueable failed, whose writes were rolled back, and sees the exception', () => {
  const r = runAsync(`System.enqueueJob(new Finalized(true));`, [FINALIZED]);
  assert.deepEqual(r.debug, ['UNHANDLED_EXCEPTION System.IllegalArgumentException: boom accounts=0 id=707']);
  assert.deepEqual(r.asyncFailures, ['Queueable: System.IllegalArgumentException: boom']);
});

test('attachFinalizer outside a Queueable is an AsyncException', () => {
  const fin = `public class Fin implements Finalizer { public void execute(FinalizerContext ctx) {} }`;
  const r = runAsync(`System.attachFinalizer(new Fin());`, [fin]);
  assert.equal(r.fatal, 'System.AsyncException: Finalizers can only be attached in Queueable jobs.');
});

test('in a test method, Test.stopTest() runs the queued Queueable, @future and finalizer', () => {
  const svc = `public class Svc2 { @future public static void later() { System.debug('future ran'); } }`;
  const tests = `@IsTest public class Async_Tests {
    @IsTest static void runsAtStopTest() {
      Test.startTest();
      System.enqueueJob(new Finalized(true));
      Svc2.later();
      System.assertEquals(0, [SELECT COUNT() FROM Account]);
      Test.stopTest();
      System.assertEquals(0, [SELECT COUNT() FROM Account], 'the failed job rolled back');
    }
  }`;
  const r = apex('', [FINALIZED, svc, tests]);
  r.debug.length = 0;
  const run = runTests(r.project, { classes: ['Async_Tests'] });
  assert.equal(run.results[0].outcome, 'pass', run.results[0].message ?? '');
  assert.deepEqual(r.debug, [
    'UNHANDLED_EXCEPTION System.IllegalArgumentException: boom accounts=0 id=707',
    'future ran'
  ]);
});

test('Batch Apex runs start, each chunk and finish in transactions of their own; a failed chunk rolls back alone', () => {
  const renamer = `public class Renamer implements Database.Batchable<SObject> {
    public Database.QueryLocator start(Database.BatchableContext bc) {
      System.debug('start ' + System.isBatch() + ' ' + String.valueOf(bc.getJobId()).left(3));
      return Database.getQueryLocator('SELECT Id, Name FROM Account ORDER BY Name');
    }
    public void execute(Database.BatchableContext bc, List<Account> scope) {
      System.debug('chunk ' + scope.size());
      for (Account a : scope) a.Name = a.Name + '!';
      update scope;
      if (scope[0].Name == 'c!') throw new IllegalArgumentException('bad chunk');
    }
    public void finish(Database.BatchableContext bc) {
      System.debug('finish ' + [SELECT COUNT() FROM Account WHERE Name LIKE '%!']);
    }
  }`;
  const r = runAsync(
    `insert new List<Account>{ new Account(Name='a'), new Account(Name='b'), new Account(Name='c'),
       new Account(Name='d'), new Account(Name='e') };
     Id jobId = Database.executeBatch(new Renamer(), 2);
     System.debug('queued ' + String.valueOf(jobId).left(3));`,
    [renamer]
  );
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, ['queued 707', 'start true 707', 'chunk 2', 'chunk 2', 'chunk 1', 'finish 3']);
  assert.deepEqual(r.asyncFailures, ['Batch: System.IllegalArgumentException: bad chunk']);
});

test('asynchronous Apex runs under the asynchronous governor limits, and Limits counts the jobs and calls queued', () => {
  const limits = `'queries ' + Limits.getLimitQueries() + ' cpu ' + Limits.getLimitCpuTime() + ' heap ' + Limits.getLimitHeapSize() + ' queueables ' + Limits.getQueueableJobs() + '/' + Limits.getLimitQueueableJobs() + ' future ' + Limits.getFutureCalls() + '/' + Limits.getLimitFutureCalls()`;
  const classes = [
    `public class Report implements Queueable {
      public void execute(QueueableContext ctx) { later(); System.debug('queueable ' + ${limits}); }
      @future public static void later() { System.debug('future ' + ${limits}); }
    }`
  ];
  const r = runAsync(`System.enqueueJob(new Report()); System.debug('sync ' + ${limits});`, classes);
  assert.equal(r.fatal, null);
  assert.deepEqual(r.asyncFailures, []);
  assert.deepEqual(r.debug, [
    'sync queries 100 cpu 10000 heap 6000000 queueables 1/50 future 0/50',
    'queueable queries 200 cpu 60000 heap 12000000 queueables 0/1 future 1/50',
    'future queries 200 cpu 60000 heap 12000000 queueables 0/1 future 0/0'
  ]);
});

test('a batch job works on the object as submitted: its instance state carries over between transactions only with Database.Stateful', () => {
  const counter = (
    name: string,
    stateful: boolean
  ) => `public class ${name} implements Database.Batchable<Integer>${stateful ? ', Database.Stateful' : ''} {
    public Integer seen = 0;
    public List<String> notes = new List<String>{ 'new' };
    public Iterable<Integer> start(Database.BatchableContext bc) { seen += 100; notes.add('start'); return new List<Integer>{ 1, 2, 3 }; }
    public void execute(Database.BatchableContext bc, List<Integer> scope) { seen += scope.size(); notes.add('execute'); }
    public void finish(Database.BatchableContext bc) { System.debug('${name} ' + seen + ' ' + notes); }
  }`;
  const r = runAsync(
    `Plain plain = new Plain(); plain.notes.add('submitted');
     Database.executeBatch(plain, 1);
     plain.notes.add('after');
     Kept kept = new Kept(); kept.notes.add('submitted');
     Database.executeBatch(kept, 1);
     kept.notes.add('after');`,
    [counter('Plain', false), counter('Kept', true)]
  );
  assert.equal(r.fatal, null);
  assert.deepEqual(r.asyncFailures, []);
  assert.deepEqual(r.debug, [
    'Plain 0 (new, submitted)',
    'Kept 103 (new, submitted, start, execute, execute, execute)'
  ]);
});
