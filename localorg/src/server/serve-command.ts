/**
 * `localorg serve`: loads the project into a fresh org, replays the journal, imports the seed once, and serves it over
 * HTTP until SIGINT/SIGTERM. The CLI calls {@link serveCommand}, which holds the org in a worker thread (worker-host.ts);
 * tests pass their own runtime factory and run it in-process (start-org.ts). This module loads neither the org nor
 * the server until asked, so the CLI's main thread stays light.
 */
import path from 'node:path';
import { MAX_API_VERSION } from './api-versions.js';
import { bookingCurl } from './banner.js';
import { HelpRequested, OptionsError, parseServeOptions, type ServeOptions } from './options.js';
import { removeRunFile, writeRunFile } from './run-file.js';
import { shellQuote } from './shell-quote.js';
import type { StartDeps, StartedOrg } from './start-org.js';
import { startInWorker, type RunningServer } from './worker-host.js';

export interface ServeDeps extends StartDeps {
  err: (line: string) => void;
  /** Resolves when the server should stop; default: the first SIGINT or SIGTERM. */
  stopSignal?: Promise<void>;
  /**
   * Hold the org in a worker thread behind a front on this thread (the CLI: the server answers and stops while a
   * transaction runs); `createRuntime` is then not used. Tests with their own runtime leave it off (in-process).
   */
  worker?: boolean;
}

const defaultDeps = (): ServeDeps => ({
  createRuntime: async (sources) => (await import('./org-runtime.js')).loadOrgRuntime(sources),
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  lightning: true,
  worker: true
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
  let started: RunningServer;
  try {
    started = deps.worker
      ? await startInWorker(options, { out: deps.out, err: deps.err, lightning: deps.lightning ?? false })
      : inProcess(await (await import('./start-org.js')).startOrg(options, deps));
  } catch (e) {
    // Every start failure (options, seed, journal, lock, port) is one readable line.
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
  printBanner(options, started.url, deps.out, started.homePath);
  const failed = await Promise.race([(deps.stopSignal ?? untilSignal()).then(() => null), started.failed]);
  await started.stop();
  if (options.runFile) removeRunFile(options.runFile);
  if (failed !== null) {
    deps.err(`localorg serve: the org stopped unexpectedly (exit code ${failed})`);
    return failed;
  }
  deps.out('localorg serve: stopped');
  return 0;
}

function inProcess(started: StartedOrg): RunningServer {
  return {
    url: started.url,
    homePath: started.lightning?.homePath ?? null,
    failed: new Promise<number>(() => undefined),
    stop: () => started.stop()
  };
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
