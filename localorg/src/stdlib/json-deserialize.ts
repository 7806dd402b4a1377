/**
 * System.JSON's reader: typed deserialize (unknown keys ignored), deserializeStrict (unknown keys rejected) and
 * deserializeUntyped [doc: JSON Class,
 * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Json.htm]; the writer is
 * json-serialize.ts.
 */
import { schemaOf } from './data-org.js';
import { parseFieldText, CoercionError } from '../data/coerce.js';
import type { FieldDef, ObjectDef } from '../data/schema/types.js';
import { to18 } from '../values/ids.js';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexId,
  ApexList,
  ApexMap,
  ApexSet,
  ApexTime,
  Decimal,
  SObject,
  typeRef,
  type TypeRef,
  type Value
} from '../values/values.js';
import { readJson, JsonSyntaxError, MAX_DEPTH, type JsonNode } from './json-text.js';
import type { NativeContext } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';

function where(n: JsonNode): string {
  return `at input location [${n.line},${n.col}]`;
}

function fail(message: string): never {
  apexThrow('JSONException', message);
}

function describe(n: JsonNode): string {
  switch (n.kind) {
    case 'string':
      return `String value "${n.value}"`;
    case 'number':
      return `number ${n.text}`;
    case 'bool':
      return `boolean ${n.value}`;
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
  }
}

/** Untyped conversion (deserializeUntyped, and Object-typed members). */
export function untyped(n: JsonNode): Value {
  switch (n.kind) {
    case 'null':
      return null;
    case 'bool':
      return n.value;
    case 'string':
      return n.value;
    case 'number':
      return untypedNumber(n.text);
    case 'array':
      return new ApexList(typeRef('Object'), n.items.map(untyped));
    case 'object': {
      const m = new ApexMap(typeRef('String'), typeRef('Object'));
      for (const [k, v] of n.entries) m.put(k, untyped(v));
      return m;
    }
  }
}

/** Integer when it fits 32 bits, Long for 64 bits, Decimal otherwise (and for any fraction or exponent). */
function untypedNumber(text: string): Value {
  if (/^-?\d+$/.test(text)) {
    const b = BigInt(text);
    if (b >= -2147483648n && b <= 2147483647n) return Number(b);
    if (b >= -9223372036854775808n && b <= 9223372036854775807n) return b;
  }
  return Decimal.parse(text);
}

function scalarText(n: JsonNode): string | null {
  if (n.kind === 'string') return n.value;
  if (n.kind === 'number') return n.text;
  if (n.kind === 'bool') return String(n.value);
  return null;
}

const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseIsoDatetime(text: string): ApexDatetime | null {
  const m = ISO_DATETIME.exec(text.trim());
  if (!m) return null;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offsetMin = 0;
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  return new ApexDatetime(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60000);
}

export class Deserializer {
  constructor(
    private readonly ctx: NativeContext,
    private readonly strict: boolean
  ) {}

  convert(n: JsonNode, t: TypeRef, depth = 0): Value {
    if (depth > MAX_DEPTH) fail('Maximum nesting depth exceeded');
    if (n.kind === 'null') return null;
    const info = this.ctx.typeInfo(t);
    switch (info.kind) {
      case 'object':
        return untyped(n);
      case 'primitive':
        return this.primitive(n, info.name, t);
      case 'list':
      case 'set': {
        if (n.kind !== 'array') fail(`Expected ${t.display} but found ${describe(n)} ${where(n)}`);
        const items = n.items.map((x) => this.convert(x, info.element, depth + 1));
        if (info.kind === 'list') return new ApexList(info.element, items);
        const s = new ApexSet(info.element);
        for (const x of items) s.entries.set(this.ctx.keyOf(x), x);
        return s;
      }
      case 'map': {
        if (n.kind !== 'object') fail(`Expected ${t.display} but found ${describe(n)} ${where(n)}`);
        const m = new ApexMap(info.key, info.value);
        for (const [k, v] of n.entries) {
          const key = this.convert({ kind: 'string', value: k, line: v.line, col: v.col }, info.key, depth + 1);
          m.entries.set(this.ctx.keyOf(key), [key, this.convert(v, info.value, depth + 1)]);
        }
        return m;
      }
      case 'enum': {
        if (n.kind !== 'string') fail(`Expected ${t.display} but found ${describe(n)} ${where(n)}`);
        const v =
          info.values.find((e) => e.name === n.value) ??
          info.values.find((e) => e.name.toLowerCase() === n.value.toLowerCase());
        if (!v) fail(`Invalid value "${n.value}" for enum ${t.display} ${where(n)}`);
        return v;
      }
      case 'sobject':
        return this.sobject(n, info.sobjectType, depth);
      case 'class': {
        if (n.kind !== 'object') fail(`Expected ${t.display} but found ${describe(n)} ${where(n)}`);
        const obj = info.instantiate();
        const byKey = new Map(info.fields.map((f) => [f.key, f]));
        for (const [k, v] of n.entries) {
          const f = byKey.get(k.toLowerCase());
          if (!f) {
            if (this.strict) fail(`No such column '${k}' on object of type ${t.display} ${where(v)}`);
            continue;
          }
          const value = this.convert(v, f.type, depth + 1);
          if (f.write) f.write(obj, value);
          else obj.fields.set(f.key, value);
        }
        return obj;
      }
      case 'unknown':
        return this.native(n, t, depth);
    }
  }

  /** A built-in with a JSON shape (Database.SaveResult…); unknown keys are skipped, or rejected when strict. */
  private native(n: JsonNode, t: TypeRef, depth: number): Value {
    const shape = this.ctx.natives.classFor(t.name)?.json;
    if (!shape) return fail(`Type ${t.display} cannot be deserialized`);
    if (n.kind !== 'object') fail(`Expected ${t.display} but found ${describe(n)} ${where(n)}`);
    const byKey = new Map(shape.properties.map((p) => [p.name.toLowerCase(), p]));
    const values = new Map<string, Value>();
    for (const [k, v] of n.entries) {
      const p = byKey.get(k.toLowerCase());
      if (!p) {
        if (this.strict) fail(`No such column '${k}' on object of type ${t.display} ${where(v)}`);
        continue;
      }
      values.set(k.toLowerCase(), this.convert(v, p.type, depth + 1));
    }
    return shape.create(values);
  }

  private primitive(n: JsonNode, name: string, t: TypeRef): Value {
    const text = scalarText(n);
    const bad = (): never => fail(`Cannot deserialize ${describe(n)} as ${t.display} ${where(n)}`);
    if (text === null) return bad();
    switch (name) {
      case 'string':
        return text;
      case 'boolean':
        if (n.kind === 'bool') return n.value;
        if (n.kind === 'string' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
        return bad();
      case 'integer': {
        if (n.kind === 'bool') return bad();
        const m = /^-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?$/.test(text.trim()) ? Decimal.parse(text.trim()) : null;
        if (!m) return bad();
        // Jackson accepts a fraction for an int and truncates it [mem].
        const i = m.setScale(0, 'DOWN').unscaled;
        if (i > 2147483647n || i < -2147483648n) fail(`Numeric value (${text}) out of range of Integer ${where(n)}`);
        return Number(i);
      }
      case 'long': {
        if (n.kind === 'bool' || !/^-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?$/.test(text.trim())) return bad();
        const i = Decimal.parse(text.trim()).setScale(0, 'DOWN').unscaled;
        if (i > 9223372036854775807n || i < -9223372036854775808n)
          fail(`Numeric value (${text}) out of range of Long ${where(n)}`);
        return i;
      }
      case 'double': {
        if (n.kind === 'bool') return bad();
        const d = Number(text.trim());
        if (Number.isNaN(d) && text.trim() !== 'NaN') return bad();
        return new ApexDouble(d);
      }
      case 'decimal':
        if (n.kind === 'bool' || !/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return bad();
        return Decimal.parse(text.trim());
      case 'id': {
        const id = n.kind === 'string' ? to18(text) : null;
        if (!id) fail(`Invalid id: ${text} ${where(n)}`);
        return new ApexId(id);
      }
      case 'date': {
        const m = n.kind === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(text) : null;
        if (!m) return bad();
        return new ApexDate(+m[1], +m[2], +m[3]);
      }
      case 'datetime': {
        if (n.kind === 'number' && /^-?\d+$/.test(text)) return new ApexDatetime(Number(text));
        const dt = n.kind === 'string' ? parseIsoDatetime(text) : null;
        if (!dt) return bad();
        return dt;
      }
      case 'time': {
        const m = n.kind === 'string' ? /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/.exec(text) : null;
        if (!m) return bad();
        return new ApexTime(((+m[1] * 60 + +m[2]) * 60 + +(m[3] ?? 0)) * 1000 + +(m[4] ?? '0').padEnd(3, '0'));
      }
      case 'blob': {
        if (n.kind !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(text)) return bad();
        return new ApexBlob(new Uint8Array(Buffer.from(text, 'base64')));
      }
    }
    return unsupported('JSON', `deserialize into ${t.display}`, []);
  }

  private sobject(n: JsonNode, sobjectType: string, depth: number): Value {
    if (n.kind !== 'object') fail(`Expected ${sobjectType} but found ${describe(n)} ${where(n)}`);
    const schema = schemaOf(this.ctx);
    const attrType = n.entries.find(([k]) => k === 'attributes')?.[1];
    let typeName = sobjectType;
    if (attrType?.kind === 'object') {
      const t = attrType.entries.find(([k]) => k === 'type')?.[1];
      if (t?.kind === 'string' && t.value) typeName = t.value;
    }
    const def: ObjectDef | undefined = schema?.object(typeName);
    const rec = new SObject(def?.name ?? typeName);
    for (const [k, v] of n.entries) {
      if (k === 'attributes') continue;
      if (!schema || !def) {
        rec.set(k, untyped(v));
        continue;
      }
      const field: FieldDef | undefined = schema.field(def, k);
      if (field) {
        rec.set(field.name, this.fieldValue(field, v, def.name));
        continue;
      }
      const parent = schema.relationship(def, k);
      if (parent) {
        const target = schema.relationshipTarget(parent);
        rec.set(parent.relationshipName ?? k, v.kind === 'null' ? null : this.sobject(v, target?.name ?? k, depth + 1));
        continue;
      }
      const child = schema.childRelationship(def, k);
      if (child) {
        if (v.kind === 'null') rec.set(child.relationshipName, null);
        else {
          const records = v.kind === 'object' ? v.entries.find(([x]) => x === 'records')?.[1] : v;
          if (!records || records.kind !== 'array') fail(`Expected records for ${def.name}.${k} ${where(v)}`);
          rec.set(
            child.relationshipName,
            new ApexList(
              typeRef(child.childObject),
              records.items.map((x) => this.sobject(x, child.childObject, depth + 1))
            )
          );
        }
        continue;
      }
      // Unknown fields fail even in non-strict mode for SObjects [mem].
      fail(`No such column '${k}' on sobject of type ${def.name}`);
    }
    return rec;
  }

  private fieldValue(field: FieldDef, v: JsonNode, objectName: string): Value {
    if (v.kind === 'null') return null;
    const text = scalarText(v);
    if (text === null) fail(`Cannot deserialize ${describe(v)} into field ${objectName}.${field.name} ${where(v)}`);
    try {
      if (field.type === 'datetime') {
        const dt = v.kind === 'number' ? new ApexDatetime(Number(text)) : parseIsoDatetime(text);
        if (!dt) throw new CoercionError(`'${text}' is not a datetime`);
        return dt;
      }
      if (field.type === 'double' || field.type === 'currency' || field.type === 'percent') {
        return parseFieldText(field, text);
      }
      return parseFieldText(field, text);
    } catch (e) {
      if (e instanceof CoercionError) fail(`${e.message} for field ${objectName}.${field.name} ${where(v)}`);
      throw e;
    }
  }
}

export function parseOrThrow(text: string): JsonNode {
  try {
    return readJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) fail(e.message);
    throw e;
  }
}

/**
 * A collection target looks at the first token before reading the rest (the platform's parser is streaming), so
 * `"…` for a List fails as malformed even when the text is not JSON at all.
 */
function checkStart(json: string, t: TypeRef): void {
  const first = /\S/.exec(json)?.[0];
  if (first === undefined || first === 'n') return;
  const kind = t.name.toLowerCase().replace(/^system\./, '');
  if ((kind === 'list' || kind === 'set') && first !== '[')
    fail("Malformed JSON: Expected '[' at the beginning of List/Set");
  if (kind === 'map' && first !== '{') fail("Malformed JSON: Expected '{' at the beginning of object");
}

export function deserializeJson(ctx: NativeContext, json: string, t: TypeRef, strict: boolean): Value {
  checkStart(json, t);
  return new Deserializer(ctx, strict).convert(parseOrThrow(json), t);
}

export function deserializeUntyped(json: string): Value {
  return untyped(parseOrThrow(json));
}
