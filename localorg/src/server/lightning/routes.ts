/**
 * The Lightning shell's HTTP routes: `/secur/frontdoor.jsp` (sign-in), the Lightning pages (`/lightning/n/<Tab>`,
 * `/lightning/r/<Object>/<Id>/view`, `/lightning/o/<Object>/home`), the compiled bundle and the design system's
 * assets, and the endpoints components call (`/lightning/apex`, `/lightning/ui-api/records`). Pages and calls need
 * the browser session; data work runs as one queued transaction per call, like every other request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BundleCache } from '../../lightning/build/bundle-cache.js';
import type { UiMetadata } from '../../lightning/metadata/project-ui.js';
import type { TransactionOutcome } from '../../runtime/transaction.js';
import { readBody } from '../request-body.js';
import type { ApexHost, ServerDataPlatform } from '../runtime-seams.js';
import { AuraError, parseApexCall, resolveAuraMethod, runAuraMethod } from './apex-bridge.js';
import { buildingPage, errorPage, shellPage } from './html.js';
import { objectHomePage, PageError, recordPage, relatedListPage, tabPage, tabUrl, type PageConfig } from './pages.js';
import { sessionCookie, type SessionStore } from './sessions.js';
import { staticFile } from './static-files.js';
import { handleUiApi, UiApiError } from './ui-api.js';
import { handleRelatedListRecords } from './related-lists.js';

export interface LightningDeps {
  ui: UiMetadata;
  bundle: Pick<BundleCache, 'status'>;
  sessions: SessionStore;
  platform: ServerDataPlatform;
  apex: ApexHost | null;
  designSystemAssets: string;
  log: (line: string) => void;
}

export type Transact = <T>(label: string, work: () => T) => Promise<TransactionOutcome<T>>;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export interface LightningRoutes {
  matches(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, transact: Transact): Promise<number>;
}

const MAX_BODY = 6 * 1024 * 1024;

export function createLightningRoutes(deps: LightningDeps): LightningRoutes {
  return {
    matches: (p) =>
      p === '/secur/frontdoor.jsp' || p === '/lightning' || p.startsWith('/lightning/') || p.startsWith('/assets/'),
    async handle(req, res, url, transact) {
      let reply: Reply;
      try {
        reply = await route(deps, req, url, transact);
      } catch (e) {
        reply = failure(deps, url, e);
      }
      res.writeHead(reply.status, reply.headers);
      res.end(req.method === 'HEAD' ? undefined : reply.body);
      return reply.status;
    }
  };
}

const html = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  body
});

const json = (status: number, value: unknown): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json;charset=UTF-8', 'Cache-Control': 'no-store' },
  body: value === null ? '' : JSON.stringify(value)
});

const redirect = (location: string, headers: Record<string, string> = {}): Reply => ({
  status: 302,
  headers: { Location: location, 'Cache-Control': 'no-store', ...headers },
  body: ''
});

function isApiPath(p: string): boolean {
  return (
    p === '/lightning/apex' ||
    p.startsWith('/lightning/ui-api/') ||
    p === '/lightning/_log' ||
    p === '/lightning/_status'
  );
}

function failure(deps: LightningDeps, url: URL, e: unknown): Reply {
  if (e instanceof PageError) {
    if (e.status >= 500) deps.log(`lightning: ${url.pathname}: ${e.title}: ${e.message}`);
    return html(e.status, errorPage(e.title, e.message));
  }
  if (e instanceof AuraError) return json(e.status, e.body);
  if (e instanceof UiApiError) return json(e.status, e.body);
  const message = (e as Error)?.stack ?? String(e);
  deps.log(`lightning: internal error on ${url.pathname}: ${message}`);
  if (isApiPath(url.pathname))
    return json(500, { message: `localorg internal error: ${(e as Error)?.message ?? String(e)}` });
  return html(
    500,
    errorPage('This page could not be shown', `localorg internal error: ${(e as Error)?.message ?? String(e)}`)
  );
}

async function route(deps: LightningDeps, req: IncomingMessage, url: URL, transact: Transact): Promise<Reply> {
  const method = (req.method ?? 'GET').toUpperCase();
  const p = url.pathname;
  if (p.startsWith('/assets/')) {
    const file = staticFile(deps.designSystemAssets, p.slice('/assets/'.length));
    if (!file) return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not found' };
    return {
      status: 200,
      headers: { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=86400' },
      body: file.body
    };
  }
  if (p === '/secur/frontdoor.jsp') return frontdoor(deps, req, url);
  const session = deps.sessions.of(req);
  if (!session) {
    if (isApiPath(p)) return json(401, { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' });
    return html(
      401,
      errorPage(
        'Sign in first',
        'This page needs a browser session. Open the link that `npm start` prints (/secur/frontdoor.jsp?sid=<token>&retURL=…); it signs this browser in and comes back here.'
      )
    );
  }
  if (p.startsWith('/lightning/_bundle/')) return bundleFile(deps, p.slice('/lightning/_bundle/'.length));
  if (p === '/lightning/_status') return json(200, deps.bundle.status);
  if (p === '/lightning/_log' && method === 'POST') {
    const body = await readBody(req, 64 * 1024);
    let entry: { title?: string; message?: string; page?: string } = {};
    try {
      entry = JSON.parse(body.toString('utf8')) as typeof entry;
    } catch {
      entry = { message: body.toString('utf8') };
    }
    deps.log(`lightning: browser error on ${entry.page ?? '?'}: ${entry.title ?? ''}: ${entry.message ?? ''}`);
    return json(204, null);
  }
  if (p === '/lightning/apex') {
    if (method !== 'POST') return json(405, { message: 'POST only' });
    return apexCall(deps, await readBody(req, MAX_BODY), transact);
  }
  if (p.startsWith('/lightning/ui-api/related-list-records/')) {
    if (method !== 'GET') return json(405, { message: `HTTP Method '${method}' not allowed. Allowed are GET` });
    const segments = p
      .slice('/lightning/ui-api/related-list-records/'.length)
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    const user = { locale: deps.platform.user.locale, timeZone: deps.platform.user.timeZone };
    const outcome = await transact(`${method} ${p}`, () =>
      handleRelatedListRecords(deps.platform, user, { segments, query: url.searchParams })
    );
    if (!outcome.ok) throw outcome.error;
    return json(200, outcome.value);
  }
  if (p.startsWith('/lightning/ui-api/records')) {
    const segments = p.slice('/lightning/ui-api/records'.length).split('/').filter(Boolean).map(decodeURIComponent);
    const body = method === 'GET' ? Buffer.alloc(0) : await readBody(req, MAX_BODY);
    const user = { locale: deps.platform.user.locale, timeZone: deps.platform.user.timeZone };
    const outcome = await transact(`${method} ${p}`, () =>
      handleUiApi(deps.platform, user, { method, segments, query: url.searchParams, body })
    );
    if (!outcome.ok) throw outcome.error;
    return json(outcome.value.status, outcome.value.json);
  }
  if (method !== 'GET' && method !== 'HEAD') return html(405, errorPage('Method not allowed', `${method} ${p}`));
  return page(deps, p, transact);
}

function frontdoor(deps: LightningDeps, req: IncomingMessage, url: URL): Reply {
  const sid = url.searchParams.get('sid');
  if (!sid) {
    return html(
      400,
      errorPage('Missing session id', 'frontdoor.jsp needs ?sid=<access token>: use the link `npm start` prints.')
    );
  }
  if (!deps.sessions.acceptsToken(sid)) {
    return html(
      401,
      errorPage(
        'Invalid session id',
        "The sid is not this org's access token (a restarted server prints a new one unless LOCALORG_TOKEN fixes it)."
      )
    );
  }
  const retURL = url.searchParams.get('retURL') ?? '/lightning';
  // Only paths on this server: an absolute or protocol-relative URL would make the sign-in an open redirect.
  if (!retURL.startsWith('/') || retURL.startsWith('//') || retURL.includes('\\')) {
    return html(
      400,
      errorPage('Invalid retURL', `retURL must be a path on this server, such as /lightning/n/MyTab (got ${retURL}).`)
    );
  }
  const session = deps.sessions.create();
  const secure = (req.headers['x-forwarded-proto'] ?? '') === 'https';
  return redirect(retURL, { 'Set-Cookie': sessionCookie(session, secure) });
}

function bundleFile(deps: LightningDeps, rest: string): Reply {
  const status = deps.bundle.status;
  const slash = rest.indexOf('/');
  const hash = rest.slice(0, slash);
  if (status.state !== 'ready' || hash !== status.hash)
    return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not found' };
  const file = staticFile(status.dir, rest.slice(slash + 1));
  if (!file) return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not found' };
  // The folder is named by the content hash: a file under it never changes.
  return {
    status: 200,
    headers: { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable' },
    body: file.body
  };
}

async function apexCall(deps: LightningDeps, body: Buffer, transact: Transact): Promise<Reply> {
  const apex = deps.apex;
  if (!apex) throw new AuraError(404, { message: 'This org has no Apex classes' });
  const call = parseApexCall(body);
  const info = resolveAuraMethod(apex, call);
  const outcome = await transact(`apex ${info.className}.${info.methodName}`, () =>
    runAuraMethod(apex, info, call, () => deps.platform.limits.current().dmlStatements)
  );
  if (!outcome.ok) {
    const e = outcome.error;
    if (e instanceof AuraError) throw e;
    const uncaught = apex.asUncaughtApexError(e);
    if (uncaught) {
      throw new AuraError(500, {
        message: uncaught.message,
        exceptionType: uncaught.typeName,
        isUserDefinedException: false,
        stackTrace: uncaught.stackTrace
      });
    }
    throw e;
  }
  return json(outcome.value.status, outcome.value.json);
}

function parsePage(
  p: string
):
  | { kind: 'home' }
  | { kind: 'tab'; tab: string }
  | { kind: 'record'; object: string | null; id: string }
  | { kind: 'object'; object: string }
  | { kind: 'related'; object: string; id: string; list: string }
  | null {
  const s = p.split('/').filter(Boolean).map(decodeURIComponent);
  if (s.length === 1 || (s[1] === 'page' && s[2] === 'home')) return { kind: 'home' };
  if (s[1] === 'n' && s.length === 3) return { kind: 'tab', tab: s[2] };
  if (s[1] === 'r' && s.length === 5 && s[4] === 'view') return { kind: 'record', object: s[2], id: s[3] };
  if (s[1] === 'r' && s.length === 4 && s[3] === 'view') return { kind: 'record', object: null, id: s[2] };
  if (s[1] === 'r' && s.length === 7 && s[4] === 'related' && s[6] === 'view') {
    return { kind: 'related', object: s[2], id: s[3], list: s[5] };
  }
  if (s[1] === 'o' && s.length === 4 && (s[3] === 'home' || s[3] === 'list')) return { kind: 'object', object: s[2] };
  return null;
}

async function page(deps: LightningDeps, p: string, transact: Transact): Promise<Reply> {
  const target = parsePage(p);
  if (!target)
    throw new PageError(
      404,
      'Page not found',
      `localorg serves /lightning/n/<Tab>, /lightning/r/<Object>/<Id>/view and /lightning/o/<Object>/home; not ${p}.`
    );
  if (target.kind === 'home') {
    const first = deps.ui.apps[0]?.tabs[0];
    if (!first) throw new PageError(404, 'No Lightning app', 'The project has no CustomApplication with tabs.');
    return redirect(tabUrl(first));
  }
  const outcome = await transact(`page ${p}`, (): PageConfig => {
    if (target.kind === 'tab') return tabPage(deps.ui, deps.platform, target.tab);
    if (target.kind === 'record') return recordPage(deps.ui, deps.platform, target.object, target.id);
    if (target.kind === 'related') {
      return relatedListPage(deps.ui, deps.platform, target.object, target.id, target.list);
    }
    return objectHomePage(deps.ui, deps.platform, target.object);
  });
  if (!outcome.ok) throw outcome.error;
  const config = outcome.value;
  const status = deps.bundle.status;
  if (status.state === 'building') {
    const pct = status.expectedModules
      ? Math.min(99, Math.round((100 * status.modules) / status.expectedModules))
      : null;
    const detail = `${status.modules} modules compiled${pct !== null ? ` (${pct}%)` : ''}, ${Math.round((Date.now() - status.startedAt) / 1000)}s so far`;
    return html(200, buildingPage(config.title, detail));
  }
  if (status.state === 'failed') {
    deps.log(`lightning: ${p}: the component bundle failed to build`);
    return html(500, errorPage('The Lightning components failed to compile', status.message));
  }
  return html(200, shellPage(config.title, config, `/lightning/_bundle/${status.hash}/entry.js`));
}
