/**
 * Flags of `localorg serve`, with the environment fallbacks a hosting platform sets (`PORT`, `LOCALORG_TOKEN`).
 * Bad flags come back as one precise message, never a commander stack.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { generateToken } from './auth.js';
import { DEFAULT_RUN_FILE } from './run-file.js';

export interface ServeOptions {
  /** Project root or source folders; the current folder when none is given. */
  sources: string[];
  port: number;
  host: string;
  token: string;
  /** True when no token was given and one was generated (the banner then prints it prominently). */
  tokenGenerated: boolean;
  dataDir: string | null;
  seedFile: string | null;
  /** Where the URL, token and pid are recorded for local clients (`npm run demo`); null with `--no-run-file`. */
  runFile: string | null;
  /** Start even when the journal does not verify: keep its valid prefix, set the rest aside. */
  repair?: boolean;
  /** Journal size past which it is folded into the snapshot. */
  compactAtBytes?: number;
}

export class OptionsError extends Error {}

/** `--help`: not an error; carries the text to print. */
export class HelpRequested extends Error {}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0–65535)`);
  return n;
}

function parseMegabytes(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive size in MB`);
  return n;
}

export function parseServeOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const cmd = new Command('localorg serve')
    .description('serve the project as a local Salesforce org over HTTP')
    .option('--source <dir...>', 'project root or source folders (repeatable)')
    .option('--port <n>', 'port to listen on (env PORT; default 3000, 0 picks a free port)', parsePort)
    .option('--host <address>', 'interface to bind (default 127.0.0.1)')
    .option('--token <t>', 'bearer token clients must send (env LOCALORG_TOKEN; generated when absent)')
    .option('--data <dir>', 'folder for the durability journal (default: in memory only)')
    .option('--seed <file>', 'SFDX data tree plan (sf data import tree) to import on top of a fresh org')
    .option(
      '--run-file <file>',
      `where to record URL, token and pid for local clients such as npm run demo (env LOCALORG_RUN_FILE; default ${DEFAULT_RUN_FILE})`
    )
    .option('--no-run-file', 'do not record the URL and token')
    .option('--repair', 'when the journal does not verify, keep its valid prefix and set the rest aside (named)')
    .option('--compact-at <MB>', 'compact the journal into the snapshot past this size (default 64)', parseMegabytes)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequested(cmd.helpInformation());
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) throw new OptionsError(e.message.replace(/^error: /, ''));
    throw e;
  }
  const o = cmd.opts<{
    source?: string[];
    port?: number;
    host?: string;
    token?: string;
    data?: string;
    seed?: string;
    runFile?: string | false;
    repair?: boolean;
    compactAt?: number;
  }>();
  let port = o.port;
  if (port === undefined && env.PORT !== undefined && env.PORT !== '') {
    try {
      port = parsePort(env.PORT);
    } catch (e) {
      throw new OptionsError(`environment variable PORT: ${(e as Error).message}`);
    }
  }
  const given = o.token ?? (env.LOCALORG_TOKEN || undefined);
  if (given !== undefined && !/^\S{8,}$/.test(given)) {
    throw new OptionsError('the token must be at least 8 characters without spaces');
  }
  return {
    sources: o.source ?? [process.cwd()],
    port: port ?? 3000,
    host: o.host ?? '127.0.0.1',
    token: given ?? generateToken(),
    tokenGenerated: given === undefined,
    dataDir: o.data ?? null,
    seedFile: o.seed ?? null,
    repair: o.repair ?? false,
    compactAtBytes: o.compactAt === undefined ? undefined : Math.round(o.compactAt * 1024 * 1024),
    runFile: o.runFile === false ? null : (o.runFile ?? (env.LOCALORG_RUN_FILE || DEFAULT_RUN_FILE))
  };
}
