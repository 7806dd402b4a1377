/**
 * System.JSON's writer: serialize / serializePretty [doc: JSON Class,
 * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_System_Json.htm]. Apex serialises
 * through Jackson [mem], so the output follows Jackson: Double via Double.toString, Decimal with its scale, Datetime as
 * `yyyy-MM-ddTHH:mm:ss.SSSZ` in GMT, Date as `yyyy-MM-dd`, Blob as base64, SObjects with an `attributes` block, and
 * serializePretty in Jackson's DefaultPrettyPrinter layout (`"key" : value`, arrays inline).
 */
import { DateTime } from 'luxon';
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
  type Value
} from '../values/values.js';
import { javaDoubleToString } from './number-format.js';
import { MAX_DEPTH, quoteJson } from './json-text.js';
import type { NativeContext } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';

/** API version in SObject `attributes.url`: the version localorg's data API serves. */
const apiVersion = '68.0';

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
