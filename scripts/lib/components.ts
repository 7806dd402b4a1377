import path from 'node:path';
import { stat } from 'node:fs/promises';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { ScriptError, USAGE_EXIT } from './errors.js';
import type { ProjectInfo } from './project.js';

export type ComponentRow = { type: string; fullName: string; file: string };

export type ComponentListing = {
  projectDir: string;
  apiVersion: string;
  directories: string[];
  components: ComponentRow[];
  packageXml: string;
  componentSet: ComponentSet;
};

/**
 * The exact set a deploy sends, computed by source-deploy-retrieve from the package directories (honouring
 * .forceignore, so LWC .ts sources and tests stay out). The API version is the project's sourceApiVersion: it is
 * written into package.xml and used for the Metadata API call, so what --dry-run prints is what the org receives.
 */
export async function listComponents(project: ProjectInfo, onlyDirs?: string[]): Promise<ComponentListing> {
  const dirs = onlyDirs && onlyDirs.length > 0 ? onlyDirs : project.packageDirectories.map((dir) => dir.path);
  const absolute: string[] = [];
  for (const dir of dirs) {
    const full = path.resolve(project.dir, dir);
    const info = await stat(full).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new ScriptError(
        'SourceNotFound',
        `Package directory '${dir}' (from sfdx-project.json or --source-dir) does not exist.`,
        {
          exitCode: USAGE_EXIT,
          remedy: 'Check packageDirectories in sfdx-project.json, or pass an existing --source-dir.'
        }
      );
    }
    absolute.push(full);
  }
  let componentSet: ComponentSet;
  try {
    componentSet = ComponentSet.fromSource(absolute);
  } catch (error) {
    throw new ScriptError(
      'SourceUnreadable',
      `source-deploy-retrieve could not read the source: ${(error as Error).message.split('\n')[0]}`,
      {
        exitCode: USAGE_EXIT,
        remedy: 'Fix the file it names (metadata XML or a misplaced file), then run again.'
      }
    );
  }
  componentSet.sourceApiVersion = project.sourceApiVersion;
  componentSet.apiVersion = project.sourceApiVersion;
  const components = componentSet
    .getSourceComponents()
    .toArray()
    .map((component) => ({
      type: component.type.name,
      fullName: component.fullName,
      file: path.relative(project.dir, component.content ?? component.xml ?? '')
    }))
    .sort((a, b) => a.type.localeCompare(b.type) || a.fullName.localeCompare(b.fullName));
  if (components.length === 0) {
    throw new ScriptError('NothingToDeploy', `No deployable metadata found in ${dirs.join(', ')}.`, {
      exitCode: USAGE_EXIT,
      remedy: 'Add source under the package directory, or check that .forceignore does not exclude everything.'
    });
  }
  return {
    projectDir: project.dir,
    apiVersion: project.sourceApiVersion,
    directories: dirs,
    components,
    packageXml: await componentSet.getPackageXml(),
    componentSet
  };
}

/** Apex test classes in the listing, found by their annotations (what RunLocalTests will run). */
export async function findTestClasses(
  listing: ComponentListing,
  readText: (file: string) => Promise<string>
): Promise<string[]> {
  const names: string[] = [];
  for (const component of listing.componentSet.getSourceComponents().toArray()) {
    if (component.type.name !== 'ApexClass' || !component.content) continue;
    const text = await readText(component.content);
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    // A test class carries @IsTest on the class and on its methods (or the old testMethod keyword); an @IsTest
    // factory or stub has the class annotation only and contributes no test to the run.
    const annotations = code.match(/@istest\b/gi)?.length ?? 0;
    if (annotations >= 2 || (annotations === 1 && /\btestmethod\b/i.test(code))) names.push(component.fullName);
  }
  return names.sort();
}
