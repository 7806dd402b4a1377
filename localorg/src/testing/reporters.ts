/** Test-run reporters: JSON and JUnit XML files, and the console summary lines. */
import fs from 'node:fs';
import path from 'node:path';
import type { TestRun } from './runner.js';

export function writeJson(run: TestRun, file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const body = {
    summary: {
      passed: run.passed,
      failed: run.failed,
      total: run.results.length,
      ms: Math.round(run.ms),
      emulated: true
    },
    classes: run.classes.map((c) => ({ ...c, ms: Math.round(c.ms) })),
    tests: run.results.map((r) => ({ ...r, ms: Math.round(r.ms * 10) / 10 })),
    coverage: run.coverage
  };
  fs.writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
}

function xml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function writeJunit(run: TestRun, file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="localorg" tests="${run.results.length}" failures="${run.failed}" time="${(run.ms / 1000).toFixed(3)}">`
  ];
  for (const c of run.classes) {
    lines.push(
      `  <testsuite name="${xml(c.className)}" tests="${c.passed + c.failed}" failures="${c.failed}" time="${(c.ms / 1000).toFixed(3)}">`
    );
    for (const r of run.results.filter((x) => x.className === c.className)) {
      const open = `    <testcase classname="${xml(r.className)}" name="${xml(r.methodName)}" time="${(r.ms / 1000).toFixed(3)}"`;
      if (r.outcome === 'pass') lines.push(open + '/>');
      else {
        lines.push(open + '>');
        lines.push(
          `      <failure message="${xml(r.message ?? '')}">${xml([r.message ?? '', ...r.stack].join('\n'))}</failure>`
        );
        lines.push('    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

export function consoleFailures(run: TestRun): string[] {
  const out: string[] = [];
  run.results
    .filter((r) => r.outcome === 'fail')
    .forEach((r, i) => {
      out.push(`  ${i + 1}) ${r.className}.${r.methodName}`);
      out.push(`     ${r.message ?? ''}`);
      for (const s of r.stack) out.push(`     ${s}`);
    });
  return out;
}

export function consoleCoverage(run: TestRun): string[] {
  if (!run.coverage) return [];
  const out = ['Coverage (lines, emulated):'];
  const width = Math.max(10, ...run.coverage.entries.map((e) => e.name.length));
  for (const e of run.coverage.entries)
    out.push(`  ${e.name.padEnd(width)} ${String(e.percent).padStart(5)}%  ${e.covered}/${e.total}`);
  out.push(
    `  ${'total'.padEnd(width)} ${String(run.coverage.percent).padStart(5)}%  ${run.coverage.covered}/${run.coverage.total}`
  );
  return out;
}
