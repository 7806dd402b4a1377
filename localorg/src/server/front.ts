/**
 * The front: the HTTP server on the user's port, on the main thread. It forwards every request that needs the org to
 * the org worker's internal port and answers by itself what needs no transaction — the API versions index, `/limits`,
 * userinfo and the identity URL (from facts the worker pushes whenever the admin User changes) and the design system's
 * static assets — so these are answered at once even while a long Apex transaction runs in the worker.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { LimitsSnapshot } from '../runtime/data-platform.js';
import { parseVersionSegment } from './api-versions.js';
import { requireToken } from './auth.js';
import { limitsResource, versionIndex } from './data-api.js';
import { HttpError, methodNotAllowed, notFound } from './errors.js';
import { renderIdentity, type IdentityFacts } from './identity.js';
import { DAILY_API_REQUESTS, localOrgLimitsHeader, NO_USAGE } from './limits-headers.js';
import { staticFile } from './lightning/static-files.js';
import type { Json } from './sobject-json.js';
import { refuseUpgrades } from './streaming/cometd.js';

export interface FrontOptions {
  token: string;
  /** The org worker's internal server. */
  orgPort: number;
  limitsMax: LimitsSnapshot;
  /** The latest identity facts the worker pushed; null sends userinfo to the worker. */
  identity: () => IdentityFacts | null;
  /** The design system's assets folder (`/assets/…`), when the Lightning UI is served. */
  assetsDir: string | null;
}

interface Local {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const USAGE = /^api-usage=(\d+)\/\d+$/;

export interface Front {
  server: http.Server;
  /** Requests received and not yet answered. */
  inFlight(): number;
}

export function createFront(options: FrontOptions): Front {
  let open = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  // API calls the front answers itself; the worker counts the ones it serves, and the header reports the sum.
  let answeredHere = 0;
  let countedByWorker = 0;
  const usageHeader = (): string => `api-usage=${countedByWorker + answeredHere}/${DAILY_API_REQUESTS}`;

  function local(req: IncomingMessage, url: URL): Local | null {
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    if (path.startsWith('/assets/') && options.assetsDir) {
      const file = staticFile(options.assetsDir, path.slice('/assets/'.length));
      if (!file) return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('Not found') };
      return {
        status: 200,
        headers: { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=86400' },
        body: file.body
      };
    }
    const segments = path.split('/').filter((s) => s !== '');
    const versions = segments[0] === 'services' && segments[1] === 'data' && segments.length === 2;
    const limits =
      segments[0] === 'services' &&
      segments[1] === 'data' &&
      segments.length === 4 &&
      segments[3] === 'limits' &&
      parseVersionSegment(segments[2]) !== null;
    const identity = path === '/services/oauth2/userinfo' || path.startsWith('/id/');
    if (!versions && !limits && !(identity && options.identity())) return null;
    let answer: Local;
    try {
      requireToken(req, options.token);
      answeredHere++;
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method, ['GET', 'HEAD']);
      if (versions) answer = json(200, versionIndex());
      else if (limits) answer = json(200, limitsResource({ max: options.limitsMax }));
      else {
        const facts = options.identity();
        if (!facts) throw notFound();
        answer = json(200, renderIdentity(facts, path, `http://${req.headers.host ?? 'localhost'}`));
      }
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      answer = json(e.status, e.errors as unknown as Json);
      Object.assign(answer.headers, e.headers);
    }
    answer.headers['X-LocalOrg-Limits'] = localOrgLimitsHeader(NO_USAGE, options.limitsMax);
    answer.headers['Sforce-Limit-Info'] = usageHeader();
    return answer;
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const upstream = http.request(
      { host: '127.0.0.1', port: options.orgPort, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        const headers = { ...answer.headers };
        const m = USAGE.exec(String(headers['sforce-limit-info'] ?? ''));
        if (m) {
          countedByWorker = Math.max(countedByWorker, Number(m[1]));
          headers['sforce-limit-info'] = usageHeader();
        }
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
        answer.pipe(res);
      }
    );
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else send(res, req, json(503, [{ message: 'localorg is stopping', errorCode: 'SERVER_UNAVAILABLE' }]));
    });
    // A client that goes away takes its forwarded request with it (the transaction, once started, still completes).
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  const server = http.createServer((req, res) => {
    open++;
    res.once('close', () => open--);
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://localhost');
    const answer = local(req, url);
    if (answer) send(res, req, answer);
    else forward(req, res);
  });
  // Faye tries a WebSocket before long polling: answer 405 as the in-process server does rather than drop the socket.
  refuseUpgrades(server);
  return { server, inFlight: () => open };
}

function send(res: ServerResponse, req: IncomingMessage, answer: Local): void {
  res.writeHead(answer.status, answer.headers);
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}

function json(status: number, value: Json): Local {
  return {
    status,
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    body: Buffer.from(JSON.stringify(value), 'utf8')
  };
}
