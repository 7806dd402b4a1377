import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { ScriptError, USAGE_EXIT } from './errors.js';
import { parseJsonText } from './json-file.js';
import { lineOfKey } from './schema-issues.js';
import { PROJECT_FILE, type PackageDirectory, type ProjectInfo } from './project.js';
import type { OrgSession } from './services.js';

export const DEFAULT_PACKAGING_CONFIG = 'config/packaging.json';

/**
 * What only packaging needs. The namespace lives here, not in sfdx-project.json: it is stamped on the Package2 record
 * once, when the package is created, and the build applies it; keeping the project un-namespaced lets localorg, the
 * Apex tests and development scratch orgs run with plain API names (docs/deploy-and-package.md explains the trade).
 */
export type PackagingConfig = {
  file: string;
  package: string;
  namespace: string;
  packageType: 'Managed';
  description: string;
  definitionFile: string;
  installationKeyEnv: string;
  waitMinutes: number;
};

export async function loadPackagingConfig(projectDir: string, file: string): Promise<PackagingConfig> {
  const full = path.resolve(projectDir, file);
  const shown = path.relative(projectDir, full) || full;
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch {
    throw new ScriptError('PackagingConfigNotFound', `Packaging configuration not found: ${shown}`, {
      exitCode: USAGE_EXIT,
      remedy: `Pass --config <file>, or restore ${DEFAULT_PACKAGING_CONFIG}.`
    });
  }
  const json = parseJsonText(text, shown, 'the packaging configuration');
  const bad = (key: string, problem: string): ScriptError =>
    new ScriptError('InvalidPackagingConfig', `${shown}:${lineOfKey(text, [key])}: ${problem}`, {
      exitCode: USAGE_EXIT,
      remedy: `Fix ${shown}; docs/deploy-and-package.md lists its keys.`
    });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('', 'must be a JSON object');
  const raw = json as Record<string, unknown>;
  const text1 = (key: string, fallback?: string): string => {
    const value = raw[key] ?? fallback;
    if (typeof value !== 'string' || value.trim() === '') throw bad(key, `"${key}" must be a non-empty string`);
    return value;
  };
  const namespace = text1('namespace');
  // Namespace prefixes: 1–15 alphanumerics starting with a letter, no double underscores (Salesforce "Register a Namespace").
  if (!/^[A-Za-z][A-Za-z0-9]{0,14}$/.test(namespace))
    throw bad('namespace', `namespace '${namespace}' must be 1-15 letters or digits, starting with a letter`);
  const packageType = raw.packageType ?? 'Managed';
  if (packageType !== 'Managed')
    throw bad('packageType', `packageType must be "Managed" (this project ships a namespaced managed 2GP package)`);
  const waitMinutes = raw.waitMinutes ?? 60;
  if (typeof waitMinutes !== 'number' || !Number.isInteger(waitMinutes) || waitMinutes < 1 || waitMinutes > 240) {
    throw bad('waitMinutes', 'waitMinutes must be a whole number from 1 to 240');
  }
  return {
    file: shown,
    package: text1('package'),
    namespace,
    packageType: 'Managed',
    description: typeof raw.description === 'string' ? raw.description : '',
    definitionFile: text1('definitionFile', 'config/project-scratch-def.json'),
    installationKeyEnv: text1('installationKeyEnv', 'PACKAGE_INSTALLATION_KEY'),
    waitMinutes
  };
}

export type PackageRecord = { id: string; name: string; namespace: string | null; containerOptions: string };

export type VersionRequest = {
  packageName: string;
  packageId: string;
  versionNumber: string;
  versionName: string;
  ancestorVersion: string | undefined;
  definitionFile: string;
  installationKey: string | undefined;
  tag: string | undefined;
  waitMinutes: number;
};

export type VersionCreated = {
  requestId: string;
  status: string;
  subscriberPackageVersionId: string | null;
  versionNumber: string | null;
  codeCoverage: number | null;
  passedCodeCoverageCheck: boolean | null;
  errors: string[];
};

export interface PackagingClient {
  findPackage(session: OrgSession, packageId: string): Promise<PackageRecord | undefined>;
  createPackage(
    session: OrgSession,
    spec: { name: string; description: string; namespace: string; errorUsername: string }
  ): Promise<string>;
  hasReleasedVersion(session: OrgSession, packageId: string): Promise<boolean>;
  createVersion(
    session: OrgSession,
    projectDir: string,
    request: VersionRequest,
    onProgress: (status: string) => void
  ): Promise<VersionCreated>;
}

export const VERSION_NUMBER = /^\d+\.\d+\.\d+\.(\d+|NEXT)$/;

export function packageDirectoryFor(project: ProjectInfo, packageName: string): PackageDirectory {
  const dir = project.packageDirectories.find((candidate) => candidate.package === packageName);
  if (!dir) {
    throw new ScriptError(
      'PackageNotInProject',
      `No package directory in ${PROJECT_FILE} has "package": "${packageName}".`,
      {
        exitCode: USAGE_EXIT,
        remedy: `Set "package": "${packageName}" on the package directory, or change "package" in the packaging configuration.`
      }
    );
  }
  return dir;
}

/**
 * The ancestor policy in sfdx-project.json is "HIGHEST": every new version descends from the highest released one,
 * which keeps upgrades linear. Before the first release there is nothing to descend from and the library rejects
 * HIGHEST, so that one case is sent as "NONE".
 */
export function resolveAncestor(
  policy: string | undefined,
  hasReleased: boolean
): { sent: string | undefined; note: string } {
  if (policy === undefined) {
    return {
      sent: undefined,
      note: hasReleased
        ? 'no ancestorVersion set: the library requires the highest released version'
        : 'first version: no ancestor'
    };
  }
  if (policy.toUpperCase() === 'HIGHEST' && !hasReleased) {
    return {
      sent: 'NONE',
      note: 'HIGHEST, but no version is released yet, so this first version has no ancestor (NONE)'
    };
  }
  return {
    sent: policy,
    note: policy.toUpperCase() === 'HIGHEST' ? 'HIGHEST released version' : `pinned to ${policy}`
  };
}

export function installUrls(subscriberPackageVersionId: string): { production: string; sandbox: string } {
  return {
    production: `https://login.salesforce.com/packaging/installPackage.apexp?p0=${subscriberPackageVersionId}`,
    sandbox: `https://test.salesforce.com/packaging/installPackage.apexp?p0=${subscriberPackageVersionId}`
  };
}

/**
 * Records new aliases in sfdx-project.json, touching only packageAliases. The packaging library would rewrite the
 * whole file from its in-memory copy (which we change to apply the namespace and ancestor), so its auto-update is
 * switched off and this does the one edit we want.
 */
export async function addPackageAliases(projectFile: string, aliases: Record<string, string>): Promise<void> {
  const text = await readFile(projectFile, 'utf8');
  const json = parseJsonText(text, PROJECT_FILE, PROJECT_FILE) as Record<string, unknown>;
  const current = (json.packageAliases as Record<string, string> | undefined) ?? {};
  json.packageAliases = { ...current, ...aliases };
  await writeFile(projectFile, `${JSON.stringify(json, null, 2)}\n`, 'utf8');
}

export function versionAlias(packageName: string, versionNumber: string): string {
  const [major, minor, patch, build] = versionNumber.split('.');
  return `${packageName}@${major}.${minor}.${patch}-${build}`;
}
