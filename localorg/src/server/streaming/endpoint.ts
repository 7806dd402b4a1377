/** Builds the CometD endpoint over the org's event bus (the one place that adapts the data platform to the feed). */
import type { ServerDataPlatform } from '../runtime-seams.js';
import { CometdEndpoint, type StreamingFeed } from './cometd.js';

export function streamingEndpoint(
  platform: ServerDataPlatform,
  token: string,
  connectTimeoutMs?: number
): CometdEndpoint {
  const feed: StreamingFeed = {
    eventObject: (name) => (platform.events.isEventObject(name) ? (platform.describeObject(name)?.name ?? null) : null),
    replay: (eventObject, from) => platform.events.store.replay(eventObject, from),
    listen: (listener) => platform.events.store.listen(listener)
  };
  return new CometdEndpoint({ token, feed, ...(connectTimeoutMs ? { connectTimeoutMs } : {}) });
}
