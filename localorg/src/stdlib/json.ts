/**
 * The `JSON` class: serialize/deserialize with Apex semantics (json-serialize.ts, json-deserialize.ts) and the streaming JSONGenerator and
 * JSONParser (json-stream.ts).
 */
import { ApexTypeValue, type TypeRef, type Value } from '../values/values.js';
import { apexThrow } from '../values/errors.js';
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { deserializeJson, deserializeUntyped } from './json-deserialize.js';
import { serializeJson } from './json-serialize.js';
import { createGenerator, createParser } from './json-stream.js';
import { argBool, argString, defineStdlibClass, npeArgument } from './native-args.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

function argType(a: readonly Value[], i: number): TypeRef {
  const v = a[i];
  if (v === null || v === undefined) npeArgument();
  if (v instanceof ApexTypeValue) return v.type;
  apexThrow('TypeException', 'JSON.deserialize needs a System.Type as its second argument');
}

const statics: Record<string, NativeMethod> = {
  serialize: (ctx, a) => serializeJson(ctx, a[0] ?? null, a.length > 1 ? argBool(a, 1) : false, false),
  serializepretty: (ctx, a) => serializeJson(ctx, a[0] ?? null, a.length > 1 ? argBool(a, 1) : false, true),
  deserialize: (ctx, a) => deserializeJson(ctx, argString(a, 0), argType(a, 1), false),
  deserializestrict: (ctx, a) => deserializeJson(ctx, argString(a, 0), argType(a, 1), true),
  deserializeuntyped: (_c, a) => deserializeUntyped(argString(a, 0)),
  creategenerator: (_c, a) => createGenerator(a.length > 0 ? argBool(a, 0) : false),
  createparser: (_c, a) => createParser(argString(a, 0))
};

defineStdlibClass(natives, { name: 'JSON', statics });
