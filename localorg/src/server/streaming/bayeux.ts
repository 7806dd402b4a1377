/**
 * Bayeux message shapes as Salesforce's CometD server writes them, and the event message a subscriber receives for a
 * platform event: `{channel, data: {schema, payload: {CreatedDate, CreatedById, …fields}, event: {EventUuid,
 * replayId}}}`. Error texts follow the platform's `code::reason` form.
 */
import { createHash } from 'node:crypto';
import type { EventMessage } from '../../data/events/event-store.js';
import { ApexDatetime } from '../../values/values.js';
import { valueToJson, type Json } from '../sobject-json.js';

export type BayeuxMessage = { [key: string]: Json };

/** Longest a `/meta/connect` is held when no event arrives [doc: Streaming API, "Clients and Timeouts": 110 s]. */
export const CONNECT_TIMEOUT_MS = 110_000;

/** The advice every successful connect carries (clients reconnect at once, within the timeout). */
export function connectAdvice(timeoutMs: number): BayeuxMessage {
  return { interval: 0, timeout: timeoutMs, reconnect: 'retry' };
}

/** A failed reply to `message` on its channel, with the platform's `code::reason` error. */
export function failure(message: BayeuxMessage | null, error: string, extra: BayeuxMessage = {}): BayeuxMessage {
  const reply: BayeuxMessage = {
    channel: typeof message?.channel === 'string' ? message.channel : '/meta/unknown',
    successful: false,
    error
  };
  if (message && (typeof message.id === 'string' || typeof message.id === 'number')) reply.id = message.id;
  if (message && typeof message.clientId === 'string') reply.clientId = message.clientId;
  return { ...reply, ...extra };
}

/** What `/meta/connect` from a client the server does not know gets: re-handshake now. */
export function unknownClient(message: BayeuxMessage): BayeuxMessage {
  return failure(message, '403::Unknown client', { advice: { reconnect: 'handshake', interval: 0 } });
}

/** The platform's refusal of an invalid replay id in `ext.replay`. */
export function invalidReplayId(replayId: Json): string {
  return `400::The replayId {${JSON.stringify(replayId)}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;
}

/** A stable schema id for an event's field set (the platform gives each schema version an opaque id). */
export function schemaIdOf(message: EventMessage): string {
  const names = [...message.record.names.values()].sort().join(',');
  return createHash('sha256').update(`${message.channel}:${names}`).digest('base64url').slice(0, 22);
}

const EVENT_ONLY = new Set(['replayid', 'eventuuid']);

/** The message a subscriber of `/event/<Name>__e` receives. */
export function eventDelivery(channel: string, message: EventMessage, apiVersion: string): BayeuxMessage {
  const payload: { [key: string]: Json } = {};
  for (const [key, value] of message.record.fields) {
    if (EVENT_ONLY.has(key)) continue;
    const name = message.record.names.get(key) ?? key;
    // Datetimes travel as ISO 8601 with milliseconds and Z in streaming payloads [mem].
    payload[name] =
      value instanceof ApexDatetime ? new Date(value.epochMs).toISOString() : valueToJson(value, apiVersion);
  }
  return {
    channel,
    data: {
      schema: schemaIdOf(message),
      payload,
      event: { EventUuid: message.uuid, replayId: message.replayId }
    }
  };
}
