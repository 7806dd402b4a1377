/**
 * The in-memory org: schema + store + limits + transactions, implementing the interpreter's {@link DataPlatform} seam
 * and the HTTP server's extra needs (commit listeners, journal replay, SOQL text, describe).
 */
import { ApexId, ApexList, ApexRuntimeError, SObject, type Value } from '../values/values.js';
import type { RunningUser } from '../values/user.js';
import type {
  DataAccess,
  DataPlatform,
  DeferredWork,
  DmlOperation,
  DmlOptions,
  DmlRowResult,
  BindEvaluator,
  SearchOptions,
  TriggerHost
} from '../runtime/data-platform.js';
import { TransactionLimits } from './limits.js';
import type { Schema } from './schema/schema.js';
import type { FieldDef, ObjectDef } from './schema/types.js';
import { type Store, type StoreSnapshot } from './store.js';
import { checkQuery } from './soql/check.js';
import { runQuery } from './soql/engine.js';
import { runSearch } from './soql/search.js';
import { parseSoqlText } from '../syntax/soql/lower.js';
import type { SoqlQuery, SoslQuery } from '../syntax/soql/ast.js';
import { runDml } from './dml/pipeline.js';
import { replayAutoNumbers } from './dml/auto-number.js';
import type { SeedResult } from './seed.js';
import { to18 } from '../values/ids.js';
import type { OrgContext, OrgSettings } from './context.js';
import { PlatformEventBus, messageFromRecord } from './events/event-bus.js';
import type { EventMessage } from './events/event-store.js';
import { makeId } from '../values/ids.js';
import { userFromRow } from './security/running-user.js';
import { PlatformCache, type CachePartitionDef } from './platform-cache.js';
import { CustomLabels } from './custom-labels.js';

/** Metadata of the project the org holds besides its schema: cache partitions and custom labels. */
export interface OrgMetadata {
  cachePartitions?: CachePartitionDef[];
  customLabels?: CustomLabels;
}

export type { OrgContext, OrgSettings } from './context.js';

import type { CommittedChange } from '../runtime/data-platform.js';
export type { CommittedChange };

/** A field as the data API needs it to turn JSON into Apex values. */
export interface FieldInfo {
  name: string;
  /** Describe type in lower case: string, textarea, email, phone, url, picklist, multipicklist, boolean, int, double, currency, percent, date, datetime, time, reference, id, base64. */
  type: string;
  createable: boolean;
  updateable: boolean;
  /** Field label (describe `label`). */
  label?: string;
  /** The schema's whole definition (lengths, picklist values, references…), for the REST describe. */
  def?: Readonly<FieldDef>;
}

/** How the data API runs a query: `allRows` for queryAll (deleted rows too), `unmetered` outside governor limits. */
export interface QueryTextOptions {
  allRows?: boolean;
  unmetered?: boolean;
}

export interface ObjectInfo {
  name: string;
  keyPrefix: string | null;
  fields: FieldInfo[];
  /** Object labels (describe `label`, `labelPlural`). */
  label?: string;
  labelPlural?: string;
  /** The schema's whole definition (object-level flags, child relationships), for the REST describe. */
  def?: Readonly<ObjectDef>;
}

export class LocalOrg implements DataPlatform, OrgContext {
  readonly limits = new TransactionLimits();
  readonly store: Store;
  triggers: TriggerHost | null = null;
  triggerDepth = 0;
  private txMark = 0;
  private savepoints: number[] = [];
  /** Deferred work of the open transaction, and work whose transaction committed, waiting for its runner. */
  private pendingWork: DeferredWork[] = [];
  private committedWork: DeferredWork[] = [];
  /** Platform events: the event bus (replay ids, retention) and publishing in this transaction. */
  readonly events: PlatformEventBus;

  /** The org's Platform Cache: outside database transactions, inside the test runner's snapshots. */
  readonly platformCache: PlatformCache;

  /** `System.Label`: the project's custom labels and their translations. */
  readonly customLabels: CustomLabels;

  constructor(
    readonly schema: Schema,
    store: Store,
    readonly seed: SeedResult,
    readonly settings: OrgSettings,
    private readonly clock: () => number,
    metadata: OrgMetadata = {}
  ) {
    this.store = store;
    this.events = new PlatformEventBus(this);
    this.platformCache = new PlatformCache(metadata.cachePartitions ?? [], clock);
    this.customLabels = metadata.customLabels ?? new CustomLabels([]);
  }

  private runningUser: RunningUser | null = null;

  get user(): RunningUser {
    return this.runningUser ?? this.seed.user;
  }

  switchUser(userId: ApexId): RunningUser {
    const row = this.store.get('user', userId.value);
    if (!row) throw new ApexRuntimeError('System.NoDataFoundException', `No User with Id ${userId.value}`);
    this.runningUser = userId.value === this.seed.user.id.value ? null : userFromRow(row, this.seed.user);
    return this.user;
  }

  now(): number {
    return this.clock();
  }

  setTriggerHost(host: TriggerHost): void {
    this.triggers = host;
  }

  query(query: unknown, bind: BindEvaluator, access?: DataAccess): Value {
    return runQuery(this, query as SoqlQuery, bind, access, 'soql', true);
  }

  search(query: unknown, bind: BindEvaluator, options: SearchOptions): Value {
    return runSearch(this, query as SoslQuery, bind, options);
  }

  /**
   * Checks a lowered query's object, field and relationship names without running it (the platform does this when
   * compiling a class); throws `System.QueryException` with the query's position.
   */
  checkQuery(query: unknown): void {
    checkQuery(this, query as SoqlQuery);
  }

  dml(op: DmlOperation, records: SObject[], options: DmlOptions): DmlRowResult[] {
    return runDml(this, op, records, options);
  }

  publishEvents(records: SObject[], options: { testContext: boolean }): DmlRowResult[] {
    return this.events.publish(records, { testContext: options.testContext, depth: this.savepoints.length });
  }

  deliverTestEvents(): number {
    return this.events.deliverTestEvents();
  }

  failTestEvents(): number {
    return this.events.failTestEvents();
  }

  setSavepoint(): number {
    this.savepoints.push(this.store.mark());
    return this.savepoints.length - 1;
  }

  rollbackTo(savepoint: number): void {
    const mark = this.savepoints[savepoint];
    if (mark === undefined)
      throw new ApexRuntimeError('System.TypeException', 'Savepoint does not exist in this context.');
    this.store.rollbackTo(mark);
    this.events.rollbackTo(savepoint);
    // Savepoints set after this one are no longer valid, as on the platform.
    this.savepoints.length = savepoint + 1;
  }

  beginTransaction(): void {
    this.pendingWork = [];
    this.store.clearJournal();
    this.txMark = 0;
    this.savepoints = [];
    this.limits.reset();
    this.events.begin();
  }

  commitTransaction(): CommittedChange[] {
    this.committedWork.push(...this.pendingWork);
    this.pendingWork = [];
    const messages = this.events.commit();
    this.committedWork.push(...this.events.subscriberWork(messages));
    const touched = this.store.touchedSince(this.txMark);
    this.store.clearJournal();
    this.savepoints = [];
    const changes: CommittedChange[] = touched.map(({ table, id }) => {
      const row = this.store.get(table, id);
      const object = this.schema.object(table);
      return { sobjectType: object?.name ?? table, id, after: row ?? null };
    });
    changes.push(...messages.map((m) => this.messageChange(m)));
    return changes;
  }

  rollbackTransaction(): CommittedChange[] {
    this.pendingWork = [];
    this.store.rollbackTo(this.txMark);
    this.store.clearJournal();
    this.savepoints = [];
    // PublishImmediately messages are out already: they are kept (journalled) and their subscribers still run.
    const messages = this.events.rollback();
    this.committedWork.push(...this.events.subscriberWork(messages));
    return messages.map((m) => this.messageChange(m));
  }

  /** A published message as a committed change: journalled like a row, under an Id made from its replay id. */
  private messageChange(m: EventMessage): CommittedChange {
    const prefix = this.schema.object(m.channel)?.keyPrefix ?? 'e00';
    return { sobjectType: m.channel, id: makeId(prefix, m.replayId), after: m.record };
  }

  issueId(keyPrefix: string): ApexId {
    return this.store.nextId(keyPrefix);
  }

  deferUntilCommit(work: DeferredWork): void {
    this.pendingWork.push(work);
  }

  /** Hands over the work of committed transactions (the server runs each as its own transaction). */
  takeCommittedWork(): DeferredWork[] {
    const work = this.committedWork;
    this.committedWork = [];
    return work;
  }

  snapshot(): unknown {
    return { store: this.store.snapshot(), cache: this.platformCache.snapshot() };
  }

  restore(snapshot: unknown): void {
    const { store, cache } = snapshot as { store: StoreSnapshot; cache: unknown };
    this.store.restore(store);
    this.platformCache.restore(cache);
    this.savepoints = [];
    this.limits.reset();
    this.events.begin();
  }

  /**
   * Runs work whose writes are never kept (Apex tests run from the API): the data, savepoints and queued work are as
   * before afterwards; what it committed is never returned to a transaction's caller (the server's journal).
   */
  isolated<T>(work: () => T): T {
    const snapshot = this.store.snapshot();
    // Tests see an empty cache and leave the org's as it was.
    const cache = this.platformCache.snapshot();
    this.platformCache.clear();
    const [pending, committed] = [this.pendingWork, this.committedWork];
    this.pendingWork = [];
    this.committedWork = [];
    try {
      return work();
    } finally {
      this.store.restore(snapshot);
      this.platformCache.restore(cache);
      this.store.clearJournal();
      this.savepoints = [];
      this.limits.reset();
      this.pendingWork = pending;
      this.committedWork = committed;
    }
  }

  /** Journal replay: rows are stored as given, with no triggers, validation or limits. */
  applyCommitted(changes: CommittedChange[]): void {
    for (const c of changes) {
      const id = to18(c.id);
      if (!id) throw new Error(`applyCommitted: invalid id ${c.id}`);
      const object = this.schema.object(c.sobjectType);
      if (!object) throw new Error(`applyCommitted: unknown object ${c.sobjectType}`);
      if (object.platformEvent) {
        const message = c.after ? messageFromRecord(object.name, c.after) : null;
        if (!message) throw new Error(`applyCommitted: ${c.sobjectType} ${c.id} is not a platform event message`);
        this.events.store.restore(message);
        continue;
      }
      if (c.after) {
        const row = new SObject(object.name);
        for (const [k, v] of c.after.fields) {
          if (v instanceof SObject) continue;
          row.fields.set(k, v);
          row.names.set(k, c.after.names.get(k) ?? k);
        }
        row.set('Id', new ApexId(id));
        this.store.put(row);
        replayAutoNumbers(this.store, object, row);
      } else {
        this.store.remove(object.name.toLowerCase(), id, false);
      }
      this.store.advanceCounter(id.slice(0, 3), base62Counter(id));
    }
    this.store.clearJournal();
  }

  /** SOQL text without binds, for the REST query endpoint: records, or the Integer of `SELECT COUNT()`. */
  queryText(soql: string, options: QueryTextOptions = {}): SObject[] | number {
    const parsed = parseSoqlText(soql, () => {
      throw new ApexRuntimeError('System.QueryException', 'bind variables are not allowed in this query');
    });
    const q = options.allRows ? { ...parsed, allRows: true } : parsed;
    // The REST API pages large results instead of applying Apex's 50,000-row governor limit.
    const result = options.unmetered
      ? this.limits.unmetered(() => runQuery(this, q, () => null))
      : runQuery(this, q, () => null);
    if (typeof result === 'number') return result;
    if (result instanceof ApexList) return result.items as SObject[];
    return [];
  }

  describeObject(name: string): ObjectInfo | null {
    const o = this.schema.object(name);
    if (!o || o.queryableOnly) return null;
    return {
      name: o.name,
      keyPrefix: o.keyPrefix,
      label: o.label,
      labelPlural: o.labelPlural,
      def: o,
      fields: [...o.fields.values()].map((f) => ({
        name: f.name,
        type: f.type === 'integer' ? 'int' : f.type,
        createable: f.createable,
        updateable: f.updateable,
        label: f.label,
        def: f
      }))
    };
  }

  objectNames(): string[] {
    return this.schema.names();
  }

  objectNameForKeyPrefix(prefix: string): string | null {
    return this.schema.objectNameForKeyPrefix(prefix);
  }
}

/** The counter encoded in an Id made by `makeId` (characters 4–15, base 62). */
function base62Counter(id: string): number {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let n = 0;
  for (const c of id.slice(4, 15)) n = n * 62 + alphabet.indexOf(c);
  return n;
}
