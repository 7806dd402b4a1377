/**
 * The `localorg` command line: `run` (anonymous Apex), `test` (Apex tests), and `serve` (the HTTP server, loaded
 * lazily from localorg/src/server). Every user-facing error is one readable line; exit codes: 0 success, 1 a failing
 * run or test, 2 bad input (unknown option, missing file, source that does not load).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { ProjectError } from '../project/sources.js';
import { runAnonymousFile } from '../runtime/anonymous.js';
import { failureLine } from '../runtime/failures.js';
import { loadProject, ProjectLoadError, type LoadedProject } from '../runtime/project.js';
import { consoleCoverage, consoleFailures, writeJson, writeJunit } from '../testing/reporters.js';
import { runTests } from '../testing/runner.js';

class UsageError extends Error {}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--source` folders, or the current directory's SFDX project. */
function sourceDirs(sources: string[]): string[] {
  if (sources.length) return sources;
  if (fs.existsSync(path.join(process.cwd(), 'sfdx-project.json'))) return [process.cwd()];
  throw new UsageError('no --source given and no sfdx-project.json in the current directory');
}

function load(sources: string[], allowEmpty: boolean): LoadedProject {
  let dirs: string[];
  try {
    dirs = sourceDirs(sources);
  } catch (e) {
    if (allowEmpty) dirs = [];
    else throw e;
  }
  return loadProject({ sources: dirs.length === 1 ? dirs[0] : dirs });
}

export async function main(argv: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(s + '\n');
  const err = (s: string) => process.stderr.write(s + '\n');
  let code = 0;
  const program = new Command('localorg')
    .description('localorg: an offline, emulated Salesforce org for Apex (results are emulated, not org-verified)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

  program
    .command('run')
    .description('execute anonymous Apex against the project')
    .argument('<file>', 'anonymous Apex file (.apex)')
    .option('--source <dir>', 'source folder or project root (repeatable)', collect, [])
    .action((file: string, o: { source: string[] }) => {
      if (!fs.existsSync(file)) throw new UsageError(`file not found: ${file}`);
      const project = load(o.source, true);
      const failure = runAnonymousFile(project, file, path.relative(process.cwd(), path.resolve(file)) || file);
      if (failure) {
        out(`FATAL_ERROR|${failureLine(failure)}`);
        for (const s of failure.stack) err(s);
        code = 1;
      }
    });

  program
    .command('test')
    .description('run the Apex tests of an SFDX project')
    .option('--source <dir>', 'source folder or project root (repeatable)', collect, [])
    .option('--class <name>', 'only this test class (repeatable)', collect, [])
    .option('--json <file>', 'write results as JSON')
    .option('--junit <file>', 'write results as JUnit XML')
    .option('--coverage', 'report line coverage per class')
    .action((o: { source: string[]; class: string[]; json?: string; junit?: string; coverage?: boolean }) => {
      const project = load(o.source, false);
      const run = runTests(project, {
        classes: o.class,
        coverage: !!o.coverage,
        onClassEnd: (c) =>
          out(
            `${c.failed ? 'FAIL' : 'ok  '} ${c.className}  ${c.passed} passed, ${c.failed} failed (${Math.round(c.ms)} ms)`
          )
      });
      if (o.class.length && run.results.length === 0)
        throw new UsageError(`no test class matched: ${o.class.join(', ')}`);
      const failures = consoleFailures(run);
      if (failures.length) {
        out('');
        out('Failures:');
        failures.forEach((l) => out(l));
      }
      const cov = consoleCoverage(run);
      if (cov.length) {
        out('');
        cov.forEach((l) => out(l));
      }
      if (o.json) writeJson(run, o.json);
      if (o.junit) writeJunit(run, o.junit);
      out('');
      out(`${run.passed} passed, ${run.failed} failed`);
      code = run.failed ? 1 : 0;
    });

  program
    .command('serve')
    .description('serve the project over HTTP like an org (see localorg/src/server)')
    .allowUnknownOption()
    .helpOption(false)
    .argument('[args...]')
    .action(async () => {
      // The server parses its own flags; pass everything after `serve` through unchanged.
      const rest = argv.slice(argv.indexOf('serve') + 1);
      const mod = (await import('../server/serve-command.js')) as { serveCommand(argv: string[]): Promise<number> };
      code = await mod.serveCommand(rest);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ProjectLoadError) {
      e.errors.forEach((l) => err(l));
      return 2;
    }
    if (e instanceof UsageError || e instanceof ProjectError) {
      err(`localorg: ${e.message}`);
      return 2;
    }
    err(`localorg: ${(e as Error)?.message ?? String(e)}`);
    return 2;
  }
}
