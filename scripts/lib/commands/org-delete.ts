import { runScript, type ScriptIo } from '../cli.js';
import { resolveTargetOrg } from '../auth.js';
import { ScriptError, USAGE_EXIT } from '../errors.js';
import type { Deps } from '../services.js';

type Options = { targetOrg?: string; ifExists: boolean };

export async function orgDelete(argv: readonly string[], io: ScriptIo, deps: Deps): Promise<number> {
  return runScript<Options>(
    {
      name: 'org:delete',
      summary:
        'Delete a scratch org at its Dev Hub and forget its local auth and alias. Refuses any org that is not a scratch org.',
      examples: [
        'npm run org:delete -- --target-org bksync-scratch',
        'npm run org:delete -- --target-org bksync-ci --if-exists --json'
      ],
      configure: (command) =>
        command
          .option('-o, --target-org <aliasOrUsername>', 'scratch org to delete (default: the target-org config value)')
          .option('--if-exists', 'succeed quietly when the alias is not authorised (for CI clean-up steps)', false),
      run: async (options, output) => {
        const store = await deps.authStore(options.projectDir);
        let target;
        try {
          target = await resolveTargetOrg(store, options.targetOrg);
        } catch (error) {
          if (options.dryRun && error instanceof ScriptError && ['NoTargetOrg', 'UnknownAlias'].includes(error.code)) {
            // A dry run never needs the org: say what a real run would do and why it would stop.
            output.warn(`${error.message} A real run would stop here.`);
            output.info(
              `Dry run: nothing was sent. A real run would delete scratch org ${options.targetOrg ?? '(the default target-org)'} at its Dev Hub and forget its local auth and alias.`
            );
            return { dryRun: true, deleted: false, reason: error.message };
          }
          if (options.ifExists && error instanceof ScriptError && error.code === 'UnknownAlias') {
            output.info(`Nothing to delete: ${error.message}`);
            return { deleted: false, reason: error.message };
          }
          throw error;
        }
        const label = target.alias ?? target.username;
        // Only scratch orgs carry the Dev Hub that created them; a production org or sandbox never does.
        if (!target.devHubUsername) {
          throw new ScriptError(
            'NotAScratchOrg',
            `${label} (${target.username}) is not a scratch org; this script deletes only scratch orgs.`,
            {
              exitCode: USAGE_EXIT,
              remedy: 'Check the alias with `sf org list`; to log out of a non-scratch org use `sf org logout`.'
            }
          );
        }
        const plan = {
          username: target.username,
          alias: target.alias ?? null,
          devHub: target.devHubUsername,
          orgId: target.orgId ?? null
        };
        if (options.dryRun) {
          output.info(
            `Dry run: would delete scratch org ${label} (${target.username}, org ${target.orgId ?? '?'}) at Dev Hub ${target.devHubUsername}.`
          );
          return { dryRun: true, ...plan };
        }
        output.progress(`Deleting ${label} at Dev Hub ${target.devHubUsername}`);
        await deps.scratchOrgs.delete(target);
        output.info(`Deleted scratch org ${label} (${target.username}).`);
        return { deleted: true, ...plan };
      }
    },
    argv,
    io
  );
}
