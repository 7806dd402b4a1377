/**
 * The data folder's exclusive lock: `DIR/lock` holds the pid of the server using the folder. A second server (or
 * `localorg compact`) on the same folder refuses, naming that pid, instead of both appending to one journal and
 * losing each other's acknowledged changes. A lock left by a process that died (kill -9) is taken over. Creation is
 * atomic (`link` fails when the name exists), and a takeover renames the stale file away first so two starters cannot
 * both win.
 */
import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from './run-file.js';

export const LOCK_FILE = 'lock';

export class LockHeldError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number
  ) {
    super(`${dir} is in use by another localorg (pid ${pid}); stop it first, or give this one its own --data folder`);
  }
}

export interface DataLock {
  release(): void;
}

function pidIn(file: string): number | null {
  try {
    const n = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/**
 * A lock naming our own pid was taken by this process if it is newer than the process (a container restarted after
 * kill -9 often gets the same pid back, and then the lock is a stale one from the previous incarnation).
 */
function heldByThisProcess(lock: string): boolean {
  try {
    return fs.statSync(lock).mtimeMs >= performance.timeOrigin - 1000;
  } catch {
    return false;
  }
}

export function acquireLock(dir: string, pid = process.pid, alive: (pid: number) => boolean = processAlive): DataLock {
  const lock = path.join(dir, LOCK_FILE);
  const mine = path.join(dir, `${LOCK_FILE}.${pid}.tmp`);
  fs.writeFileSync(mine, `${pid}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        fs.linkSync(mine, lock);
        return {
          release: () => {
            if (pidIn(lock) === pid) fs.rmSync(lock, { force: true });
          }
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = pidIn(lock);
      if (holder !== null && alive(holder) && (holder !== pid || heldByThisProcess(lock))) {
        throw new LockHeldError(dir, holder);
      }
      // Stale (its process is gone) or unreadable: move it aside atomically, then check we moved what we judged.
      const aside = path.join(dir, `${LOCK_FILE}.stale.${pid}`);
      try {
        fs.renameSync(lock, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      const moved = pidIn(aside);
      if (moved !== holder && moved !== null && alive(moved)) {
        // Another starter replaced the stale lock between our read and our rename: give it back and refuse.
        fs.renameSync(aside, lock);
        throw new LockHeldError(dir, moved);
      }
      fs.rmSync(aside, { force: true });
    }
    throw new Error(`${lock}: could not take the lock after several attempts`);
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

/** Removes the folder's lock if `pid` holds it (a server whose org thread was abandoned and cannot release it). */
export function releaseLockHeldBy(dir: string, pid: number): void {
  const lock = path.join(dir, LOCK_FILE);
  if (pidIn(lock) === pid) fs.rmSync(lock, { force: true });
}
