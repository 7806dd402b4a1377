/**
 * Batch Apex: `Database.executeBatch(batch, scope)` queues a job whose `start`, each `execute` over a chunk of at most
 * `scope` records, and `finish` run after the commit, each in a transaction of its own (at `Test.stopTest()` in a
 * test); `start` hands over a `Database.QueryLocator` (stdlib/database.ts) or a List. See FIDELITY.md, "Asynchronous Apex".
 */
import { type ApexId, ApexList, ApexObject, NativeObject, SObject, typeRef, type Value } from '../values/values.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import type { DeferredWork } from '../runtime/data-platform.js';
import { runAsAsyncJob, type AsyncJob } from '../runtime/async-jobs.js';
import { apexThrow, unsupported } from '../values/errors.js';
import { copyObjectGraph } from './batch-state.js';

/** Records per `execute` when no scope is given, and the largest scope [doc: Using Batch Apex]. */
const DEFAULT_SCOPE = 200;
const MAX_SCOPE = 2000;

/** This module's native classes, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

natives.defineClass({
  name: 'Database.BatchableContext',
  instance: {
    getjobid: (_ctx, _args, self) => (self as NativeObject<{ id: ApexId }>).state.id,
    getchildjobid: (_ctx, _args, self) => (self as NativeObject<{ id: ApexId }>).state.id
  }
});

/** `Database.executeBatch(batch[, scope])`: queues the job and returns its AsyncApexJob Id. */
export function executeBatch(ctx: NativeContext, batch: Value, scopeArg: Value): ApexId {
  if (!(batch instanceof ApexObject)) return apexThrow('NullPointerException', 'Argument cannot be null.');
  if (!batch.cls.isSubtypeOf('database.batchable'))
    return apexThrow('TypeException', `${batch.cls.display} does not implement Database.Batchable`);
  const scope = scopeArg === null || scopeArg === undefined ? DEFAULT_SCOPE : Number(scopeArg);
  if (!Number.isInteger(scope) || scope < 1)
    return apexThrow(
      'InvalidParameterValueException',
      `Batch size must be greater than 0: ${ctx.toApexString(scopeArg)}`
    );
  const id = ctx.platform.issueId('707');
  const job: AsyncJob = { kind: 'batch', id, depth: 1, finalizer: null };
  ctx.enqueueAsync(startWork(ctx, instances(batch), job, Math.min(scope, MAX_SCOPE)));
  return id;
}

/**
 * The job object each of the job's transactions calls: the object as submitted (later changes by the caller are not
 * seen), the same one throughout for a `Database.Stateful` class, else a fresh copy of it every time.
 */
function instances(batch: ApexObject): Instances {
  const submitted = copyObjectGraph(batch);
  const stateful = batch.cls.isSubtypeOf('database.stateful');
  return { display: batch.cls.display, next: () => (stateful ? submitted : copyObjectGraph(submitted)) };
}

interface Instances {
  display: string;
  next(): ApexObject;
}

function context(job: AsyncJob): NativeObject {
  return new NativeObject('database.batchablecontext', { id: job.id! });
}

function startWork(ctx: NativeContext, batch: Instances, job: AsyncJob, scope: number): DeferredWork {
  let records = new ApexList(typeRef('SObject'), []);
  return {
    label: `Batch Apex ${batch.display} ${job.id!.value} start`,
    asynchronous: true,
    run: () =>
      runAsAsyncJob(ctx, job, () => {
        records = recordsOf(ctx.call(batch.next(), 'start', [context(job)]));
      }),
    // A failed start ends the job; otherwise the chunks follow, then finish.
    settled: (failure) => (failure === null ? chunkWork(ctx, batch, job, records, scope, 0) : null)
  };
}

function chunkWork(
  ctx: NativeContext,
  batch: Instances,
  job: AsyncJob,
  records: ApexList,
  scope: number,
  from: number
): DeferredWork {
  if (from >= records.items.length) return finishWork(ctx, batch, job);
  const chunk = new ApexList(records.elementType, records.items.slice(from, from + scope));
  return {
    label: `Batch Apex ${batch.display} ${job.id!.value} execute ${from / scope + 1}`,
    asynchronous: true,
    run: () =>
      runAsAsyncJob(ctx, job, () => {
        ctx.call(batch.next(), 'execute', [context(job), chunk]);
      }),
    // A failed chunk rolls back alone; the next chunks and finish still run.
    settled: () => chunkWork(ctx, batch, job, records, scope, from + scope)
  };
}

function finishWork(ctx: NativeContext, batch: Instances, job: AsyncJob): DeferredWork {
  return {
    label: `Batch Apex ${batch.display} ${job.id!.value} finish`,
    asynchronous: true,
    run: () => runAsAsyncJob(ctx, job, () => void ctx.call(batch.next(), 'finish', [context(job)]))
  };
}

/** What `start` returned: a QueryLocator's records (stdlib/database.ts) or a List. */
function recordsOf(started: Value): ApexList {
  if (started instanceof NativeObject && started.nativeType === 'database.querylocator') {
    const records = (started.state as { records: Value[] }).records;
    const first = records[0];
    return new ApexList(typeRef(first instanceof SObject ? first.type : 'SObject'), records);
  }
  if (started instanceof ApexList) return started;
  if (started === null) return apexThrow('NullPointerException', 'Attempt to de-reference a null object');
  return unsupported('Database', 'executeBatch', [started]);
}
