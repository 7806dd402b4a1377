/**
 * Gate: package-lock.json is one `npm ci` accepts on a fresh clone. It checks what npm ci's own "in sync" check
 * looks at, without installing anything:
 *   - the lock's root entry declares exactly package.json's dependencies, devDependencies, optionalDependencies and
 *     the same version ranges (a `package.json` edited without `npm install`);
 *   - every dependency and optional dependency a locked package declares has an entry of its own (after an
 *     `npm install` against our registry, rollup's non-linux binaries go missing: see tools/gates/ci/complete-lockfile.mjs).
 * Problems print as `package-lock.json: …` naming the package.
 *
 * Usage: tsx tools/gates/check-lockfile.ts [--root DIR]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMain } from './lib/files.js';

type Deps = Record<string, string>;
interface LockEntry {
  version?: string;
  dependencies?: Deps;
  devDependencies?: Deps;
  optionalDependencies?: Deps;
  peerDependencies?: Deps;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  link?: boolean;
}
interface PackageJson {
  dependencies?: Deps;
  devDependencies?: Deps;
  optionalDependencies?: Deps;
}

/** Where npm would find `name` when required from the package at `key` (walking up node_modules folders). */
function resolves(packages: Record<string, LockEntry>, key: string, name: string): boolean {
  let base = key;
  for (;;) {
    if (packages[base ? `${base}/node_modules/${name}` : `node_modules/${name}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

export function checkLockfile(root: string): { packages: number; problems: string[] } {
  const lockFile = path.join(root, 'package-lock.json');
  if (!existsSync(lockFile)) return { packages: 0, problems: ['package-lock.json: missing (npm ci needs it)'] };
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages?: Record<string, LockEntry> };
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
  const packages = lock.packages ?? {};
  const problems: string[] = [];

  const rootEntry = packages[''] ?? {};
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
    const declared = pkg[field] ?? {};
    const locked = rootEntry[field] ?? {};
    for (const [name, range] of Object.entries(declared)) {
      if (locked[name] !== range) {
        problems.push(
          `package-lock.json: ${field}.${name} is ${locked[name] === undefined ? 'absent' : `"${locked[name]}"`} but package.json says "${range}" (run npm install)`
        );
      }
    }
    for (const name of Object.keys(locked)) {
      if (!(name in declared)) problems.push(`package-lock.json: ${field}.${name} is locked but not in package.json`);
    }
  }

  for (const [key, entry] of Object.entries(packages)) {
    if (entry.link) continue;
    const required = { ...(entry.dependencies ?? {}), ...(entry.optionalDependencies ?? {}) };
    if (key === '') Object.assign(required, entry.devDependencies ?? {});
    for (const name of Object.keys(required)) {
      if (!resolves(packages, key, name)) {
        const who = key === '' ? 'the project' : key.replace(/^.*node_modules\//, '');
        problems.push(`package-lock.json: ${name} (needed by ${who}) has no entry; npm ci will refuse the lock`);
      }
    }
  }
  return { packages: Object.keys(packages).length - 1, problems };
}

function main(): number {
  const { values } = parseArgs({ options: { root: { type: 'string', default: process.cwd() } } });
  const { packages, problems } = checkLockfile(path.resolve(values.root));
  for (const p of problems) console.log(p);
  if (problems.some((p) => /@rollup\/rollup-/.test(p))) {
    console.log('rollup platform entries missing: node tools/gates/ci/complete-lockfile.mjs adds them');
  }
  console.log(`lockfile: ${packages} packages locked, ${problems.length} problems`);
  return problems.length ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = main();
