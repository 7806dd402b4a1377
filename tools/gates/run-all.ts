/**
 * `npm test`: runs every quality gate and test suite, each as a child process with its output streamed live, then
 * prints a table (step, result, counts, seconds) and, alone on the last line, `N passed, N failed`.
 * Writes reports/gates.json and reports/gates-junit.xml; exits non-zero when anything failed.
 *
 * Usage: tsx tools/gates/run-all.ts [--only a,b] [--skip c] [--list]
 * Counting and each step are described in docs/quality-gates.md.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runChild, stopRunningChildren } from './lib/child.js';
import { isMain } from './lib/files.js';
import { type StepResult, table, totals, writeJson, writeJunit } from './lib/report.js';
import { type Step, type StepContext, STEPS, TSX } from './lib/steps.js';

class UsageError extends Error {}

/** The steps selected by --only / --skip (comma-separated or repeated), in their fixed order. */
export function selectSteps(only: readonly string[], skip: readonly string[]): Step[] {
  const names = new Set(STEPS.map((s) => s.name));
  const split = (values: readonly string[]): string[] =>
    values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  const onlyNames = split(only);
  const skipNames = split(skip);
  const unknown = [...onlyNames, ...skipNames].filter((n) => !names.has(n));
  if (unknown.length) {
    throw new UsageError(
      `unknown step ${unknown.map((n) => `'${n}'`).join(', ')}; steps are: ${[...names].join(', ')}`
    );
  }
  return STEPS.filter((s) => (onlyNames.length === 0 || onlyNames.includes(s.name)) && !skipNames.includes(s.name));
}

function commandLine(command: string, args: readonly string[], root: string): string {
  return [command === process.execPath ? 'node' : command, ...args]
    .map((a) => (a === TSX ? 'tsx' : a.startsWith(root + path.sep) ? path.relative(root, a) : a))
    .join(' ');
}

async function runStep(step: Step, ctx: StepContext, index: number, total: number): Promise<StepResult> {
  for (const output of step.outputs ?? []) rmSync(path.join(ctx.reports, output), { force: true });
  const header = `[${index}/${total}] ${step.name}: ${step.summary}`;
  const plan = step.plan(ctx);
  if ('noneYet' in plan) {
    console.log(`\n── ${header}\n   none yet (${plan.noneYet})`);
    return { ...base(step), status: 'none yet', passed: 0, failed: 0, seconds: 0, detail: plan.noneYet };
  }
  const command = commandLine(plan.command, plan.args, ctx.root);
  console.log(`\n── ${header}\n   $ ${command}`);
  const run = await runChild(plan.command, plan.args, {
    cwd: ctx.root,
    prefix: `   ${step.name} │ `,
    env: plan.env,
    timeoutSeconds: plan.timeoutSeconds,
    heartbeatSeconds: 30
  });
  const counts = step.count(ctx, run.exitCode, run.tail);
  const failed = run.timedOut ? Math.max(1, counts.failed) : counts.failed;
  const status = failed > 0 || run.exitCode !== 0 ? 'failed' : 'passed';
  const detail = run.timedOut ? `timed out after ${plan.timeoutSeconds}s; ${counts.detail}` : counts.detail;
  const mark = status === 'passed' ? '✔' : '✖';
  console.log(
    `   ${mark} ${step.name} ${status}: ${counts.passed} passed, ${failed} failed (${run.seconds.toFixed(1)}s)` +
      (detail ? ` — ${detail}` : '')
  );
  return {
    ...base(step),
    status,
    passed: counts.passed,
    // A step that exits non-zero always counts at least one failure, even if its report claims none.
    failed: status === 'failed' ? Math.max(1, failed) : 0,
    seconds: run.seconds,
    detail,
    command,
    exitCode: run.exitCode,
    ...(status === 'failed' ? { tail: run.tail } : {})
  };
}

function base(step: Step): Pick<StepResult, 'name' | 'kind' | 'summary'> {
  return { name: step.name, kind: step.kind, summary: step.summary };
}

async function main(): Promise<number> {
  let steps: Step[];
  try {
    const { values } = parseArgs({
      options: {
        only: { type: 'string', multiple: true, default: [] },
        skip: { type: 'string', multiple: true, default: [] },
        list: { type: 'boolean', default: false }
      }
    });
    if (values.list) {
      for (const s of STEPS) console.log(`${s.name.padEnd(15)} ${s.kind.padEnd(6)} ${s.summary}`);
      return 0;
    }
    steps = selectSteps(values.only, values.skip);
  } catch (error) {
    console.error(`run-all: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }

  const root = process.cwd();
  const ctx: StepContext = { root, reports: path.join(root, 'reports') };
  mkdirSync(ctx.reports, { recursive: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopRunningChildren();
      process.exit(130);
    });
  }

  const startedAt = new Date();
  console.log(`npm test: ${steps.length} steps (${steps.map((s) => s.name).join(', ')}); reports in reports/`);
  const results: StepResult[] = [];
  for (const [i, step] of steps.entries()) results.push(await runStep(step, ctx, i + 1, steps.length));

  const run = totals(results, (Date.now() - startedAt.getTime()) / 1000);
  writeJson(path.join(ctx.reports, 'gates.json'), results, run, startedAt);
  writeJunit(path.join(ctx.reports, 'gates-junit.xml'), results, run);

  console.log(`\n${table(results)}\n`);
  const failedSteps = results.filter((r) => r.status === 'failed').map((r) => r.name);
  console.log(
    failedSteps.length
      ? `failed: ${failedSteps.join(', ')} (rerun one alone: npx tsx tools/gates/run-all.ts --only ${failedSteps[0]})`
      : 'all steps passed'
  );
  console.log(`total ${run.seconds.toFixed(1)}s; reports/gates.json, reports/gates-junit.xml`);
  console.log(`${run.passed} passed, ${run.failed} failed`);
  return run.failed > 0 ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = await main();
