/**
 * Which server `npm run demo` talks to: flags first, then LOCALORG_URL / PORT and LOCALORG_TOKEN, then the run file a
 * started `localorg serve` wrote beside it (`.localorg/server.json`: URL with its port, token, pid). A run file whose
 * server is gone is reported rather than used, so the user hears "the server stopped" instead of a bare ECONNREFUSED.
 */
import path from 'node:path';
import { DEFAULT_RUN_FILE, processAlive, readRunFile, type RunInfo } from '../../localorg/src/server/run-file.js';

export interface DemoTarget {
  url: string;
  token: string;
  /** Where the URL and token came from, printed before the run. */
  from: string;
}

export class TargetError extends Error {}

export interface TargetInputs {
  flags: { url?: string; token?: string };
  env: NodeJS.ProcessEnv;
  cwd: string;
  read?: (file: string) => RunInfo | null;
  alive?: (pid: number) => boolean;
}

export function resolveTarget(i: TargetInputs): DemoTarget {
  const runFile = path.resolve(i.cwd, i.env.LOCALORG_RUN_FILE || DEFAULT_RUN_FILE);
  const recorded = (i.read ?? readRunFile)(runFile);
  const live = recorded && (i.alive ?? processAlive)(recorded.pid) ? recorded : null;
  const explicitUrl = i.flags.url ?? (i.env.LOCALORG_URL || undefined);
  const portUrl = i.env.PORT ? `http://127.0.0.1:${i.env.PORT}` : undefined;
  const url = explicitUrl ?? portUrl ?? live?.url;
  const token =
    i.flags.token ?? (i.env.LOCALORG_TOKEN || undefined) ?? (live && url === live.url ? live.token : undefined);
  const rel = path.relative(i.cwd, runFile) || runFile;
  if (!url || !token) {
    const stale = recorded && !live ? ` (${rel} names pid ${recorded.pid}, which is no longer running)` : '';
    throw new TargetError(
      `no running localorg found${stale}; start one with \`npm start\` in this folder, or pass --url URL --token 'TOKEN' (env LOCALORG_URL, LOCALORG_TOKEN)`
    );
  }
  const from = url === live?.url && token === live.token ? rel : explicitUrl ? 'flags/environment' : 'PORT and token';
  return { url: url.replace(/\/$/, ''), token, from };
}
