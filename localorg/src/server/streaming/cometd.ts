/**
 * The streaming endpoint: CometD (Bayeux 1.0, long polling) at `/cometd/<version>`, as jsforce's streaming client
 * (Faye) speaks it. `/meta/handshake` makes a client, `/meta/subscribe` to `/event/<Name>__e` (with the replay
 * extension: -1 new only, -2 all retained, N after N) registers it, `/meta/connect` returns queued event messages or
 * is held until one arrives or the timeout passes, `/meta/unsubscribe` and `/meta/disconnect` end it. Held connects
 * wait outside the server's transaction queue, so they never delay other requests. Every problem is answered as a
 * Bayeux error message (`code::reason`), never a 500.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { EventMessage } from '../../data/events/event-store.js';
import { parseVersionSegment } from '../api-versions.js';
import { bearerTokenOf } from '../auth.js';
import { readBody } from '../request-body.js';
import type { Json } from '../sobject-json.js';
import {
  CONNECT_TIMEOUT_MS,
  connectAdvice,
  eventDelivery,
  failure,
  invalidReplayId,
  unknownClient,
  type BayeuxMessage
} from './bayeux.js';
import { StreamingClients, type StreamingClient } from './sessions.js';

/** What the endpoint reads from the event bus. */
export interface StreamingFeed {
  /** The event object's API name for a name in any spelling, or null when it is not a platform event. */
  eventObject(name: string): string | null;
  /** Messages a subscriber asking for `from` receives now; null when `from` cannot be served. */
  replay(eventObject: string, from: number): EventMessage[] | null;
  /** Hears every message published from now on. */
  listen(listener: (message: EventMessage) => void): () => void;
}

export interface CometdOptions {
  token: string;
  feed: StreamingFeed;
  /** How long a connect is held (default 110 s, the platform's). */
  connectTimeoutMs?: number;
  maxBodyBytes?: number;
}

const PATH = /^\/cometd\/(\d{2}\.\d)\/?$/;
/** Largest request body the platform's CometD server accepts [doc: "How the Client Connects": 32,768 bytes]. */
export const MAX_BAYEUX_BYTES = 32_768;

export class CometdEndpoint {
  private readonly clients = new StreamingClients();
  private readonly timeoutMs: number;
  private readonly stopListening: () => void;

  constructor(private readonly options: CometdOptions) {
    this.timeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    this.stopListening = options.feed.listen((m) => this.deliver(m));
  }

  matches(pathname: string): boolean {
    return pathname === '/cometd' || pathname.startsWith('/cometd/');
  }

  /** Answers one request; returns the HTTP status for the log. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    const m = PATH.exec(url.pathname);
    const version = m ? parseVersionSegment(`v${m[1]}`) : null;
    if (!version) {
      return send(res, 404, [
        failure(null, `404::Unknown streaming endpoint ${url.pathname}; use /cometd/<API version>`)
      ]);
    }
    if (req.method !== 'POST') {
      // Faye probes with a WebSocket GET first; long polling is the only transport here.
      res.setHeader('Allow', 'POST');
      return send(res, 405, [failure(null, `405::${req.method ?? 'GET'} is not supported; POST Bayeux messages`)]);
    }
    let body: Buffer;
    try {
      body = await readBody(req, this.options.maxBodyBytes ?? MAX_BAYEUX_BYTES);
    } catch {
      return send(res, 413, [failure(null, '413::Maximum Request Size Exceeded')]);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (e) {
      return send(res, 400, [failure(null, `400::Malformed JSON: ${(e as Error).message}`)]);
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    const messages: (BayeuxMessage | null)[] = list.map((x) =>
      x !== null && typeof x === 'object' && !Array.isArray(x) && typeof (x as BayeuxMessage).channel === 'string'
        ? (x as BayeuxMessage)
        : null
    );
    if (messages.length === 0) return send(res, 400, [failure(null, '400::No Bayeux message in the request')]);
    if (!this.authorized(req)) return send(res, 401, messages.map(denied));

    const replies: BayeuxMessage[] = [];
    let connect: { client: StreamingClient; message: BayeuxMessage } | null = null;
    for (const message of messages) {
      if (!message) {
        replies.push(failure(null, '400::A Bayeux message is an object with a "channel"'));
        continue;
      }
      const reply = this.process(message, version);
      if ('connect' in reply) connect = reply.connect;
      else replies.push(reply.reply);
    }
    if (connect) {
      const { client, message } = connect;
      const advice = message.advice as { timeout?: unknown } | undefined;
      const answerNow = messages.length > 1 || advice?.timeout === 0 || client.queue.length > 0;
      if (!answerNow) {
        const gone = (): void => client.wake();
        req.socket.once('close', gone);
        await client.waitForMessages(this.timeoutMs);
        req.socket.off('close', gone);
        // A poll whose client went away leaves the messages queued for the next one.
        if (req.socket.destroyed) return 0;
        this.clients.touch(client.id);
      }
      replies.push(...client.drain(), {
        channel: '/meta/connect',
        ...idOf(message),
        clientId: client.id,
        successful: true,
        advice: connectAdvice(this.timeoutMs)
      });
    }
    return send(res, 200, replies);
  }

  /** Ends every held connect (server shutdown) and stops listening to the event bus. */
  close(): void {
    this.stopListening();
    this.clients.closeAll();
  }

  private process(
    message: BayeuxMessage,
    version: string
  ): { reply: BayeuxMessage } | { connect: { client: StreamingClient; message: BayeuxMessage } } {
    const channel = message.channel as string;
    if (channel === '/meta/handshake') return { reply: this.handshake(message, version) };
    const client = this.clients.touch(message.clientId);
    if (channel.startsWith('/meta/') && !client && channel !== '/meta/disconnect') {
      return { reply: unknownClient(message) };
    }
    switch (channel) {
      case '/meta/connect':
        if (message.connectionType !== undefined && message.connectionType !== 'long-polling') {
          return {
            reply: failure(message, `400::Unsupported connection type ${JSON.stringify(message.connectionType)}`)
          };
        }
        return { connect: { client: client!, message } };
      case '/meta/subscribe':
        return { reply: this.subscribe(client!, message) };
      case '/meta/unsubscribe':
        return { reply: this.unsubscribe(client!, message) };
      case '/meta/disconnect':
        if (client) this.clients.remove(client.id);
        return { reply: { channel, ...idOf(message), clientId: client?.id ?? null, successful: !!client } };
      default:
        if (channel.startsWith('/meta/')) return { reply: failure(message, `400::Unknown meta channel ${channel}`) };
        // Platform events are published through the REST API or Apex, not by streaming clients [mem].
        return { reply: failure(message, `403::Publish denied on ${channel}`) };
    }
  }

  private handshake(message: BayeuxMessage, version: string): BayeuxMessage {
    const types = message.supportedConnectionTypes;
    if (Array.isArray(types) && !types.includes('long-polling')) {
      return failure(message, '400::Only the long-polling connection type is supported', {
        supportedConnectionTypes: ['long-polling']
      });
    }
    const client = this.clients.create(version);
    return {
      channel: '/meta/handshake',
      ...idOf(message),
      version: '1.0',
      minimumVersion: '1.0',
      clientId: client.id,
      supportedConnectionTypes: ['long-polling'],
      ext: { replay: true, 'payload.format': true },
      successful: true
    };
  }

  private subscribe(client: StreamingClient, message: BayeuxMessage): BayeuxMessage {
    const subscription = message.subscription;
    if (typeof subscription !== 'string') {
      return failure(message, '400::The subscribe message needs a "subscription" channel');
    }
    const base = { subscription };
    const m = /^\/event\/([A-Za-z][A-Za-z0-9_]*)$/.exec(subscription);
    const eventObject = m ? this.options.feed.eventObject(m[1]) : null;
    if (!eventObject) {
      return failure(message, `400::The channel you requested to subscribe to does not exist {${subscription}}`, base);
    }
    const ext = message.ext as { replay?: Record<string, Json> } | undefined;
    const requested = ext?.replay && typeof ext.replay === 'object' ? replayFor(ext.replay, subscription) : undefined;
    const from = requested === undefined || requested === null ? -1 : requested;
    const replayed = typeof from === 'number' ? this.options.feed.replay(eventObject, from) : null;
    if (!replayed) return failure(message, invalidReplayId(from), base);
    client.subscriptions.set(eventObject.toLowerCase(), subscription);
    for (const m2 of replayed) client.push(eventDelivery(subscription, m2, client.apiVersion));
    return { channel: '/meta/subscribe', ...idOf(message), clientId: client.id, subscription, successful: true };
  }

  private unsubscribe(client: StreamingClient, message: BayeuxMessage): BayeuxMessage {
    const subscription = message.subscription;
    const m = typeof subscription === 'string' ? /^\/event\/([A-Za-z][A-Za-z0-9_]*)$/.exec(subscription) : null;
    const key = m ? m[1].toLowerCase() : null;
    if (!key || !client.subscriptions.has(key)) {
      return failure(message, `400::Not subscribed to ${JSON.stringify(subscription ?? null)}`, {
        subscription: subscription ?? null
      });
    }
    client.subscriptions.delete(key);
    return { channel: '/meta/unsubscribe', ...idOf(message), clientId: client.id, subscription, successful: true };
  }

  private deliver(message: EventMessage): void {
    for (const client of this.clients.subscribedTo(message.channel)) {
      const channel = client.subscriptions.get(message.channel.toLowerCase())!;
      client.push(eventDelivery(channel, message, client.apiVersion));
    }
  }

  private authorized(req: IncomingMessage): boolean {
    const given = bearerTokenOf(req);
    if (given === null) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.options.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

/** The replay id asked for a channel; the map's key may be spelled in another case. */
function replayFor(map: Record<string, Json>, channel: string): Json | undefined {
  if (channel in map) return map[channel];
  const key = Object.keys(map).find((k) => k.toLowerCase() === channel.toLowerCase());
  return key === undefined ? undefined : map[key];
}

function idOf(message: BayeuxMessage): BayeuxMessage {
  return message.id === undefined ? {} : { id: message.id };
}

/** A request without the org's token: the handshake is denied for good (clients must not retry with it). */
function denied(message: BayeuxMessage | null): BayeuxMessage {
  if (message?.channel === '/meta/handshake') {
    return failure(message, '403::Handshake denied', {
      ext: { sfdc: { failureReason: '401::Authentication invalid' } },
      advice: { reconnect: 'none' }
    });
  }
  return failure(message, '401::Authentication invalid', { advice: { reconnect: 'none' } });
}

function send(res: ServerResponse, status: number, replies: BayeuxMessage[]): number {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(replies));
  return status;
}

/**
 * Refuses WebSocket upgrades (Faye tries one before long polling) with a plain 405 instead of leaving the socket
 * hanging; long polling then takes over.
 */
export function refuseUpgrades(server: Server): void {
  server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => {
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: POST\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
}
