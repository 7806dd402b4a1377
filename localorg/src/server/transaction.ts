/**
 * One request, one transaction: fresh governor limits, commit when the work returns, roll back when it throws. The
 * usage is read before the next transaction resets it, so the limits header shows exactly this request's cost (CPU
 * time counted from the reset: the thread's CPU, including a pure data API call's own work).
 */
import type { DataPlatform, LimitsSnapshot } from '../runtime/data-platform.js';

export type TransactionOutcome<T> =
  { ok: true; value: T; usage: LimitsSnapshot } | { ok: false; error: unknown; usage: LimitsSnapshot };

export function inTransaction<T>(platform: DataPlatform, work: () => T): TransactionOutcome<T> {
  platform.limits.reset();
  platform.beginTransaction();
  try {
    const value = work();
    platform.commitTransaction();
    return { ok: true, value, usage: platform.limits.current() };
  } catch (error) {
    try {
      platform.rollbackTransaction();
    } catch {
      // The original failure is the one worth reporting; a failing rollback surfaces on the next request.
    }
    return { ok: false, error, usage: platform.limits.current() };
  }
}
