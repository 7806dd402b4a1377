import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { Output, type Sink } from './output.js';
import { toScriptError, usageError } from './errors.js';

/** What a script touches of the outside world; tests pass buffers and a fake environment. */
export type ScriptIo = { stdout: Sink; stderr: Sink; env: Record<string, string | undefined>; cwd: string };

export type CommonOptions = { json: boolean; dryRun: boolean; projectDir: string };

export type ScriptSpec<Options> = {
  name: string;
  summary: string;
  /** Adds the script's own options; the common ones (--json, --dry-run, --project-dir) are added by the runner. */
  configure(command: Command): void;
  examples: string[];
  run(options: Options & CommonOptions, output: Output): Promise<unknown>;
};

/**
 * Parses argv, runs the script and maps every outcome to an exit code. Nothing escapes as a stack trace: an unknown
 * flag, a bad value or a failure inside the script all end as one line plus a remedy (or one JSON document).
 */
export async function runScript<Options>(
  spec: ScriptSpec<Options>,
  argv: readonly string[],
  io: ScriptIo
): Promise<number> {
  const wantsJson = argv.includes('--json');
  const command = new Command(spec.name)
    .description(spec.summary)
    .option('--json', 'print one JSON document on stdout instead of text', false)
    .option('--dry-run', 'show what would be sent, offline, and change nothing', false)
    .option('--project-dir <dir>', 'SFDX project root (holds sfdx-project.json)', io.cwd)
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: () => undefined
    });
  spec.configure(command);
  command.addHelpText('after', `\nExamples:\n${spec.examples.map((line) => `  $ ${line}`).join('\n')}\n`);

  const output = new Output({ json: wantsJson, stdout: io.stdout, stderr: io.stderr });
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      const message = error.message
        .replace(/^error:\s*/i, '')
        .replace(/\s+/g, ' ')
        .trim();
      output.failure(
        usageError('InvalidArguments', message, `Run \`npm run ${spec.name} -- --help\` to see the options.`)
      );
      return 2;
    }
    throw error;
  }
  const options = command.opts<Options & CommonOptions>();
  options.projectDir = path.resolve(io.cwd, options.projectDir);
  try {
    const result = await spec.run(options, output);
    output.result(result);
    return 0;
  } catch (error) {
    const failure = toScriptError(error);
    output.failure(failure);
    return failure.exitCode;
  }
}

/** Option parsers: they throw commander's InvalidArgumentError so the message names the flag and the value. */
export function integerIn(min: number, max: number, unit: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`Expected a whole number of ${unit}.`);
    const parsed = Number(value);
    if (parsed < min || parsed > max) throw new InvalidArgumentError(`Expected ${min} to ${max} ${unit}.`);
    return parsed;
  };
}

export function percentage(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError('Expected a percentage from 0 to 100.');
  const parsed = Number(value);
  if (parsed > 100) throw new InvalidArgumentError('Expected a percentage from 0 to 100.');
  return parsed;
}

/** Aliases become file names and CLI arguments; the sf CLI rejects spaces, so do we, before any network call. */
export function aliasName(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._@-]*$/.test(value)) {
    throw new InvalidArgumentError('Use letters, digits, ".", "_", "-" or "@", starting with a letter or digit.');
  }
  return value;
}

export function commaList(value: string, previous: string[] = []): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('Expected a comma-separated list of names.');
  return [...previous, ...items];
}

/**
 * Sets the exit code and lets Node exit on its own, so piped stdout is flushed; a keep-alive socket or a library
 * timer left open (jsforce, the streaming client) gets two seconds before the process is ended with the same code.
 */
export function exitWith(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2_000).unref();
}

/** The real process, for entry points. */
export function processIo(): ScriptIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
