/**
 * The seam between the interpreter and the in-memory org. The interpreter owns Apex semantics; the data platform owns
 * schema, records, SOQL, DML, validation, limits and transactions, and calls back into the interpreter only to run
 * triggers ({@link TriggerHost}) and to evaluate SOQL bind expressions ({@link BindEvaluator}).
 */
import type { ApexId, SObject, Value } from '../values/values.js';
import type { RunningUser } from '../values/user.js';

export type DmlOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';

export interface DmlOptions {
  /** true for DML statements and `Database.x(records)`; false for `Database.x(records, false)`. */
  allOrNone: boolean;
  /** `Database.DMLOptions.allowFieldTruncation`: over-long text is cut to the field's length instead of failing. */
  allowFieldTruncation?: boolean;
  /** Upsert key: an External ID field API name, or undefined for Id. */
  externalIdField?: string;
  /** What the running user's access restricts; absent: system mode without sharing. */
  access?: DataAccess;
}

/**
 * How a database operation treats the running user: `sharing` filters records by their record-level access (a
 * `with sharing` class, or user mode); `permissions` enforces object permissions and field-level security (user
 * mode). Both false is system mode without sharing.
 */
export interface DataAccess {
  sharing: boolean;
  permissions: boolean;
}

/** One `Database.Error`. `statusCode` is a `System.StatusCode` name such as `REQUIRED_FIELD_MISSING`. */
export interface DmlError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** One row of a SaveResult / UpsertResult / DeleteResult / UndeleteResult. */
export interface DmlRowResult {
  success: boolean;
  id: ApexId | null;
  /** Upsert only: whether the row was inserted. */
  created?: boolean;
  errors: DmlError[];
}

export type TriggerEventName =
  | 'before insert'
  | 'before update'
  | 'before delete'
  | 'after insert'
  | 'after update'
  | 'after delete'
  | 'after undelete';

/** What a trigger sees; the interpreter builds `Trigger.newMap`/`oldMap` from these lists. */
export interface TriggerInvocation {
  sobjectType: string; // API name, e.g. "Event"
  event: TriggerEventName;
  newRecords: SObject[] | null;
  oldRecords: SObject[] | null;
}

/** Implemented by the interpreter: runs the project's `.trigger` bodies for an object and event. */
export interface TriggerHost {
  hasTriggers(sobjectType: string, event: TriggerEventName): boolean;
  /** Runs every trigger for the event over ≤ 200 records; `addError` calls land in `SObject.errors`. */
  fire(invocation: TriggerInvocation): void;
}

/** Evaluates a SOQL bind expression (an opaque node produced by the interpreter's lowering) in the caller's scope. */
export type BindEvaluator = (bindExpression: unknown) => Value;

/** Governor-limit counters of the current transaction (or of the current `Test.startTest` block). */
export interface LimitsSnapshot {
  queries: number;
  queryRows: number;
  dmlStatements: number;
  dmlRows: number;
  cpuTimeMs: number;
  /** Queries on custom metadata, reported separately because they do not count against `queries`. */
  metadataQueries: number;
  /** SOSL statements (`[FIND …]`, `Search.query`, `Search.find`). */
  searches: number;
}

/** Which governor limits a transaction runs under: asynchronous Apex (Queueable, `@future`, Batch Apex) has larger ones. */
export type LimitProfile = 'synchronous' | 'asynchronous';

export interface LimitsTracker {
  current(): LimitsSnapshot;
  /**
   * The running transaction's maxima: synchronous 100 queries, 50,000 rows, 150 DML statements, 10,000 DML rows,
   * 10,000 ms CPU; asynchronous 200 queries and 60,000 ms CPU.
   */
  readonly max: LimitsSnapshot;
  /** True while an asynchronous job's transaction runs (its heap limit is 12 MB instead of 6 MB). */
  readonly asynchronous: boolean;
  /** Starts a fresh limit set (Test.startTest) and returns a function that restores the outer set (Test.stopTest). */
  pushFreshSet(): () => void;
  /** Charges `ms` of CPU time; throws System.LimitException past the CPU limit. */
  chargeCpu(ms: number): void;
  /** Charges one DML statement of `rows` rows; throws System.LimitException past the statement or row limit. */
  chargeDml(rows: number): void;
  /** Charges the CPU time this thread spent since the last charge (or reset); throws past the CPU limit. */
  chargeElapsedCpu(): void;
  /** Starts CPU accounting afresh from now (a new transaction or test method). */
  restartCpuClock(): void;
  /** Resets every counter (new transaction, new test method), under the synchronous limits unless told otherwise. */
  reset(profile?: LimitProfile): void;
}

/** What the interpreter needs from the schema to resolve names; full describe lives in the data platform's stdlib modules. */
export interface SchemaLookup {
  /** API name as declared (`Event`, `BookingSyncLog__c`) for any spelling, or null when no such object exists. */
  objectName(name: string): string | null;
  /** Field API name on an object (`EventStatus__c`), or null. Relationship names (`Who`, `Account`) are not fields. */
  fieldName(objectApiName: string, field: string): string | null;
  /** Parent relationship name on an object as declared (`Account` on Opportunity, `Owner`), or null. */
  relationshipName(objectApiName: string, relationship: string): string | null;
  /** Field values a record gets on `new X()` (checkbox false, metadata defaultValue), keyed by field API name. */
  newRecordDefaults(objectApiName: string): Record<string, Value>;
  /** API name of the object whose Ids start with this three-character key prefix (`001` → `Account`), or null. */
  objectNameForKeyPrefix(prefix: string): string | null;
}

/**
 * What a SOSL search starts from. `fixedResults` null: the records whose text matches the term (outside tests);
 * a list: exactly those records, before the RETURNING clauses filter them — a test method's `Test.setFixedSearchResults`
 * ids, or none when it set none (in a test, SOSL finds nothing by itself).
 */
export interface SearchOptions {
  fixedResults: ApexId[] | null;
  /** As for {@link DataPlatform.query}: applies when the search says neither WITH USER_MODE nor SYSTEM_MODE. */
  access?: DataAccess;
}

/**
 * Work the platform runs after a transaction commits, in a transaction of its own (queued metadata deployments,
 * platform event subscribers, Queueable and `@future` Apex).
 */
export interface DeferredWork {
  /** What the work is, for logs and the journal: `metadata deployment 0Af…`, `Queueable AccountJob 707…`. */
  label: string;
  run(): void;
  /**
   * Called once the work's own transaction has committed (`failure` null) or rolled back (the error): work to run next
   * in a transaction of its own (a Queueable's finalizer), or null.
   */
  settled?(failure: unknown): DeferredWork | null;
  /** The work is asynchronous Apex (a Queueable, `@future` call, batch piece or finalizer): its own governor limits. */
  asynchronous?: boolean;
}

/** One committed row: the full stored after-image, or null when the row is gone for good. */
export interface CommittedChange {
  sobjectType: string;
  id: string;
  after: SObject | null;
}

export interface DataPlatform {
  readonly limits: LimitsTracker;
  readonly schema: SchemaLookup;
  /** Installs the interpreter's trigger dispatcher. */
  setTriggerHost(host: TriggerHost): void;

  /** The running user (`System.runAs` changes it). */
  readonly user: RunningUser;
  /** Makes the User with this Id the running user and returns it (System.runAs); throws when there is no such user. */
  switchUser(userId: ApexId): RunningUser;

  /**
   * Runs a lowered SOQL query (opaque to the interpreter: produced by `data/soql` lowering). `access` applies when the
   * query says neither `WITH USER_MODE` nor `WITH SYSTEM_MODE` (absent: system mode without sharing).
   */
  query(query: unknown, bind: BindEvaluator, access?: DataAccess): Value;
  /**
   * Runs a lowered SOSL search (opaque like a query: produced by `syntax/soql/sosl-lower`) and returns one list of
   * records per RETURNING object, as `List<List<SObject>>`.
   */
  search(query: unknown, bind: BindEvaluator, options: SearchOptions): Value;
  /** Runs DML. With allOrNone, any failed row rolls the statement back and throws System.DmlException. */
  dml(op: DmlOperation, records: SObject[], options: DmlOptions): DmlRowResult[];

  setSavepoint(): number;
  rollbackTo(savepoint: number): void;

  /** Transaction boundaries, driven by the transaction runner (runtime/transaction.ts). */
  beginTransaction(): void;
  /** Makes the transaction's writes permanent and returns them (what a journal keeps). */
  commitTransaction(): CommittedChange[];
  /** Discards the transaction's writes; returns what stays committed anyway (`PublishImmediately` event messages). */
  rollbackTransaction(): CommittedChange[];
  /** Work queued by committed transactions (see {@link deferUntilCommit}), handed over once to whoever runs it. */
  takeCommittedWork(): DeferredWork[];

  /**
   * An Id the org has not issued before, for what the platform tracks outside the record tables (an AsyncApexJob `707`
   * from `System.enqueueJob`, a CronTrigger `08e` from `System.schedule`, a deployment `0Af`): counted per org and key
   * prefix like record Ids, so two orgs in one process number their jobs independently.
   */
  issueId(keyPrefix: string): ApexId;

  /** Queues work to run after this transaction commits; a rollback discards it. */
  deferUntilCommit(work: DeferredWork): void;

  /**
   * `EventBus.publish`: one SaveResult per message (validation failures are results, not exceptions); one DML
   * statement. In a test (`testContext`) messages wait on the test event bus for {@link deliverTestEvents}.
   */
  publishEvents(records: SObject[], options: { testContext: boolean }): DmlRowResult[];
  /** `Test.stopTest()` / `Test.getEventBus().deliver()`: delivers the test event bus's messages to their subscribers. */
  deliverTestEvents(): number;
  /** `Test.getEventBus().fail()`: the test event bus's queued messages fail to publish and reach no subscriber. */
  failTestEvents(): number;

  /** Whole-store snapshots for @TestSetup isolation. */
  snapshot(): unknown;
  restore(snapshot: unknown): void;
}
