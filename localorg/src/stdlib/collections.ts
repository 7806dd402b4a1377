/**
 * List, Set and Map instance methods, List sorting, and the Iterator returned by `iterator()`.
 *
 * Membership (`contains`, `indexOf`, Set and Map keys) uses key identity through `ctx.keyOf`, so String elements
 * compare case-sensitively even though `==` does not — as on the platform [mem: List.contains is case-sensitive].
 */
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
  Decimal,
  NativeObject,
  SObject,
  type TypeRef,
  type Value
} from '../values/values.js';
import { ArgTypeError, argBool, argInt, argItems, defineStdlibClass, npeArgument } from './native-args.js';
import { javaCompare, javaHashCode } from './string-helpers.js';
import { NativeDefinitions, type NativeContext, type NativeMethod } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

function outOfBounds(i: number): never {
  apexThrow('ListException', `List index out of bounds: ${i}`);
}

function lst(v: Value): ApexList {
  return v as ApexList;
}

/** Audit fields a clone drops unless preserveReadonlyTimestamps is set. */
const READONLY_TIMESTAMPS = ['createddate', 'createdbyid', 'lastmodifieddate', 'lastmodifiedbyid', 'systemmodstamp'];

/** SObject.clone semantics used by deepClone: a copy of the record, Id kept only when asked. */
export function cloneSObject(src: SObject, preserveId: boolean, preserveTimestamps: boolean): SObject {
  const copy = new SObject(src.type);
  for (const [k, v] of src.fields) {
    if (k === 'id' && !preserveId) continue;
    if (!preserveTimestamps && READONLY_TIMESTAMPS.includes(k)) continue;
    copy.set(src.names.get(k) ?? k, v instanceof SObject ? cloneSObject(v, true, true) : v);
  }
  copy.queried = src.queried ? new Set(src.queried) : null;
  copy.cloneOf = { id: src.id };
  return copy;
}

/**
 * `List.getSObjectType()` / `Map.getSObjectType()`: the token of the concrete SObject type the collection holds
 * (`List<Account>` → `Account.SObjectType`); null for `List<SObject>` and for collections of other types.
 */
function sobjectTypeOfElements(ctx: NativeContext, t: TypeRef): Value {
  const name = t.name.startsWith('schema.') ? t.name.slice('schema.'.length) : t.name;
  const api = name === 'sobject' ? null : ctx.platform.schema.objectName(name);
  return api ? ctx.natives.sobjectTypeStatics().staticProp(ctx, api, 'SObjectType') : null;
}

function sameKey(ctx: NativeContext, a: Value, b: Value): boolean {
  return ctx.keyOf(a) === ctx.keyOf(b);
}

/** Natural order of two non-null values of the same Apex kind, or null when they have none. */
function naturalCompare(ctx: NativeContext, a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') return javaCompare(a, b);
  if (a instanceof ApexId && b instanceof ApexId) return javaCompare(a.value, b.value);
  if (typeof a === 'string' && b instanceof ApexId) return javaCompare(a, b.value);
  if (a instanceof ApexId && typeof b === 'string') return javaCompare(a.value, b);
  const num = (x: Value): Decimal | null =>
    typeof x === 'number' || typeof x === 'bigint'
      ? Decimal.fromInteger(x)
      : x instanceof Decimal
        ? x
        : x instanceof ApexDouble && Number.isFinite(x.value)
          ? Decimal.fromDouble(x.value)
          : null;
  const na = num(a);
  const nb = num(b);
  if (na && nb) return na.compareTo(nb);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof ApexDate && b instanceof ApexDate) {
    return a.year - b.year || a.month - b.month || a.day - b.day;
  }
  if (a instanceof ApexDatetime && b instanceof ApexDatetime) return Math.sign(a.epochMs - b.epochMs);
  if (a instanceof ApexTime && b instanceof ApexTime) return Math.sign(a.millisOfDay - b.millisOfDay);
  if (a instanceof ApexEnumValue && b instanceof ApexEnumValue) return a.ordinal - b.ordinal;
  if (a instanceof ApexBlob && b instanceof ApexBlob) return Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes));
  if (a instanceof SObject && b instanceof SObject) return compareSObjects(ctx, a, b);
  if (a instanceof ApexObject) {
    const r = ctx.call(a, 'compareTo', [b]);
    if (typeof r !== 'number') apexThrow('TypeException', `compareTo on ${a.cls.display} did not return an Integer`);
    return r;
  }
  return apexThrow('ListException', `One or more of the items in this list is not Comparable`);
}

/**
 * SObject default sort order [doc: Sorting Lists of sObjects,
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/pages/apex_list_sorting_sobject.htm]: object type
 * (localorg compares API names, not labels), then Name, then standard fields alphabetically except Id and Name, then
 * custom fields alphabetically; empty values sort before non-empty ones.
 */
function compareSObjects(ctx: NativeContext, a: SObject, b: SObject): number {
  const t = javaCompare(a.typeKey, b.typeKey);
  if (t !== 0) return t;
  const scalar = (k: string): boolean =>
    ![a.fields.get(k), b.fields.get(k)].some((v) => v instanceof SObject || v instanceof ApexList);
  const keys = [...new Set([...a.fields.keys(), ...b.fields.keys()])].filter((k) => k !== 'id' && scalar(k));
  const custom = (k: string): boolean => k.endsWith('__c');
  keys.sort((x, y) => {
    if (x === 'name' || y === 'name') return x === 'name' ? -1 : 1;
    if (custom(x) !== custom(y)) return custom(x) ? 1 : -1;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  for (const k of keys) {
    const c = compareNullsFirst(ctx, a.get(k), b.get(k));
    if (c !== 0) return c;
  }
  return 0;
}

function compareNullsFirst(ctx: NativeContext, a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return naturalCompare(ctx, a, b);
}

/** List.sort(): stable, nulls first; with a Comparator argument, its `compare(a, b)`. */
export function sortList(ctx: NativeContext, list: ApexList, comparator: Value = null): void {
  if (comparator !== null) {
    list.items.sort((a, b) => {
      const r = ctx.call(comparator, 'compare', [a, b]);
      if (typeof r !== 'number') apexThrow('TypeException', 'Comparator.compare did not return an Integer');
      return r;
    });
    return;
  }
  list.items.sort((a, b) => compareNullsFirst(ctx, a, b));
}

/** Java-style hash of an Apex value (String.hashCode for strings, Integer value for integers…). */
export function apexHashCode(ctx: NativeContext, v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'string') return javaHashCode(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1231 : 1237;
  if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v ^ (v >> 32n)));
  if (v instanceof ApexId) return javaHashCode(v.value);
  if (v instanceof ApexList) return v.items.reduce<number>((h, x) => (Math.imul(h, 31) + apexHashCode(ctx, x)) | 0, 1);
  if (v instanceof ApexSet) return v.values().reduce<number>((h, x) => (h + apexHashCode(ctx, x)) | 0, 0);
  if (v instanceof ApexObject) {
    const r = ctx.call(v, 'hashCode', []);
    return typeof r === 'number' ? r : javaHashCode(ctx.keyOf(v));
  }
  return javaHashCode(ctx.keyOf(v));
}

function listEquals(ctx: NativeContext, a: ApexList, other: Value): boolean {
  if (!(other instanceof ApexList) || other.items.length !== a.items.length) return false;
  return a.items.every((x, i) => ctx.equals(x, other.items[i]));
}

function deepCloneValue(v: Value, preserveId: boolean, preserveTs: boolean): Value {
  if (v instanceof SObject) return cloneSObject(v, preserveId, preserveTs);
  return v;
}

export function makeIterator(items: Value[]): NativeObject<{ items: Value[]; index: number }> {
  return new NativeObject('iterator', { items, index: 0 });
}

const listInstance: Record<string, NativeMethod> = {
  add: (_c, a, s) => {
    const l = lst(s);
    if (a.length === 2) {
      const i = argInt(a, 0);
      if (i < 0 || i > l.items.length) outOfBounds(i);
      l.items.splice(i, 0, a[1]);
      return null;
    }
    l.items.push(a[0]);
    return null;
  },
  addall: (_c, a, s) => {
    lst(s).items.push(...argItems(a, 0));
    return null;
  },
  clear: (_c, _a, s) => {
    lst(s).items.length = 0;
    return null;
  },
  clone: (_c, _a, s) => new ApexList(lst(s).elementType, [...lst(s).items]),
  contains: (ctx, a, s) => lst(s).items.some((x) => sameKey(ctx, x, a[0])),
  deepclone: (_c, a, s) => {
    const preserveId = a.length > 0 ? argBool(a, 0) : false;
    const preserveTs = a.length > 1 ? argBool(a, 1) : false;
    return new ApexList(
      lst(s).elementType,
      lst(s).items.map((x) => deepCloneValue(x, preserveId, preserveTs))
    );
  },
  equals: (ctx, a, s) => listEquals(ctx, lst(s), a[0]),
  get: (_c, a, s) => {
    const i = argInt(a, 0);
    const l = lst(s);
    if (i < 0 || i >= l.items.length) outOfBounds(i);
    return l.items[i];
  },
  hashcode: (ctx, _a, s) => apexHashCode(ctx, s),
  indexof: (ctx, a, s) => lst(s).items.findIndex((x) => sameKey(ctx, x, a[0])),
  isempty: (_c, _a, s) => lst(s).items.length === 0,
  iterator: (_c, _a, s) => makeIterator(lst(s).items),
  remove: (_c, a, s) => {
    const i = argInt(a, 0);
    const l = lst(s);
    if (i < 0 || i >= l.items.length) outOfBounds(i);
    return l.items.splice(i, 1)[0];
  },
  set: (_c, a, s) => {
    const i = argInt(a, 0);
    const l = lst(s);
    if (i < 0 || i >= l.items.length) outOfBounds(i);
    l.items[i] = a[1];
    return null;
  },
  size: (_c, _a, s) => lst(s).items.length,
  sort: (ctx, a, s) => {
    sortList(ctx, lst(s), a.length > 0 ? a[0] : null);
    return null;
  },
  tostring: (ctx, _a, s) => ctx.toApexString(s),
  getsobjecttype: (ctx, _a, s) => sobjectTypeOfElements(ctx, lst(s).elementType)
};

function set(v: Value): ApexSet {
  return v as ApexSet;
}

function keysOf(ctx: NativeContext, items: Value[]): Set<string> {
  return new Set(items.map((x) => ctx.keyOf(x)));
}

const setInstance: Record<string, NativeMethod> = {
  add: (ctx, a, s) => {
    const st = set(s);
    const k = ctx.keyOf(a[0]);
    if (st.entries.has(k)) return false;
    st.entries.set(k, a[0]);
    return true;
  },
  addall: (ctx, a, s) => {
    let changed = false;
    for (const x of argItems(a, 0)) {
      const k = ctx.keyOf(x);
      if (!set(s).entries.has(k)) {
        set(s).entries.set(k, x);
        changed = true;
      }
    }
    return changed;
  },
  clear: (_c, _a, s) => {
    set(s).entries.clear();
    return null;
  },
  clone: (_c, _a, s) => {
    const copy = new ApexSet(set(s).elementType);
    for (const [k, v] of set(s).entries) copy.entries.set(k, v);
    return copy;
  },
  contains: (ctx, a, s) => set(s).entries.has(ctx.keyOf(a[0])),
  containsall: (ctx, a, s) => argItems(a, 0).every((x) => set(s).entries.has(ctx.keyOf(x))),
  equals: (ctx, a, s) => {
    const other = a[0];
    if (!(other instanceof ApexSet) || other.size !== set(s).size) return false;
    return other.values().every((x) => set(s).entries.has(ctx.keyOf(x)));
  },
  hashcode: (ctx, _a, s) => apexHashCode(ctx, s),
  isempty: (_c, _a, s) => set(s).size === 0,
  iterator: (_c, _a, s) => makeIterator(set(s).values()),
  remove: (ctx, a, s) => set(s).entries.delete(ctx.keyOf(a[0])),
  removeall: (ctx, a, s) => {
    let changed = false;
    for (const k of keysOf(ctx, argItems(a, 0))) changed = set(s).entries.delete(k) || changed;
    return changed;
  },
  retainall: (ctx, a, s) => {
    const keep = keysOf(ctx, argItems(a, 0));
    let changed = false;
    for (const k of [...set(s).entries.keys()]) {
      if (!keep.has(k)) {
        set(s).entries.delete(k);
        changed = true;
      }
    }
    return changed;
  },
  size: (_c, _a, s) => set(s).size,
  tostring: (ctx, _a, s) => ctx.toApexString(s)
};

function map(v: Value): ApexMap {
  return v as ApexMap;
}

/** The entries slot of key `k` in map `m`, with user classes' hashCode/equals and describe maps' folded case. */
function slot(ctx: NativeContext, m: ApexMap, k: Value): string {
  return m.slotOf(k, (v) => ctx.keyOf(v));
}

/** Map.putAll(List<SObject>) / new Map<Id, SObject>(list): keys are the records' Ids. */
export function putAllSObjects(ctx: NativeContext, m: ApexMap, records: Value[]): void {
  for (const r of records) {
    if (!(r instanceof SObject)) throw new ArgTypeError('expected SObjects');
    const id = r.id;
    if (id === null) apexThrow('ListException', 'Row with null Id at index: ' + records.indexOf(r));
    m.entries.set(ctx.keyOf(id), [id, r]);
  }
}

const mapInstance: Record<string, NativeMethod> = {
  clear: (_c, _a, s) => {
    map(s).entries.clear();
    return null;
  },
  clone: (_c, _a, s) => {
    const copy = new ApexMap(map(s).keyType, map(s).valueType);
    copy.caseInsensitive = map(s).caseInsensitive;
    for (const [k, e] of map(s).entries) copy.entries.set(k, [e[0], e[1]]);
    return copy;
  },
  containskey: (ctx, a, s) => map(s).entries.has(slot(ctx, map(s), a[0])),
  deepclone: (_c, _a, s) => {
    const copy = new ApexMap(map(s).keyType, map(s).valueType);
    copy.caseInsensitive = map(s).caseInsensitive;
    for (const [k, e] of map(s).entries) copy.entries.set(k, [e[0], deepCloneValue(e[1], true, true)]);
    return copy;
  },
  equals: (ctx, a, s) => {
    const other = a[0];
    if (!(other instanceof ApexMap) || other.size !== map(s).size) return false;
    for (const [k, e] of map(s).entries) {
      const o = other.entries.get(k);
      if (!o || !ctx.equals(e[1], o[1])) return false;
    }
    return true;
  },
  get: (ctx, a, s) => map(s).entries.get(slot(ctx, map(s), a[0]))?.[1] ?? null,
  hashcode: (ctx, _a, s) => {
    let h = 0;
    for (const [, [k, v]] of map(s).entries) h = (h + (apexHashCode(ctx, k) ^ apexHashCode(ctx, v))) | 0;
    return h;
  },
  isempty: (_c, _a, s) => map(s).size === 0,
  keyset: (_c, _a, s) => {
    const out = new ApexSet(map(s).keyType);
    for (const [k, e] of map(s).entries) out.entries.set(k, e[0]);
    return out;
  },
  put: (ctx, a, s) => {
    const k = slot(ctx, map(s), a[0]);
    const prev = map(s).entries.get(k);
    map(s).entries.set(k, [a[0], a[1]]);
    return prev ? prev[1] : null;
  },
  putall: (ctx, a, s) => {
    const src = a[0];
    if (src === null) npeArgument();
    if (src instanceof ApexMap) {
      for (const [k, e] of src.entries)
        map(s).entries.set(map(s).caseInsensitive ? slot(ctx, map(s), e[0]) : k, [e[0], e[1]]);
    } else if (src instanceof ApexList) {
      putAllSObjects(ctx, map(s), src.items);
    } else throw new ArgTypeError('putAll takes a Map or a List of SObjects');
    return null;
  },
  remove: (ctx, a, s) => {
    const k = slot(ctx, map(s), a[0]);
    const prev = map(s).entries.get(k);
    map(s).entries.delete(k);
    return prev ? prev[1] : null;
  },
  size: (_c, _a, s) => map(s).size,
  tostring: (ctx, _a, s) => ctx.toApexString(s),
  values: (_c, _a, s) =>
    new ApexList(
      map(s).valueType,
      [...map(s).entries.values()].map((e) => e[1])
    ),
  getsobjecttype: (ctx, _a, s) => sobjectTypeOfElements(ctx, map(s).valueType)
};

/** `hasNext()`/`next()` over a snapshot of items; Database.QueryLocatorIterator shares them. */
export const iteratorInstance: Record<string, NativeMethod> = {
  hasnext: (_c, _a, s) => {
    const st = (s as NativeObject<{ items: Value[]; index: number }>).state;
    return st.index < st.items.length;
  },
  next: (_c, _a, s) => {
    const st = (s as NativeObject<{ items: Value[]; index: number }>).state;
    if (st.index >= st.items.length) apexThrow('NoSuchElementException', 'Iterator has no more elements.');
    return st.items[st.index++];
  }
};

defineStdlibClass(natives, { name: 'List', instance: listInstance });
defineStdlibClass(natives, { name: 'Set', instance: setInstance });
defineStdlibClass(natives, { name: 'Map', instance: mapInstance });
defineStdlibClass(natives, { name: 'Iterator', instance: iteratorInstance });
