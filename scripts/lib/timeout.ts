import { ScriptError } from './errors.js';

/**
 * Bounds a network step. jsforce and the streaming client have long or no timeouts, so an offline machine would
 * otherwise sit until the OS gives up; we would rather fail in seconds with a message that says what was waiting.
 */
// The timer is deliberately not unref'd: if the work has nothing else keeping the process alive, Node would otherwise
// exit early with code 0, which would read as success.
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string, remedy?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ScriptError('Timeout', `${what} did not answer within ${formatMs(ms)}.`, {
            remedy: remedy ?? 'Check the network connection and that the org is up, then run the script again.'
          })
        ),
      ms
    );
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
