/**
 * The run file: where a started server records its URL, token and pid (`.localorg/server.json` by default, mode 0600
 * because it holds the token), so that `npm run demo` and other local clients find the server they were started beside
 * — port included — without the user copying anything. Removed on a clean stop; a stale file (its pid gone) is
 * recognised as such by readers.
 */
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_RUN_FILE = path.join('.localorg', 'server.json');

export interface RunInfo {
  url: string;
  token: string;
  pid: number;
  startedAt: string;
}

export function writeRunFile(file: string, info: RunInfo): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Removes the file only if it still describes this process (another server may have started since). */
export function removeRunFile(file: string, pid = process.pid): void {
  const info = readRunFile(file);
  if (info && info.pid === pid) fs.rmSync(file, { force: true });
}

/** The recorded server, or null when there is no readable run file. */
export function readRunFile(file: string): RunInfo | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const v = JSON.parse(text) as Partial<RunInfo>;
    if (typeof v.url !== 'string' || typeof v.token !== 'string' || typeof v.pid !== 'number') return null;
    return { url: v.url, token: v.token, pid: v.pid, startedAt: String(v.startedAt ?? '') };
  } catch {
    return null;
  }
}

/** True when a process with this pid exists (signal 0 checks without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
