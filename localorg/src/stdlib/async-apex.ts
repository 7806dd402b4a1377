/**
 * Queueable Apex and transaction finalizers: `System.enqueueJob` queues a job (run after the commit, or at
 * `Test.stopTest()` in a test), `System.attachFinalizer` attaches a `System.Finalizer` to the running Queueable, and
 * the finalizer runs after the job — whether it succeeded or failed — in a transaction of its own, told the outcome
 * through `System.FinalizerContext`. See FIDELITY.md, "Asynchronous Apex".
 */
import { type ApexId, ApexObject, ApexRuntimeError, NativeObject, type Value } from '../values/values.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import type { DeferredWork } from '../runtime/data-platform.js';
import { currentAsyncJob, runAsAsyncJob, type AsyncJob } from '../runtime/async-jobs.js';
import { apexThrow } from '../values/errors.js';
import { ApexThrow } from '../runtime/scope.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const PARENT_JOB_RESULT = natives.defineEnum('System.ParentJobResult', ['SUCCESS', 'UNHANDLED_EXCEPTION']);

/** Queueables one transaction may queue: 50 from synchronous code, 1 from a running Queueable [doc: Limits]. */
const MAX_QUEUEABLES_SYNC = 50;
const MAX_QUEUEABLES_ASYNC = 1;
/** Depth of a Queueable chain in a Developer Edition org (localorg's edition) [doc: Queueable Apex]. */
export const MAX_CHAIN_DEPTH = 5;

interface JobState {
  id: ApexId;
}
interface FinalizerState extends JobState {
  failure: Value;
  requestId: string;
}

natives.defineClass({
  name: 'System.QueueableContext',
  instance: {
    getjobid: (_ctx, _args, self) => (self as NativeObject<JobState>).state.id
  }
});

natives.defineClass({
  name: 'System.FinalizerContext',
  instance: {
    getasyncapexjobid: (_ctx, _args, self) => (self as NativeObject<FinalizerState>).state.id,
    getresult: (_ctx, _args, self) =>
      PARENT_JOB_RESULT.value((self as NativeObject<FinalizerState>).state.failure ? 'UNHANDLED_EXCEPTION' : 'SUCCESS'),
    getexception: (_ctx, _args, self) => (self as NativeObject<FinalizerState>).state.failure,
    getrequestid: (_ctx, _args, self) => (self as NativeObject<FinalizerState>).state.requestId
  }
});

const QUEUEABLES = 'queueables';

/** `Limits.getQueueableJobs()`: the jobs this transaction queued with `System.enqueueJob`. */
export function queueableJobsQueued(state: Record<string, unknown>): number {
  return (state[QUEUEABLES] as number | undefined) ?? 0;
}

/** `Limits.getLimitQueueableJobs()`: 50 in synchronous code, 1 in an asynchronous job [doc: Limits]. */
export function queueableJobsLimit(state: Record<string, unknown>): number {
  return currentAsyncJob(state) ? MAX_QUEUEABLES_ASYNC : MAX_QUEUEABLES_SYNC;
}

/** `System.enqueueJob(queueable)`: queues the job and returns its AsyncApexJob Id. */
export function enqueueQueueable(ctx: NativeContext, job: Value): ApexId {
  if (!(job instanceof ApexObject)) return apexThrow('NullPointerException', 'Argument cannot be null.');
  if (!job.cls.isSubtypeOf('system.queueable'))
    return apexThrow('TypeException', `${job.cls.display} does not implement System.Queueable`);
  const parent = currentAsyncJob(ctx.testState);
  const queued = queueableJobsQueued(ctx.testState) + 1;
  ctx.testState[QUEUEABLES] = queued;
  if (queued > queueableJobsLimit(ctx.testState))
    return apexThrow('LimitException', `Too many queueable jobs added to the queue: ${queued}`);
  const depth = parent ? parent.depth + 1 : 1;
  if (depth > MAX_CHAIN_DEPTH) return apexThrow('AsyncException', 'Maximum stack depth has been reached.');
  const id = ctx.platform.issueId('707');
  ctx.enqueueAsync(queueableWork(ctx, job, { kind: 'queueable', id, depth, finalizer: null }));
  return id;
}

function queueableWork(ctx: NativeContext, queueable: ApexObject, job: AsyncJob): DeferredWork {
  return {
    label: `Queueable ${queueable.cls.display} ${job.id!.value}`,
    asynchronous: true,
    run: () =>
      runAsAsyncJob(ctx, job, () => {
        ctx.call(queueable, 'execute', [new NativeObject('system.queueablecontext', { id: job.id! })]);
      }),
    settled: (failure) => (job.finalizer ? finalizerWork(ctx, job, failure) : null)
  };
}

function finalizerWork(ctx: NativeContext, parent: AsyncJob, failure: unknown): DeferredWork {
  const finalizer = parent.finalizer!;
  const job: AsyncJob = { kind: 'finalizer', id: parent.id, depth: parent.depth, finalizer: null };
  return {
    label: `Finalizer ${finalizer.cls.display} ${parent.id!.value}`,
    asynchronous: true,
    run: () =>
      runAsAsyncJob(ctx, job, () => {
        const state: FinalizerState = {
          id: parent.id!,
          failure: failure === null ? null : exceptionOf(ctx, failure),
          requestId: `${parent.id!.value}-finalizer`
        };
        ctx.call(finalizer, 'execute', [new NativeObject('system.finalizercontext', state)]);
      })
  };
}

/** The Apex exception a failure was: the thrown object itself, or one built from a platform error. */
function exceptionOf(ctx: NativeContext, failure: unknown): Value {
  if (failure instanceof ApexThrow) return failure.exception;
  if (failure instanceof ApexRuntimeError) return ctx.newObject(failure.typeName, [failure.message]);
  const message = failure instanceof Error ? failure.message : String(failure);
  return ctx.newObject('System.UnexpectedException', [message]);
}

/** `System.attachFinalizer(finalizer)`: only inside a running Queueable, once per job [doc: Transaction Finalizers]. */
export function attachFinalizer(ctx: NativeContext, finalizer: Value): null {
  if (!(finalizer instanceof ApexObject)) return apexThrow('NullPointerException', 'Argument cannot be null.');
  const job = currentAsyncJob(ctx.testState);
  if (job?.kind !== 'queueable')
    return apexThrow('AsyncException', 'Finalizers can only be attached in Queueable jobs.');
  if (job.finalizer) return apexThrow('AsyncException', 'Only one finalizer can be attached to a Queueable job.');
  job.finalizer = finalizer;
  return null;
}

/**
 * `Test.stopTest()`: runs the async Apex the test queued, in order, each with its DML rolled back when it fails; a
 * finalizer runs after its job and consumes the failure, else the job's exception reaches the test.
 */
export function runQueuedInTest(ctx: NativeContext): void {
  const queue = ctx.asyncQueue;
  ctx.asyncQueue = [];
  for (const work of queue) runInTest(ctx, work);
}

function runInTest(ctx: NativeContext, work: DeferredWork): void {
  const savepoint = ctx.platform.setSavepoint();
  let failure: unknown = null;
  try {
    work.run();
  } catch (e) {
    failure = e;
    ctx.platform.rollbackTo(savepoint);
  }
  const next = work.settled?.(failure) ?? null;
  if (next) runInTest(ctx, next);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the job's own failure (an ApexThrow).
  else if (failure !== null) throw failure;
}
