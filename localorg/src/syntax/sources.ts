/**
 * Source discovery for any SFDX project: reads `sfdx-project.json`, walks every package directory (SFDX allows any
 * folder nesting, so feature folders work) and sorts what it finds by metadata kind. Later stages read the files;
 * this module only knows where they are.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the project root, for messages (`force-app/main/lifecycle/classes/BookingService.cls`). */
  relative: string;
}

export interface ProjectSources {
  root: string;
  packageDirectories: string[];
  apexClasses: SourceFile[]; // *.cls
  triggers: SourceFile[]; // *.trigger
  /** Folders holding `<Object>.object-meta.xml`, `fields/*.field-meta.xml` or `fieldSets/*.fieldSet-meta.xml` (one per object). */
  objectFolders: SourceFile[];
  customMetadataRecords: SourceFile[]; // customMetadata/*.md-meta.xml
  other: SourceFile[];
}

export class ProjectError extends Error {}

const IGNORED_DIRS = new Set(['node_modules', '.git', '.sfdx', '.sf', '__tests__', '__mocks__', 'dist']);

/**
 * Loads sources from a project root (with `sfdx-project.json`) or from explicit source folders (`--source DIR`).
 * A folder without `sfdx-project.json` is scanned as-is, so a plain folder of `.cls` files also works.
 */
export function discoverSources(rootOrDirs: string | string[]): ProjectSources {
  const dirs = Array.isArray(rootOrDirs) ? rootOrDirs : [rootOrDirs];
  if (dirs.length === 0) throw new ProjectError('no source folder given');
  const root = path.resolve(dirs.length === 1 ? dirs[0] : process.cwd());
  // A folder holding sfdx-project.json stands for its package directories, so projects load together (a library
  // and the project that depends on it) as well as alone.
  const packageDirectories = dirs.flatMap((d) => projectPackageDirs(path.resolve(d)) ?? [path.resolve(d)]);
  const out: ProjectSources = {
    root,
    packageDirectories,
    apexClasses: [],
    triggers: [],
    objectFolders: [],
    customMetadataRecords: [],
    other: []
  };
  const seenObjectFolders = new Set<string>();
  const file = (p: string): SourceFile => ({ path: p, relative: path.relative(root, p) || p });
  for (const dir of packageDirectories) {
    if (!fs.existsSync(dir)) throw new ProjectError(`source folder not found: ${dir}`);
    for (const p of walk(dir)) {
      const base = path.basename(p);
      const parent = path.basename(path.dirname(p));
      if (base.endsWith('.cls')) out.apexClasses.push(file(p));
      else if (base.endsWith('.trigger')) out.triggers.push(file(p));
      else if (base.endsWith('.md-meta.xml') && parent === 'customMetadata') out.customMetadataRecords.push(file(p));
      else if (
        base.endsWith('.object-meta.xml') ||
        (base.endsWith('.field-meta.xml') && parent === 'fields') ||
        (base.endsWith('.fieldSet-meta.xml') && parent === 'fieldSets')
      ) {
        const folder = base.endsWith('.object-meta.xml') ? path.dirname(p) : path.dirname(path.dirname(p));
        if (!seenObjectFolders.has(folder)) {
          seenObjectFolders.add(folder);
          out.objectFolders.push(file(folder));
        }
      } else out.other.push(file(p));
    }
  }
  const byPath = (a: SourceFile, b: SourceFile) => a.relative.localeCompare(b.relative);
  out.apexClasses.sort(byPath);
  out.triggers.sort(byPath);
  out.objectFolders.sort(byPath);
  out.customMetadataRecords.sort(byPath);
  return out;
}

/** The package directories a project root's sfdx-project.json lists, or null for a folder without one. */
function projectPackageDirs(dir: string): string[] | null {
  const projectFile = path.join(dir, 'sfdx-project.json');
  if (!fs.existsSync(projectFile)) return null;
  let parsed: { packageDirectories?: { path: string }[] };
  try {
    parsed = JSON.parse(fs.readFileSync(projectFile, 'utf8')) as typeof parsed;
  } catch (e) {
    throw new ProjectError(`${projectFile}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(parsed.packageDirectories) || parsed.packageDirectories.length === 0) {
    throw new ProjectError(`${projectFile}: "packageDirectories" must list at least one folder`);
  }
  return parsed.packageDirectories.map((p) => path.resolve(dir, p.path));
}

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!IGNORED_DIRS.has(entry.name)) yield* walk(path.join(dir, entry.name));
    } else if (entry.isFile()) yield path.join(dir, entry.name);
  }
}
