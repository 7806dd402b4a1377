/**
 * The gates and suites `npm test` runs, in order: cheap static checks first (so a type error shows in seconds),
 * then the metadata and PMD scans, then the test suites from fastest to slowest.
 *
 * Counting (docs/quality-gates.md): a gate is one check, passed or failed; a suite contributes one count per test.
 * A suite with no test files at all is "none yet" and counts nothing; a suite whose runner fails without a report
 * counts one failure, so a crash can never pass as zero tests.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apexJsonCounts, type Counts, jestCounts, junitCounts, nodeTestCounts } from './counts.js';
import { listFiles } from './files.js';

export interface StepContext {
  readonly root: string;
  /** Absolute path of the reports folder. */
  readonly reports: string;
}

export interface Invocation {
  readonly command: string;
  readonly args: string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutSeconds: number;
}

export interface Step {
  /** Name used by --only / --skip and in the table. */
  readonly name: string;
  readonly kind: 'gate' | 'suite';
  /** What it checks, one line. */
  readonly summary: string;
  /** The command to run, or why there is nothing to run yet. */
  plan(ctx: StepContext): Invocation | { readonly noneYet: string };
  /** Report files the step writes; removed before it runs so a stale report is never counted. */
  readonly outputs?: readonly string[];
  /** Counts after the command ran. */
  count(ctx: StepContext, exitCode: number, tail: string): Counts;
}

const node = process.execPath;
// Tools resolve from this checkout's node_modules and gate scripts from this folder, so the runner also checks a
// project that has neither (the gates' own tests run it on temporary copies).
const require = createRequire(import.meta.url);
const bin = (pkg: string, file: string): string =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const gatesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** `--import` target for running TypeScript: tsx's loader, by absolute URL. */
export const TSX = import.meta.resolve('tsx');

/** The last line of output matching `pattern`: the summary line each gate script prints. */
function lastLine(tail: string, pattern: RegExp): string {
  const lines = tail.split('\n').filter((l) => pattern.test(l));
  return lines.length ? lines[lines.length - 1].trim() : '';
}

function gate(
  name: string,
  summary: string,
  plan: (ctx: StepContext) => Invocation,
  detail: (tail: string) => string
): Step {
  return {
    name,
    kind: 'gate',
    summary,
    plan,
    count: (_ctx, exitCode, tail) => ({
      passed: exitCode === 0 ? 1 : 0,
      failed: exitCode === 0 ? 0 : 1,
      detail: detail(tail)
    })
  };
}

function tsxScript(script: string, args: string[] = [], timeoutSeconds = 600): Invocation {
  return { command: node, args: ['--import', TSX, path.join(gatesDir, script), ...args], timeoutSeconds };
}

/** A node:test suite over the given test files, counted from its JUnit report. */
function nodeTestSuite(name: string, summary: string, dir: string, pattern: RegExp, skipDirs: string[] = []): Step {
  const junit = (ctx: StepContext): string => path.join(ctx.reports, `${name}-junit.xml`);
  return {
    name,
    kind: 'suite',
    summary,
    outputs: [`${name}-junit.xml`],
    plan(ctx) {
      // Fixture folders hold test inputs, never tests.
      const files = listFiles(ctx.root, dir, (f) => pattern.test(f) && !f.includes('/fixtures/'), { skipDirs });
      if (files.length === 0) return { noneYet: `no ${dir}/**/*.test.ts files` };
      return {
        command: node,
        args: [
          '--import',
          TSX,
          '--test',
          // A hung test must not hang the run: five minutes is far beyond any unit test here.
          '--test-timeout=300000',
          '--test-reporter=spec',
          '--test-reporter-destination=stdout',
          '--test-reporter=junit',
          `--test-reporter-destination=${junit(ctx)}`,
          ...files
        ],
        timeoutSeconds: 1800
      };
    },
    count(ctx, exitCode) {
      const counts = nodeTestCounts(junit(ctx));
      if (!counts) return { passed: 0, failed: 1, detail: `runner exited ${exitCode} without a JUnit report` };
      if (exitCode !== 0 && counts.failed === 0) {
        return { ...counts, failed: 1, detail: `${counts.detail}; runner exited ${exitCode}` };
      }
      return counts;
    }
  };
}

const isTestTs = /\.test\.ts$/;

export const STEPS: readonly Step[] = [
  gate(
    'lockfile',
    'package-lock.json matches package.json and is complete, so npm ci accepts it on a fresh clone',
    () => tsxScript('check-lockfile.ts', [], 120),
    (tail) => lastLine(tail, /^lockfile: /).replace(/^lockfile: /, '')
  ),
  gate(
    'lwc-build',
    'LWC TypeScript type-checks and compiles in place (force-app/main/admin/lwc/tsconfig.json)',
    () => tsxScript('build-lwc.ts', ['--lwc-only']),
    (tail) => lastLine(tail, /^lwc: /).replace(/^lwc: /, '')
  ),
  gate(
    'typecheck',
    'tsc --noEmit over tsconfig.json (localorg, scripts, tools)',
    () => ({
      command: node,
      args: [bin('typescript', 'bin/tsc'), '--noEmit', '--pretty', 'false', '-p', 'tsconfig.json'],
      timeoutSeconds: 900
    }),
    (tail) => {
      const errors = tail.split('\n').filter((l) => /: error TS\d+/.test(l)).length;
      return errors ? `${errors}+ type errors` : 'no type errors';
    }
  ),
  gate(
    'eslint',
    'ESLint: typed typescript-eslint on TypeScript, Salesforce LWC rules on bundles',
    () => ({
      command: node,
      args: [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings', '0'],
      timeoutSeconds: 1200
    }),
    (tail) => lastLine(tail, /problems? \(/).replace(/^✖\s*/, '') || 'no problems'
  ),
  gate(
    'prettier',
    'Prettier check: Apex (prettier-plugin-apex), XML, TypeScript, JSON, YAML',
    () => tsxScript('check-prettier.ts'),
    (tail) => lastLine(tail, /^prettier: /).replace(/^prettier: /, '')
  ),
  gate(
    'metadata',
    'force-app resolves and converts offline with source-deploy-retrieve',
    () => tsxScript('check-metadata.ts'),
    (tail) => lastLine(tail, /^metadata: /).replace(/^metadata: /, '')
  ),
  gate(
    'pmd',
    'PMD on all Apex via code-analyzer-core (Recommended + Security + ErrorProne + AppExchange)',
    () => tsxScript('check-pmd.ts', [], 900),
    (tail) => lastLine(tail, /^pmd: /).replace(/^pmd: /, '')
  ),
  nodeTestSuite('tools-tests', "unit tests under tools/ (today the gates' own: tools/gates/test)", 'tools', isTestTs, [
    'tools/property'
  ]),
  nodeTestSuite(
    'property-tests',
    'order-independence property of the booking API: 200 seeded streams over HTTP on localorg (tools/property)',
    'tools/property',
    isTestTs,
    ['tools/property/fixtures']
  ),
  nodeTestSuite('localorg-tests', 'localorg unit tests (localorg/test)', 'localorg/test', isTestTs, [
    'localorg/test/fixtures'
  ]),
  nodeTestSuite('scripts-tests', 'org automation unit tests (scripts/test)', 'scripts/test', isTestTs, [
    'scripts/test/fixtures'
  ]),
  {
    name: 'apex-tests',
    kind: 'suite',
    summary: "the package's Apex tests on localorg, with line coverage",
    outputs: ['apex.json', 'apex-junit.xml'],
    plan(ctx) {
      const testClasses = listFiles(ctx.root, 'force-app', (f) => f.endsWith('.cls')).filter((f) =>
        /@istest\b/i.test(readText(path.join(ctx.root, f)))
      );
      if (testClasses.length === 0) return { noneYet: 'no @IsTest classes in force-app' };
      return {
        command: node,
        args: [
          path.join(ctx.root, 'localorg/bin/localorg.js'),
          'test',
          '--coverage',
          '--json',
          path.join(ctx.reports, 'apex.json'),
          '--junit',
          path.join(ctx.reports, 'apex-junit.xml')
        ],
        timeoutSeconds: 2400
      };
    },
    count(ctx, exitCode) {
      const counts =
        apexJsonCounts(path.join(ctx.reports, 'apex.json')) ?? junitCounts(path.join(ctx.reports, 'apex-junit.xml'));
      if (!counts) return { passed: 0, failed: 1, detail: `localorg test exited ${exitCode} without a report` };
      if (exitCode !== 0 && counts.failed === 0) {
        return { ...counts, failed: 1, detail: `${counts.detail}; localorg test exited ${exitCode}` };
      }
      return counts;
    }
  },
  {
    name: 'lwc-jest',
    kind: 'suite',
    summary: 'LWC Jest tests (sfdx-lwc-jest)',
    outputs: ['jest.json'],
    plan(ctx) {
      const tests = listFiles(ctx.root, 'force-app', (f) => /\/__tests__\/.*\.test\.(js|ts)$/.test(f));
      if (tests.length === 0) return { noneYet: 'no force-app/**/__tests__/*.test.{js,ts} files' };
      return {
        command: node,
        args: [
          bin('@salesforce/sfdx-lwc-jest', 'bin/sfdx-lwc-jest'),
          '--',
          '--ci',
          '--json',
          `--outputFile=${path.join(ctx.reports, 'jest.json')}`
        ],
        timeoutSeconds: 1200
      };
    },
    count(ctx, exitCode) {
      const counts = jestCounts(path.join(ctx.reports, 'jest.json'));
      if (!counts) return { passed: 0, failed: 1, detail: `jest exited ${exitCode} without a report` };
      if (exitCode !== 0 && counts.failed === 0) {
        return { ...counts, failed: 1, detail: `${counts.detail}; jest exited ${exitCode}` };
      }
      return counts;
    }
  },
  nodeTestSuite(
    'browser-tests',
    "browser tests of the admin app in Debian's Chromium (tests/browser)",
    'tests/browser',
    isTestTs,
    ['tests/browser/fixtures']
  )
];

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
