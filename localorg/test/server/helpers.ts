/**
 * Test support for the HTTP server: a real data platform loaded from a small fixture project, and a stand-in for the
 * interpreter's Apex host whose "Apex" resources are written in TypeScript. The stand-in only replaces the language
 * stage; routing, binding, transactions, journaling and the data API under test are the real ones.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDataPlatform } from '../../src/data/index.js';
import { discoverSources } from '../../src/syntax/sources.js';
import { createLocalOrgServer, type LocalOrgServerOptions, type OrgRuntime } from '../../src/server/app.js';
import type {
  ApexHost,
  RestRequestData,
  RestResourceInfo,
  RestResponseData,
  ServerDataPlatform,
  UncaughtApexError
} from '../../src/server/runtime-seams.js';
import {
  ApexId,
  ApexList,
  ApexMap,
  Decimal,
  SObject,
  typeRef,
  type TypeRef,
  type Value
} from '../../src/values/values.js';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURE_PROJECT = path.join(here, 'fixtures', 'org');
export const REPO_ROOT = path.resolve(here, '..', '..', '..');
export const TOKEN = 'test-token-0123456789';

export function makePlatform(): ServerDataPlatform {
  return createDataPlatform(discoverSources(FIXTURE_PROJECT));
}

export class FakeApexError extends Error implements UncaughtApexError {
  constructor(
    readonly typeName: string,
    override readonly message: string,
    readonly stackTrace: string
  ) {
    super(message);
  }
}

type Impl = (args: Value[], ctx: { request: RestRequestData; response: RestResponseData }) => Value;

interface FakeMethod {
  verb: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  methodName: string;
  parameters: { name: string; type: TypeRef }[];
  returnType: TypeRef;
  impl: Impl;
}

/** A stand-in for the interpreter: resources are TypeScript functions over the real data platform. */
export class FakeApexHost implements ApexHost {
  private readonly resources: { className: string; urlMapping: string; methods: FakeMethod[] }[] = [];
  private context: { request: RestRequestData; response: RestResponseData } | null = null;

  constructor(readonly platform: ServerDataPlatform) {
    const str = typeRef('String');
    const int = typeRef('Integer');
    const obj = typeRef('Object');
    const voidT = typeRef('void');
    this.add('Echo', '/echo/*', [
      {
        verb: 'GET',
        methodName: 'show',
        parameters: [],
        returnType: obj,
        impl: (_a, { request }) =>
          plainToValue({
            uri: request.requestURI,
            resourcePath: request.resourcePath,
            method: request.httpMethod,
            params: request.params,
            probe: request.headers['x-probe'] ?? null,
            remote: request.remoteAddress
          })
      },
      {
        verb: 'POST',
        methodName: 'greet',
        parameters: [
          { name: 'name', type: str },
          { name: 'count', type: int }
        ],
        returnType: obj,
        impl: ([name, count], { request }) =>
          plainToValue({ greeting: `hello ${name as string}`, count, bodySeen: request.requestBody !== null })
      },
      {
        verb: 'PUT',
        methodName: 'raw',
        parameters: [],
        returnType: voidT,
        impl: (_a, { request, response }) => {
          response.statusCode = 202;
          response.headers['X-Echo'] = 'yes';
          response.responseBody = request.requestBody;
          return null;
        }
      }
    ]);
    this.add('EchoExact', '/echo/exact', [
      { verb: 'GET', methodName: 'exact', parameters: [], returnType: str, impl: () => 'exact' }
    ]);
    this.add('Relative', 'relative/*', [
      { verb: 'GET', methodName: 'get', parameters: [], returnType: str, impl: () => 'relative' }
    ]);
    this.add('Boom', '/boom', [
      {
        verb: 'POST',
        methodName: 'explode',
        parameters: [],
        returnType: voidT,
        impl: () => {
          const a = new SObject('Account');
          a.set('Name', 'Written before the failure');
          this.platform.dml('insert', [a], { allOrNone: true });
          throw new FakeApexError(
            'System.NullPointerException',
            'Attempt to de-reference a null object',
            'Class.Boom.explode: line 7, column 1'
          );
        }
      }
    ]);
    this.add('Visits', '/visits', [
      {
        verb: 'POST',
        methodName: 'book',
        parameters: [
          { name: 'uid', type: str },
          { name: 'client', type: str }
        ],
        returnType: obj,
        impl: ([uid, client]) => this.bookVisit(uid as string, client as string)
      }
    ]);
  }

  /** Idempotent by uid, writing two rows (Account + Visit) so a half-applied transaction would be visible. */
  private bookVisit(uid: string, client: string): Value {
    const existing = this.platform.queryText(`SELECT Id FROM Visit__c WHERE Uid__c = '${uid}'`);
    if (Array.isArray(existing) && existing.length > 0) {
      return plainToValue({ outcome: 'duplicate', id: existing[0].id?.value ?? null });
    }
    const account = new SObject('Account');
    account.set('Name', `Visit ${uid}`);
    this.platform.dml('insert', [account], { allOrNone: true });
    const visit = new SObject('Visit__c');
    visit.set('Name', uid);
    visit.set('Uid__c', uid);
    visit.set('Client__c', client);
    const [row] = this.platform.dml('insert', [visit], { allOrNone: true });
    return plainToValue({ outcome: 'created', id: row.id?.value ?? null });
  }

  private add(className: string, urlMapping: string, methods: FakeMethod[]): void {
    this.resources.push({ className, urlMapping, methods });
  }

  restResources(): RestResourceInfo[] {
    return this.resources;
  }

  deserializeJson(json: string, type: TypeRef): Value {
    const v = JSON.parse(json) as unknown;
    if (v === null) return null;
    if (type.name === 'string') {
      if (typeof v !== 'string') throw new FakeApexError('System.JSONException', `expected a String, got ${json}`, '');
      return v;
    }
    if (type.name === 'integer') {
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        throw new FakeApexError('System.JSONException', `expected an Integer, got ${json}`, '');
      }
      return v;
    }
    return plainToValue(v);
  }

  serializeJson(value: Value): string {
    return JSON.stringify(valueToPlain(value));
  }

  withRestContext<T>(request: RestRequestData, fn: () => T): { result: T; response: RestResponseData } {
    const response: RestResponseData = { statusCode: null, responseBody: null, headers: {} };
    this.context = { request, response };
    try {
      return { result: fn(), response };
    } finally {
      this.context = null;
    }
  }

  invokeStatic(className: string, methodName: string, args: Value[]): Value {
    const method = this.resources
      .find((r) => r.className === className)
      ?.methods.find((m) => m.methodName === methodName);
    if (!method || !this.context) throw new Error(`no ${className}.${methodName} or no RestContext`);
    return method.impl(args, this.context);
  }

  /** The fake serves REST only: no method is @AuraEnabled. */
  auraEnabledMethod(): null {
    return null;
  }

  invokeInFreshContext(className: string, methodName: string, args: Value[]): Value {
    return this.invokeStatic(className, methodName, args);
  }

  asUncaughtApexError(e: unknown): UncaughtApexError | null {
    return e instanceof FakeApexError ? e : null;
  }
}

export function plainToValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v : Decimal.parse(String(v));
  if (Array.isArray(v)) return new ApexList(typeRef('Object'), v.map(plainToValue));
  if (typeof v === 'object') {
    const m = new ApexMap(typeRef('String'), typeRef('Object'));
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.put(k, plainToValue(x));
    return m;
  }
  throw new Error(`no Apex value for a JS ${typeof v}`);
}

function valueToPlain(v: Value): unknown {
  if (v instanceof ApexMap)
    return Object.fromEntries([...v.entries.values()].map(([k, x]) => [k as string, valueToPlain(x)]));
  if (v instanceof ApexList) return v.items.map(valueToPlain);
  if (v instanceof Decimal) return v.toNumber();
  if (v instanceof ApexId) return v.value;
  return v;
}

export function fakeRuntime(): OrgRuntime {
  const platform = makePlatform();
  return { platform, apex: new FakeApexHost(platform) };
}

export interface TestServer {
  url: string;
  runtime: OrgRuntime;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<LocalOrgServerOptions> = {}): Promise<TestServer> {
  const runtime = options.runtime ?? fakeRuntime();
  const { server } = createLocalOrgServer({ token: TOKEN, ...options, runtime });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
  };
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function call(
  url: string,
  pathname: string,
  init: {
    method?: string;
    token?: string | null;
    body?: unknown;
    rawBody?: string | Buffer;
    headers?: Record<string, string>;
  } = {}
): Promise<CallResult> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  const token = init.token === undefined ? TOKEN : init.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | Buffer | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(url + pathname, {
    method: init.method ?? 'GET',
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : new Uint8Array(body)
  });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
