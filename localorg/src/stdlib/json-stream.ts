/**
 * System.JSONGenerator and System.JSONParser, the streaming halves of the JSON class, with System.JSONToken.
 * The generator writes text as it goes (so `getAsString()` before closing shows the partial document, as Jackson's
 * writer does) using the same pretty-printing rules as serializePretty. The parser reads the whole document up front
 * with the location-reporting reader (so a syntax error surfaces at createParser rather than at the bad token) and
 * then walks Jackson's token stream.
 */
import {
  ApexBlob,
  ApexDate,
  type ApexDatetime,
  ApexDouble,
  ApexId,
  ApexTime,
  ApexTypeValue,
  Decimal,
  NativeObject,
  type Value
} from '../values/values.js';
import { to18 } from '../values/ids.js';
import { argString, defineStdlibClass, npeArgument, isNumeric } from './native-args.js';
import { javaDoubleToString } from './number-format.js';
import type { JsonNode } from './json-text.js';
import { Deserializer, parseIsoDatetime, parseOrThrow } from './json-deserialize.js';
import { Serializer, compact, dateJson, datetimeJson, pretty, timeJson } from './json-serialize.js';
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

export const JSON_TOKENS = [
  'END_ARRAY',
  'END_OBJECT',
  'FIELD_NAME',
  'NOT_AVAILABLE',
  'START_ARRAY',
  'START_OBJECT',
  'VALUE_EMBEDDED_OBJECT',
  'VALUE_FALSE',
  'VALUE_NULL',
  'VALUE_NUMBER_FLOAT',
  'VALUE_NUMBER_INT',
  'VALUE_STRING',
  'VALUE_TRUE'
] as const;
const JSON_TOKEN = natives.defineEnum('System.JSONToken', JSON_TOKENS);

type TokenName = (typeof JSON_TOKENS)[number];

// ------------------------------------------------------------------ generator

interface Frame {
  kind: 'object' | 'array';
  count: number;
  /** Object frames: a field name was written and its value is due. */
  nameWritten: boolean;
}

interface GeneratorState {
  pretty: boolean;
  out: string;
  stack: Frame[];
  rootValues: number;
  closed: boolean;
}

export function createGenerator(prettyPrint: boolean): NativeObject<GeneratorState> {
  return new NativeObject('jsongenerator', { pretty: prettyPrint, out: '', stack: [], rootValues: 0, closed: false });
}

function gen(v: Value): GeneratorState {
  const g = (v as NativeObject<GeneratorState>).state;
  if (g.closed) apexThrow('JSONException', 'Can not write to a closed JSONGenerator');
  return g;
}

function indent(g: GeneratorState): string {
  return ' '.repeat(g.stack.filter((f) => f.kind === 'object').length * 2);
}

/** Writes the separator due before a value and checks a value is allowed here. */
function beforeValue(g: GeneratorState): void {
  const top = g.stack[g.stack.length - 1];
  if (!top) {
    if (g.rootValues > 0) g.out += ' ';
    g.rootValues++;
    return;
  }
  if (top.kind === 'object') {
    if (!top.nameWritten) apexThrow('JSONException', 'Can not write a value, expecting field name');
    top.nameWritten = false;
    top.count++;
    return;
  }
  g.out += top.count === 0 ? (g.pretty ? ' ' : '') : g.pretty ? ', ' : ',';
  top.count++;
}

function writeRaw(g: GeneratorState, text: string): null {
  beforeValue(g);
  g.out += text;
  return null;
}

function fieldName(g: GeneratorState, name: string): void {
  const top = g.stack[g.stack.length - 1];
  if (!top || top.kind !== 'object' || top.nameWritten) {
    apexThrow('JSONException', 'Can not write a field name, expecting a value');
  }
  if (top.count > 0) g.out += ',';
  if (g.pretty) g.out += '\n' + indent(g);
  g.out += JSON.stringify(name) + (g.pretty ? ' : ' : ':');
  top.nameWritten = true;
}

function numberText(v: Value): string {
  if (v === null) return 'null';
  if (!isNumeric(v)) apexThrow('JSONException', 'writeNumber needs a number');
  if (v instanceof ApexDouble) return javaDoubleToString(v.value);
  return (v as number | bigint | Decimal).toString();
}

function objectText(ctx: Parameters<NativeMethod>[0], g: GeneratorState, v: Value): string {
  const tree = new Serializer(ctx, false).value(v, 0);
  return g.pretty ? pretty(tree, g.stack.filter((f) => f.kind === 'object').length * 2) : compact(tree);
}

function scalar(kind: 'blob' | 'date' | 'datetime' | 'time' | 'id', v: Value): string {
  if (v === null) return 'null';
  switch (kind) {
    case 'blob':
      return JSON.stringify(Buffer.from((v as ApexBlob).bytes).toString('base64'));
    case 'date':
      return JSON.stringify(dateJson(v as ApexDate));
    case 'datetime':
      return JSON.stringify(datetimeJson(v as ApexDatetime));
    case 'time':
      return JSON.stringify(timeJson(v as ApexTime));
    case 'id':
      return JSON.stringify(
        v instanceof ApexId ? v.value : typeof v === 'string' ? v : apexThrow('JSONException', 'writeId needs an Id')
      );
  }
}

function pair(write: (g: GeneratorState, v: Value) => string): { value: NativeMethod; field: NativeMethod } {
  return {
    value: (_c, a, s) => writeRaw(gen(s), write(gen(s), a[0] ?? null)),
    field: (_c, a, s) => {
      const g = gen(s);
      fieldName(g, argString(a, 0));
      return writeRaw(g, write(g, a[1] ?? null));
    }
  };
}

const bool = pair((_g, v) => (v === null ? 'null' : String(v === true)));
const str = pair((_g, v) => (v === null ? 'null' : JSON.stringify(v)));
const num = pair((_g, v) => numberText(v));
const blob = pair((_g, v) => scalar('blob', v));
const date = pair((_g, v) => scalar('date', v));
const datetime = pair((_g, v) => scalar('datetime', v));
const time = pair((_g, v) => scalar('time', v));
const id = pair((_g, v) => scalar('id', v));

const generatorInstance: Record<string, NativeMethod> = {
  writestartobject: (_c, _a, s) => {
    const g = gen(s);
    beforeValue(g);
    g.out += '{';
    g.stack.push({ kind: 'object', count: 0, nameWritten: false });
    return null;
  },
  writeendobject: (_c, _a, s) => {
    const g = gen(s);
    const top = g.stack[g.stack.length - 1];
    if (!top || top.kind !== 'object') apexThrow('JSONException', 'Current context not an object');
    g.stack.pop();
    g.out += g.pretty ? (top.count > 0 ? '\n' + indent(g) + '}' : ' }') : '}';
    return null;
  },
  writestartarray: (_c, _a, s) => {
    const g = gen(s);
    beforeValue(g);
    g.out += '[';
    g.stack.push({ kind: 'array', count: 0, nameWritten: false });
    return null;
  },
  writeendarray: (_c, _a, s) => {
    const g = gen(s);
    const top = g.stack[g.stack.length - 1];
    if (!top || top.kind !== 'array') apexThrow('JSONException', 'Current context not an array');
    g.stack.pop();
    g.out += g.pretty ? ' ]' : ']';
    return null;
  },
  writefieldname: (_c, a, s) => {
    fieldName(gen(s), argString(a, 0));
    return null;
  },
  writenull: (_c, _a, s) => writeRaw(gen(s), 'null'),
  writenullfield: (_c, a, s) => {
    const g = gen(s);
    fieldName(g, argString(a, 0));
    return writeRaw(g, 'null');
  },
  writeboolean: bool.value,
  writebooleanfield: bool.field,
  writestring: str.value,
  writestringfield: str.field,
  writenumber: num.value,
  writenumberfield: num.field,
  writeblob: blob.value,
  writeblobfield: blob.field,
  writedate: date.value,
  writedatefield: date.field,
  writedatetime: datetime.value,
  writedatetimefield: datetime.field,
  writetime: time.value,
  writetimefield: time.field,
  writeid: id.value,
  writeidfield: id.field,
  writeobject: (ctx, a, s) => {
    const g = gen(s);
    return writeRaw(g, objectText(ctx, g, a[0] ?? null));
  },
  writeobjectfield: (ctx, a, s) => {
    const g = gen(s);
    fieldName(g, argString(a, 0));
    return writeRaw(g, objectText(ctx, g, a[1] ?? null));
  },
  getasstring: (_c, _a, s) => (s as NativeObject<GeneratorState>).state.out,
  close: (_c, _a, s) => {
    (s as NativeObject<GeneratorState>).state.closed = true;
    return null;
  },
  isclosed: (_c, _a, s) => (s as NativeObject<GeneratorState>).state.closed
};

// ------------------------------------------------------------------ parser

interface Token {
  name: TokenName;
  node: JsonNode | null;
  fieldName: string | null;
  /** For START_* tokens: index of the matching END_* token. */
  end: number;
}

interface ParserState {
  tokens: Token[];
  index: number; // current token; -1 before the first nextToken
  cleared: Token | null;
  current: Token | null;
}

function flatten(node: JsonNode, fieldName: string | null, out: Token[]): void {
  switch (node.kind) {
    case 'object': {
      const start = out.length;
      out.push({ name: 'START_OBJECT', node, fieldName, end: -1 });
      for (const [k, v] of node.entries) {
        out.push({ name: 'FIELD_NAME', node: null, fieldName: k, end: -1 });
        flatten(v, k, out);
      }
      out.push({ name: 'END_OBJECT', node: null, fieldName, end: -1 });
      out[start].end = out.length - 1;
      return;
    }
    case 'array': {
      const start = out.length;
      out.push({ name: 'START_ARRAY', node, fieldName, end: -1 });
      for (const v of node.items) flatten(v, null, out);
      out.push({ name: 'END_ARRAY', node: null, fieldName, end: -1 });
      out[start].end = out.length - 1;
      return;
    }
    case 'string':
      out.push({ name: 'VALUE_STRING', node, fieldName, end: -1 });
      return;
    case 'number':
      out.push({ name: /[.eE]/.test(node.text) ? 'VALUE_NUMBER_FLOAT' : 'VALUE_NUMBER_INT', node, fieldName, end: -1 });
      return;
    case 'bool':
      out.push({ name: node.value ? 'VALUE_TRUE' : 'VALUE_FALSE', node, fieldName, end: -1 });
      return;
    case 'null':
      out.push({ name: 'VALUE_NULL', node, fieldName, end: -1 });
      return;
  }
}

export function createParser(json: string): NativeObject<ParserState> {
  const tokens: Token[] = [];
  flatten(parseOrThrow(json), null, tokens);
  return new NativeObject('jsonparser', { tokens, index: -1, cleared: null, current: null });
}

function ps(v: Value): ParserState {
  return (v as NativeObject<ParserState>).state;
}

function token(name: TokenName | null): Value {
  return name === null ? null : JSON_TOKEN.value(name);
}

function advance(p: ParserState): Value {
  p.index = Math.min(p.index + 1, p.tokens.length);
  p.current = p.tokens[p.index] ?? null;
  return token(p.current?.name ?? null);
}

function cur(p: ParserState): Token {
  if (!p.current) apexThrow('JSONException', 'No current token');
  return p.current;
}

function numericNode(p: ParserState): string {
  const t = cur(p);
  if (t.node?.kind !== 'number') {
    apexThrow('JSONException', `Current token (${t.name}) not numeric, can not use numeric value accessors`);
  }
  return t.node.text;
}

function stringNode(p: ParserState, what: string): string {
  const t = cur(p);
  if (t.node?.kind !== 'string') apexThrow('JSONException', `Current token (${t.name}) is not a ${what} string`);
  return t.node.value;
}

function readValue(ctx: Parameters<NativeMethod>[0], a: Value[], s: Value, strict: boolean): Value {
  const p = ps(s);
  const t = cur(p);
  const type = a[0];
  if (type === null || type === undefined) npeArgument();
  if (!(type instanceof ApexTypeValue)) return apexThrow('TypeException', 'readValueAs needs a System.Type');
  if (!t.node) apexThrow('JSONException', `Can not read a value at token ${t.name}`);
  const value = new Deserializer(ctx, strict).convert(t.node, type.type);
  if (t.end >= 0) {
    p.index = t.end;
    p.current = p.tokens[t.end];
  }
  return value;
}

const parserInstance: Record<string, NativeMethod> = {
  nexttoken: (_c, _a, s) => advance(ps(s)),
  nextvalue: (_c, _a, s) => {
    const p = ps(s);
    let t = advance(p);
    if (p.current?.name === 'FIELD_NAME') t = advance(p);
    return t;
  },
  getcurrenttoken: (_c, _a, s) => token(ps(s).current?.name ?? null),
  hascurrenttoken: (_c, _a, s) => ps(s).current !== null,
  clearcurrenttoken: (_c, _a, s) => {
    const p = ps(s);
    p.cleared = p.current;
    p.current = null;
    return null;
  },
  getlastclearedtoken: (_c, _a, s) => token(ps(s).cleared?.name ?? null),
  getcurrentname: (_c, _a, s) => ps(s).current?.fieldName ?? null,
  gettext: (_c, _a, s) => {
    const t = ps(s).current;
    if (!t) return null;
    switch (t.name) {
      case 'FIELD_NAME':
        return t.fieldName;
      case 'START_OBJECT':
        return '{';
      case 'END_OBJECT':
        return '}';
      case 'START_ARRAY':
        return '[';
      case 'END_ARRAY':
        return ']';
      case 'VALUE_NULL':
        return 'null';
      case 'VALUE_TRUE':
        return 'true';
      case 'VALUE_FALSE':
        return 'false';
    }
    const n = t.node;
    return n?.kind === 'string' ? n.value : n?.kind === 'number' ? n.text : null;
  },
  getintegervalue: (_c, _a, s) => {
    const d = Decimal.parse(numericNode(ps(s))).setScale(0, 'DOWN').unscaled;
    if (d > 2147483647n || d < -2147483648n) apexThrow('JSONException', `Numeric value (${d}) out of range of int`);
    return Number(d);
  },
  getlongvalue: (_c, _a, s) => BigInt.asIntN(64, Decimal.parse(numericNode(ps(s))).setScale(0, 'DOWN').unscaled),
  getdoublevalue: (_c, _a, s) => new ApexDouble(Number(numericNode(ps(s)))),
  getdecimalvalue: (_c, _a, s) => Decimal.parse(numericNode(ps(s))),
  getbooleanvalue: (_c, _a, s) => {
    const t = cur(ps(s));
    if (t.node?.kind !== 'bool') apexThrow('JSONException', `Current token (${t.name}) not of boolean type`);
    return t.node.value;
  },
  getblobvalue: (_c, _a, s) => new ApexBlob(new Uint8Array(Buffer.from(stringNode(ps(s), 'base64'), 'base64'))),
  getdatevalue: (_c, _a, s) => {
    const text = stringNode(ps(s), 'date');
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    if (!m) apexThrow('JSONException', `Invalid date: ${text}`);
    return new ApexDate(+m[1], +m[2], +m[3]);
  },
  getdatetimevalue: (_c, _a, s) => {
    const text = stringNode(ps(s), 'datetime');
    const dt = parseIsoDatetime(text);
    if (!dt) apexThrow('JSONException', `Invalid datetime: ${text}`);
    return dt;
  },
  gettimevalue: (_c, _a, s) => {
    const text = stringNode(ps(s), 'time');
    const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/.exec(text);
    if (!m) apexThrow('JSONException', `Invalid time: ${text}`);
    return new ApexTime(((+m[1] * 60 + +m[2]) * 60 + +(m[3] ?? 0)) * 1000 + +(m[4] ?? '0').padEnd(3, '0'));
  },
  getidvalue: (_c, _a, s) => {
    const text = stringNode(ps(s), 'id');
    const v = to18(text);
    if (!v) apexThrow('JSONException', `Invalid id: ${text}`);
    return new ApexId(v);
  },
  readvalueas: (ctx, a, s) => readValue(ctx, a, s, false),
  readvalueasstrict: (ctx, a, s) => readValue(ctx, a, s, true),
  skipchildren: (_c, _a, s) => {
    const p = ps(s);
    const t = p.current;
    if (t && t.end >= 0) {
      p.index = t.end;
      p.current = p.tokens[t.end];
    }
    return null;
  }
};

defineStdlibClass(natives, { name: 'JSONGenerator', instance: generatorInstance });
defineStdlibClass(natives, { name: 'JSONParser', instance: parserInstance });
