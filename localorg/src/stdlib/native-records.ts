/**
 * Built-in classes that are plain property holders (`Database.DMLOptions`, `EventBus.ChangeEventHeader`): `new X()`
 * builds one, Apex reads and assigns its properties by name (any case), and JSON writes and reads them in declared
 * order. A value of the wrong type fails as the cast to the property's type would (`System.TypeException`).
 */
import type { NativeClassDef } from '../runtime/natives.js';
import { cast, coerce } from '../runtime/types.js';
import { NativeObject, type TypeRef, type Value } from '../values/values.js';

/** A property: its spelling and declared type, and the value a new object starts with (null when absent). */
export interface RecordProperty {
  name: string;
  type: TypeRef;
  initial?: () => Value;
}

type RecordState = Map<string, Value>;

function stateOf(self: Value): RecordState {
  return (self as NativeObject<RecordState>).state;
}

/** A new object of the class `name` with each property at its initial value, then `values` (keyed lower case). */
export function newRecord(name: string, properties: readonly RecordProperty[], values?: Map<string, Value>) {
  const state: RecordState = new Map();
  for (const p of properties) state.set(p.name.toLowerCase(), p.initial ? p.initial() : null);
  if (values) for (const [k, v] of values) if (state.has(k)) state.set(k, v);
  return new NativeObject<RecordState>(name.toLowerCase(), state);
}

/** The value of property `key` (lower case) of a record-like object. */
export function recordValue(self: Value, key: string): Value {
  return stateOf(self).get(key) ?? null;
}

/** The class definition: constructor, readable and assignable properties, JSON shape. */
export function recordClass(name: string, properties: readonly RecordProperty[]): NativeClassDef {
  const props: NonNullable<NativeClassDef['props']> = {};
  const setProps: NonNullable<NativeClassDef['setProps']> = {};
  for (const p of properties) {
    const key = p.name.toLowerCase();
    props[key] = (_ctx, self) => recordValue(self, key);
    setProps[key] = (ctx, self, v) => void stateOf(self).set(key, coerce(cast(v, p.type, ctx), p.type, ctx));
  }
  return {
    name,
    construct: () => newRecord(name, properties),
    props,
    setProps,
    json: {
      properties: properties.map((p) => ({ name: p.name, type: p.type })),
      create: (values) => newRecord(name, properties, values)
    }
  };
}
