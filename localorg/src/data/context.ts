/**
 * What the SOQL engine and the DML pipeline read from the org, as an interface of its own: the engines depend on
 * this module, and data/org.ts (which runs them) implements it, so the org and its engines do not import each other.
 */
import type { TriggerHost } from '../runtime/data-platform.js';
import type { RunningUser } from '../values/user.js';
import type { TransactionLimits } from './limits.js';
import type { Schema } from './schema/schema.js';
import type { Store } from './store.js';

export interface OrgSettings {
  /** Events may last longer than a day (the platform's "multiday events" setting). */
  multidayEvents: boolean;
  /** Longest Event when multiday events are on, in days [mem: 14]. */
  maxEventDays: number;
  /** Shared Activities: Events relate to up to 50 Contacts through EventRelation.IsParent; EventWhoRelation exists. */
  sharedActivities: boolean;
}

/** Everything the SOQL engine and DML pipeline read from the org. */
export interface OrgContext {
  readonly schema: Schema;
  readonly store: Store;
  readonly limits: TransactionLimits;
  readonly user: RunningUser;
  readonly settings: OrgSettings;
  readonly triggers: TriggerHost | null;
  now(): number;
  /** Depth of trigger recursion, for the platform's 16-level cap. */
  triggerDepth: number;
}
