/**
 * Messages between the front (the main thread, which owns the user's port) and the org worker (the thread that holds
 * the org and runs every transaction). Plain data only: they cross the thread boundary by structured clone.
 */
import type { LimitsSnapshot } from '../runtime/data-platform.js';
import type { IdentityFacts } from './identity.js';
import type { ServeOptions } from './options.js';

export interface WorkerInit {
  options: Omit<ServeOptions, 'runFile' | 'port' | 'host'>;
  /** Serve the project's Lightning UI (the CLI does). */
  lightning: boolean;
}

export type FromWorker =
  | { type: 'log'; line: string }
  /** The org is loaded, replayed and seeded, and its server listens on 127.0.0.1:`port`. */
  | {
      type: 'ready';
      port: number;
      limitsMax: LimitsSnapshot;
      identity: IdentityFacts | null;
      /** The Lightning admin entry, when the project has a Lightning UI. */
      homePath: string | null;
      /** The design system's static assets (`/assets/…`), when the Lightning UI is served. */
      assetsDir: string | null;
    }
  /** The org's admin User or Organization changed. */
  | { type: 'identity'; identity: IdentityFacts | null }
  /** Starting failed: the message for `localorg serve: …`. */
  | { type: 'failed'; message: string }
  /** The worker closed its server, finished its queue and closed the journal. */
  | { type: 'stopped' };

export type ToWorker = { type: 'stop' };
