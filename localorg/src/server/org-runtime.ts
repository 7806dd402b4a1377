/**
 * Builds the org the server serves from the real stages: source discovery, the data platform, and the interpreter's
 * Apex host. This is the one place that knows their factory functions.
 */
import { createDataPlatform } from '../data/index.js';
import { discoverSources } from '../syntax/sources.js';
import { ApexHostImpl } from '../boot/apex-host.js';
import { executeAnonymous } from '../boot/anonymous.js';
import { loadProject, type LoadedProject } from '../boot/project.js';
import { discoverTests } from '../testing/discover.js';
import { runTests } from '../testing/runner.js';
import type { OrgRuntime } from './app.js';
import type { ApexHost, ApexTestOutcome, DeveloperApi, ServerDataPlatform } from './runtime-seams.js';

export function loadOrgRuntime(sources: string[]): OrgRuntime {
  const project = discoverSources(sources.length === 1 ? sources[0] : sources);
  const org = createDataPlatform(project);
  const platform: ServerDataPlatform = org;
  const loaded = loadProject({ sources: sources.length === 1 ? sources[0] : sources, platform: org, user: org.user });
  const apex: ApexHost = new ApexHostImpl(loaded.interp);
  return {
    platform,
    apex,
    developer: developerApi(loaded, platform),
    transactions: loaded.transactions,
    compileErrors: loaded.compileErrors
  };
}

function developerApi(project: LoadedProject, platform: ServerDataPlatform): DeveloperApi {
  return {
    executeAnonymous: (text) => executeAnonymous(project.interp, platform, text),
    testClassNames: () => discoverTests(project.interp).map((t) => t.cls.display),
    runTests(tests) {
      const run = platform.isolated(() => runTests(project, { classes: tests.map((t) => t.className) }));
      const wanted = new Map(
        tests.map((t) => [t.className.toLowerCase(), new Set((t.methods ?? []).map((m) => m.toLowerCase()))])
      );
      return run.results
        .filter((r) => {
          const methods = wanted.get(r.className.toLowerCase());
          return !methods || methods.size === 0 || methods.has(r.methodName.toLowerCase());
        })
        .map((r): ApexTestOutcome => ({
          className: r.className,
          methodName: r.methodName,
          passed: r.outcome === 'pass',
          message: r.message,
          stackTrace: r.stack.length ? r.stack.join('\n') : null,
          ms: Math.round(r.ms)
        }));
    }
  };
}
