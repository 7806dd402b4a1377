/**
 * Per-transaction governor-limit accounting. The platform's synchronous limits are fixed numbers [doc: Execution
 * Governors and Limits], and asynchronous Apex (Queueable, `@future`, Batch Apex, finalizers) runs under larger ones;
 * `Test.startTest()` opens a fresh set that `Test.stopTest()` closes, restoring the outer one.
 * Queries on custom metadata are counted separately and never against `queries`.
 */
import { ApexRuntimeError } from '../values/values.js';
import { threadCpuMs } from '../runtime/cpu-clock.js';
import type { LimitProfile, LimitsSnapshot, LimitsTracker } from '../runtime/data-platform.js';
import { limitMessage } from './messages.js';

const SYNC_LIMITS: LimitsSnapshot = Object.freeze({
  queries: 100,
  queryRows: 50_000,
  dmlStatements: 150,
  dmlRows: 10_000,
  cpuTimeMs: 10_000,
  metadataQueries: Number.MAX_SAFE_INTEGER,
  searches: 20
});

/** Where asynchronous Apex differs: 200 queries, 60,000 ms of CPU [doc: Execution Governors and Limits]. */
const ASYNC_LIMITS: LimitsSnapshot = Object.freeze({ ...SYNC_LIMITS, queries: 200, cpuTimeMs: 60_000 });

function zero(): LimitsSnapshot {
  return { queries: 0, queryRows: 0, dmlStatements: 0, dmlRows: 0, cpuTimeMs: 0, metadataQueries: 0, searches: 0 };
}

/** `System.LimitException` cannot be caught in Apex; the interpreter checks `data.uncatchable`. */
export function limitException(message: string): ApexRuntimeError {
  return new ApexRuntimeError('System.LimitException', message, { uncatchable: true });
}

/**
 * The CPU limit counts CPU time, read from a clock (the thread's CPU time by default; tests pass their own): the time
 * since the last charge is added to the current set whenever the interpreter charges, and counts in {@link current}.
 */
export class TransactionLimits implements LimitsTracker {
  private profile: LimitProfile = 'synchronous';
  private stack: LimitsSnapshot[] = [zero()];
  private cpuMark: number;

  constructor(private readonly cpuClock: () => number = threadCpuMs) {
    this.cpuMark = cpuClock();
  }

  /** The maxima of the running transaction: the synchronous or the asynchronous set. */
  get max(): LimitsSnapshot {
    return this.profile === 'asynchronous' ? ASYNC_LIMITS : SYNC_LIMITS;
  }

  get asynchronous(): boolean {
    return this.profile === 'asynchronous';
  }

  private get top(): LimitsSnapshot {
    return this.stack[this.stack.length - 1];
  }

  /** The counters so far; CPU time includes what was spent since the last charge. */
  current(): LimitsSnapshot {
    return { ...this.top, cpuTimeMs: this.top.cpuTimeMs + Math.max(0, this.cpuClock() - this.cpuMark) };
  }

  pushFreshSet(): () => void {
    this.settleCpu();
    const depth = this.stack.length;
    this.stack.push(zero());
    return () => {
      this.settleCpu();
      if (this.stack.length > depth) this.stack.length = depth;
    };
  }

  reset(profile: LimitProfile = 'synchronous'): void {
    this.profile = profile;
    this.stack = [zero()];
    this.restartCpuClock();
  }

  restartCpuClock(): void {
    this.cpuMark = this.cpuClock();
  }

  /** Restores counters saved by {@link current}: partial-success retries run against the pre-attempt counts. */
  restoreCounters(saved: LimitsSnapshot): void {
    Object.assign(this.top, saved);
    this.restartCpuClock();
  }

  chargeCpu(ms: number): void {
    this.top.cpuTimeMs += ms;
    if (this.top.cpuTimeMs > this.max.cpuTimeMs) throw limitException(limitMessage('cpu'));
  }

  chargeElapsedCpu(): void {
    const now = this.cpuClock();
    const spent = Math.max(0, now - this.cpuMark);
    this.cpuMark = now;
    this.chargeCpu(spent);
  }

  /** Adds the time since the last charge to the current set without enforcing (a set is about to change). */
  private settleCpu(): void {
    const now = this.cpuClock();
    this.top.cpuTimeMs += Math.max(0, now - this.cpuMark);
    this.cpuMark = now;
  }

  /** Counts one SOQL statement before it runs (the platform counts the 101st query as the failure). */
  chargeQuery(metadata: boolean): void {
    if (metadata) {
      this.top.metadataQueries++;
      return;
    }
    this.top.queries++;
    if (this.top.queries > this.max.queries) throw limitException(limitMessage('queries', this.max.queries));
  }

  /** Counts one SOSL statement before it runs (20 per transaction). */
  chargeSearch(): void {
    this.top.searches++;
    if (this.top.searches > this.max.searches) throw limitException(limitMessage('searches', this.max.searches));
  }

  private metered = true;

  /** Runs `work` counting query rows without enforcing the limit (the REST API pages instead of failing at 50,000). */
  unmetered<T>(work: () => T): T {
    const was = this.metered;
    this.metered = false;
    try {
      return work();
    } finally {
      this.metered = was;
    }
  }

  chargeQueryRows(rows: number, metadata: boolean): void {
    if (metadata) return;
    this.top.queryRows += rows;
    if (this.metered && this.top.queryRows > this.max.queryRows)
      throw limitException(limitMessage('queryRows', this.max.queryRows));
  }

  chargeDml(rows: number): void {
    this.top.dmlStatements++;
    if (this.top.dmlStatements > this.max.dmlStatements) {
      throw limitException(limitMessage('dmlStatements', this.max.dmlStatements));
    }
    this.top.dmlRows += rows;
    if (this.top.dmlRows > this.max.dmlRows) throw limitException(limitMessage('dmlRows', this.max.dmlRows));
  }
}
