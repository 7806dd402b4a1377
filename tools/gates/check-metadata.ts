/**
 * Gate: the package's metadata resolves and converts offline with @salesforce/source-deploy-retrieve (the library
 * behind `sf project deploy`), the way a deploy would see it. It fails, naming the file, on:
 *   - XML that is not well formed (file:line:column from fast-xml-parser's validator);
 *   - a file SDR cannot give a metadata type (unknown suffix or folder);
 *   - a file no metadata component accounts for, e.g. a `.cls` without its `.cls-meta.xml`: SDR drops such files
 *     silently, and the deploy would then lack them;
 *   - a `-meta.xml` whose root element is not the metadata type its name promises;
 *   - anything MetadataConverter cannot convert to the Metadata API format (converted into a temporary folder).
 * Files matched by .forceignore are left out, exactly as the CLI leaves them out.
 *
 * Usage: tsx tools/gates/check-metadata.ts [--root DIR]   (package directories from DIR/sfdx-project.json)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import { ComponentSet, ForceIgnore, MetadataConverter, MetadataResolver } from '@salesforce/source-deploy-retrieve';
import type { SourceComponent } from '@salesforce/source-deploy-retrieve';
import { isMain, listFiles, toPosix } from './lib/files.js';

export interface MetadataFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface MetadataReport {
  readonly files: number;
  readonly components: number;
  readonly types: number;
  readonly findings: MetadataFinding[];
}

function packageDirectories(root: string): string[] {
  const projectFile = path.join(root, 'sfdx-project.json');
  const project = JSON.parse(readFileSync(projectFile, 'utf8')) as { packageDirectories?: { path: string }[] };
  const dirs = (project.packageDirectories ?? []).map((d) => d.path);
  if (dirs.length === 0) throw new Error(`${projectFile}: no packageDirectories`);
  return dirs;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Line and column of the document's root element (after the prolog and comments). */
function rootElement(xml: string): { name: string; line: number; column: number } | null {
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<([A-Za-z_][\w.:-]*)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1]) {
      const before = xml.slice(0, m.index).split('\n');
      return { name: m[1].replace(/^.*:/, ''), line: before.length, column: before[before.length - 1].length + 1 };
    }
  }
  return null;
}

export async function checkMetadata(root: string): Promise<MetadataReport> {
  const findings: MetadataFinding[] = [];
  const rel = (abs: string): string => toPosix(path.relative(root, abs));
  const dirs = packageDirectories(root);
  const forceIgnore = new ForceIgnore(path.join(root, '.forceignore'));
  const files = dirs.flatMap((dir) => listFiles(root, dir, (f) => forceIgnore.accepts(path.join(root, f))));

  for (const file of files.filter((f) => f.endsWith('.xml'))) {
    const result = XMLValidator.validate(readFileSync(path.join(root, file), 'utf8'));
    if (result !== true) {
      findings.push({
        file,
        line: result.err.line,
        column: result.err.col,
        message: `XML is not well formed: ${result.err.msg}`
      });
    }
  }
  // Malformed XML makes SDR fail on the first such file with a less precise message; report only ours.
  if (findings.length) return { files: files.length, components: 0, types: 0, findings };

  let components: SourceComponent[];
  try {
    components = ComponentSet.fromSource(dirs.map((d) => path.join(root, d)))
      .getSourceComponents()
      .toArray();
  } catch {
    // Resolve file by file so every unresolvable file is named, not just the first one SDR meets.
    const resolver = new MetadataResolver();
    for (const file of files) {
      try {
        resolver.getComponentsFromPath(path.join(root, file));
      } catch (error) {
        findings.push({
          file,
          line: 1,
          column: 1,
          message: errorText(error).replace(`${path.join(root, file)}: `, '')
        });
      }
    }
    if (findings.length === 0) throw new Error('source-deploy-retrieve failed on the whole tree but on no single file');
    return { files: files.length, components: 0, types: 0, findings };
  }

  const covered = new Set<string>();
  const cover = (component: SourceComponent): void => {
    if (component.xml) covered.add(rel(component.xml));
    if (component.content) {
      covered.add(rel(component.content));
      for (const f of component.walkContent()) covered.add(rel(f));
    }
    for (const child of component.getChildren()) cover(child);
  };
  for (const component of components) {
    cover(component);
    if (!component.xml) continue;
    const xml = readFileSync(component.xml, 'utf8');
    const element = rootElement(xml);
    if (element && element.name !== component.type.name) {
      findings.push({
        file: rel(component.xml),
        line: element.line,
        column: element.column,
        message: `root element <${element.name}> but the file name makes it ${component.type.name} ${component.fullName}`
      });
    }
  }
  for (const file of files) {
    if (!covered.has(file)) {
      findings.push({
        file,
        line: 1,
        column: 1,
        message:
          'not part of any metadata component, so a deploy would leave it out (a source file without its -meta.xml, or a file in the wrong folder?)'
      });
    }
  }

  const outputDirectory = mkdtempSync(path.join(os.tmpdir(), 'metadata-check-'));
  try {
    await new MetadataConverter().convert(new ComponentSet(components), 'metadata', {
      type: 'directory',
      outputDirectory,
      genUniqueDir: false
    });
  } catch (error) {
    const message = errorText(error);
    const named = files.find((f) => message.includes(path.join(root, f)));
    findings.push({ file: named ?? dirs.join(','), line: 1, column: 1, message: `conversion failed: ${message}` });
  } finally {
    rmSync(outputDirectory, { recursive: true, force: true });
  }

  const types = new Set(components.map((c) => c.type.name));
  return { files: files.length, components: components.length, types: types.size, findings };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { root: { type: 'string', default: process.cwd() } } });
  const root = path.resolve(values.root);
  let report: MetadataReport;
  try {
    report = await checkMetadata(root);
  } catch (error) {
    console.log(`metadata: ${errorText(error)}`);
    return 1;
  }
  for (const f of report.findings) console.log(`${f.file}:${f.line}:${f.column} ${f.message}`);
  console.log(
    `metadata: ${report.files} files, ${report.components} components of ${report.types} types converted, ` +
      `${report.findings.length} problems`
  );
  return report.findings.length ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = await main();
