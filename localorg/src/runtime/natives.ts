/**
 * The seam between the interpreter and the standard library: every built-in Apex class is a {@link NativeClassDef}
 * in a {@link NativeLibrary} the interpreter is given, defined by one module per class family (string.ts, collections.ts, datetime.ts, json.ts…). The interpreter
 * resolves `String.valueOf(x)` to `statics.valueof` of class `string`, and `'abc'.contains('b')` to
 * `instance.contains` of the value's native kind (see {@link nativeKindOf}).
 *
 * Apex overloads share one name, so a method receives all arguments and picks its overload by `args.length` and
 * argument types. A method that cannot serve a call throws {@link unsupported}: never a silent null.
 */
import type { DataAccess, DataPlatform, DeferredWork } from './data-platform.js';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexTime,
  ApexTypeValue,
  Decimal,
  NativeObject,
  SObject,
  type TypeRef,
  type Value
} from '../values/values.js';
import { UnsupportedFeatureError } from '../values/errors.js';
import type { RunningUser } from '../values/user.js';
import type { TypeEnv } from './types.js';

/** What JSON (de)serialisation and Type.forName need to know about a type, answered by the interpreter. */
export type TypeInfo =
  | { kind: 'primitive'; name: string } // string, integer, long, double, decimal, boolean, id, date, datetime, time, blob
  | { kind: 'object' } // Object: untyped
  | { kind: 'list' | 'set'; element: TypeRef }
  | { kind: 'map'; key: TypeRef; value: TypeRef }
  | { kind: 'sobject'; sobjectType: string }
  | { kind: 'enum'; values: ApexEnumValue[] }
  | {
      kind: 'class';
      /** Instance fields and properties a JSON round trip reads and writes, in declaration order. */
      fields: {
        name: string;
        key: string;
        type: TypeRef;
        transient: boolean;
        /**
         * Reads the member as Apex code would (runs a property's `get` body). Optional: without it JSON reads
         * `ApexObject.fields.get(key)`, which misses computed properties.
         */
        read?(o: ApexObject): Value;
        /** Writes the member as Apex code would (runs a property's `set` body); JSON falls back to `fields.set(key)`. */
        write?(o: ApexObject, v: Value): void;
      }[];
      instantiate(): ApexObject;
    }
  | { kind: 'unknown' };

/**
 * Per-transaction state the standard library keeps in the interpreter: `Test.startTest`'s limit restorer and mocks,
 * the async queue `System.enqueueJob` fills and `Test.stopTest` drains.
 */
export interface TransactionState {
  /** Whether a test method is running (`Test.isRunningTest()`). */
  readonly runningTest: boolean;
  /** Async Apex a test method queued (Queueable, `@future`), waiting for `Test.stopTest()`. */
  asyncQueue: DeferredWork[];
  /**
   * Queues async Apex: in a test method until `Test.stopTest()`, otherwise until the transaction commits (a rollback
   * discards it), then each job in a transaction of its own (runtime/transaction.ts).
   */
  enqueueAsync(work: DeferredWork): void;
  /** Per-test state native modules may keep, reset with statics. */
  testState: Record<string, unknown>;
  /**
   * What started the running transaction, as a `System.Quiddity` value name (`ANONYMOUS`, `REST`, `QUEUEABLE`…), set
   * by whoever starts it; null (reset with statics) reads as `RUNTEST_SYNC` in a test and `SYNCHRONOUS` otherwise.
   */
  quiddity: string | null;
  /** Fresh static variables: a new transaction (an async callback's own transaction, say). */
  resetStatics(): void;
}

/** The {@link TransactionState.testState} key under which `Test.setFixedSearchResults` keeps its ids. */
const FIXED_SEARCH_RESULTS = 'fixedSearchResults';

/** `Test.setFixedSearchResults(ids)`: what the test method's later SOSL searches return (null: nothing). */
export function setFixedSearchResults(state: TransactionState, ids: ApexId[] | null): void {
  state.testState[FIXED_SEARCH_RESULTS] = ids;
}

/**
 * Where a SOSL search starts (see `SearchOptions.fixedResults`): outside tests null (a real search); in a test method
 * the fixed ids, or none at all when the method set none [doc: "Adding SOSL Queries to Unit Tests"].
 */
export function searchFixture(state: TransactionState): ApexId[] | null {
  if (!state.runningTest) return null;
  return (state.testState[FIXED_SEARCH_RESULTS] as ApexId[] | null | undefined) ?? [];
}

/** Services the interpreter offers to native methods. */
export interface NativeContext extends TypeEnv, TransactionState {
  readonly platform: DataPlatform;
  /** The library this call came through (other built-ins, enums, SObject type statics). */
  readonly natives: NativeLibrary;
  readonly user: RunningUser;
  /** Current instant in epoch milliseconds (the interpreter may pin it for reproducible runs). */
  now(): number;
  /** `System.debug(v)`'s rendering of any value (also used in assertion messages). */
  debugString(v: Value): string;
  /** `String.valueOf(v)`: the Apex rendering of any value, calling user `toString()` where declared. */
  toApexString(v: Value): string;
  /** Apex `==` (case-insensitive strings, Id 15/18, numeric promotion, user `equals`). */
  equals(a: Value, b: Value): boolean;
  /** Map/Set key of a value, honouring user `hashCode`/`equals`. */
  keyOf(v: Value): string;
  /** Calls an Apex instance method on any value (e.g. a user `compareTo` while sorting). */
  call(target: Value, method: string, args: Value[]): Value;
  /** Instantiates a class by name with constructor arguments (user, prelude or native). */
  newObject(className: string, args: Value[]): Value;
  /** `new T(args)` for a resolved type (user class, built-in exception, native class), reported at `pos`. */
  instantiate(t: TypeRef, args: Value[], pos: { line: number; col: number }): Value;
  /** Resolves a type name as written in Apex (`Map<String, Object>`, `BookingApi.Change`) in the caller's scope. */
  resolveType(name: string): TypeRef | null;
  typeInfo(t: TypeRef): TypeInfo;
  /** Emits a USER_DEBUG line at the caller's line. */
  debug(level: string, message: string): void;
  /** Line of the Apex statement that called into native code, for messages and debug output. */
  currentLine(): number;
  /**
   * Dynamic SOQL support (`Database.query`): lowers an apex-parser ExpressionContext found in a SOQL bind, and
   * evaluates such a lowered bind in the scope of the Apex code that called the native method.
   */
  lowerBindExpression(expressionContext: unknown): unknown;
  evaluateInCallerScope(loweredExpression: unknown): Value;
  /** The access of a database operation the caller makes (`level`: an explicit AccessLevel, null for the default). */
  dataAccess(level: 'user' | 'system' | null): DataAccess;
}

export type NativeMethod = (ctx: NativeContext, args: Value[], self: Value) => Value;

export interface NativeClassDef {
  /** Declared spelling, namespace-qualified where Apex qualifies it: `String`, `Database.SaveResult`, `Schema.DescribeFieldResult`. */
  name: string;
  /** Static methods keyed by lower-cased name. */
  statics?: Record<string, NativeMethod>;
  /** Instance methods keyed by lower-cased name; `self` is the receiver. */
  instance?: Record<string, NativeMethod>;
  /** Static properties and constants (`Integer.MAX_VALUE` does not exist in Apex, but `Schema.SObjectType` does). */
  staticProps?: Record<string, (ctx: NativeContext) => Value>;
  /** Readable instance properties (`RestRequest.requestBody` is a field, but `DescribeSObjectResult.fields` is one of these). */
  props?: Record<string, (ctx: NativeContext, self: Value) => Value>;
  /** Writable instance properties (`dmlOptions.optAllOrNone = false`), keyed by lower-cased name; `v` is the value assigned. */
  setProps?: Record<string, (ctx: NativeContext, self: Value, v: Value) => void>;
  /**
   * Instance properties whose names are data rather than code (`describe.fields.Subject`): consulted when `props` has
   * no entry for the name; returns undefined when there is no such property. Added by the data platform.
   */
  dynamicProp?: (ctx: NativeContext, self: Value, name: string) => Value | undefined;
  /** Static properties whose names are data (`Schema.SObjectType.Event`); same contract as {@link dynamicProp}. */
  dynamicStaticProp?: (ctx: NativeContext, name: string) => Value | undefined;
  /** `new X(args)` for native types that can be constructed (e.g. `new Blob`: none; `new JSONGenerator`: none). */
  construct?: NativeMethod;
  /** For built-ins the platform (de)serializes as plain JSON objects (`Database.SaveResult`): their JSON shape. */
  json?: NativeJsonShape;
  /** Static methods whose names are data (a platform-only namespace's members), called with the name as written. */
  dynamicStatic?: (ctx: NativeContext, name: string, args: Value[]) => Value;
}

/**
 * A namespace whose every member type exists for the compiler but is served by one definition (`ConnectApi`,
 * `DataWeave`: platform-only APIs localorg cannot run offline). `member` builds the class for `Ns.Member`.
 */
export interface NativeNamespaceDef {
  name: string;
  member(memberName: string): NativeClassDef;
}

/**
 * The JSON form of a built-in type: `JSON.serialize` writes each property (read through the class's `props` of the
 * same name), `JSON.deserialize` converts each property given to its type and builds the object from them.
 */
export interface NativeJsonShape {
  /** The properties in serialization order, as the JSON spells them. */
  properties: { name: string; type: TypeRef }[];
  /** An object from the converted values, keyed by lower-case property name; absent properties are missing. */
  create(values: Map<string, Value>): NativeObject;
}

/**
 * Statics reached through an SObject type name: `Foo__mdt.getAll()`, `Foo__mdt.getInstance('x')`,
 * `Event.SObjectType`, `Event.Subject` (a field token), `Schema.SObjectType.Event`. The interpreter resolves the
 * object name and delegates here; the data platform's stdlib modules install the hooks.
 */
export interface SObjectTypeHooks {
  staticCall(ctx: NativeContext, objectApiName: string, method: string, args: Value[]): Value;
  staticProp(ctx: NativeContext, objectApiName: string, prop: string): Value;
}

/** A built-in enum: its display name and its values in declaration order (`ordinal()`). */
export interface NativeEnumDef {
  display: string;
  values: ApexEnumValue[];
  /** The value named `valueName` (any case); a missing name is a localorg bug, so it throws. */
  value(valueName: string): ApexEnumValue;
}

function nativeEnumDef(name: string, valueNames: readonly string[]): NativeEnumDef {
  const key = name.toLowerCase();
  const values = valueNames.map((v, i) => new ApexEnumValue(key, v, i));
  const byName = new Map(values.map((v) => [v.name.toLowerCase(), v]));
  return {
    display: name,
    values,
    value(valueName) {
      const v = byName.get(valueName.toLowerCase());
      if (!v) throw new Error(`unknown enum value ${name}.${valueName}`);
      return v;
    }
  };
}

/**
 * What one standard-library module defines: its native classes, enums and (for the data platform's modules) the
 * SObject type statics. A module exports one of these as a constant; {@link NativeLibrary} is assembled from them by
 * the composition root, so importing a module registers nothing anywhere.
 */
export class NativeDefinitions {
  readonly classes: NativeClassDef[] = [];
  readonly enums: NativeEnumDef[] = [];
  readonly namespaces: NativeNamespaceDef[] = [];
  sobjectTypeHooks: SObjectTypeHooks | null = null;

  /** Adds a namespace whose member types are built on demand (see {@link NativeNamespaceDef}). */
  defineNamespace(def: NativeNamespaceDef): void {
    this.namespaces.push(def);
  }

  /** Adds a native class. Names are canonical lower case; `System.` is implied for the System namespace. */
  defineClass(def: NativeClassDef): void {
    this.classes.push(def);
  }

  /** Adds a built-in enum such as `System.LoggingLevel` or `System.StatusCode` and returns it for the module's use. */
  defineEnum(name: string, valueNames: readonly string[]): NativeEnumDef {
    const e = nativeEnumDef(name, valueNames);
    this.enums.push(e);
    return e;
  }

  defineSObjectTypeHooks(hooks: SObjectTypeHooks): void {
    this.sobjectTypeHooks = hooks;
  }
}

/**
 * Names a service of type `T` that the composition root gives a {@link NativeLibrary} for its native modules (the
 * stdlib's view of the data org), so a module reaches it through the library it runs in rather than by casting the
 * data platform or importing a global.
 */
export class NativeServiceKey<T> {
  declare private readonly type: T;
  constructor(readonly description: string) {}
}

/**
 * The native seam the interpreter owns: every built-in class and enum it can reach, looked up by canonical (lower
 * case) name. Built once by the composition root from the standard library's {@link NativeDefinitions} and passed to
 * the interpreter; there is no process-wide registry.
 */
export class NativeLibrary {
  private readonly classes = new Map<string, NativeClassDef>();
  private readonly enums = new Map<string, NativeEnumDef>();
  private readonly namespaces = new Map<string, NativeNamespaceDef>();
  /** First segments of qualified class names (`invocable` of `Invocable.Action`): namespaces that hold classes. */
  private readonly classNamespaces = new Set<string>();
  private hooks: SObjectTypeHooks | null = null;
  private readonly states = new Map<symbol, unknown>();
  private readonly services = new Map<NativeServiceKey<unknown>, unknown>();

  constructor(modules: readonly NativeDefinitions[]) {
    for (const m of modules) {
      for (const n of m.namespaces) this.namespaces.set(n.name.toLowerCase(), n);
      for (const c of m.classes) this.classes.set(c.name.toLowerCase(), c);
      for (const c of m.classes) if (c.name.includes('.')) this.classNamespaces.add(c.name.split('.')[0].toLowerCase());
      for (const e of m.enums) this.enums.set(e.display.toLowerCase(), e);
      if (m.sobjectTypeHooks) this.hooks = m.sobjectTypeHooks;
    }
  }

  /** A class by canonical name; the System and Schema namespaces are implied, as in Apex (`FieldSet`, `Schema.FieldSet`). */
  classFor(canonicalName: string): NativeClassDef | undefined {
    return (
      this.classes.get(canonicalName) ??
      this.classes.get('system.' + canonicalName) ??
      this.classes.get('schema.' + canonicalName) ??
      this.member(canonicalName)
    );
  }

  /**
   * Whether a single name is a namespace: one defined by {@link NativeDefinitions.defineNamespace}, or the first
   * segment of a qualified native class that is not itself a class (`Invocable` of `Invocable.Action`).
   */
  isNamespace(canonicalName: string): boolean {
    return (
      this.namespaces.has(canonicalName) ||
      (this.classNamespaces.has(canonicalName) && !this.classes.has(canonicalName))
    );
  }

  /** `ns.member` of a namespace defined by {@link NativeDefinitions.defineNamespace}, built once. */
  private member(canonicalName: string): NativeClassDef | undefined {
    const [ns, memberName, ...rest] = canonicalName.split('.');
    const def = this.namespaces.get(ns);
    if (!def || !memberName || rest.length > 0) return undefined;
    const cls = def.member(memberName);
    this.classes.set(canonicalName, cls);
    return cls;
  }

  /** An enum by canonical name; the System and Schema namespaces are implied (`DisplayType`, `SObjectDescribeOptions`). */
  enumFor(canonicalName: string): NativeEnumDef | undefined {
    return (
      this.enums.get(canonicalName) ??
      this.enums.get('system.' + canonicalName) ??
      this.enums.get('schema.' + canonicalName)
    );
  }

  enumValue(enumName: string, valueName: string): ApexEnumValue {
    const e = this.enumFor(enumName.toLowerCase());
    if (!e) throw new Error(`unknown enum ${enumName}`);
    return e.value(valueName);
  }

  /**
   * State a native module keeps for this library — one library per loaded project — made by `create` on first use
   * (`Schema.SObjectType` tokens, so they compare equal by identity), so no module holds process-wide state.
   */
  state<T>(key: symbol, create: () => T): T {
    if (!this.states.has(key)) this.states.set(key, create());
    return this.states.get(key) as T;
  }

  /** Gives the native modules a service (see {@link NativeServiceKey}); done once, by the composition root. */
  provide<T>(key: NativeServiceKey<T>, value: T): this {
    if (this.services.has(key)) throw new Error(`${key.description} was already provided to this native library`);
    this.services.set(key, value);
    return this;
  }

  /** The service provided under `key`, or undefined when the composition root gave none. */
  service<T>(key: NativeServiceKey<T>): T | undefined {
    return this.services.get(key) as T | undefined;
  }

  /** All class names, for diagnostics and the fidelity report. */
  classNames(): string[] {
    return [...this.classes.values()].map((c) => c.name).sort();
  }

  /** Statics reached through an SObject type name; installed by the data platform's stdlib modules. */
  sobjectTypeStatics(): SObjectTypeHooks {
    if (!this.hooks) throw new UnsupportedFeatureError('SObject type statics are not registered');
    return this.hooks;
  }
}

/** The native class whose instance methods serve a runtime value (`'abc'` → `string`, a List → `list`). */
export function nativeKindOf(v: Value): string | null {
  if (v === null) return null;
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'integer';
    case 'bigint':
      return 'long';
    case 'boolean':
      return 'boolean';
  }
  if (v instanceof ApexDouble) return 'double';
  if (v instanceof Decimal) return 'decimal';
  if (v instanceof ApexId) return 'id';
  if (v instanceof ApexDate) return 'date';
  if (v instanceof ApexDatetime) return 'datetime';
  if (v instanceof ApexTime) return 'time';
  if (v instanceof ApexBlob) return 'blob';
  if (v instanceof ApexList) return 'list';
  if (v instanceof ApexSet) return 'set';
  if (v instanceof ApexMap) return 'map';
  if (v instanceof SObject) return 'sobject';
  if (v instanceof ApexEnumValue) return 'enum';
  if (v instanceof ApexTypeValue) return 'type';
  if (v instanceof NativeObject) return v.nativeType;
  if (v instanceof ApexObject) return null; // user classes dispatch in the interpreter
  return null;
}
