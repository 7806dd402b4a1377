/**
 * The HTTP front of localorg: authenticates, routes to Apex REST or the data API, runs each request as one queued
 * transaction, journals what it committed, and answers every outcome — including bugs of our own — in the platform's
 * JSON error shape with the usage headers, so one bad request never takes the server down.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { LimitsSnapshot } from '../runtime/data-platform.js';
import { ApexRuntimeError } from '../values/values.js';
import { UnsupportedFeatureError } from '../values/errors.js';
import { parseVersionSegment } from './api-versions.js';
import { ApexFailure, ApexRestRouter, dispatchApexRest, isRestVerb } from './apexrest.js';
import { requireToken } from './auth.js';
import { handleDataApi, versionIndex } from './data-api.js';
import { HttpError, methodNotAllowed, notFound } from './errors.js';
import { ApiUsageCounter, localOrgLimitsHeader, NO_USAGE } from './limits-headers.js';
import { MAX_REQUEST_BYTES, readBody } from './request-body.js';
import type { ApexHost, CommittedChange, DeveloperApi, ServerDataPlatform } from './runtime-seams.js';
import { identityAnswer } from './identity.js';
import { QueryCursors } from './query-cursors.js';
import { SerialQueue } from './serial-queue.js';
import { handleSoapApex } from './soap-apex.js';
import { emptyToolingQuery, runTestsSynchronous } from './tooling-api.js';
import type { Json } from './sobject-json.js';
import { TransactionRunner, type TransactionOutcome } from '../runtime/transaction.js';
import type { LightningRoutes } from './lightning/routes.js';
import { streamingEndpoint } from './streaming/endpoint.js';
import { refuseUpgrades } from './streaming/cometd.js';

export interface OrgRuntime {
  platform: ServerDataPlatform;
  /** Null when the project has no Apex to serve (data API only). */
  apex: ApexHost | null;
  /** Anonymous Apex and test runs (the SOAP Apex API and the Tooling API's test resources); absent in data-only use. */
  developer?: DeveloperApi | null;
  /** Runs each request's transaction and the async work it queues; absent: a runner for the data platform alone. */
  transactions?: TransactionRunner;
  /** What the platform's compiler would refuse in the project (`file:line:col message`); the rest is served. */
  compileErrors?: string[];
}

/** Where committed changes go before a request is answered (the `--data` folder). */
export interface CommitJournal {
  append(label: string, changes: CommittedChange[]): void;
  /** True once the journal has grown past its compaction size. */
  wantsCompaction(): boolean;
  /** Folds the journal into a snapshot; called between transactions only. */
  compact(): { rows: number; journalBytesBefore: number };
}

export interface LocalOrgServerOptions {
  runtime: OrgRuntime;
  token: string;
  journal?: CommitJournal | null;
  maxBodyBytes?: number;
  /** One line per request; silent when absent. */
  log?: (line: string) => void;
  /** The Lightning shell's routes (browser pages, signed in by cookie), when the project has a Lightning UI. */
  lightning?: LightningRoutes | null;
  /** Hears every committed change, after the journal has it (the org thread watches identity rows). */
  onCommitted?: (changes: CommittedChange[]) => void;
  /** Called when a commit cannot be journaled; default: report and exit, so nothing unjournaled is ever served. */
  onJournalFailure?: (error: Error) => void;
  /** How long the streaming endpoint holds a `/meta/connect` (default 110 s, the platform's). */
  streamingConnectTimeoutMs?: number;
}

function exitOnJournalFailure(error: Error): void {
  process.stderr.write(
    `localorg serve: cannot write the journal (${error.message}); stopping to keep data consistent\n`
  );
  process.exit(75);
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface LocalOrgServer {
  server: http.Server;
  /** Resolves when every queued transaction has finished. */
  idle(): Promise<void>;
  /** Runs work as one queued, journaled transaction outside HTTP (seed import). */
  transact<T>(label: string, work: () => T): Promise<TransactionOutcome<T>>;
}

export function createLocalOrgServer(options: LocalOrgServerOptions): LocalOrgServer {
  const { runtime, token } = options;
  const router = new ApexRestRouter(runtime.apex ? runtime.apex.restResources() : []);
  const queue = new SerialQueue();
  const cursors = new QueryCursors();
  const usage = new ApiUsageCounter();
  const maxBody = options.maxBodyBytes ?? MAX_REQUEST_BYTES;
  const streaming = streamingEndpoint(runtime.platform, token, options.streamingConnectTimeoutMs);
  const transactions = runtime.transactions ?? new TransactionRunner(runtime.platform, null);
  let compactionQueued = false;

  /** Journals what a transaction committed before its request is answered, then tells `onCommitted`. */
  function record(label: string, changes: CommittedChange[]): void {
    if (changes.length === 0) return;
    const journal = options.journal;
    if (journal) {
      try {
        journal.append(label, changes);
      } catch (e) {
        // The org already holds the change in memory; answering on would acknowledge what a restart would lose.
        (options.onJournalFailure ?? exitOnJournalFailure)(e as Error);
        throw e;
      }
      if (journal.wantsCompaction() && !compactionQueued) {
        // After this transaction, before the next: the queue runs one thing at a time.
        compactionQueued = true;
        void queue.run(() => {
          compactionQueued = false;
          const started = Date.now();
          try {
            const r = journal.compact();
            options.log?.(
              `journal: compacted ${Math.round(r.journalBytesBefore / 1024)} KB into a snapshot of ${r.rows} row(s) in ${Date.now() - started}ms`
            );
          } catch (e) {
            // The journal stays as it was (compaction is atomic); keep serving and say why.
            options.log?.(`journal: compaction failed (${(e as Error).message}); the journal keeps growing`);
          }
        });
      }
    }
    options.onCommitted?.(changes);
  }

  /** One Apex transaction (runtime/transaction.ts) whose committed rows are journaled under `label`. */
  function journaled<T>(label: string, work: () => T): TransactionOutcome<T> {
    const outcome = transactions.run(work);
    record(label, outcome.committed);
    return outcome;
  }

  /**
   * Work that committed transactions queued (Queueable and `@future` Apex, platform event subscribers, metadata
   * deployments and their callbacks) runs after them, each as its own queued, journaled transaction, so the request
   * that queued it is answered first, as with the platform's async jobs.
   */
  function runCommittedWork(): void {
    for (const work of transactions.takePending()) {
      void queue.run(() => {
        const outcome = transactions.runDeferred(work);
        record(work.label, outcome.committed);
        if (!outcome.ok) options.log?.(`${work.label} failed: ${failureText(outcome.error, runtime.apex)}`);
        runCommittedWork();
      });
    }
  }

  const transact = <T>(label: string, work: () => T): Promise<TransactionOutcome<T>> =>
    queue.run(() => {
      try {
        return journaled(label, work);
      } finally {
        runCommittedWork();
      }
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    // sf keeps the instance URL with a trailing slash, so its paths start with `//services`: collapse, never a host.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    // Browser pages authenticate with the session cookie that frontdoor.jsp sets, not with a bearer token.
    if (options.lightning?.matches(url.pathname)) {
      const status = await options.lightning.handle(req, res, url, transact);
      options.log?.(`${method} ${url.pathname} ${status} ${Date.now() - started}ms`);
      return;
    }
    // CometD long polls wait outside the transaction queue, so a held connect never delays other requests.
    if (streaming.matches(url.pathname)) {
      const status = await streaming.handle(req, res, url);
      options.log?.(`${method} ${url.pathname} ${status} ${Date.now() - started}ms`);
      return;
    }
    let limitsUsed: LimitsSnapshot = NO_USAGE;
    let answer: Answer;
    try {
      requireToken(req, token);
      usage.count();
      const body = await readBody(req, maxBody);
      const outcome = await queue.run(() => {
        try {
          return route(method, url, req, body);
        } finally {
          // Whatever the request's own transaction queued runs next, also when answering it failed afterwards.
          runCommittedWork();
        }
      });
      limitsUsed = outcome.usage;
      answer = outcome.answer;
    } catch (e) {
      if (e instanceof Routed) {
        limitsUsed = e.usage;
        answer = errorAnswer(e.cause);
      } else answer = errorAnswer(e);
    }
    answer.headers['X-LocalOrg-Limits'] = localOrgLimitsHeader(limitsUsed, runtime.platform.limits.max);
    answer.headers['Sforce-Limit-Info'] = usage.header();
    res.writeHead(answer.status, answer.headers);
    res.end(method === 'HEAD' ? undefined : answer.body);
    options.log?.(`${method} ${url.pathname} ${answer.status} ${Date.now() - started}ms`);
  }

  function route(
    method: string,
    url: URL,
    req: IncomingMessage,
    body: Buffer
  ): { answer: Answer; usage: LimitsSnapshot } {
    const path = url.pathname;
    const label = `${method} ${path}`;
    if (path.startsWith('/services/apexrest/') || path === '/services/apexrest') {
      if (!isRestVerb(method)) throw methodNotAllowed(method, ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
      const apex = runtime.apex;
      if (!apex) throw notFound(`Could not find a match for URL ${path.slice('/services/apexrest'.length)}`);
      const restPath = path.slice('/services/apexrest'.length) || '/';
      // Routing errors (404/405) come before the transaction: nothing runs, nothing is charged.
      router.resolve(method, restPath);
      const outcome = journaled(label, () =>
        dispatchApexRest(apex, router, {
          method,
          path: restPath,
          params: Object.fromEntries(url.searchParams),
          headers: headersOf(req),
          body,
          remoteAddress: req.socket.remoteAddress ?? '127.0.0.1'
        })
      );
      if (!outcome.ok) throw new Routed(asApexError(outcome.error, apex), outcome.usage);
      return { answer: outcome.value, usage: outcome.usage };
    }
    if (path === '/services/oauth2/userinfo' || path.startsWith('/id/')) {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method, ['GET', 'HEAD']);
      const outcome = journaled(label, () =>
        identityAnswer(runtime.platform, path, `http://${req.headers.host ?? 'localhost'}`)
      );
      if (!outcome.ok) throw new Routed(outcome.error, outcome.usage);
      return { answer: jsonAnswer(200, outcome.value), usage: NO_USAGE };
    }
    const soap = /^\/services\/Soap\/s\/(\d+\.\d+)\/[^/]+\/?$/.exec(path);
    if (soap) {
      if (method !== 'POST') throw methodNotAllowed(method, ['POST']);
      const outcome = journaled(label, () => handleSoapApex(runtime.developer, token, body, soap[1]));
      if (!outcome.ok) throw new Routed(outcome.error, outcome.usage);
      return { answer: xmlAnswer(outcome.value.status, outcome.value.body), usage: outcome.usage };
    }
    const segments = path.split('/').filter((s) => s !== '');
    if (segments[0] === 'services' && segments[1] === 'data' && segments[3] === 'tooling') {
      // Test runs are isolated from the org (never one request's transaction); tooling queries read the org.
      if (segments[4] === 'runTestsSynchronous' && segments.length === 5) {
        const json = runTestsSynchronous(runtime.platform, runtime.developer, method, body);
        return { answer: jsonAnswer(200, json), usage: NO_USAGE };
      }
      const empty = segments[4] === 'query' ? emptyToolingQuery(url.searchParams.get('q') ?? '') : null;
      if (empty) return { answer: jsonAnswer(200, empty), usage: NO_USAGE };
      segments.splice(3, 1);
    }
    if (segments[0] === 'services' && segments[1] === 'data') {
      if (segments.length === 2) {
        if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method, ['GET', 'HEAD']);
        return { answer: jsonAnswer(200, versionIndex()), usage: NO_USAGE };
      }
      const version = parseVersionSegment(segments[2]);
      if (!version) throw notFound();
      const outcome = journaled(label, () =>
        handleDataApi(runtime.platform, {
          method,
          version,
          segments: segments.slice(3),
          query: url.searchParams,
          body,
          headers: headersOf(req),
          cursors
        })
      );
      if (!outcome.ok) throw new Routed(asDataApiError(outcome.error, runtime.apex), outcome.usage);
      const a = outcome.value;
      const answer = a.json === undefined ? emptyAnswer(a.status) : jsonAnswer(a.status, a.json);
      Object.assign(answer.headers, a.headers ?? {});
      return { answer, usage: outcome.usage };
    }
    throw notFound();
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // Only reachable when writing the response itself failed (client gone); keep serving.
      options.log?.(`response failed: ${(e as Error).message}`);
    });
  });
  refuseUpgrades(server);
  server.on('close', () => streaming.close());
  return {
    server,
    idle: () => queue.run(() => undefined),
    transact
  };
}

/** Carries the usage of a transaction that failed, so the limits header still reports it. */
class Routed extends Error {
  constructor(
    override readonly cause: unknown,
    readonly usage: LimitsSnapshot
  ) {
    super('routed failure');
  }
}

function failureText(e: unknown, apex: ApexHost | null): string {
  const uncaught = apex?.asUncaughtApexError(e) ?? null;
  if (uncaught) return `${uncaught.typeName}: ${uncaught.message}`;
  return e instanceof Error ? e.message : String(e);
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function asApexError(e: unknown, apex: ApexHost): unknown {
  if (e instanceof HttpError || e instanceof ApexFailure) return e;
  const uncaught = apex.asUncaughtApexError(e);
  if (uncaught) return new ApexFailure(uncaught.typeName, uncaught.message, uncaught.stackTrace);
  if (e instanceof ApexRuntimeError) return new ApexFailure(e.typeName, e.message, '');
  return e;
}

/** Apex that fails under a data API write (a trigger) surfaces as the platform's entity error, not a 500. */
function asDataApiError(e: unknown, apex: ApexHost | null): unknown {
  if (e instanceof HttpError) return e;
  const uncaught = apex?.asUncaughtApexError(e) ?? null;
  const apexError = uncaught ?? (e instanceof ApexRuntimeError ? { typeName: e.typeName, message: e.message } : null);
  if (apexError) {
    return HttpError.of(400, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `${apexError.typeName}: ${apexError.message}`);
  }
  return e;
}

function errorAnswer(e: unknown): Answer {
  if (e instanceof HttpError) {
    const answer = jsonAnswer(e.status, e.errors as unknown as Json);
    Object.assign(answer.headers, e.headers);
    return answer;
  }
  if (e instanceof ApexFailure) return errorAnswer(e.toHttpError());
  if (e instanceof UnsupportedFeatureError) {
    return errorAnswer(HttpError.of(500, 'UNSUPPORTED_BY_LOCALORG', e.message));
  }
  // A defect in localorg itself: answer in the platform's shape, and keep the stack in the server's log only.
  process.stderr.write(`localorg: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  return errorAnswer(
    HttpError.of(500, 'UNKNOWN_EXCEPTION', `localorg internal error: ${(e as Error)?.message ?? String(e)}`)
  );
}

function jsonAnswer(status: number, json: Json): Answer {
  return {
    status,
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    body: Buffer.from(JSON.stringify(json), 'utf8')
  };
}

function xmlAnswer(status: number, xml: string): Answer {
  return { status, headers: { 'Content-Type': 'text/xml;charset=UTF-8' }, body: Buffer.from(xml, 'utf8') };
}

function emptyAnswer(status: number): Answer {
  return { status, headers: {}, body: Buffer.alloc(0) };
}
