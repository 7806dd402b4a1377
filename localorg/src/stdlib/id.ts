/**
 * System.Id: 15/18-character record Ids. `Id.valueOf` validates the syntax and the case-checksum suffix and always
 * yields the 18-character form; an invalid value throws `StringException: Invalid id: x` [mem: message wording].
 */
import { to18 } from '../values/ids.js';
import { ApexId, type Value } from '../values/values.js';
import { argString, defineStdlibClass } from './native-args.js';
import { NativeDefinitions, type NativeContext, type NativeMethod } from '../runtime/natives.js';
import type { SchemaLookup } from '../runtime/data-platform.js';
import { apexThrow, unsupported } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

export function parseId(text: string): ApexId {
  const id = to18(text);
  if (!id) apexThrow('StringException', `Invalid id: ${text}`);
  return new ApexId(id);
}

/** The object an Id's key prefix names, through the data platform's schema seam; null without a data platform. */
function objectForPrefix(ctx: NativeContext, prefix: string): string | null {
  let schema: SchemaLookup;
  try {
    schema = ctx.platform.schema;
  } catch {
    return null;
  }
  return schema.objectNameForKeyPrefix(prefix);
}

const statics: Record<string, NativeMethod> = {
  valueof: (_c, a) => {
    const v = a[0];
    if (v === null) return null;
    if (v instanceof ApexId) return v;
    return parseId(argString(a, 0));
  }
};

const instance: Record<string, NativeMethod> = {
  to15: (_c, _a, s) => (s as ApexId).id15,
  getsobjecttype: (ctx, a, s) => {
    const name = objectForPrefix(ctx, (s as ApexId).keyPrefix);
    if (!name) return unsupported('Id', `getSObjectType (no object with key prefix ${(s as ApexId).keyPrefix})`, a);
    return ctx.natives.sobjectTypeStatics().staticProp(ctx, name, 'sobjecttype');
  },
  equals: (_c, a, s) => {
    const other: Value = a[0];
    if (other instanceof ApexId) return other.value === (s as ApexId).value;
    if (typeof other === 'string') return to18(other) === (s as ApexId).value;
    return false;
  },
  hashcode: (_c, _a, s) => {
    let h = 0;
    for (const ch of (s as ApexId).value) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
    return h;
  },
  tostring: (_c, _a, s) => (s as ApexId).value
};

defineStdlibClass(natives, { name: 'Id', statics, instance });
