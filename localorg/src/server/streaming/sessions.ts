/**
 * Streaming clients between requests: each handshake makes a client with its own queue of event messages and
 * subscriptions; a held `/meta/connect` waits on the client until a message is queued, the timeout passes or a newer
 * connect replaces it. Clients nobody has polled for a while are forgotten, as the platform drops idle clients (they
 * get `403::Unknown client` and handshake again).
 */
import { randomBytes } from 'node:crypto';
import type { BayeuxMessage } from './bayeux.js';

/**
 * A client that has not come back this long after its last answer is dropped [doc: Streaming API, "Clients and
 * Timeouts": 40 s reconnect timeout].
 */
export const CLIENT_IDLE_MS = 40_000;
/** Messages kept for a client that does not poll; older ones are dropped first. */
export const MAX_QUEUED = 10_000;

interface HeldConnect {
  wake: () => void;
}

export class StreamingClient {
  /** Subscribed channels: event object name in lower case → the channel as the client spelled it. */
  readonly subscriptions = new Map<string, string>();
  readonly queue: BayeuxMessage[] = [];
  lastSeen: number;
  private held: HeldConnect | null = null;

  constructor(
    readonly id: string,
    /** The API version of the endpoint the client handshook on (`62.0`). */
    readonly apiVersion: string,
    now: number
  ) {
    this.lastSeen = now;
  }

  push(message: BayeuxMessage): void {
    this.queue.push(message);
    if (this.queue.length > MAX_QUEUED) this.queue.splice(0, this.queue.length - MAX_QUEUED);
    this.wake();
  }

  /** Takes every queued message. */
  drain(): BayeuxMessage[] {
    return this.queue.splice(0, this.queue.length);
  }

  /**
   * Waits until a message is queued, `timeoutMs` passes or the client is woken (a newer connect, a disconnect);
   * resolves at once when messages are already waiting.
   */
  waitForMessages(timeoutMs: number): Promise<void> {
    this.wake();
    if (this.queue.length > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const held: HeldConnect = {
        wake: () => {
          clearTimeout(timer);
          if (this.held === held) this.held = null;
          resolve();
        }
      };
      const timer = setTimeout(() => held.wake(), timeoutMs);
      this.held = held;
    });
  }

  /** Ends a held connect now. */
  wake(): void {
    const held = this.held;
    this.held = null;
    held?.wake();
  }

  get waiting(): boolean {
    return this.held !== null;
  }
}

export class StreamingClients {
  private readonly clients = new Map<string, StreamingClient>();

  constructor(private readonly clock: () => number = Date.now) {}

  create(apiVersion: string): StreamingClient {
    this.sweep();
    const id = randomBytes(18).toString('base64url');
    const c = new StreamingClient(id, apiVersion, this.clock());
    this.clients.set(id, c);
    return c;
  }

  /** The client with this id, seen now; null when unknown or forgotten. */
  touch(id: unknown): StreamingClient | null {
    if (typeof id !== 'string') return null;
    const c = this.clients.get(id);
    if (!c) return null;
    c.lastSeen = this.clock();
    return c;
  }

  remove(id: string): void {
    const c = this.clients.get(id);
    this.clients.delete(id);
    c?.wake();
  }

  /** Clients subscribed to an event object's channel. */
  subscribedTo(eventObject: string): StreamingClient[] {
    const key = eventObject.toLowerCase();
    return [...this.clients.values()].filter((c) => c.subscriptions.has(key));
  }

  get size(): number {
    return this.clients.size;
  }

  /** Ends every held connect (server shutdown). */
  closeAll(): void {
    for (const c of this.clients.values()) c.wake();
    this.clients.clear();
  }

  private sweep(): void {
    const cutoff = this.clock() - CLIENT_IDLE_MS;
    for (const [id, c] of this.clients) if (!c.waiting && c.lastSeen < cutoff) this.clients.delete(id);
  }
}
