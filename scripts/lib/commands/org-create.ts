import { Option } from 'commander';
import { aliasName, integerIn, runScript, type ScriptIo } from '../cli.js';
import { resolveDevHub, type ResolvedOrg } from '../auth.js';
import { DEFAULT_DEFINITION, loadScratchDefinition } from '../scratch-def.js';
import { toScriptError } from '../errors.js';
import type { Deps } from '../services.js';

type Options = {
  definitionFile: string;
  alias: string;
  durationDays: number;
  targetDevHub?: string;
  wait: number;
  namespace?: string;
  description?: string;
  setDefault: boolean;
};

export async function orgCreate(argv: readonly string[], io: ScriptIo, deps: Deps): Promise<number> {
  return runScript<Options>(
    {
      name: 'org:create',
      summary:
        'Create a scratch org for Booking Sync from a scratch definition, using a Dev Hub authorised on this machine.',
      examples: [
        'npm run org:create',
        'npm run org:create -- --alias bksync-ci --duration-days 1 --target-dev-hub devhub --no-set-default',
        'npm run org:create -- --dry-run --json'
      ],
      configure: (command) =>
        command
          .option('-f, --definition-file <file>', 'scratch org definition', DEFAULT_DEFINITION)
          .option('-a, --alias <alias>', 'alias for the new org', aliasName, 'bksync-scratch')
          .option('-d, --duration-days <days>', 'days until the org expires (1-30)', integerIn(1, 30, 'days'), 7)
          .option('-v, --target-dev-hub <aliasOrUsername>', 'Dev Hub (default: the target-dev-hub config value)')
          .option('-w, --wait <minutes>', 'minutes to wait for the org (1-60)', integerIn(1, 60, 'minutes'), 15)
          .addOption(
            new Option(
              '--namespace <prefix>',
              'create a namespaced org (the prefix must be linked to the Dev Hub), to test as the package sees itself'
            )
          )
          .option(
            '--description <text>',
            'description stored on the scratch org record (CI puts its run id here to find orphans)'
          )
          .option('--no-set-default', 'do not make the new org the default target-org'),
      run: async (options, output) => {
        const definition = await loadScratchDefinition(options.projectDir, options.definitionFile);
        const orgConfig: Record<string, unknown> = {
          ...definition.config,
          ...(options.namespace ? { namespace: options.namespace } : {}),
          ...(options.description ? { description: options.description } : {})
        };
        const store = await deps.authStore(options.projectDir);
        if (options.dryRun) {
          let hub: ResolvedOrg | undefined;
          let hubProblem: string | undefined;
          try {
            hub = await resolveDevHub(store, options.targetDevHub, io.env);
          } catch (error) {
            hubProblem = toScriptError(error).message;
            output.warn(`${hubProblem} A real run would stop here.`);
          }
          const plan = {
            dryRun: true,
            definitionFile: definition.shown,
            definition: orgConfig,
            devHub: hub
              ? { alias: hub.alias ?? null, username: hub.username, source: hub.source }
              : { requested: options.targetDevHub ?? null, problem: hubProblem },
            alias: options.alias,
            durationDays: options.durationDays,
            setDefault: options.setDefault,
            waitMinutes: options.wait
          };
          output.info(`Dry run: would create a scratch org (nothing was sent).`);
          output.info(`Definition  ${definition.shown}`);
          output.info(JSON.stringify(orgConfig, null, 2));
          output.info(
            `Dev Hub     ${hub ? `${hub.alias ?? hub.username} (${hub.username}, from ${hub.source === 'flag' ? '--target-dev-hub' : 'target-dev-hub config'})` : 'none authorised'}`
          );
          output.info(`Alias       ${options.alias}${options.setDefault ? ' (becomes the default org)' : ''}`);
          output.info(`Duration    ${options.durationDays} day${options.durationDays === 1 ? '' : 's'}`);
          return plan;
        }
        const hub = await resolveDevHub(store, options.targetDevHub, io.env);
        output.progress(`Connecting to Dev Hub ${hub.alias ?? hub.username}`);
        const session = await deps.connect(hub);
        output.progress(
          `Requesting a ${typeof orgConfig.edition === 'string' ? orgConfig.edition : ''} scratch org from ${definition.shown}`
        );
        const created = await deps.scratchOrgs.create(
          session,
          {
            orgConfig,
            alias: options.alias,
            durationDays: options.durationDays,
            waitMinutes: options.wait,
            setDefault: options.setDefault
          },
          (stage) => output.progress(`Scratch org: ${stage}`)
        );
        for (const warning of created.warnings) output.warn(warning);
        const result = { alias: options.alias, devHub: hub.username, ...created };
        output.table(
          'Scratch org created',
          [result],
          [
            { header: 'Alias', value: (row) => row.alias },
            { header: 'Username', value: (row) => row.username },
            { header: 'Org Id', value: (row) => row.orgId ?? '' },
            { header: 'Expires', value: (row) => row.expirationDate ?? '' }
          ]
        );
        output.info(`\nNext: npm run org:deploy -- --target-org ${options.alias}`);
        return result;
      }
    },
    argv,
    io
  );
}
