import path from 'node:path';
import { access } from 'node:fs/promises';
import {
  Lifecycle,
  Org,
  PermissionSetAssignment,
  SfProject,
  scratchOrgCreate,
  scratchOrgLifecycleEventName,
  type ScratchOrgLifecycleEvent
} from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { loadLocalAuthStore } from './auth-store.js';
import { connectOrg, probeHost } from './org-connection.js';
import { toDeployOutcome, type Deployer } from './deploy.js';
import { ScriptError } from './errors.js';
import { runCommand } from './child-process.js';
import { withTimeout } from './timeout.js';
import type { ApexTestRunner } from './apex-tests.js';
import type { PackagingClient, VersionCreated } from './packaging.js';
import type { Deps, OrgTools, ScratchOrgs } from './services.js';

const BUILD_TIMEOUT_MS = 10 * 60_000;
const DATA_TIMEOUT_MS = 10 * 60_000;

const scratchOrgs: ScratchOrgs = {
  async create(hub, request, onStage) {
    const lifecycle = Lifecycle.getInstance();
    lifecycle.on<ScratchOrgLifecycleEvent>(scratchOrgLifecycleEventName, (event) =>
      Promise.resolve(onStage(event.stage))
    );
    const result = await scratchOrgCreate({
      hubOrg: hub.org,
      orgConfig: request.orgConfig,
      durationDays: request.durationDays,
      wait: Duration.minutes(request.waitMinutes),
      alias: request.alias,
      setDefault: request.setDefault,
      // Deploys go through SDR's ComponentSet, not source tracking; tracking would only add SourceMember polling.
      tracksSource: false,
      nonamespace: typeof request.orgConfig.namespace !== 'string'
    });
    if (!result.username)
      throw new ScriptError('ScratchOrgNotCreated', 'The Dev Hub returned no username for the new scratch org.');
    return {
      username: result.username,
      orgId: result.authFields?.orgId ?? result.scratchOrgInfo?.ScratchOrg,
      loginUrl: result.authFields?.instanceUrl ?? result.scratchOrgInfo?.LoginUrl,
      expirationDate: result.scratchOrgInfo?.ExpirationDate,
      warnings: result.warnings
    };
  },
  async delete(target) {
    if (target.instanceUrl) await probeHost(target.instanceUrl, target.alias ?? target.username);
    const org = await withTimeout(
      Org.create({ aliasOrUsername: target.username }),
      20_000,
      `Opening ${target.username}`
    );
    await withTimeout(org.delete(), 120_000, `Deleting ${target.username} at its Dev Hub`);
  }
};

const deployer: Deployer = {
  async deploy(listing, connection, onProgress, options) {
    const operation = await listing.componentSet.deploy({
      usernameOrConnection: connection,
      apiVersion: listing.apiVersion,
      apiOptions: { rollbackOnError: true, testLevel: options.testLevel }
    });
    operation.onUpdate((status) =>
      onProgress({
        status: status.status,
        deployed: status.numberComponentsDeployed,
        total: status.numberComponentsTotal,
        errors: status.numberComponentErrors,
        detail: status.stateDetail
      })
    );
    const result = await operation.pollStatus({
      frequency: Duration.seconds(2),
      timeout: Duration.minutes(options.waitMinutes)
    });
    return toDeployOutcome(result, (file) => path.relative(listing.projectDir, file));
  }
};

const tools: OrgTools = {
  async runBuild(projectDir) {
    const result = await runCommand('npm', ['run', '--silent', 'build'], projectDir, BUILD_TIMEOUT_MS);
    if (result.code !== 0) {
      const detail = (result.stderr || result.stdout).trim().split('\n').slice(-1)[0] ?? '';
      throw new ScriptError('BuildFailed', `\`npm run build\` (LWC TypeScript) failed: ${detail}`, {
        remedy: 'Run `npm run build` to see the compiler errors, fix them, then deploy again (or pass --no-build).'
      });
    }
  },
  async assignPermissionSets(session, names) {
    const users = await session.connection.query<{ Id: string }>(
      `SELECT Id FROM User WHERE Username = '${session.username.replace(/'/g, "\\'")}'`
    );
    const userId = users.records[0]?.Id;
    if (!userId) throw new ScriptError('UserNotFound', `No User with username ${session.username} in the org.`);
    const assigner = await PermissionSetAssignment.init(session.org);
    const results = [];
    for (const name of names) {
      try {
        await assigner.create(userId, name);
        results.push({ name, status: 'assigned' as const });
      } catch (error) {
        // Assigning twice is not a failure for a script meant to be re-run.
        if (/duplicate/i.test((error as Error).message)) results.push({ name, status: 'already assigned' as const });
        else
          throw new ScriptError(
            'PermissionSetFailed',
            `Assigning permission set ${name} failed: ${(error as Error).message.split('\n')[0]}`
          );
      }
    }
    return results;
  },
  async importData(projectDir, planFile, username) {
    const result = await runCommand(
      'npx',
      ['sf', 'data', 'import', 'tree', '--plan', planFile, '--target-org', username, '--json'],
      projectDir,
      DATA_TIMEOUT_MS
    );
    let parsed: { status?: number; message?: string; result?: { refId: string; type: string; id: string }[] } = {};
    try {
      parsed = JSON.parse(result.stdout) as typeof parsed;
    } catch {
      parsed = { status: result.code, message: result.stderr.trim().split('\n')[0] };
    }
    if (result.code !== 0 || parsed.status !== 0) {
      throw new ScriptError('DataImportFailed', `Importing ${planFile} failed: ${parsed.message ?? 'see sf output'}`, {
        remedy: `Run \`npx sf data import tree --plan ${planFile} --target-org ${username}\` to see the full error, or pass --skip-data.`
      });
    }
    const counts = new Map<string, number>();
    for (const record of parsed.result ?? []) counts.set(record.type, (counts.get(record.type) ?? 0) + 1);
    return [...counts].map(([sobject, count]) => ({ sobject, count }));
  }
};

const testRunner: ApexTestRunner = {
  async run(connection, request, onProgress) {
    const { TestService } = await import('@salesforce/apex-node');
    type Level = Parameters<InstanceType<typeof TestService>['buildAsyncPayload']>[0];
    const service = new TestService(connection);
    const payload = await service.buildAsyncPayload(
      request.testLevel as Level,
      undefined,
      request.classNames.length > 0 ? request.classNames.join(',') : undefined,
      request.suiteNames.length > 0 ? request.suiteNames.join(',') : undefined
    );
    const result = await service.runTestAsynchronous(
      { ...payload, skipCodeCoverage: false },
      true,
      false,
      { report: (value) => onProgress('message' in value ? value.message : `${value.type}`) },
      undefined,
      Duration.minutes(request.waitMinutes)
    );
    return 'summary' in result ? { kind: 'finished', result } : { kind: 'pending', testRunId: result.testRunId };
  }
};

const packaging: PackagingClient = {
  async findPackage(session, packageId) {
    assertId(packageId, '0Ho');
    const rows = await session.connection.tooling.query<{
      Id: string;
      Name: string;
      NamespacePrefix: string | null;
      ContainerOptions: string;
    }>(`SELECT Id, Name, NamespacePrefix, ContainerOptions FROM Package2 WHERE Id = '${packageId}'`);
    const row = rows.records[0];
    return row
      ? { id: row.Id, name: row.Name, namespace: row.NamespacePrefix, containerOptions: row.ContainerOptions }
      : undefined;
  },
  async createPackage(session, spec) {
    // Same request @salesforce/packaging's createPackage sends, with the namespace from our packaging config
    // instead of sfdx-project.json.
    const result = await session.connection.tooling.sobject('Package2').create({
      Name: spec.name,
      Description: spec.description,
      NamespacePrefix: spec.namespace,
      ContainerOptions: 'Managed',
      IsOrgDependent: false,
      PackageErrorUsername: spec.errorUsername
    });
    if (!result.success) {
      const errors = (result as { errors?: { message?: string }[] }).errors ?? [];
      throw new ScriptError(
        'PackageCreateFailed',
        `Creating package ${spec.name} failed: ${errors.map((e) => e.message).join('; ')}`,
        {
          remedy: `Check that namespace '${spec.namespace}' is registered and linked to this Dev Hub (Setup › Namespace Registries).`
        }
      );
    }
    return result.id;
  },
  async hasReleasedVersion(session, packageId) {
    assertId(packageId, '0Ho');
    const rows = await session.connection.tooling.query<{ Id: string }>(
      `SELECT Id FROM Package2Version WHERE Package2Id = '${packageId}' AND IsReleased = true AND IsDeprecated = false LIMIT 1`
    );
    return rows.records.length > 0;
  },
  async createVersion(session, projectDir, request, onProgress): Promise<VersionCreated> {
    const { PackageVersion, PackageVersionEvents } = await import('@salesforce/packaging');
    const project = await projectForBuild(projectDir, request.packageName, request.ancestorVersion);
    Lifecycle.getInstance().on<{ packageVersionCreateRequestResult?: { Status?: string } }>(
      PackageVersionEvents.create.progress,
      (event) => Promise.resolve(onProgress(event.packageVersionCreateRequestResult?.Status ?? 'in progress'))
    );
    const previous = process.env.SF_PROJECT_AUTOUPDATE_DISABLE_FOR_PACKAGE_VERSION_CREATE;
    process.env.SF_PROJECT_AUTOUPDATE_DISABLE_FOR_PACKAGE_VERSION_CREATE = 'true';
    try {
      const result = await PackageVersion.create(
        {
          connection: session.connection,
          project,
          packageId: request.packageName,
          codecoverage: true,
          definitionfile: path.resolve(projectDir, request.definitionFile),
          versionnumber: request.versionNumber,
          versionname: request.versionName,
          ...(request.installationKey ? { installationkey: request.installationKey } : { installationkeybypass: true }),
          ...(request.tag ? { tag: request.tag } : {})
        },
        { frequency: Duration.seconds(30), timeout: Duration.minutes(request.waitMinutes) }
      );
      return {
        requestId: result.Id,
        status: result.Status,
        subscriberPackageVersionId: result.SubscriberPackageVersionId,
        versionNumber: result.VersionNumber,
        codeCoverage: result.CodeCoverage,
        passedCodeCoverageCheck: result.HasPassedCodeCoverageCheck,
        errors: (result.Error ?? []).map((entry: unknown) =>
          typeof entry === 'string' ? entry : JSON.stringify(entry)
        )
      };
    } finally {
      if (previous === undefined) delete process.env.SF_PROJECT_AUTOUPDATE_DISABLE_FOR_PACKAGE_VERSION_CREATE;
      else process.env.SF_PROJECT_AUTOUPDATE_DISABLE_FOR_PACKAGE_VERSION_CREATE = previous;
    }
  }
};

/**
 * A fresh SfProject (the memoized one may predate the alias we just wrote) whose in-memory package directory carries
 * the resolved ancestor. The file on disk keeps its policy; the library's own write-back is switched off by the caller.
 */
export async function projectForBuild(
  projectDir: string,
  packageName: string,
  ancestorVersion: string | undefined
): Promise<SfProject> {
  SfProject.clearInstances();
  const project = await SfProject.resolve(projectDir);
  const json = project.getSfProjectJson();
  const dirs = json.getContents().packageDirectories.map((dir) => {
    if (!('package' in dir) || dir.package !== packageName) return dir;
    const { ancestorVersion: _drop, ...rest } = dir as typeof dir & { ancestorVersion?: string };
    return ancestorVersion ? { ...rest, ancestorVersion } : rest;
  });
  json.set('packageDirectories', dirs);
  return project;
}

function assertId(id: string, prefix: string): void {
  if (!new RegExp(`^${prefix}[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$`).test(id)) {
    throw new ScriptError(
      'InvalidId',
      `'${id}' is not a ${prefix} record Id (check packageAliases in sfdx-project.json).`,
      { exitCode: 2 }
    );
  }
}

export async function fileExists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false
  );
}

export function realDeps(): Deps {
  return {
    authStore: loadLocalAuthStore,
    connect: async (target, apiVersion) => {
      const handle = await connectOrg(target, apiVersion);
      return { username: handle.username, org: handle.org, connection: handle.connection };
    },
    scratchOrgs,
    deployer,
    tools,
    testRunner,
    packaging
  };
}
