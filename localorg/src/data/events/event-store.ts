/**
 * The event bus's storage: one stream per platform event channel (`Name__e`), each message with a replay id that
 * increases by one per channel from 1, kept for 72 hours (the retention of high-volume platform events) and then
 * dropped. Subscribers (the streaming endpoint) register a listener and read a channel from a replay id; Apex
 * triggers are driven by the event bus, not from here.
 */
import type { SObject } from '../../values/values.js';

/** How long the event bus keeps a message [doc: Platform Events Developer Guide, "Message Durability": 72 hours]. */
export const RETENTION_MS = 72 * 60 * 60 * 1000;

/** One published event message. */
export interface EventMessage {
  /** The event object's API name, as declared (`BookingChanged__e`). */
  channel: string;
  replayId: number;
  /** EventUuid: a version-4 UUID. */
  uuid: string;
  /** Epoch ms of publication (CreatedDate). */
  createdDate: number;
  /** 18-character Id of the publishing user (CreatedById). */
  createdById: string;
  /** The message as subscribers receive it: custom fields plus ReplayId, EventUuid, CreatedDate and CreatedById. */
  record: SObject;
}

/** What a replay request selects: -1 new messages only, -2 every retained message, N the messages after N. */
export type ReplayFrom = number;

interface Stream {
  channel: string;
  last: number;
  messages: EventMessage[];
}

export class EventStore {
  private readonly streams = new Map<string, Stream>();
  private readonly listeners = new Set<(message: EventMessage) => void>();

  constructor(private readonly clock: () => number) {}

  private stream(channel: string): Stream {
    const key = channel.toLowerCase();
    let s = this.streams.get(key);
    if (!s) this.streams.set(key, (s = { channel, last: 0, messages: [] }));
    return s;
  }

  /** The replay id the next message on the channel gets. */
  nextReplayId(channel: string): number {
    return this.stream(channel).last + 1;
  }

  /** Stores a message (its replay id must be the channel's next) and tells the listeners. */
  append(message: EventMessage): void {
    const s = this.stream(message.channel);
    if (message.replayId !== s.last + 1) {
      throw new Error(`event store: ${message.channel} expected replay id ${s.last + 1}, got ${message.replayId}`);
    }
    s.last = message.replayId;
    s.messages.push(message);
    this.expire(s);
    for (const l of this.listeners) l(message);
  }

  /**
   * Puts back a message read from the journal: replay ids keep their values (gaps allowed, never backwards), messages
   * past retention are counted but not kept, and no listener is told.
   */
  restore(message: EventMessage): void {
    const s = this.stream(message.channel);
    if (message.replayId <= s.last) return;
    s.last = message.replayId;
    s.messages.push(message);
    this.expire(s);
  }

  /** Messages of a channel still retained, oldest first. */
  retained(channel: string): EventMessage[] {
    const s = this.stream(channel);
    this.expire(s);
    return [...s.messages];
  }

  /** The last replay id given on the channel (0 when none). */
  lastReplayId(channel: string): number {
    return this.stream(channel).last;
  }

  /**
   * The messages a subscriber asking for `from` receives now: none for -1, every retained one for -2, those after N
   * for N. Null when N cannot be served: beyond the last replay id, or older than the oldest retained message's
   * predecessor (messages after it have expired) [doc: Streaming API, "Message Durability"].
   */
  replay(channel: string, from: ReplayFrom): EventMessage[] | null {
    const s = this.stream(channel);
    this.expire(s);
    if (from === -1) return [];
    if (from === -2) return [...s.messages];
    if (!Number.isInteger(from) || from < 0 || from > s.last) return null;
    const oldest = s.messages.length > 0 ? s.messages[0].replayId : s.last + 1;
    if (from < oldest - 1) return null;
    return s.messages.filter((m) => m.replayId > from);
  }

  /** Registers a listener for messages appended from now on; returns its removal. */
  listen(listener: (message: EventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private expire(s: Stream): void {
    const cutoff = this.clock() - RETENTION_MS;
    let drop = 0;
    while (drop < s.messages.length && s.messages[drop].createdDate < cutoff) drop++;
    if (drop > 0) s.messages.splice(0, drop);
  }
}
