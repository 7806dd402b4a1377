import { integerIn, runScript, type ScriptIo } from '../cli.js';
import { resolveDevHub, type ResolvedOrg } from '../auth.js';
import { loadProject } from '../project.js';
import { loadScratchDefinition } from '../scratch-def.js';
import { ScriptError, USAGE_EXIT, toScriptError } from '../errors.js';
import {
  DEFAULT_PACKAGING_CONFIG,
  VERSION_NUMBER,
  addPackageAliases,
  installUrls,
  loadPackagingConfig,
  packageDirectoryFor,
  resolveAncestor,
  versionAlias
} from '../packaging.js';
import type { Deps } from '../services.js';

type Options = {
  targetDevHub?: string;
  config: string;
  versionNumber?: string;
  versionName?: string;
  installationKeyBypass: boolean;
  tag?: string;
  wait?: number;
};

export async function packageVersion(argv: readonly string[], io: ScriptIo, deps: Deps): Promise<number> {
  return runScript<Options>(
    {
      name: 'package:version',
      summary:
        'Create a version of the namespaced managed 2GP package with code coverage (creating the package itself on first use) and print the install URL.',
      examples: [
        'PACKAGE_INSTALLATION_KEY=… npm run package:version',
        'npm run package:version -- --installation-key-bypass --version-name "Summer booking lifecycle"',
        'npm run package:version -- --dry-run --json'
      ],
      configure: (command) =>
        command
          .option(
            '-v, --target-dev-hub <aliasOrUsername>',
            'Dev Hub that owns the package (default: the target-dev-hub config value)'
          )
          .option(
            '--config <file>',
            'packaging configuration (namespace, package type, key variable)',
            DEFAULT_PACKAGING_CONFIG
          )
          .option(
            '-n, --version-number <major.minor.patch.build>',
            'override versionNumber from sfdx-project.json (build may be NEXT)'
          )
          .option('-a, --version-name <name>', 'override versionName from sfdx-project.json')
          .option('-x, --installation-key-bypass', 'let anyone with the URL install the version (no key)', false)
          .option('-t, --tag <tag>', 'tag the version (e.g. the git commit)')
          .option(
            '-w, --wait <minutes>',
            'minutes to wait for the build (default: waitMinutes in the config)',
            integerIn(1, 240, 'minutes')
          ),
      run: async (options, output) => {
        const project = await loadProject(options.projectDir);
        const config = await loadPackagingConfig(options.projectDir, options.config);
        const dir = packageDirectoryFor(project, config.package);
        const versionNumber = options.versionNumber ?? dir.versionNumber;
        if (!versionNumber || !VERSION_NUMBER.test(versionNumber)) {
          throw new ScriptError(
            'InvalidVersionNumber',
            `Version number '${versionNumber ?? ''}' must look like 1.2.0.NEXT or 1.2.0.4.`,
            {
              exitCode: USAGE_EXIT,
              remedy: 'Fix versionNumber in sfdx-project.json or pass --version-number.'
            }
          );
        }
        const versionName =
          options.versionName ?? dir.versionName ?? `ver ${versionNumber.split('.').slice(0, 2).join('.')}`;
        await loadScratchDefinition(options.projectDir, config.definitionFile);
        const keyFromEnv = io.env[config.installationKeyEnv];
        const installationKey = keyFromEnv && keyFromEnv.length > 0 ? keyFromEnv : undefined;
        if (!installationKey && !options.installationKeyBypass && options.dryRun) {
          output.warn(
            `No installation key: ${config.installationKeyEnv} is not set and --installation-key-bypass was not given. A real run would stop here.`
          );
        } else if (!installationKey && !options.installationKeyBypass) {
          throw new ScriptError(
            'NoInstallationKey',
            `No installation key: ${config.installationKeyEnv} is not set and --installation-key-bypass was not given.`,
            {
              exitCode: USAGE_EXIT,
              remedy: `Export ${config.installationKeyEnv}=<key> (a CI secret), or pass --installation-key-bypass for a key-less version.`
            }
          );
        }
        const existingId = project.packageAliases[config.package];
        const waitMinutes = options.wait ?? config.waitMinutes;
        const store = await deps.authStore(options.projectDir);
        const plan = {
          package: config.package,
          packageId: existingId ?? null,
          namespace: config.namespace,
          packageType: config.packageType,
          path: dir.path,
          versionNumber,
          versionName,
          ancestorPolicy: dir.ancestorVersion ?? null,
          definitionFile: config.definitionFile,
          codeCoverage: true,
          installationKey: installationKey
            ? `from ${config.installationKeyEnv}`
            : options.installationKeyBypass
              ? 'bypassed'
              : `missing (${config.installationKeyEnv} unset)`,
          waitMinutes
        };
        if (options.dryRun) {
          let hub: ResolvedOrg | undefined;
          try {
            hub = await resolveDevHub(store, options.targetDevHub, io.env);
          } catch (error) {
            output.warn(`${toScriptError(error).message} A real run would stop here.`);
          }
          output.info('Dry run: nothing was sent. A real run would:');
          if (!existingId)
            output.info(
              `  create managed package ${config.package} with namespace '${config.namespace}' and record its 0Ho id in sfdx-project.json`
            );
          else
            output.info(
              `  check that package ${config.package} (${existingId}) is Managed with namespace '${config.namespace}'`
            );
          output.info(
            `  build ${config.package} ${versionNumber} "${versionName}" from ${dir.path} with code coverage`
          );
          output.info(
            `  ancestor policy: ${dir.ancestorVersion ?? '(none set)'}; build org shape: ${config.definitionFile}`
          );
          output.info(
            `  installation key: ${plan.installationKey}; Dev Hub: ${hub ? (hub.alias ?? hub.username) : 'none authorised'}`
          );
          return { dryRun: true, ...plan, devHub: hub?.username ?? null };
        }
        const hub = await resolveDevHub(store, options.targetDevHub, io.env);
        output.progress(`Connecting to Dev Hub ${hub.alias ?? hub.username}`);
        const session = await deps.connect(hub);

        let packageId = existingId;
        if (packageId) {
          const record = await deps.packaging.findPackage(session, packageId);
          if (!record) {
            throw new ScriptError(
              'PackageNotFound',
              `Package ${config.package} (${packageId}) does not exist in Dev Hub ${hub.alias ?? hub.username}.`,
              {
                remedy:
                  'Use the Dev Hub that owns the package (--target-dev-hub), or remove the stale alias from packageAliases.'
              }
            );
          }
          if (
            (record.namespace ?? '').toLowerCase() !== config.namespace.toLowerCase() ||
            record.containerOptions !== 'Managed'
          ) {
            throw new ScriptError(
              'PackageMismatch',
              `Package ${config.package} (${packageId}) is ${record.containerOptions} with namespace '${record.namespace ?? ''}', but ${config.file} asks for Managed '${config.namespace}'.`,
              {
                remedy: `Align "namespace" in ${config.file} with the package; a package's namespace and type cannot change after creation.`
              }
            );
          }
        } else {
          output.progress(`Creating managed package ${config.package} with namespace '${config.namespace}'`);
          packageId = await deps.packaging.createPackage(session, {
            name: config.package,
            description: config.description,
            namespace: config.namespace,
            errorUsername: hub.username
          });
          await addPackageAliases(project.file, { [config.package]: packageId });
          output.progress(`Package ${config.package} is ${packageId} (recorded in sfdx-project.json)`);
        }

        const released = await deps.packaging.hasReleasedVersion(session, packageId);
        const ancestor = resolveAncestor(dir.ancestorVersion, released);
        output.progress(`Ancestor: ${ancestor.note}`);
        output.progress(`Building ${config.package} ${versionNumber} with code coverage (this takes minutes)`);
        let lastStatus = '';
        const created = await deps.packaging.createVersion(
          session,
          project.dir,
          {
            packageName: config.package,
            packageId,
            versionNumber,
            versionName,
            ancestorVersion: ancestor.sent,
            definitionFile: config.definitionFile,
            installationKey,
            tag: options.tag,
            waitMinutes
          },
          (status) => {
            if (status !== lastStatus) output.progress(`Package version: ${status}`);
            lastStatus = status;
          }
        );
        if (created.status !== 'Success' || !created.subscriberPackageVersionId) {
          const pending = created.status !== 'Error';
          throw new ScriptError(
            pending ? 'PackageVersionPending' : 'PackageVersionFailed',
            pending
              ? `Package version request ${created.requestId} is still ${created.status} after ${waitMinutes} minutes.`
              : `Package version request ${created.requestId} failed: ${created.errors[0] ?? 'no detail'}${created.errors.length > 1 ? ` (+${created.errors.length - 1} more)` : ''}`,
            {
              remedy: pending
                ? `Check later: \`npx sf package version create report --package-create-request-id ${created.requestId} --target-dev-hub ${hub.alias ?? hub.username}\`.`
                : 'Fix the errors listed (all are in --json output), then run again.',
              data: created
            }
          );
        }
        const alias = versionAlias(config.package, created.versionNumber ?? versionNumber);
        await addPackageAliases(project.file, { [alias]: created.subscriberPackageVersionId });
        const urls = installUrls(created.subscriberPackageVersionId);
        if (created.passedCodeCoverageCheck === false) {
          output.warn(
            `Code coverage ${created.codeCoverage ?? '?'}% is under 75%: this version installs as a beta but cannot be promoted to released.`
          );
        }
        output.info(
          `\nPackage version ${alias} (${created.subscriberPackageVersionId}), code coverage ${created.codeCoverage ?? '?'}%`
        );
        output.info(`Install (production/Developer Edition): ${urls.production}`);
        output.info(`Install (sandbox):                      ${urls.sandbox}`);
        output.info(
          `Or: npx sf package install --package ${alias} --target-org <alias> --wait 10${installationKey ? ' --installation-key <key>' : ''}`
        );
        return {
          ...plan,
          packageId,
          alias,
          ...created,
          installUrl: urls.production,
          sandboxInstallUrl: urls.sandbox,
          ancestor: ancestor.note
        };
      }
    },
    argv,
    io
  );
}
