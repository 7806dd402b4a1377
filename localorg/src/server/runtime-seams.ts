/**
 * What the HTTP server needs from the interpreter and from the data platform, written as interfaces so the server
 * depends on shapes rather than on those stages' classes; `org-runtime.ts` adapts their modules to these shapes in one
 * place.
 */
import type { CommittedChange, FieldInfo, ObjectInfo, QueryTextOptions } from '../data/org.js';
import type { DataPlatform } from '../runtime/data-platform.js';
import type { EventStore } from '../data/events/event-store.js';
import type { SObject, TypeRef, Value } from '../values/values.js';
import type { RunningUser } from '../values/user.js';

/** The HTTP request as Apex sees it in `RestContext.request`. */
export interface RestRequestData {
  httpMethod: string;
  /** Path after `/services/apexrest`, e.g. `/booking-sync/v1/bookings`. */
  requestURI: string;
  /** The matched urlMapping, e.g. `/booking-sync/v1/bookings` or `/booking-sync/v1/*`. */
  resourcePath: string;
  remoteAddress: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  requestBody: Uint8Array | null;
}

/** `RestContext.response` as the Apex method left it. */
export interface RestResponseData {
  statusCode: number | null;
  responseBody: Uint8Array | null;
  headers: Record<string, string>;
}

export type RestVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RestMethodInfo {
  verb: RestVerb;
  methodName: string;
  parameters: { name: string; type: TypeRef }[];
  /** `void` has name `void`. */
  returnType: TypeRef;
}

export interface RestResourceInfo {
  className: string;
  urlMapping: string;
  methods: RestMethodInfo[];
}

/** An exception that left the Apex code unhandled. */
export interface UncaughtApexError {
  /** `System.NullPointerException`, `BookingApi.ContractException`. */
  typeName: string;
  message: string;
  /** Platform shape: `Class.Y.z: line N, column M` lines joined by `\n`. */
  stackTrace: string;
  /** AuraHandledException: the message a Lightning component receives (its getMessage() hides it). */
  clientMessage?: string;
}

/** A static `@AuraEnabled` method, callable from Lightning components. */
export interface AuraMethodInfo {
  className: string;
  methodName: string;
  parameters: { name: string; type: TypeRef }[];
  returnType: TypeRef;
  cacheable: boolean;
}

/** The loaded project, as the interpreter offers it. */
export interface ApexHost {
  restResources(): RestResourceInfo[];
  /** JSON.deserialize(json, type) semantics; throws for a value that does not fit the type. */
  deserializeJson(json: string, type: TypeRef): Value;
  /** JSON.serialize(value). */
  serializeJson(value: Value): string;
  /** Sets RestContext for the duration of `fn` and returns the RestResponse as Apex left it. */
  withRestContext<T>(request: RestRequestData, fn: () => T): { result: T; response: RestResponseData };
  invokeStatic(className: string, methodName: string, args: Value[]): Value;
  /** The `@AuraEnabled` static method, or null. */
  auraEnabledMethod(className: string, methodName: string): AuraMethodInfo | null;
  /** Calls a static method with fresh statics (a new transaction's context). */
  invokeInFreshContext(className: string, methodName: string, args: Value[]): Value;
  /** Returns the uncaught-exception details when `e` is an Apex exception that escaped, else null. */
  asUncaughtApexError(e: unknown): UncaughtApexError | null;
}

/** Committed rows and describe shapes come from the data platform itself; re-exported so server modules import one seam. */
export type { CommittedChange, FieldInfo, ObjectInfo };

/** The data platform plus what the server needs beyond the interpreter seam. */
export interface ServerDataPlatform extends DataPlatform {
  /** Re-applies journaled rows as-is: no triggers, validation or limits; advances Id counters past replayed Ids. */
  applyCommitted(changes: CommittedChange[]): void;
  /**
   * Runs a SOQL string (no binds): the records, or the count for `SELECT COUNT() …`. Throws an Apex
   * `System.QueryException` (as ApexRuntimeError) for a malformed query or an unknown object or field.
   */
  queryText(soql: string, options?: QueryTextOptions): SObject[] | number;
  describeObject(name: string): ObjectInfo | null;
  objectNames(): string[];
  /** The object whose records' Ids start with `prefix` (the schema's own index), or null. */
  objectNameForKeyPrefix(prefix: string): string | null;
  /** The org's user: whom requests run as (UserInfo, locale, time zone). */
  readonly user: RunningUser;
  /** Runs work whose writes are never kept and never reach the journal (Apex tests run from the API). */
  isolated<T>(work: () => T): T;
  /** The platform event bus: which objects are events, and their stored messages (replay, new ones). */
  readonly events: {
    isEventObject(name: string): boolean;
    readonly store: Pick<EventStore, 'replay' | 'listen'>;
  };
}

/** What `executeAnonymous` answers (the SOAP Apex API's ExecuteAnonymousResult) plus the run's debug lines. */
export interface AnonymousOutcome {
  compiled: boolean;
  success: boolean;
  line: number;
  column: number;
  compileProblem: string | null;
  exceptionMessage: string | null;
  exceptionStackTrace: string | null;
  debug: { line: number; level: string; message: string }[];
}

/** One Apex test method's result as the API reports it. */
export interface ApexTestOutcome {
  className: string;
  methodName: string;
  passed: boolean;
  /** `System.AssertException: Assertion Failed: …` for a failure. */
  message: string | null;
  stackTrace: string | null;
  ms: number;
}

/** The developer-facing APIs over the loaded project: anonymous Apex and test runs (the sf CLI's `apex` commands). */
export interface DeveloperApi {
  /** Runs anonymous Apex inside the caller's transaction; a failure rolls back the block's own writes. */
  executeAnonymous(text: string): AnonymousOutcome;
  /** Runs the named test classes (all test methods, or the listed ones) isolated from the org's data. */
  runTests(tests: { className: string; methods?: string[] }[]): ApexTestOutcome[];
  /** Names of the project's test classes (`RunLocalTests`). */
  testClassNames(): string[];
}
