import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runGate } from './helpers.js';

const PACKAGE = { name: 'p', version: '1.0.0', devDependencies: { rollup: '^4.0.0' } };

function lockWith(rollupEntries: Record<string, object>, rootDev: Record<string, string> = { rollup: '^4.0.0' }) {
  return {
    name: 'p',
    lockfileVersion: 3,
    packages: {
      '': { name: 'p', version: '1.0.0', devDependencies: rootDev },
      'node_modules/rollup': {
        version: '4.68.7',
        dev: true,
        optionalDependencies: { '@rollup/rollup-linux-x64-gnu': '4.68.7', '@rollup/rollup-darwin-arm64': '4.68.7' }
      },
      ...rollupEntries
    }
  };
}

function project(pkg: object, lock: object): { root: string; dispose: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gates-lock-'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify(pkg));
  writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify(lock));
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

const linux = { 'node_modules/@rollup/rollup-linux-x64-gnu': { version: '4.68.7', optional: true, os: ['linux'] } };
const darwin = { 'node_modules/@rollup/rollup-darwin-arm64': { version: '4.68.7', optional: true, os: ['darwin'] } };

test('lockfile gate passes a complete lock that matches package.json', () => {
  const p = project(PACKAGE, lockWith({ ...linux, ...darwin }));
  try {
    const run = runGate('check-lockfile.ts', p.root);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /lockfile: 3 packages locked, 0 problems/);
  } finally {
    p.dispose();
  }
});

test('a missing optional platform entry fails the lockfile gate, naming the package', () => {
  const p = project(PACKAGE, lockWith(linux));
  try {
    const run = runGate('check-lockfile.ts', p.root);
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /^package-lock\.json: @rollup\/rollup-darwin-arm64 \(needed by rollup\) has no entry/m);
    assert.match(run.output, /complete-lockfile\.mjs adds them/);
  } finally {
    p.dispose();
  }
});

test('a package.json range the lock does not record fails the lockfile gate', () => {
  const p = project(PACKAGE, lockWith({ ...linux, ...darwin }, { rollup: '^3.0.0' }));
  try {
    const run = runGate('check-lockfile.ts', p.root);
    assert.equal(run.status, 1, run.output);
    assert.match(run.output, /devDependencies\.rollup is "\^3\.0\.0" but package\.json says "\^4\.0\.0"/);
  } finally {
    p.dispose();
  }
});
