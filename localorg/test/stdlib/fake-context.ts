/**
 * A small NativeContext for calling standard-library methods without the interpreter. Rendering and equality follow
 * the Apex rules closely enough for the stdlib's own tests; the real ones live in the language engineer's runtime.
 */
import { DateTime } from 'luxon';
import type { DataPlatform, DeferredWork } from '../../src/runtime/data-platform.js';
import { Decimal } from '../../src/values/decimal.js';
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
  SObject,
  keyOf,
  typeRef,
  type ClassHandle,
  type TypeRef,
  type Value
} from '../../src/values/values.js';
import { nativeKindOf, type NativeContext, type TypeInfo } from '../../src/runtime/natives.js';
import { type RunningUser } from '../../src/values/user.js';
import { javaDoubleToString } from '../../src/stdlib/number-format.js';
import { standardLibrary } from '../../src/stdlib/index.js';

const natives = standardLibrary();

export interface FakeOptions {
  timeZone?: string;
  locale?: string;
  now?: number;
  /** Type descriptions for typed JSON, keyed by canonical type name. */
  types?: Record<string, TypeInfo>;
  /** User methods: `${class}.${method}` → implementation (e.g. compareTo for sorting). */
  methods?: Record<string, (self: ApexObject, args: Value[]) => Value>;
}

export const PRIMITIVES = [
  'string',
  'integer',
  'long',
  'double',
  'decimal',
  'boolean',
  'id',
  'date',
  'datetime',
  'time',
  'blob'
];

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export class FakeContext implements NativeContext {
  readonly natives = natives;
  readonly user: RunningUser;
  readonly debugLines: string[] = [];
  readonly runningTest = true;
  asyncQueue: DeferredWork[] = [];
  testState: Record<string, unknown> = {};
  quiddity: string | null = null;
  private readonly opts: FakeOptions;

  constructor(opts: FakeOptions = {}) {
    this.opts = opts;
    this.user = {
      id: new ApexId('005000000000001AAA'),
      userName: 'admin@localorg.test',
      name: 'Ada Admin',
      firstName: 'Ada',
      lastName: 'Admin',
      email: 'admin@localorg.test',
      timeZone: opts.timeZone ?? 'America/Los_Angeles',
      locale: opts.locale ?? 'en_US',
      language: 'en_US',
      profileId: new ApexId('00e000000000001AAA'),
      organizationId: new ApexId('00D000000000001AAA'),
      currency: 'USD'
    };
  }

  get platform(): DataPlatform {
    throw new Error('no data platform in the stdlib fake context');
  }

  now(): number {
    return this.opts.now ?? Date.UTC(2024, 2, 10, 18, 30, 0);
  }

  toApexString(v: Value): string {
    if (v === null) return 'null';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
    if (v instanceof ApexDouble) return javaDoubleToString(v.value);
    if (v instanceof Decimal) return v.toString();
    if (v instanceof ApexId) return v.value;
    if (v instanceof ApexDate) return `${v.year}-${pad(v.month)}-${pad(v.day)}`;
    if (v instanceof ApexDatetime) {
      return DateTime.fromMillis(v.epochMs, { zone: this.user.timeZone }).toFormat('yyyy-MM-dd HH:mm:ss');
    }
    if (v instanceof ApexTime) {
      const ms = v.millisOfDay;
      return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}Z`;
    }
    if (v instanceof ApexBlob) return `Blob[${v.bytes.length}]`;
    if (v instanceof ApexList) return '(' + v.items.map((x) => this.toApexString(x)).join(', ') + ')';
    if (v instanceof ApexSet)
      return (
        '{' +
        v
          .values()
          .map((x) => this.toApexString(x))
          .join(', ') +
        '}'
      );
    if (v instanceof ApexMap) {
      return (
        '{' +
        [...v.entries.values()].map(([k, x]) => this.toApexString(k) + '=' + this.toApexString(x)).join(', ') +
        '}'
      );
    }
    if (v instanceof ApexEnumValue) return v.name;
    if (v instanceof SObject) {
      return `${v.type}:{${[...v.fields.entries()].map(([k, x]) => (v.names.get(k) ?? k) + '=' + this.toApexString(x)).join(', ')}}`;
    }
    if (v instanceof ApexObject)
      return `${v.cls.display}:[${[...v.fields.entries()].map(([k, x]) => k + '=' + this.toApexString(x)).join(', ')}]`;
    return `<${(v as object).constructor.name}>`;
  }

  equals(a: Value, b: Value): boolean {
    if (a === null || b === null) return a === b;
    if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
    if (a instanceof ApexId && b instanceof ApexId) return a.value === b.value;
    const num = (x: Value): number | null =>
      typeof x === 'number' || typeof x === 'bigint'
        ? Number(x)
        : x instanceof ApexDouble
          ? x.value
          : x instanceof Decimal
            ? x.toNumber()
            : null;
    const na = num(a);
    const nb = num(b);
    if (na !== null && nb !== null) return na === nb;
    return keyOf(a) === keyOf(b);
  }

  keyOf(v: Value): string {
    return keyOf(v);
  }

  call(target: Value, method: string, args: Value[]): Value {
    if (target instanceof ApexObject) {
      const fn = this.opts.methods?.[`${target.cls.name}.${method.toLowerCase()}`];
      if (!fn) throw new Error(`fake context: no method ${target.cls.name}.${method}`);
      return fn(target, args);
    }
    const kind = nativeKindOf(target);
    const m = kind ? natives.classFor(kind)?.instance?.[method.toLowerCase()] : undefined;
    if (!m) throw new Error(`fake context: no native method ${kind}.${method}`);
    return m(this, args, target);
  }

  newObject(className: string): Value {
    throw new Error(`fake context cannot instantiate ${className}`);
  }

  instantiate(t: TypeRef): Value {
    throw new Error(`fake context cannot instantiate ${t.display}`);
  }

  debugString(v: Value): string {
    return this.toApexString(v);
  }

  classFor(): null {
    return null;
  }

  sobjectName(name: string): string | null {
    return this.typeInfo({ name, args: [], display: name }).kind === 'sobject' ? name : null;
  }

  enqueueAsync(work: DeferredWork): void {
    this.asyncQueue.push(work);
  }

  resetStatics(): void {
    this.asyncQueue = [];
    this.testState = {};
  }

  resolveType(name: string): TypeRef | null {
    return parseTypeName(name);
  }

  typeInfo(t: TypeRef): TypeInfo {
    if (PRIMITIVES.includes(t.name)) return { kind: 'primitive', name: t.name };
    if (t.name === 'object') return { kind: 'object' };
    if (t.name === 'list' || t.name === 'set') return { kind: t.name, element: t.args[0] };
    if (t.name === 'map') return { kind: 'map', key: t.args[0], value: t.args[1] };
    const custom = this.opts.types?.[t.name];
    if (custom) return custom;
    if (t.name.endsWith('__c') || ['account', 'contact', 'event', 'lead'].includes(t.name)) {
      return { kind: 'sobject', sobjectType: t.display };
    }
    return { kind: 'unknown' };
  }

  debug(level: string, message: string): void {
    this.debugLines.push(`${level}|${message}`);
  }

  currentLine(): number {
    return 1;
  }

  lowerBindExpression(): unknown {
    throw new Error('not in the fake context');
  }

  evaluateInCallerScope(): Value {
    throw new Error('not in the fake context');
  }

  dataAccess(): { sharing: boolean; permissions: boolean } {
    return { sharing: false, permissions: false };
  }
}

/** Parses `Map<String, List<Integer>>` into a TypeRef. */
export function parseTypeName(text: string): TypeRef {
  let i = 0;
  const parse = (): TypeRef => {
    const m = /^\s*([\w.]+)\s*/.exec(text.slice(i))!;
    i += m[0].length;
    const args: TypeRef[] = [];
    if (text[i] === '<') {
      i++;
      for (;;) {
        args.push(parse());
        const c = text[i++];
        if (c === '>') break;
      }
      while (text[i] === ' ') i++;
    }
    if (text.slice(i, i + 2) === '[]') {
      i += 2;
      return typeRef('List', [typeRef(m[1], args)]);
    }
    return typeRef(m[1], args);
  };
  return parse();
}

/** A user class handle for tests. */
export function fakeClass(display: string, supertypes: string[] = []): ClassHandle {
  const name = display.toLowerCase();
  return {
    name,
    display,
    isSubtypeOf: (c: string) => c === name || supertypes.includes(c),
    hasMethod: () => false
  };
}

/** Calls `Class.method(args)` (static) through the registry. */
export function callStatic(ctx: NativeContext, cls: string, method: string, ...args: Value[]): Value {
  const def = natives.classFor(cls.toLowerCase());
  const fn = def?.statics?.[method.toLowerCase()];
  if (!fn) throw new Error(`no static ${cls}.${method}`);
  return fn(ctx, args, null);
}

/** Calls `self.method(args)` through the registry using the value's native kind. */
export function callInstance(ctx: NativeContext, self: Value, method: string, ...args: Value[]): Value {
  const kind = nativeKindOf(self);
  const def = kind ? natives.classFor(kind) : undefined;
  const fn = def?.instance?.[method.toLowerCase()];
  if (!fn) throw new Error(`no instance method ${kind}.${method}`);
  return fn(ctx, args, self);
}

export function strList(...items: string[]): ApexList {
  return new ApexList(typeRef('String'), items);
}

export function list(elementType: string, ...items: Value[]): ApexList {
  return new ApexList(parseTypeName(elementType), items);
}

/** Runs fn and returns the Apex exception it raised as `Type: message`. */
export function apexError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    const err = e as { typeName?: string; message: string };
    return err.typeName ? `${err.typeName}: ${err.message}` : `${(e as Error).constructor.name}: ${err.message}`;
  }
  return 'no exception';
}
