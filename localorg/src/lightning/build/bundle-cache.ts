/**
 * Keeps one compiled bundle ready: computes the content hash of the project's components and the toolchain, reuses
 * `<cacheRoot>/<hash>/` when it exists, and otherwise builds it in a child process (build-worker.ts) so the server keeps
 * answering meanwhile. Callers read {@link BundleCache.status} and show progress until it is ready.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UiMetadata } from '../metadata/project-ui.js';
import { bundleHash } from './bundle-build.js';
import type { Toolchain } from './toolchain.js';

export type BundleStatus =
  | { state: 'building'; hash: string; modules: number; expectedModules: number | null; startedAt: number }
  | { state: 'ready'; hash: string; dir: string }
  | { state: 'failed'; hash: string; message: string };

export interface BundleCacheOptions {
  toolchain: Toolchain;
  ui: Pick<UiMetadata, 'bundles' | 'labels'>;
  sources: string[];
  cacheRoot: string;
  log: (line: string) => void;
}

/** `node_modules/.cache/localorg-lightning` of the repository that holds localorg: outside tracked files. */
export function defaultCacheRoot(): string {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  return path.join(repo, 'node_modules', '.cache', 'localorg-lightning');
}

export class BundleCache {
  private current: BundleStatus;
  private readonly waiters: (() => void)[] = [];
  private child: ReturnType<typeof fork> | null = null;

  constructor(private readonly options: BundleCacheOptions) {
    const hash = bundleHash({ toolchain: options.toolchain, ui: options.ui });
    const dir = path.join(options.cacheRoot, hash);
    if (fs.existsSync(path.join(dir, 'entry.js'))) this.current = { state: 'ready', hash, dir };
    else this.current = this.startBuild(hash, dir);
  }

  get status(): BundleStatus {
    return this.current;
  }

  /** Resolves once the bundle is ready or has failed. */
  settled(): Promise<BundleStatus> {
    if (this.current.state !== 'building') return Promise.resolve(this.current);
    return new Promise((resolve) => this.waiters.push(() => resolve(this.current)));
  }

  /** Stops a build still running (server shutdown). */
  close(): void {
    this.child?.kill();
    this.child = null;
  }

  private settle(status: BundleStatus): void {
    this.current = status;
    this.child = null;
    for (const w of this.waiters.splice(0)) w();
  }

  private startBuild(hash: string, dir: string): BundleStatus {
    const { log, cacheRoot, sources } = this.options;
    fs.mkdirSync(cacheRoot, { recursive: true });
    const status: BundleStatus = {
      state: 'building',
      hash,
      modules: 0,
      expectedModules: previousModuleCount(cacheRoot),
      startedAt: Date.now()
    };
    log(`lightning: compiling the project's components into ${dir} (first start or changed sources; takes a minute)`);
    const worker = fileURLToPath(new URL('./build-worker.ts', import.meta.url));
    const child = fork(worker, [dir, ...sources], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc']
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let finished = false;
    child.on('message', (message: { type: string; modules?: number; bytes?: number; message?: string }) => {
      if (message.type === 'progress' && this.current.state === 'building') {
        this.current = { ...this.current, modules: message.modules ?? 0 };
      } else if (message.type === 'done') {
        finished = true;
        const seconds = ((Date.now() - status.startedAt) / 1000).toFixed(1);
        log(`lightning: bundle ready (${message.modules} modules, ${mib(message.bytes ?? 0)} in ${seconds}s)`);
        this.settle({ state: 'ready', hash, dir });
        pruneOthers(cacheRoot, hash);
      } else if (message.type === 'failed') {
        finished = true;
        log(`lightning: bundle build failed: ${message.message}`);
        this.settle({ state: 'failed', hash, message: message.message ?? 'unknown failure' });
      }
    });
    child.on('exit', (code, signal) => {
      if (finished) return;
      const why = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      const message = `the bundle build ${why}${stderr ? `:\n${stderr.trim()}` : ''}`;
      log(`lightning: ${message}`);
      this.settle({ state: 'failed', hash, message });
    });
    return status;
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function previousModuleCount(cacheRoot: string): number | null {
  for (const name of fs.readdirSync(cacheRoot)) {
    try {
      const meta = JSON.parse(fs.readFileSync(path.join(cacheRoot, name, 'build.json'), 'utf8')) as {
        modules?: number;
      };
      if (typeof meta.modules === 'number') return meta.modules;
    } catch {
      // Not a finished build: no estimate from it.
    }
  }
  return null;
}

/** Keeps the cache to the bundle just built; older hashes are dead weight. */
function pruneOthers(cacheRoot: string, keep: string): void {
  for (const name of fs.readdirSync(cacheRoot)) {
    if (name !== keep && !name.includes('.tmp-'))
      fs.rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
  }
}
