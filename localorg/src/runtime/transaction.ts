/**
 * One Apex transaction, the same for `localorg serve` (each request), `localorg test` (each test method and
 * `@TestSetup`) and `localorg run` (the script): fresh statics, fresh governor limits, the data platform's transaction
 * (savepoints inside it), commit when the work returns and rollback when it throws. What committed is returned to the
 * caller (the server journals it), and the work the transaction queued for after its commit — Queueable and `@future`
 * Apex, platform event subscribers, metadata deployments — waits here until the caller runs it, each piece as a
 * transaction of its own; what a piece queues (a chained Queueable, a finalizer) joins the queue behind it.
 */
import type { CommittedChange, DataPlatform, DeferredWork, LimitsSnapshot } from './data-platform.js';

/** The interpreter's part of a transaction: its static variables and per-transaction state start afresh. */
export interface TransactionHost {
  resetStatics(): void;
}

export type TransactionOutcome<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & {
  /** The governor-limit usage of this transaction, read before the next one resets it. */
  usage: LimitsSnapshot;
  /** What the transaction made permanent: its rows on commit; on rollback, only what outlives it (event messages). */
  committed: CommittedChange[];
};

export interface TransactionOptions {
  /** False for an Apex test method: its writes are always rolled back and the work it queued never runs. */
  keep?: boolean;
  /** Asynchronous Apex (a queued job): the asynchronous governor limits apply. */
  asynchronous?: boolean;
}

export class TransactionRunner {
  private pending: DeferredWork[] = [];

  /** `host` is null for an org without Apex (the data API only). */
  constructor(
    private readonly platform: DataPlatform,
    private readonly host: TransactionHost | null
  ) {}

  run<T>(work: () => T, options: TransactionOptions = {}): TransactionOutcome<T> {
    const platform = this.platform;
    this.host?.resetStatics();
    platform.beginTransaction();
    platform.limits.reset(options.asynchronous ? 'asynchronous' : 'synchronous');
    let value: T;
    try {
      value = work();
    } catch (error) {
      let committed: CommittedChange[] = [];
      try {
        committed = platform.rollbackTransaction();
      } catch {
        // The original failure is the one worth reporting; a failing rollback surfaces in the next transaction.
      }
      this.collect(options);
      return { ok: false, error, usage: platform.limits.current(), committed };
    }
    const usage = platform.limits.current();
    const committed = options.keep === false ? platform.rollbackTransaction() : platform.commitTransaction();
    this.collect(options);
    return { ok: true, value, usage, committed };
  }

  /** Work committed transactions queued and nobody has run yet, oldest first; the caller now owns it. */
  takePending(): DeferredWork[] {
    const pending = this.pending;
    this.pending = [];
    return pending;
  }

  /** Runs one piece of queued work as its own transaction; what follows it (a finalizer) joins the queue. */
  runDeferred(work: DeferredWork): TransactionOutcome<void> {
    const outcome = this.run(() => work.run(), { asynchronous: work.asynchronous });
    const next = work.settled?.(outcome.ok ? null : outcome.error) ?? null;
    if (next) this.pending.push(next);
    return outcome;
  }

  /**
   * Runs queued work until none is left, each piece in its own transaction (`localorg run`, where nothing else waits);
   * `onSettled` hears each outcome, failures included, since async failures never reach the code that queued them.
   */
  drain(onSettled?: (work: DeferredWork, outcome: TransactionOutcome<void>) => void): void {
    for (let work = this.pending.shift(); work; work = this.pending.shift()) {
      const outcome = this.runDeferred(work);
      onSettled?.(work, outcome);
    }
  }

  private collect(options: TransactionOptions): void {
    const queued = this.platform.takeCommittedWork();
    if (options.keep !== false) this.pending.push(...queued);
  }
}
