/**
 * The `localorg` command line: `run` (anonymous Apex), `test` (Apex tests), `gauge` (any project's tests, failures
 * grouped by cause) and `serve` (the HTTP server, loaded
 * lazily from localorg/src/server). Every user-facing error is one readable line; exit codes: 0 success, 1 a failing
 * run or test, 2 bad input (unknown option, missing file, source that does not load).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { ProjectError } from '../syntax/sources.js';
import { runAnonymousFile } from '../boot/anonymous.js';
import { failureLine } from '../runtime/failures.js';
import { compileErrorLines, loadProject, ProjectLoadError, type LoadedProject } from '../boot/project.js';
import { consoleCoverage, consoleFailures, writeJson, writeJunit } from '../testing/reporters.js';
import { runTests } from '../testing/runner.js';
import { gaugeReport, gaugeTable } from '../testing/gauge.js';

class UsageError extends Error {}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} expects a positive whole number, got '${v}'`);
  return n;
}

function percent(v: string, flag: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new UsageError(`${flag} expects a percentage from 0 to 100, got '${v}'`);
  return n;
}

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
      const display = path.relative(process.cwd(), path.resolve(file)) || file;
      const failure = runAnonymousFile(project, file, display, (label, f) => {
        // A failed async job does not fail the script (it had committed), as on the platform; say so on stderr.
        err(`${label} failed: ${failureLine(f)}`);
        for (const s of f.stack) err(s);
      });
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
      // Tests still run: those that reach no broken line pass or fail on their own merits.
      compileErrorLines(project.compileErrors, 'the rest of those classes run').forEach(err);
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
    .command('gauge')
    .description("run any SFDX project's Apex tests and group the failures by first cause")
    .argument('<dirs...>', 'project roots (with sfdx-project.json) or source folders, loaded together')
    .option('--json <file>', 'write the report as JSON (every failing test, grouped by cause)')
    .option('--top <n>', 'show only the N most frequent causes', (v) => positiveInt(v, '--top'))
    .option('--examples <n>', 'example tests shown per cause (default 1)', (v) => positiveInt(v, '--examples'))
    .option('--min-pass <percent>', 'exit 1 when fewer than this percentage of test methods pass', (v) =>
      percent(v, '--min-pass')
    )
    .action((dirs: string[], o: { json?: string; top?: number; examples?: number; minPass?: number }) => {
      for (const d of dirs) if (!fs.existsSync(d)) throw new UsageError(`folder not found: ${d}`);
      // System.debug output would bury the table; the gauge is about outcomes.
      const project = loadProject({
        sources: dirs.length === 1 ? dirs[0] : dirs,
        debug: () => undefined,
        lenient: true
      });
      const run = runTests(project, { onClassStart: (name) => err(`running ${name}`) });
      const report = gaugeReport(
        dirs.map((d) => path.resolve(d)),
        run,
        project.loadErrors,
        project.compileErrors
      );
      gaugeTable(report, { top: o.top, examples: o.examples ?? 1 }).forEach(out);
      if (o.json) {
        fs.mkdirSync(path.dirname(path.resolve(o.json)), { recursive: true });
        fs.writeFileSync(o.json, JSON.stringify(report, null, 2) + '\n');
      }
      code = o.minPass !== undefined && report.passRate < o.minPass ? 1 : 0;
    });

  program
    .command('compact')
    .description("fold a --data folder's journal into its snapshot (refused while a server holds the folder)")
    .requiredOption('--data <dir>', 'the data folder `localorg serve --data` uses')
    .action(async (o: { data: string }) => {
      const { compactDataFolder } = await import('../server/data-folder.js');
      const started = Date.now();
      const r = compactDataFolder(o.data);
      out(
        `compacted ${o.data}: ${Math.round(r.journalBytesBefore / 1024)} KB of journal into a snapshot of ${r.rows} row(s) through seq ${r.seq} in ${Date.now() - started} ms`
      );
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
      const mod = await import('../server/serve-command.js');
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
