/**
 * The asynchronous Apex job that is running, if any: what `System.isQueueable()`, `System.isFuture()` and
 * `Request.getQuiddity()` answer, where `System.attachFinalizer` puts its finalizer, and how deep a Queueable chain
 * is. Kept in the transaction's state, so each job's own transaction starts without one.
 */
import type { DeferredWork } from './data-platform.js';
import { ApexRuntimeError, type ApexId, type ApexObject, type TypeRef } from '../values/values.js';

export type AsyncJobKind = 'queueable' | 'future' | 'finalizer' | 'batch';

export interface AsyncJob {
  kind: AsyncJobKind;
  /** The AsyncApexJob Id (`707…`); null for `@future` calls, whose Id Apex never sees. */
  id: ApexId | null;
  /** 1 for a job queued by synchronous code, one more for each Queueable that queued the next. */
  depth: number;
  /** The `System.Finalizer` attached while this Queueable ran. */
  finalizer: ApexObject | null;
}

const KEY = 'asyncJob';

/** The job whose transaction this is, or null in synchronous code. */
export function currentAsyncJob(state: Record<string, unknown>): AsyncJob | null {
  return (state[KEY] as AsyncJob | undefined) ?? null;
}

/** Runs `body` as `job` (the caller has already started the job's transaction, or is `Test.stopTest`). */
export function runAsAsyncJob(
  holder: { testState: Record<string, unknown>; quiddity: string | null },
  job: AsyncJob,
  body: () => void
): void {
  const state = holder.testState;
  const outer = state[KEY];
  const outerQuiddity = holder.quiddity;
  state[KEY] = job;
  holder.quiddity = QUIDDITY[job.kind];
  try {
    body();
  } finally {
    // resetStatics may have replaced the state object meanwhile; restore on the one that was current.
    holder.testState[KEY] = outer;
    holder.quiddity = outerQuiddity;
  }
}

/** What `Request.getQuiddity()` answers inside each kind of job (`System.Quiddity`). */
const QUIDDITY: Record<AsyncJobKind, string> = {
  queueable: 'QUEUEABLE',
  future: 'FUTURE',
  finalizer: 'TRANSACTION_FINALIZER_QUEUEABLE',
  batch: 'BATCH_APEX'
};

/** Where async Apex is queued: the interpreter (a test method's queue, or the transaction's deferred work). */
export interface AsyncHost {
  testState: Record<string, unknown>;
  quiddity: string | null;
  enqueueAsync(work: DeferredWork): void;
}

/** `@future` calls one transaction may make [doc: Execution Governors and Limits]. */
export const MAX_FUTURE_CALLS = 50;

const FUTURE_CALLS = 'futureCalls';

/** `Limits.getFutureCalls()`: the `@future` calls this transaction made. */
export function futureCallsMade(state: Record<string, unknown>): number {
  return (state[FUTURE_CALLS] as number | undefined) ?? 0;
}

/** `Limits.getLimitFutureCalls()`: none from a future or batch method, else 50 [doc: Execution Governors and Limits]. */
export function futureCallsLimit(state: Record<string, unknown>): number {
  const running = currentAsyncJob(state)?.kind;
  return running === 'future' || running === 'batch' ? 0 : MAX_FUTURE_CALLS;
}

/**
 * A call of an `@future` method: nothing runs now; `body` runs later as a job of its own (after the commit, or at
 * `Test.stopTest()`), with the arguments as they were passed.
 */
export function queueFutureCall(host: AsyncHost, name: string, params: { type: TypeRef }[], body: () => void): void {
  const signature = `${name}(${params.map((p) => p.type.display).join(', ')})`;
  const running = currentAsyncJob(host.testState)?.kind;
  if (running === 'future' || running === 'batch')
    throw new ApexRuntimeError(
      'System.AsyncException',
      `Future method cannot be called from a future or batch method: ${signature}`
    );
  const calls = futureCallsMade(host.testState) + 1;
  host.testState[FUTURE_CALLS] = calls;
  if (calls > MAX_FUTURE_CALLS) throw new ApexRuntimeError('System.LimitException', `Too many future calls: ${calls}`);
  const job: AsyncJob = { kind: 'future', id: null, depth: 1, finalizer: null };
  host.enqueueAsync({ label: `@future ${signature}`, asynchronous: true, run: () => runAsAsyncJob(host, job, body) });
}
