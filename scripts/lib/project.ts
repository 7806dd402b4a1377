import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { ProjectJsonSchema } from '@salesforce/core';
import { ScriptError, USAGE_EXIT } from './errors.js';
import { parseJsonText } from './json-file.js';
import { firstIssue, lineOfKey } from './schema-issues.js';

export type PackageDirectory = {
  path: string;
  default?: boolean;
  package?: string;
  versionName?: string;
  versionNumber?: string;
  versionDescription?: string;
  ancestorVersion?: string;
  ancestorId?: string;
};

export type ProjectInfo = {
  dir: string;
  file: string;
  name: string | undefined;
  namespace: string;
  sourceApiVersion: string;
  packageDirectories: PackageDirectory[];
  defaultDirectory: PackageDirectory;
  packageAliases: Record<string, string>;
};

export const PROJECT_FILE = 'sfdx-project.json';

/**
 * Loads sfdx-project.json and checks it with the schema @salesforce/core itself uses, plus the rules the scripts
 * rely on (an API version to send, a default package directory). Problems name the file and the line of the key.
 */
export async function loadProject(projectDir: string): Promise<ProjectInfo> {
  const file = path.join(projectDir, PROJECT_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ScriptError('ProjectNotFound', `No ${PROJECT_FILE} in ${projectDir}.`, {
      exitCode: USAGE_EXIT,
      remedy: 'Run the script from the project root, or pass --project-dir <dir>.'
    });
  }
  const json = parseJsonText(text, PROJECT_FILE, PROJECT_FILE);
  const parsed = ProjectJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error.issues);
    throw invalid(text, issue.path, `${issue.pathText}: ${issue.message}`);
  }
  const raw = json as Record<string, unknown>;
  const sourceApiVersion = raw.sourceApiVersion;
  if (typeof sourceApiVersion !== 'string' || !/^\d{2,3}\.0$/.test(sourceApiVersion)) {
    throw invalid(text, ['sourceApiVersion'], 'sourceApiVersion must be an API version such as "64.0"');
  }
  const directories = (raw.packageDirectories as PackageDirectory[]).map((dir) => ({ ...dir }));
  if (directories.length === 0) {
    throw invalid(text, ['packageDirectories'], 'packageDirectories must list at least one directory');
  }
  const defaults = directories.filter((dir) => dir.default === true);
  if (defaults.length > 1) throw invalid(text, ['default'], 'only one package directory may be "default": true');
  const namespace = typeof raw.namespace === 'string' ? raw.namespace : '';
  return {
    dir: projectDir,
    file,
    name: typeof raw.name === 'string' ? raw.name : undefined,
    namespace,
    sourceApiVersion,
    packageDirectories: directories,
    defaultDirectory: defaults[0] ?? directories[0],
    packageAliases: { ...((raw.packageAliases as Record<string, string> | undefined) ?? {}) }
  };
}

function invalid(text: string, keyPath: readonly (string | number)[], problem: string): ScriptError {
  const line = lineOfKey(text, keyPath);
  return new ScriptError('InvalidProject', `${PROJECT_FILE}:${line}: ${problem}`, {
    exitCode: USAGE_EXIT,
    remedy: `Fix ${PROJECT_FILE}; its format is described at https://developer.salesforce.com/docs/atlas.en-us.sfdx_dev.meta/sfdx_dev/sfdx_dev_ws_config.htm`
  });
}
