/**
 * The value model shared by every localorg stage: the interpreter, the standard library and the data platform all
 * exchange Apex values in exactly these shapes, so no stage converts another's representation.
 *
 * | Apex type            | JS representation                                   |
 * | -------------------- | --------------------------------------------------- |
 * | null                 | `null`                                              |
 * | Boolean              | `boolean`                                           |
 * | String               | `string`                                            |
 * | Integer              | `number` (always an int32; arithmetic wraps)        |
 * | Long                 | `bigint` (64-bit; arithmetic wraps)                 |
 * | Double               | `ApexDouble`                                        |
 * | Decimal              | `Decimal` (BigInt unscaled value + scale)           |
 * | Id                   | `ApexId` (always held in its 18-character form)     |
 * | Date/Datetime/Time   | `ApexDate` / `ApexDatetime` / `ApexTime`            |
 * | Blob                 | `ApexBlob`                                          |
 * | List/Set/Map         | `ApexList` / `ApexSet` / `ApexMap`                  |
 * | SObject              | `SObject`                                           |
 * | user class instance  | `ApexObject` (exceptions too)                       |
 * | enum value           | `ApexEnumValue`                                     |
 * | System.Type          | `ApexTypeValue`                                     |
 * | built-in object      | `NativeObject` (Database.SaveResult, describe…)     |
 */
import { Decimal } from './decimal.js';

export { Decimal };

/**
 * A type as written in source, with every name canonicalised once (lower case, namespace kept:
 * `system.dmlexception`, `list`, `bookingsynclog__c`). `display` keeps the declared spelling for messages.
 */
export interface TypeRef {
  readonly name: string;
  readonly args: readonly TypeRef[];
  readonly display: string;
}

export function typeRef(display: string, args: readonly TypeRef[] = []): TypeRef {
  return { name: display.toLowerCase(), args, display };
}

/** Apex Double: wrapped so that `Double d = 5` prints `5.0` while `Integer i = 5` prints `5`. */
export class ApexDouble {
  constructor(readonly value: number) {}
}

/** An Id, always stored in its 18-character form so that 15- and 18-character spellings compare equal. */
export class ApexId {
  constructor(readonly value: string) {}
  get keyPrefix(): string {
    return this.value.slice(0, 3);
  }
  get id15(): string {
    return this.value.slice(0, 15);
  }
  toString(): string {
    return this.value;
  }
}

/** A calendar date with no time zone, as Apex `Date`. Month is 1–12. */
export class ApexDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number
  ) {}
}

/** An instant, as Apex `Datetime`: milliseconds since the Unix epoch, UTC. Rendering uses the running user's zone. */
export class ApexDatetime {
  constructor(readonly epochMs: number) {}
}

/** A time of day with no zone, as Apex `Time`: milliseconds since midnight. */
export class ApexTime {
  constructor(readonly millisOfDay: number) {}
}

export class ApexBlob {
  constructor(readonly bytes: Uint8Array) {}
}

export class ApexList {
  constructor(
    public elementType: TypeRef,
    public items: Value[]
  ) {}
}

/** Apex Set: insertion-ordered, keyed by {@link keyOf} (case-sensitive strings, Ids by 18-character form). */
export class ApexSet {
  readonly entries = new Map<string, Value>();
  constructor(public elementType: TypeRef) {}
  add(v: Value): boolean {
    const k = keyOf(v);
    if (this.entries.has(k)) return false;
    this.entries.set(k, v);
    return true;
  }
  has(v: Value): boolean {
    return this.entries.has(keyOf(v));
  }
  delete(v: Value): boolean {
    return this.entries.delete(keyOf(v));
  }
  values(): Value[] {
    return [...this.entries.values()];
  }
  get size(): number {
    return this.entries.size;
  }
}

/** Apex Map: insertion-ordered, keyed by {@link keyOf}. Each entry keeps the original key value. */
export class ApexMap {
  readonly entries = new Map<string, [Value, Value]>();
  /**
   * True for the maps describe hands out (`Schema.getGlobalDescribe()`, `fields.getMap()`, `fieldSets.getMap()`):
   * their String keys are matched case-insensitively, so `get('Account')` finds the `account` entry.
   */
  caseInsensitive = false;
  constructor(
    public keyType: TypeRef,
    public valueType: TypeRef
  ) {}
  /** The `entries` slot of key `k`; `keyOfValue` is the caller's key function (user classes' hashCode/equals). */
  slotOf(k: Value, keyOfValue: (v: Value) => string = keyOf): string {
    return keyOfValue(this.caseInsensitive && typeof k === 'string' ? k.toLowerCase() : k);
  }
  get(k: Value): Value {
    const e = this.entries.get(this.slotOf(k));
    return e ? e[1] : null;
  }
  put(k: Value, v: Value): Value {
    const key = this.slotOf(k);
    const prev = this.entries.get(key);
    this.entries.set(key, [k, v]);
    return prev ? prev[1] : null;
  }
  has(k: Value): boolean {
    return this.entries.has(this.slotOf(k));
  }
  delete(k: Value): Value {
    const key = this.slotOf(k);
    const prev = this.entries.get(key);
    this.entries.delete(key);
    return prev ? prev[1] : null;
  }
  get size(): number {
    return this.entries.size;
  }
}

/**
 * An SObject record. Field keys are lower-cased API names (`eventstatus__c`); `names` remembers the spelling used for
 * output (JSON, toString). Parent relationships are stored as fields holding an SObject (`who` → SObject), child
 * relationships as an ApexList. `queried` is set for records that came from SOQL: reading a field outside it throws
 * `SObjectException` as the platform does; `null` means "constructed in Apex, every field readable".
 */
export class SObject {
  readonly fields = new Map<string, Value>();
  readonly names = new Map<string, string>();
  queried: Set<string> | null = null;
  /** Errors added with `addError` while in a trigger; read by the DML pipeline. */
  errors: { message: string; field?: string }[] = [];
  /** Set on records made by `clone()`: the Id of the record cloned (null when it had none); null for others. */
  cloneOf: { id: ApexId | null } | null = null;
  constructor(public readonly type: string /* API name as declared, e.g. "Event" */) {}
  get typeKey(): string {
    return this.type.toLowerCase();
  }
  get(field: string): Value {
    return this.fields.get(field.toLowerCase()) ?? null;
  }
  set(field: string, value: Value): void {
    const key = field.toLowerCase();
    if (!this.names.has(key)) this.names.set(key, field);
    this.fields.set(key, value);
  }
  has(field: string): boolean {
    return this.fields.has(field.toLowerCase());
  }
  get id(): ApexId | null {
    const v = this.fields.get('id');
    return v instanceof ApexId ? v : null;
  }
}

/**
 * An instance of a user-defined (or prelude-defined) Apex class, exceptions included. `cls` is the interpreter's
 * class record (opaque here, so the value model does not depend on the interpreter). Field keys are lower-cased.
 */
export class ApexObject {
  readonly fields = new Map<string, Value>();
  /** Host-side state for built-in classes implemented partly in TypeScript (e.g. an exception's stack, DML rows). */
  native: Record<string, unknown> = {};
  constructor(readonly cls: ClassHandle) {}
}

/** The part of the interpreter's class record that other stages may rely on. */
export interface ClassHandle {
  /** Canonical name, e.g. `bookingservice.result` or `system.dmlexception`. */
  readonly name: string;
  /** Declared spelling, e.g. `BookingService.Result` or `System.DmlException`. */
  readonly display: string;
  /** True when this class is, or descends from, the named canonical class or interface. */
  isSubtypeOf(canonicalName: string): boolean;
  /** True when its instances have a method of this lower-case name, declared or inherited (a callback's `onsuccess`). */
  hasMethod(name: string): boolean;
}

export class ApexEnumValue {
  constructor(
    readonly enumType: string /* canonical, e.g. "system.logginglevel" */,
    readonly name: string /* declared spelling, e.g. "DEBUG" */,
    readonly ordinal: number
  ) {}
}

/** A `System.Type` value (`Foo.class`, `Type.forName`). */
export class ApexTypeValue {
  constructor(readonly type: TypeRef) {}
}

/**
 * A built-in object with no Apex-visible fields of its own (Database.SaveResult, Schema.DescribeFieldResult,
 * JSONParser…). Its methods are registered in the standard library under `nativeType`.
 */
export class NativeObject<S = unknown> {
  constructor(
    readonly nativeType: string /* canonical, e.g. "database.saveresult" */,
    readonly state: S
  ) {}
}

export type Value =
  | null
  | boolean
  | string
  | number
  | bigint
  | ApexDouble
  | Decimal
  | ApexId
  | ApexDate
  | ApexDatetime
  | ApexTime
  | ApexBlob
  | ApexList
  | ApexSet
  | ApexMap
  | SObject
  | ApexObject
  | ApexEnumValue
  | ApexTypeValue
  | NativeObject;

/**
 * Raised by host code (standard library, data platform) to throw an Apex exception. The interpreter turns it into an
 * instance of `typeName` (a built-in exception class such as `System.DmlException`) with `message`, and copies
 * `data` into the exception's native state (e.g. `dmlRows` for `DmlException.getDml*`).
 */
export class ApexRuntimeError extends Error {
  constructor(
    readonly typeName: string,
    message: string,
    readonly data: Record<string, unknown> = {}
  ) {
    super(message);
  }
}

/**
 * Identity used for Map keys and Set members. Strings are case-sensitive (unlike `==`), Ids use their 18-character
 * form, numbers of different Apex types with the same value are distinct keys only where Apex keeps them distinct.
 */
export function keyOf(v: Value): string {
  if (v === null) return 'n:';
  switch (typeof v) {
    case 'string':
      return 's:' + v;
    case 'number':
      return 'i:' + v;
    case 'bigint':
      return 'l:' + v.toString();
    case 'boolean':
      return v ? 'b:1' : 'b:0';
  }
  if (v instanceof ApexId) return 's:' + v.value;
  if (v instanceof Decimal) return 'd:' + v.stripTrailingZeros().toString();
  if (v instanceof ApexDouble) return 'f:' + v.value;
  if (v instanceof ApexDate) return `D:${v.year}-${v.month}-${v.day}`;
  if (v instanceof ApexDatetime) return 'T:' + v.epochMs;
  if (v instanceof ApexTime) return 't:' + v.millisOfDay;
  if (v instanceof ApexEnumValue) return `e:${v.enumType}.${v.ordinal}`;
  if (v instanceof ApexTypeValue) return 'y:' + v.type.name;
  if (v instanceof ApexBlob) return 'B:' + Buffer.from(v.bytes).toString('base64');
  if (v instanceof SObject) {
    // SObjects hash by their field values, as on the platform.
    const parts = [...v.fields.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => k + '=' + keyOf(x));
    return `o:${v.typeKey}{${parts.join(',')}}`;
  }
  if (v instanceof ApexList) return `[${v.items.map(keyOf).join(',')}]`;
  if (v instanceof ApexSet) return `{${[...v.entries.keys()].join(',')}}`;
  if (v instanceof ApexMap) return `<${[...v.entries.entries()].map(([k, [, x]]) => k + '=' + keyOf(x)).join(',')}>`;
  // User objects without equals/hashCode hash by identity; the interpreter routes classes that declare
  // equals/hashCode through its own key function before reaching here.
  return 'r:' + identityOf(v);
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;
function identityOf(o: object): number {
  let id = identities.get(o);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(o, id);
  }
  return id;
}
