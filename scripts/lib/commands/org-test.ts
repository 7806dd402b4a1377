import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { Option } from 'commander';
import { commaList, integerIn, percentage, runScript, type ScriptIo } from '../cli.js';
import { resolveTargetOrg } from '../auth.js';
import {
  TEST_LEVELS,
  summariseByClass,
  testsFailedError,
  validateRequest,
  type TestLevelName,
  type TestRunRequest
} from '../apex-tests.js';
import { checkCoverageFloor, formatPercent, summariseCoverage } from '../coverage.js';
import { writeTestResults } from '../result-files.js';
import { findTestClasses, listComponents } from '../components.js';
import { loadProject } from '../project.js';
import { ScriptError } from '../errors.js';
import type { Deps } from '../services.js';

type Options = {
  targetOrg?: string;
  testLevel: TestLevelName;
  classNames?: string[];
  suiteNames?: string[];
  outputDir: string;
  coverageFloor: number;
  wait: number;
};

export const DEFAULT_COVERAGE_FLOOR = 75;

export async function orgTest(argv: readonly string[], io: ScriptIo, deps: Deps): Promise<number> {
  return runScript<Options>(
    {
      name: 'org:test',
      summary:
        'Run Apex tests in an org through @salesforce/apex-node, write JUnit and JSON, print per-class results and coverage, and fail under a coverage floor.',
      examples: [
        'npm run org:test -- --target-org bksync-scratch',
        'npm run org:test -- --test-level RunSpecifiedTests --class-names BookingService_Tests --coverage-floor 85',
        'npm run org:test -- --dry-run'
      ],
      configure: (command) =>
        command
          .option('-o, --target-org <aliasOrUsername>', 'org to test in (default: the target-org config value)')
          .addOption(
            new Option('-l, --test-level <level>', 'which tests run').choices(TEST_LEVELS).default('RunLocalTests')
          )
          .option('-n, --class-names <names>', 'test classes (comma-separated; with RunSpecifiedTests)', commaList)
          .option('-s, --suite-names <names>', 'test suites (comma-separated; with RunSpecifiedTests)', commaList)
          .option('-r, --output-dir <dir>', 'where junit.xml and test-result.json go', 'test-results/apex')
          .option(
            '-c, --coverage-floor <percent>',
            'fail when covered lines fall below this share',
            percentage,
            DEFAULT_COVERAGE_FLOOR
          )
          .option('-w, --wait <minutes>', 'minutes to wait for the run (1-120)', integerIn(1, 120, 'minutes'), 30),
      run: async (options, output) => {
        const request: TestRunRequest = {
          testLevel: options.testLevel,
          classNames: options.classNames ?? [],
          suiteNames: options.suiteNames ?? [],
          waitMinutes: options.wait
        };
        validateRequest(request);
        const outputDir = path.resolve(options.projectDir, options.outputDir);
        if (options.dryRun) {
          const project = await loadProject(options.projectDir);
          const listing = await listComponents(project);
          const local = await findTestClasses(listing, (file) => readFile(file, 'utf8'));
          const unknown = request.classNames.filter(
            (name) => !local.some((found) => found.toLowerCase() === name.toLowerCase())
          );
          if (unknown.length > 0)
            output.warn(
              `Not test classes in the local source: ${unknown.join(', ')} (they must already be in the org).`
            );
          output.info(`Dry run: nothing was sent. A real run would:`);
          output.info(
            `  run ${request.testLevel}${request.classNames.length ? ` for ${request.classNames.join(', ')}` : ''}${request.suiteNames.length ? ` in suites ${request.suiteNames.join(', ')}` : ''} with code coverage`
          );
          output.info(
            `  write ${path.relative(options.projectDir, path.join(outputDir, 'junit.xml'))} and test-result.json`
          );
          output.info(`  fail below ${options.coverageFloor}% of covered lines`);
          output.info(`Test classes in the local source (${local.length}): ${local.join(', ') || 'none'}`);
          return { dryRun: true, ...request, outputDir, coverageFloor: options.coverageFloor, localTestClasses: local };
        }
        const store = await deps.authStore(options.projectDir);
        const target = await resolveTargetOrg(store, options.targetOrg);
        const label = target.alias ?? target.username;
        output.progress(`Connecting to ${label}`);
        const session = await deps.connect(target);
        output.progress(`Running ${request.testLevel} in ${label}`);
        let lastMessage = '';
        const run = await deps.testRunner.run(session.connection, request, (message) => {
          if (message && message !== lastMessage) output.progress(message);
          lastMessage = message;
        });
        if (run.kind === 'pending') {
          throw new ScriptError(
            'TestRunTimeout',
            `Test run ${run.testRunId} was still running after ${options.wait} minutes.`,
            {
              remedy: `Fetch the result later: \`npx sf apex get test --test-run-id ${run.testRunId} --target-org ${label} --code-coverage\`, or raise --wait.`,
              data: { testRunId: run.testRunId }
            }
          );
        }
        const { result } = run;
        const { classes, failures } = summariseByClass(result);
        const coverage = summariseCoverage(result.codecoverage ?? []);
        const files = await writeTestResults(outputDir, result, {
          classes,
          failures,
          coverage,
          coverageFloor: options.coverageFloor
        });

        output.table(
          `Apex tests: ${result.summary.outcome} (${result.summary.passing} passed, ${result.summary.failing} failed, ${result.summary.skipped} skipped)`,
          classes,
          [
            { header: 'Class', value: (row) => row.name },
            { header: 'Pass', value: (row) => row.passed, align: 'right' },
            { header: 'Fail', value: (row) => row.failed, align: 'right' },
            { header: 'Skip', value: (row) => row.skipped, align: 'right' },
            { header: 'Time (ms)', value: (row) => row.timeMs, align: 'right' }
          ]
        );
        if (failures.length > 0) {
          output.table('Failures', failures, [
            { header: 'Test', value: (row) => row.test },
            { header: 'Message', value: (row) => row.message },
            { header: 'At', value: (row) => row.where }
          ]);
        }
        output.table(
          `Coverage ${formatPercent(coverage.percent)} of ${coverage.totalLines} lines (floor ${options.coverageFloor}%)`,
          coverage.classes,
          [
            { header: 'Class or trigger', value: (row) => row.name },
            { header: 'Covered', value: (row) => `${row.covered}/${row.total}`, align: 'right' },
            { header: 'Percent', value: (row) => formatPercent(row.percent), align: 'right' }
          ]
        );
        output.info(
          `\nJUnit: ${path.relative(options.projectDir, files.junit)}\nJSON:  ${path.relative(options.projectDir, files.json)}`
        );
        for (const trigger of coverage.uncoveredTriggers)
          output.warn(
            `Trigger ${trigger} has no covered line; Salesforce will refuse to package or deploy it to production.`
          );

        if (failures.length > 0) throw testsFailedError(failures, result.summary.testsRan);
        const floorProblem = checkCoverageFloor(coverage, options.coverageFloor);
        if (floorProblem) throw floorProblem;
        return {
          outcome: result.summary.outcome,
          testsRan: result.summary.testsRan,
          passing: result.summary.passing,
          failing: result.summary.failing,
          skipped: result.summary.skipped,
          coverage: {
            percent: coverage.percent,
            coveredLines: coverage.coveredLines,
            totalLines: coverage.totalLines,
            floor: options.coverageFloor
          },
          classes,
          files
        };
      }
    },
    argv,
    io
  );
}
