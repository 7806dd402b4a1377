/**
 * System.JSON's codec: serialize / serializePretty, typed deserialize (unknown keys ignored), deserializeStrict (unknown keys
 * rejected), deserializeUntyped [doc: JSON Class, https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Json.htm].
 * Apex serialises through Jackson [mem], so the output follows Jackson: Double via Double.toString, Decimal with its
 * scale, Datetime as `yyyy-MM-ddTHH:mm:ss.SSSZ` in GMT, Date as `yyyy-MM-dd`, Blob as base64, SObjects with an
 * `attributes` block, and serializePretty in Jackson's DefaultPrettyPrinter layout (`"key" : value`, arrays inline).
 */
import { DateTime } from 'luxon';
import { schemaOf } from './data-org.js';
import { parseFieldText, CoercionError } from '../data/coerce.js';
import type { FieldDef, ObjectDef } from '../data/schema/types.js';
import { to18 } from '../values/ids.js';
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
  typeRef,
  type TypeRef,
  type Value
} from '../values/values.js';
import { javaDoubleToString } from './number-format.js';
import { readJson, JsonSyntaxError, quoteJson, type JsonNode } from './json-text.js';
import type { NativeContext } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';

/** API version in SObject `attributes.url`: the version localorg's data API serves. */
const apiVersion = '68.0';

const MAX_DEPTH = 512;

// ------------------------------------------------------------------ serialization

type Out =
  { kind: 'scalar'; text: string } | { kind: 'array'; items: Out[] } | { kind: 'object'; entries: [string, Out][] };

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function datetimeJson(dt: ApexDatetime): string {
  return DateTime.fromMillis(dt.epochMs, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
}

export function timeJson(t: ApexTime): string {
  const ms = t.millisOfDay;
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}Z`;
}

export function dateJson(d: ApexDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export class Serializer {
  constructor(
    private readonly ctx: NativeContext,
    private readonly suppressNulls: boolean
  ) {}

  value(v: Value, depth: number): Out {
    if (depth > MAX_DEPTH)
      apexThrow('JSONException', 'Maximum nesting depth exceeded while serializing (cyclic reference?)');
    if (v === null) return { kind: 'scalar', text: 'null' };
    switch (typeof v) {
      case 'string':
        return { kind: 'scalar', text: quoteJson(v) };
      case 'number':
      case 'bigint':
        return { kind: 'scalar', text: String(v) };
      case 'boolean':
        return { kind: 'scalar', text: String(v) };
    }
    if (v instanceof ApexDouble) {
      const d = v.value;
      return { kind: 'scalar', text: Number.isFinite(d) ? javaDoubleToString(d) : quoteJson(javaDoubleToString(d)) };
    }
    if (v instanceof Decimal) return { kind: 'scalar', text: v.toString() };
    if (v instanceof ApexId) return { kind: 'scalar', text: quoteJson(v.value) };
    if (v instanceof ApexDate) return { kind: 'scalar', text: quoteJson(dateJson(v)) };
    if (v instanceof ApexDatetime) return { kind: 'scalar', text: quoteJson(datetimeJson(v)) };
    if (v instanceof ApexTime) return { kind: 'scalar', text: quoteJson(timeJson(v)) };
    if (v instanceof ApexBlob) return { kind: 'scalar', text: quoteJson(Buffer.from(v.bytes).toString('base64')) };
    if (v instanceof ApexEnumValue) return { kind: 'scalar', text: quoteJson(v.name) };
    if (v instanceof ApexList) return { kind: 'array', items: v.items.map((x) => this.value(x, depth + 1)) };
    if (v instanceof ApexSet) return { kind: 'array', items: v.values().map((x) => this.value(x, depth + 1)) };
    if (v instanceof ApexMap) {
      const entries: [string, Out][] = [];
      for (const [k, x] of v.entries.values()) {
        const key = k === null ? 'null' : typeof k === 'string' ? k : this.ctx.toApexString(k);
        entries.push([key, this.value(x, depth + 1)]);
      }
      return { kind: 'object', entries };
    }
    if (v instanceof SObject) return this.sobject(v, depth);
    if (v instanceof ApexObject) return this.object(v, depth);
    if (v instanceof ApexTypeValue) apexThrow('JSONException', `Type ${v.type.display} cannot be serialized`);
    if (v instanceof NativeObject && v.nativeType.startsWith('schema.')) {
      // Describe tokens and results are not serializable on the platform either [mem: message].
      const display = this.ctx.natives.classFor(v.nativeType)?.name ?? v.nativeType;
      apexThrow('JSONException', `Apex Type unsupported in JSON: ${display}`);
    }
    if (v instanceof NativeObject) return this.native(v, depth);
    return unsupported('JSON', 'serialize', [v]);
  }

  private sobject(s: SObject, depth: number): Out {
    const attributes: [string, Out][] = [['type', { kind: 'scalar', text: quoteJson(s.type) }]];
    const id = s.id;
    if (id)
      attributes.push([
        'url',
        { kind: 'scalar', text: quoteJson(`/services/data/v${apiVersion}/sobjects/${s.type}/${id.value}`) }
      ]);
    const entries: [string, Out][] = [['attributes', { kind: 'object', entries: attributes }]];
    for (const [key, v] of s.fields) {
      const name = s.names.get(key) ?? key;
      if (v instanceof ApexList && v.items.every((x) => x instanceof SObject)) {
        // A child relationship serialises as a query result.
        entries.push([
          name,
          {
            kind: 'object',
            entries: [
              ['totalSize', { kind: 'scalar', text: String(v.items.length) }],
              ['done', { kind: 'scalar', text: 'true' }],
              ['records', this.value(v, depth + 1)]
            ]
          }
        ]);
        continue;
      }
      entries.push([name, this.value(v, depth + 1)]);
    }
    return { kind: 'object', entries };
  }

  /** A built-in with a JSON shape (Database.SaveResult…): its properties, read as Apex code reads them. */
  private native(o: NativeObject, depth: number): Out {
    const def = this.ctx.natives.classFor(o.nativeType);
    if (!def?.json) return unsupported('JSON', `serialize of ${def?.name ?? o.nativeType}`, [o]);
    const entries: [string, Out][] = [];
    for (const p of def.json.properties) {
      const read = def.props?.[p.name.toLowerCase()];
      const v = read ? read(this.ctx, o) : null;
      if (v === null && this.suppressNulls) continue;
      entries.push([p.name, this.value(v, depth + 1)]);
    }
    return { kind: 'object', entries };
  }

  private object(o: ApexObject, depth: number): Out {
    const info = this.ctx.typeInfo({ name: o.cls.name, args: [], display: o.cls.display });
    if (info.kind !== 'class') {
      // Exceptions and other built-ins without a field list: serialise the stored fields in order.
      const entries: [string, Out][] = [];
      for (const [k, v] of o.fields) {
        if (v === null && this.suppressNulls) continue;
        entries.push([k, this.value(v, depth + 1)]);
      }
      return { kind: 'object', entries };
    }
    const entries: [string, Out][] = [];
    for (const f of info.fields) {
      if (f.transient) continue;
      const v = f.read ? f.read(o) : (o.fields.get(f.key) ?? null);
      if (v === null && this.suppressNulls) continue;
      entries.push([f.name, this.value(v, depth + 1)]);
    }
    return { kind: 'object', entries };
  }
}

export function compact(o: Out): string {
  if (o.kind === 'scalar') return o.text;
  if (o.kind === 'array') return '[' + o.items.map(compact).join(',') + ']';
  return '{' + o.entries.map(([k, v]) => quoteJson(k) + ':' + compact(v)).join(',') + '}';
}

/** Jackson DefaultPrettyPrinter: objects one field per line indented by two spaces, arrays on one line. */
export function pretty(o: Out, indent: number): string {
  if (o.kind === 'scalar') return o.text;
  if (o.kind === 'array') {
    if (o.items.length === 0) return '[ ]';
    return '[ ' + o.items.map((x) => pretty(x, indent)).join(', ') + ' ]';
  }
  if (o.entries.length === 0) return '{ }';
  const inner = ' '.repeat(indent + 2);
  return (
    '{\n' +
    o.entries.map(([k, v]) => `${inner}${quoteJson(k)} : ${pretty(v, indent + 2)}`).join(',\n') +
    '\n' +
    ' '.repeat(indent) +
    '}'
  );
}

export function serializeJson(ctx: NativeContext, v: Value, suppressNulls = false, prettyPrint = false): string {
  const tree = new Serializer(ctx, suppressNulls).value(v, 0);
  return prettyPrint ? pretty(tree, 0) : compact(tree);
}

// ------------------------------------------------------------------ deserialization

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
