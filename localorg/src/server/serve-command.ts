/**
 * `localorg serve`: loads the project into a fresh org, replays the journal, imports the seed once, and serves it over
 * HTTP until SIGINT/SIGTERM. The CLI calls {@link serveCommand}; tests pass their own runtime factory.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createLocalOrgServer, type LocalOrgServer, type OrgRuntime } from './app.js';
import { MAX_API_VERSION } from './api-versions.js';
import { bookingCurl } from './banner.js';
import { DataFolder } from './data-folder.js';
import { LockHeldError } from './data-lock.js';
import { JournalError } from './journal.js';
import { HelpRequested, OptionsError, parseServeOptions, type ServeOptions } from './options.js';
import { removeRunFile, writeRunFile } from './run-file.js';
import { importSeedPlan, loadSeedPlan, SeedError } from './seed-import.js';
import { shellQuote } from './shell-quote.js';
import { createLightningShell, type LightningShell } from './lightning/index.js';

export interface ServeDeps {
  /** Loads the project (schema, custom metadata, Apex) into a fresh org. */
  createRuntime(sources: string[]): Promise<OrgRuntime> | OrgRuntime;
  out: (line: string) => void;
  err: (line: string) => void;
  /**
   * Serve the project's Lightning UI (compiling its components in the background when the cached bundle is stale).
   * The CLI turns it on; tests that only need the APIs leave it off and start no build.
   */
  lightning?: boolean;
  /** Resolves when the server should stop; default: the first SIGINT or SIGTERM. */
  stopSignal?: Promise<void>;
}

export interface StartedOrg {
  /** The Lightning shell, when the project has LWC bundles and the caller asked for it. */
  lightning: LightningShell | null;
  url: string;
  org: LocalOrg;
  stop(): Promise<void>;
}

type LocalOrg = LocalOrgServer & { runtime: OrgRuntime; journal: DataFolder | null };

const defaultDeps = (): ServeDeps => ({
  createRuntime: async (sources) => (await import('./org-runtime.js')).loadOrgRuntime(sources),
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  lightning: true
});

/** Entry point for `localorg serve …`; resolves with the exit code once the server has stopped. */
export async function serveCommand(argv: string[], deps: ServeDeps = defaultDeps()): Promise<number> {
  let options: ServeOptions;
  try {
    options = parseServeOptions(argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      deps.out(e.message.trimEnd());
      return 0;
    }
    if (e instanceof OptionsError) {
      deps.err(`localorg serve: ${e.message}`);
      return 2;
    }
    throw e;
  }
  let started: StartedOrg;
  try {
    started = await startOrg(options, deps);
  } catch (e) {
    if (e instanceof ServeError || e instanceof SeedError || e instanceof JournalError || e instanceof LockHeldError) {
      deps.err(`localorg serve: ${e.message}`);
      return 1;
    }
    deps.err(`localorg serve: ${(e as Error).message ?? String(e)}`);
    return 1;
  }
  if (options.runFile) {
    try {
      writeRunFile(options.runFile, {
        url: started.url,
        token: options.token,
        pid: process.pid,
        startedAt: new Date().toISOString()
      });
    } catch (e) {
      deps.err(`localorg serve: cannot write the run file ${options.runFile} (${(e as Error).message}); continuing`);
    }
  }
  printBanner(options, started.url, deps.out, started.lightning?.homePath ?? null);
  await (deps.stopSignal ?? untilSignal());
  await started.stop();
  if (options.runFile) removeRunFile(options.runFile);
  deps.out('localorg serve: stopped');
  return 0;
}

export class ServeError extends Error {}

/** Builds, replays, seeds and starts listening; the pieces the command and tests share. */
export async function startOrg(
  options: Omit<ServeOptions, 'runFile'>,
  deps: Pick<ServeDeps, 'createRuntime' | 'out' | 'lightning'>
): Promise<StartedOrg> {
  const runtime = await deps.createRuntime(options.sources);
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
      lightning: lightning?.routes ?? null
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
  deps: Pick<ServeDeps, 'out'>
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

function printBanner(options: ServeOptions, url: string, out: (line: string) => void, appPath: string | null): void {
  const token = shellQuote(options.token);
  out(`localorg serve: an emulated Salesforce org is listening on ${url}`);
  if (appPath) {
    const link = `${url}/secur/frontdoor.jsp?sid=${encodeURIComponent(options.token)}&retURL=${encodeURIComponent(appPath)}`;
    out(`  admin app (open in a browser; signs you in): ${link}`);
  }
  out(`  token${options.tokenGenerated ? ' (generated; pass --token or LOCALORG_TOKEN to fix it)' : ''}: ${token}`);
  out(
    `  data: ${options.dataDir ? `journal in ${path.resolve(options.dataDir)}` : 'in memory only (pass --data DIR to keep it)'}`
  );
  out('  play the booking lifecycle demo (in another terminal):');
  if (options.runFile) {
    out(`    npm run demo        # finds this server through ${options.runFile}`);
    out('  or from anywhere:');
  }
  out(`    LOCALORG_URL=${shellQuote(url)} LOCALORG_TOKEN=${token} npm run demo`);
  out('  book a meeting:');
  out('    ' + bookingCurl(url, options.token));
  out('  query it back:');
  out(
    `    curl -s -H ${shellQuote(`Authorization: Bearer ${options.token}`)} ${shellQuote(`${url}/services/data/v${MAX_API_VERSION}.0/query?q=SELECT+Subject,EventStatus__c,StartDateTime+FROM+Event`)}`
  );
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
