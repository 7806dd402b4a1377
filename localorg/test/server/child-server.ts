/** Spawns a serve process for a test and waits for its URL. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './helpers.js';

export interface ChildServer {
  url: string;
  child: ChildProcess;
  output(): string;
}

/** The real CLI: `node localorg/bin/localorg.js serve …`. */
export const CLI = path.join(REPO_ROOT, 'localorg', 'bin', 'localorg.js');

export function spawnServe(args: string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Each child records itself in its own run file, never in the repository's .localorg/server.json.
    env: {
      ...process.env,
      LOCALORG_TOKEN: '',
      PORT: '',
      LOCALORG_RUN_FILE: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-run-')), 'server.json')
    }
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within 60 s:\n${out}`));
    }, 60_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${out}`));
    });
  });
}

export function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}
