/**
 * One request, one transaction: fresh governor limits, commit when the work returns, roll back when it throws. The
 * usage is read before the next transaction resets it, so the limits header shows exactly this request's cost.
 */
import type { DataPlatform, LimitsSnapshot } from '../runtime/data-platform.js';

export type TransactionOutcome<T> =
  { ok: true; value: T; usage: LimitsSnapshot } | { ok: false; error: unknown; usage: LimitsSnapshot };

export function inTransaction<T>(platform: DataPlatform, work: () => T): TransactionOutcome<T> {
  platform.limits.reset();
  platform.beginTransaction();
  const started = process.hrtime.bigint();
  try {
    const value = work();
    platform.commitTransaction();
    return { ok: true, value, usage: usageOf(platform, started) };
  } catch (error) {
    try {
      platform.rollbackTransaction();
    } catch {
      // The original failure is the one worth reporting; a failing rollback surfaces on the next request.
    }
    return { ok: false, error, usage: usageOf(platform, started) };
  }
}

function usageOf(platform: DataPlatform, started: bigint): LimitsSnapshot {
  const used = { ...platform.limits.current() };
  // When the interpreter has not charged CPU (pure data API calls), wall time of the transaction is the fair figure.
  if (used.cpuTimeMs === 0) used.cpuTimeMs = Number(process.hrtime.bigint() - started) / 1e6;
  return used;
}
