/**
 * Runs a gate the way `npm test` does (a child process) on a temporary SFDX project built from a fixture plus the
 * repository's own gate configuration, so each test sees exactly what the real gate would report.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURES = path.join(REPO_ROOT, 'tools/gates/test/fixtures');
const CONFIG_FILES = ['.prettierrc', '.prettierignore', '.forceignore', 'sfdx-project.json', 'code-analyzer.yml'];

/** A temporary project holding `fixtures/<name>` and the repository's gate configuration. */
export function projectFrom(fixture: string): { root: string; dispose: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), `gates-${fixture}-`));
  cpSync(path.join(FIXTURES, fixture), root, { recursive: true });
  for (const file of CONFIG_FILES) cpSync(path.join(REPO_ROOT, file), path.join(root, file));
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export interface GateRun {
  readonly status: number | null;
  readonly output: string;
}

/** Runs `tools/gates/<script>` with `--root <root>` from the repository root. */
export function runGate(script: string, root: string, extraArgs: string[] = []): GateRun {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'tools/gates', script), '--root', root, ...extraArgs],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } }
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Runs the whole runner (`run-all.ts`) in `root` with the given arguments. */
export function runAll(root: string, args: string[]): GateRun {
  const tsx = import.meta.resolve('tsx');
  const result = spawnSync(
    process.execPath,
    ['--import', tsx, path.join(REPO_ROOT, 'tools/gates/run-all.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, NO_COLOR: '1' }
    }
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
