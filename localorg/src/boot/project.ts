/**
 * Loads an SFDX project into an interpreter: discovers sources, parses and lowers every class and trigger once,
 * adds the Apex prelude (RestContext…), links the class registry and connects the data platform. Every source error
 * is collected and reported together, each as `file:line:column message`.
 */
import { TransactionRunner } from '../runtime/transaction.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDataPlatform, runningUser } from '../data/index.js';
import type { StdlibDataPlatform } from '../stdlib/data-org.js';
import { discoverSources, type ProjectSources } from '../syntax/sources.js';
import { standardLibrary } from '../stdlib/index.js';
import type { RunningUser } from '../values/user.js';
import type { TypeDecl, TriggerDecl } from '../syntax/ast.js';
import { SourceError } from '../syntax/diagnostics.js';
import { cacheFor } from '../syntax/cache.js';
import { lowerClassText, lowerTriggerText } from '../syntax/lower.js';
import { formatDiagnostic } from '../semantics/resolver.js';
import { Interpreter } from '../runtime/interpreter.js';

export class ProjectLoadError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('\n'));
  }
}

export interface LoadedProject {
  interp: Interpreter;
  platform: StdlibDataPlatform;
  sources: ProjectSources;
  classes: TypeDecl[];
  triggers: TriggerDecl[];
  /** Milliseconds spent parsing and lowering Apex. */
  lowerMs: number;
  /** With `lenient`, the source errors that did not stop loading (each `file:line:column message`). */
  loadErrors: string[];
  /**
   * What the platform's compiler would reject (`file:line:column Method does not exist…`). Loading goes on: the rest
   * serves and tests, and code reaching a broken line fails there.
   */
  compileErrors: string[];
  /** Runs each Apex transaction of this project (a request, a test method, a script) and the async work it queues. */
  transactions: TransactionRunner;
}

/**
 * The compile errors of a loaded project as the CLI prints them (`localorg gauge`, `test`, `serve`): a heading, then one
 * `file:line:col message` line each; nothing when there are none. `goesOn` says what still happens despite them.
 */
export function compileErrorLines(errors: string[], goesOn: string): string[] {
  if (errors.length === 0) return [];
  return [`${errors.length} compile error(s) the platform would refuse (${goesOn}):`, ...errors.map((e) => `  ${e}`)];
}

export interface LoadOptions {
  /** Project root (with sfdx-project.json) or explicit source folders. */
  sources: string | string[];
  /** Use this platform (with the stdlib's view of its org) instead of creating one from the project's metadata. */
  platform?: StdlibDataPlatform;
  user?: RunningUser;
  now?: () => number;
  debug?: (line: number, level: string, message: string) => void;
  /**
   * Load what loads: a class that does not parse or register is left out and listed in `loadErrors`, so only the
   * code that reaches it fails (`Invalid type`). Without it, any source error throws {@link ProjectLoadError}.
   */
  lenient?: boolean;
}

const PRELUDE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'stdlib', 'prelude');

/** Lowered prelude declarations, parsed once per process. */
let prelude: TypeDecl[] | null = null;
function preludeDecls(): TypeDecl[] {
  const cache = cacheFor(PRELUDE_DIR);
  prelude ??= fs
    .readdirSync(PRELUDE_DIR)
    .filter((f) => f.endsWith('.cls'))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(PRELUDE_DIR, f), 'utf8');
      const name = `localorg-prelude/${f}`;
      return cache ? cache.get('cls', name, text, () => lowerClassText(text, name)) : lowerClassText(text, name);
    });
  return prelude;
}

export function loadProject(opts: LoadOptions): LoadedProject {
  const sources: ProjectSources =
    Array.isArray(opts.sources) && opts.sources.length === 0
      ? {
          root: process.cwd(),
          packageDirectories: [],
          apexClasses: [],
          triggers: [],
          objectFolders: [],
          customMetadataRecords: [],
          other: []
        }
      : discoverSources(opts.sources);
  const errors: string[] = [];
  const t0 = performance.now();
  const classes: TypeDecl[] = [];
  const triggers: TriggerDecl[] = [];
  const cache = cacheFor(sources.root);
  for (const f of sources.apexClasses) {
    try {
      const text = fs.readFileSync(f.path, 'utf8');
      const decl = cache
        ? cache.get('cls', f.relative, text, () => lowerClassText(text, f.relative))
        : lowerClassText(text, f.relative);
      const apiVersion = metaApiVersion(`${f.path}-meta.xml`);
      classes.push(apiVersion === undefined ? decl : { ...decl, apiVersion });
    } catch (e) {
      errors.push(describeLoadError(e, f.relative));
    }
  }
  for (const f of sources.triggers) {
    try {
      const text = fs.readFileSync(f.path, 'utf8');
      triggers.push(
        cache
          ? cache.get('trigger', f.relative, text, () => lowerTriggerText(text, f.relative))
          : lowerTriggerText(text, f.relative)
      );
    } catch (e) {
      errors.push(describeLoadError(e, f.relative));
    }
  }
  const lowerMs = performance.now() - t0;
  let platform = opts.platform;
  let user = opts.user;
  if (!platform) {
    const org = createDataPlatform(sources, { now: opts.now });
    platform = org;
    user ??= runningUser(org);
  }
  if (!user) throw new Error('loadProject: a running user is required with an explicit platform');
  const interp = new Interpreter({
    platform,
    natives: standardLibrary(platform),
    user,
    now: opts.now,
    debug: opts.debug
  });
  for (const d of classes) {
    try {
      interp.addClass(d);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  // The prelude's classes live in the System namespace: `System.RestContext` always names them, and the bare name
  // too unless the project declares a class of that name (which then shadows it, as on the platform).
  const declared = new Set(classes.map((d) => d.name));
  for (const d of preludeDecls()) {
    const qualified = `system.${d.name}`;
    const c = interp.addClass(declared.has(d.name) ? { ...d, name: qualified, display: `System.${d.display}` } : d);
    interp.registry.all.set(qualified, c);
  }
  for (const t of triggers) interp.addTrigger(t);
  try {
    interp.link();
  } catch (e) {
    errors.push((e as Error).message);
  }
  if (errors.length && !opts.lenient) throw new ProjectLoadError(errors);
  const compileErrors = interp.compileErrors().map(formatDiagnostic);
  const transactions = new TransactionRunner(platform, interp);
  return { interp, platform, sources, classes, triggers, lowerMs, loadErrors: errors, compileErrors, transactions };
}

/** `<apiVersion>` of a class's `-meta.xml`, when it has one (sharing and access defaults depend on it). */
function metaApiVersion(metaFile: string): number | undefined {
  if (!fs.existsSync(metaFile)) return undefined;
  const version = /<apiVersion>\s*([0-9.]+)\s*<\/apiVersion>/.exec(fs.readFileSync(metaFile, 'utf8'))?.[1];
  return version ? Number(version) : undefined;
}

function describeLoadError(e: unknown, file: string): string {
  if (e instanceof SourceError) return e.message;
  return `${file}: ${(e as Error).message}`;
}
