/**
 * File discovery for the gates. Node 20 has no `fs.glob`, so gates walk the tree themselves and filter with
 * predicates; paths are returned relative to the root with `/` separators so messages read the same on every OS.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders no gate ever looks into. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.sf', '.sfdx', '.localorg', 'dist', 'coverage', 'reports']);

export interface WalkOptions {
  /** Extra folder paths (relative to root, `/`-separated) to leave out, with everything below them. */
  readonly skipDirs?: readonly string[];
}

/** Every file below `dir` (relative to `root`), sorted, for which `accept` holds. */
export function listFiles(
  root: string,
  dir: string,
  accept: (relPath: string) => boolean,
  options: WalkOptions = {}
): string[] {
  const skipDirs = new Set(options.skipDirs ?? []);
  const found: string[] = [];
  const walk = (absDir: string): void => {
    let entries;
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const abs = path.join(absDir, entry.name);
      const rel = toPosix(path.relative(root, abs));
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !skipDirs.has(rel)) walk(abs);
      } else if (entry.isFile() && accept(rel)) {
        found.push(rel);
      }
    }
  };
  walk(path.resolve(root, dir));
  return found.sort();
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** `force-app/**\/lwc/**` without the tests: the sources the LWC build compiles. */
export function isLwcSource(relPath: string): boolean {
  return /(^|\/)lwc\//.test(relPath) && !/(^|\/)__tests__\//.test(relPath) && !/(^|\/)__mocks__\//.test(relPath);
}

export function isApexSource(relPath: string): boolean {
  return relPath.endsWith('.cls') || relPath.endsWith('.trigger');
}

/** True when the module with this `import.meta.url` is the script Node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(moduleUrl) === path.resolve(process.argv[1]);
}
