import path from 'node:path';
import { commaList, integerIn, runScript, type ScriptIo } from '../cli.js';
import { resolveTargetOrg } from '../auth.js';
import { listComponents, type ComponentListing } from '../components.js';
import { DEPLOY_TEST_LEVELS, deployFailure, progressLine, type DeployTestLevel } from '../deploy.js';
import { Option } from 'commander';
import { loadProject } from '../project.js';
import { readJsonFile } from '../json-file.js';
import { ScriptError, USAGE_EXIT } from '../errors.js';
import type { Deps } from '../services.js';
import type { Output } from '../output.js';

type Options = {
  targetOrg?: string;
  sourceDir?: string[];
  wait: number;
  testLevel: DeployTestLevel;
  build: boolean;
  permissionSets?: string[];
  skipPermissionSets: boolean;
  dataPlan: string;
  skipData: boolean;
};

/** The persona a developer deploying to their own org needs to use the admin app (DESIGN.md §3). */
export const DEFAULT_PERMISSION_SETS = ['BookingSyncAdmin'];
/** The org-safe seed: the localorg sample plan also creates Users, which a real org refuses without a ProfileId. */
export const DEFAULT_DATA_PLAN = 'data/org-plan.json';

export async function orgDeploy(argv: readonly string[], io: ScriptIo, deps: Deps): Promise<number> {
  return runScript<Options>(
    {
      name: 'org:deploy',
      summary:
        'Build the LWC TypeScript, deploy force-app with source-deploy-retrieve, assign the permission sets and import the sample data tree.',
      examples: [
        'npm run org:deploy -- --target-org bksync-scratch',
        'npm run org:deploy -- --dry-run',
        'npm run org:deploy -- --target-org bksync-ci --permission-sets BookingSyncAdmin,BookingSyncIntegration --skip-data'
      ],
      configure: (command) =>
        command
          .option('-o, --target-org <aliasOrUsername>', 'org to deploy to (default: the target-org config value)')
          .option(
            '-d, --source-dir <dirs>',
            'deploy only these directories (comma-separated; default: all package directories)',
            commaList
          )
          .option('-w, --wait <minutes>', 'minutes to wait for the deploy (1-120)', integerIn(1, 120, 'minutes'), 30)
          .addOption(
            new Option(
              '-l, --test-level <level>',
              'Apex tests the org runs during the deploy (production orgs refuse NoTestRun)'
            )
              .choices(DEPLOY_TEST_LEVELS)
              .default('NoTestRun')
          )
          .option('--no-build', 'skip `npm run build` (the LWC TypeScript must already be compiled)')
          .option(
            '--permission-sets <names>',
            `permission sets to assign to the deploying user (default: ${DEFAULT_PERMISSION_SETS.join(',')})`,
            commaList
          )
          .option('--skip-permission-sets', 'assign no permission sets', false)
          .option('--data-plan <file>', 'sf data import tree plan', DEFAULT_DATA_PLAN)
          .option('--skip-data', 'do not import the sample data', false),
      run: async (options, output) => {
        const project = await loadProject(options.projectDir);
        const planned = await planSideSteps(options, project.dir);
        if (options.dryRun) {
          const listing = await listComponents(project, options.sourceDir);
          const permissionSets = choosePermissionSets(options, listing, (message) => output.warn(message));
          printListing(output, listing);
          output.info(`\nDry run: nothing was sent. A real run would:`);
          output.info(
            `  1. ${options.build ? 'run `npm run build` (compile the LWC TypeScript)' : 'skip the build (--no-build)'}`
          );
          output.info(
            `  2. deploy the ${listing.components.length} components above with Metadata API ${listing.apiVersion} (rollbackOnError, ${options.testLevel})`
          );
          output.info(`  3. assign permission sets: ${permissionSets.length > 0 ? permissionSets.join(', ') : 'none'}`);
          output.info(
            `  4. ${planned.dataPlan ? `import ${planned.dataPlan} (sf data import tree)` : 'import no data'}`
          );
          return {
            dryRun: true,
            apiVersion: listing.apiVersion,
            directories: listing.directories,
            components: listing.components,
            packageXml: listing.packageXml,
            testLevel: options.testLevel,
            build: options.build,
            permissionSets,
            dataPlan: planned.dataPlan ?? null
          };
        }
        const store = await deps.authStore(options.projectDir);
        const target = await resolveTargetOrg(store, options.targetOrg);
        const label = target.alias ?? target.username;
        if (options.build) {
          output.progress('Compiling the LWC TypeScript (npm run build)');
          await deps.tools.runBuild(project.dir);
        }
        const listing = await listComponents(project, options.sourceDir);
        const permissionSets = choosePermissionSets(options, listing, (message) => output.warn(message));
        output.progress(`Connecting to ${label}`);
        const session = await deps.connect(target, listing.apiVersion);
        output.progress(`Deploying ${listing.components.length} components to ${label} (API ${listing.apiVersion})`);
        let lastLine = '';
        const outcome = await deps.deployer.deploy(
          listing,
          session.connection,
          (progress) => {
            const line = progressLine(progress);
            if (line !== lastLine) output.progress(line);
            lastLine = line;
          },
          { waitMinutes: options.wait, testLevel: options.testLevel }
        );
        output.table(`Deploy ${outcome.id}: ${outcome.status}`, outcome.rows, [
          { header: 'State', value: (row) => row.state },
          { header: 'Type', value: (row) => row.type },
          { header: 'Name', value: (row) => row.fullName },
          { header: 'File', value: (row) => row.file }
        ]);
        if (!outcome.success || outcome.failures.length > 0) {
          output.table('Deploy errors', outcome.failures, [
            {
              header: 'File:Line:Col',
              value: (row) =>
                [row.file || '(no file)', row.line, row.line !== undefined ? row.column : undefined]
                  .filter((part) => part !== undefined)
                  .join(':')
            },
            { header: 'Component', value: (row) => `${row.type} ${row.fullName}` },
            { header: 'Problem', value: (row) => row.problem ?? '' }
          ]);
          throw deployFailure(outcome);
        }
        const assigned =
          permissionSets.length > 0 ? await deps.tools.assignPermissionSets(session, permissionSets) : [];
        for (const item of assigned) output.progress(`Permission set ${item.name}: ${item.status}`);
        let imported: { sobject: string; count: number }[] = [];
        if (planned.dataPlan) {
          output.progress(`Importing sample data (${planned.dataPlan})`);
          imported = await deps.tools.importData(project.dir, planned.dataPlan, session.username);
          for (const item of imported) output.progress(`Imported ${item.count} ${item.sobject}`);
        }
        output.info(`\nDeployed ${outcome.rows.length} files to ${label}.`);
        return {
          id: outcome.id,
          status: outcome.status,
          apiVersion: listing.apiVersion,
          files: outcome.rows,
          permissionSets: assigned,
          data: imported
        };
      }
    },
    argv,
    io
  );
}

function printListing(output: Output, listing: ComponentListing): void {
  output.info(
    `API version ${listing.apiVersion} (sourceApiVersion in sfdx-project.json); source: ${listing.directories.join(', ')}`
  );
  output.table(`${listing.components.length} components would be deployed`, listing.components, [
    { header: 'Type', value: (row) => row.type },
    { header: 'Name', value: (row) => row.fullName },
    { header: 'File', value: (row) => row.file }
  ]);
}

/**
 * Permission sets named on the command line must be in the deployed source (checked offline, before connecting);
 * the default one is assigned only when the source has it, so a half-built package still deploys.
 */
function choosePermissionSets(options: Options, listing: ComponentListing, warn: (message: string) => void): string[] {
  if (options.skipPermissionSets) return [];
  const available = new Set(
    listing.components.filter((row) => row.type === 'PermissionSet').map((row) => row.fullName)
  );
  if (options.permissionSets) {
    const missing = options.permissionSets.filter((name) => !available.has(name));
    if (missing.length > 0) {
      throw new ScriptError(
        'UnknownPermissionSet',
        `Permission set ${missing.join(', ')} is not in the deployed source.`,
        {
          exitCode: USAGE_EXIT,
          remedy: `Choose from: ${[...available].sort().join(', ') || '(none in source)'}.`
        }
      );
    }
    return options.permissionSets;
  }
  const chosen = DEFAULT_PERMISSION_SETS.filter((name) => available.has(name));
  for (const name of DEFAULT_PERMISSION_SETS.filter((item) => !available.has(item))) {
    warn(`Permission set ${name} is not in the source yet; it will not be assigned.`);
  }
  return chosen;
}

/** Checks the data plan offline: it must be the `sf data import tree` plan format, or the import fails after the deploy. */
async function planSideSteps(options: Options, projectDir: string): Promise<{ dataPlan: string | undefined }> {
  if (options.skipData) return { dataPlan: undefined };
  const full = path.resolve(projectDir, options.dataPlan);
  const shown = path.relative(projectDir, full);
  let plan: unknown;
  try {
    plan = await readJsonFile(full, 'Data plan', projectDir);
  } catch (error) {
    if (error instanceof ScriptError && error.code === 'FileNotFound' && options.dataPlan === DEFAULT_DATA_PLAN)
      return { dataPlan: undefined };
    throw error;
  }
  const entries = Array.isArray(plan) ? plan : undefined;
  const badEntry = entries?.findIndex(
    (entry) =>
      typeof entry !== 'object' ||
      entry === null ||
      typeof (entry as { sobject?: unknown }).sobject !== 'string' ||
      !Array.isArray((entry as { files?: unknown }).files)
  );
  if (!entries || (badEntry !== undefined && badEntry >= 0)) {
    throw new ScriptError(
      'InvalidDataPlan',
      `${shown}: ${entries ? `entry ${badEntry} needs "sobject" and "files"` : 'must be an array'} (sf data import tree plan format).`,
      { exitCode: USAGE_EXIT, remedy: 'Fix the plan, pass another --data-plan, or --skip-data.' }
    );
  }
  return { dataPlan: shown };
}
