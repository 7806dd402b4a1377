/**
 * The in-process server: loads the project into a fresh org, replays the journal, imports the seed once and listens.
 * `localorg serve` runs it inside the org worker (org-worker.ts); tests and the bench run it directly.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createLocalOrgServer, type LocalOrgServer, type OrgRuntime } from './app.js';
import type { CommittedChange } from './runtime-seams.js';
import { compileErrorLines } from '../boot/project.js';
import { DataFolder } from './data-folder.js';
import type { ServeOptions } from './options.js';
import { importSeedPlan, loadSeedPlan, SeedError } from './seed-import.js';
import { createLightningShell, type LightningShell } from './lightning/index.js';

export interface StartDeps {
  /** Loads the project (schema, custom metadata, Apex) into a fresh org. */
  createRuntime(sources: string[]): Promise<OrgRuntime> | OrgRuntime;
  out: (line: string) => void;
  /**
   * Serve the project's Lightning UI (compiling its components in the background when the cached bundle is stale).
   * The CLI turns it on; tests that only need the APIs leave it off and start no build.
   */
  lightning?: boolean;
  /** Hears every committed change once it is journaled (the org thread watches identity rows). */
  onCommitted?: (changes: CommittedChange[]) => void;
}

export interface StartedOrg {
  /** The Lightning shell, when the project has LWC bundles and the caller asked for it. */
  lightning: LightningShell | null;
  url: string;
  org: LocalOrg;
  stop(): Promise<void>;
}

type LocalOrg = LocalOrgServer & { runtime: OrgRuntime; journal: DataFolder | null };

export class ServeError extends Error {}

/** Builds, replays, seeds and starts listening; the pieces the command and tests share. */
export async function startOrg(options: Omit<ServeOptions, 'runFile'>, deps: StartDeps): Promise<StartedOrg> {
  const runtime = await deps.createRuntime(options.sources);
  compileErrorLines(runtime.compileErrors ?? [], 'the rest is served').forEach((l) => deps.out(l));
  let journal: DataFolder | null = null;
  let appliedLabels = new Set<string>();
  if (options.dataDir) {
    const opened = DataFolder.open(options.dataDir, (changes) => runtime.platform.applyCommitted(changes), {
      repair: options.repair,
      compactAtBytes: options.compactAtBytes
    });
    journal = opened.folder;
    appliedLabels = opened.report.seeds;
    const r = opened.report;
    if (r.snapshotRows > 0 || r.entries > 0) {
      deps.out(
        `journal: replayed ${r.snapshotRows ? `a snapshot of ${r.snapshotRows} row(s) and ` : ''}${r.entries} transaction(s), ${r.rows} row change(s) from ${journal.dir}`
      );
    }
    r.notes.forEach((n) => deps.out(`journal: ${n}`));
  }
  let server: LocalOrgServer;
  let lightning: LightningShell | null = null;
  try {
    lightning = deps.lightning
      ? createLightningShell({
          sources: options.sources,
          platform: runtime.platform,
          apex: runtime.apex,
          token: options.token,
          log: deps.out
        })
      : null;
    server = createLocalOrgServer({
      runtime,
      token: options.token,
      journal,
      log: deps.out,
      lightning: lightning?.routes ?? null,
      onCommitted: deps.onCommitted
    });
  } catch (e) {
    lightning?.bundle.close();
    journal?.close();
    throw e;
  }
  try {
    await seedAndListen(options, server, runtime, appliedLabels, deps);
  } catch (e) {
    lightning?.bundle.close();
    journal?.close();
    throw e;
  }
  const address = server.server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    url,
    org: Object.assign(server, { runtime, journal }),
    lightning,
    stop: async () => {
      lightning?.bundle.close();
      await new Promise<void>((resolve) => {
        server.server.close(() => resolve());
        server.server.closeAllConnections();
      });
      await server.idle();
      journal?.close();
    }
  };
}

async function seedAndListen(
  options: Omit<ServeOptions, 'runFile'>,
  server: LocalOrgServer,
  runtime: OrgRuntime,
  appliedLabels: Set<string>,
  deps: Pick<StartDeps, 'out'>
): Promise<void> {
  if (options.seedFile) {
    const plan = loadSeedPlan(options.seedFile);
    const label = `seed ${path.basename(plan.file)} sha256:${plan.hash}`;
    if (appliedLabels.has(label)) {
      deps.out(`seed: ${path.relative(process.cwd(), plan.file)} already in the journal; not imported again`);
    } else {
      const outcome = await server.transact(label, () => importSeedPlan(runtime.platform, plan));
      if (!outcome.ok) {
        const e = outcome.error;
        throw e instanceof SeedError ? e : new SeedError(`${plan.file}: ${(e as Error).message ?? String(e)}`);
      }
      const summary = Object.entries(outcome.value)
        .map(([t, n]) => `${n} ${t}`)
        .join(', ');
      deps.out(`seed: imported ${summary} from ${path.relative(process.cwd(), plan.file) || plan.file}`);
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new ServeError(e.code === 'EADDRINUSE' ? `port ${options.port} is already in use (try --port 0)` : e.message)
      )
    );
    server.server.listen(options.port, options.host, () => resolve());
  });
}
