/**
 * Gate: every file Prettier knows (Apex, XML, TypeScript, JavaScript, JSON, YAML, LWC HTML/CSS) is formatted as the
 * project's .prettierrc says. Files listed in .gitignore or .prettierignore are left out.
 *
 * Unlike `prettier --check`, a file that does not parse is reported as `file:line:column message`, which matters
 * most for Apex: the Apex plugin's own error omits the position (see lib/apex-syntax.ts).
 *
 * Usage: tsx tools/gates/check-prettier.ts [--root DIR] [FILE…]   (default: every file below the root)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import * as prettier from 'prettier';
import * as apexPlugin from 'prettier-plugin-apex';
import xmlPlugin from '@prettier/plugin-xml';
import { apexSyntaxErrors } from './lib/apex-syntax.js';
import { isMain, listFiles, toPosix } from './lib/files.js';

export interface PrettierFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

// Plugins are passed as loaded modules rather than by the names in .prettierrc, so the gate also works on a project
// copy outside this checkout (the gate's own tests do that) where those names would not resolve.
const PLUGINS: prettier.Plugin[] = [apexPlugin, xmlPlugin];

/** The first line where `actual` and `expected` differ (1-based). */
function firstDifferentLine(actual: string, expected: string): number {
  const a = actual.split('\n');
  const b = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i + 1;
  return 1;
}

async function checkFile(root: string, rel: string): Promise<PrettierFinding | null> {
  const abs = path.join(root, rel);
  const source = readFileSync(abs, 'utf8');
  const config = (await prettier.resolveConfig(abs, { editorconfig: false })) ?? {};
  const options: prettier.Options = { ...config, filepath: abs, plugins: PLUGINS };
  let formatted: string;
  try {
    formatted = await prettier.format(source, options);
  } catch (error) {
    return describeParseFailure(rel, source, error);
  }
  if (formatted === source) return null;
  return {
    file: rel,
    line: firstDifferentLine(source, formatted),
    column: 1,
    message: `not formatted as Prettier would format it (first difference here); run: npx prettier --write ${rel}`
  };
}

async function describeParseFailure(rel: string, source: string, error: unknown): Promise<PrettierFinding> {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (rel.endsWith('.cls') || rel.endsWith('.trigger') || rel.endsWith('.apex')) {
    try {
      const [first] = await apexSyntaxErrors(source, rel.endsWith('.apex'));
      if (first) return { file: rel, ...first, message: `Apex syntax error: ${first.message}` };
    } catch {
      // fall through to the plugin's message without a position
    }
  }
  // Prettier's own parsers (TypeScript, JSON…) attach `loc`; the XML parser's is NaN at the end of the input, so
  // XML positions come from fast-xml-parser's validator instead.
  if (rel.endsWith('.xml')) {
    const validation = XMLValidator.validate(source);
    if (validation !== true) {
      const { line, col, msg } = validation.err;
      return { file: rel, line, column: col, message: `XML syntax error: ${msg}` };
    }
  }
  const loc = (error as { loc?: { start?: { line?: number; column?: number } } }).loc?.start;
  const line = loc?.line !== undefined && Number.isFinite(loc.line) ? loc.line : 1;
  const column = loc?.column !== undefined && Number.isFinite(loc.column) ? loc.column : 1;
  return { file: rel, line, column, message: `syntax error: ${message.replace(/\s*\((\d+|NaN):(\d+|NaN)\)$/, '')}` };
}

/** All files below `root` that Prettier formats and that no ignore file excludes. */
export async function prettierTargets(root: string): Promise<string[]> {
  const candidates = listFiles(root, '.', () => true);
  const ignorePath = ['.gitignore', '.prettierignore'].map((f) => path.join(root, f));
  const targets: string[] = [];
  for (const rel of candidates) {
    const info = await prettier.getFileInfo(path.join(root, rel), { ignorePath, plugins: PLUGINS });
    if (!info.ignored && info.inferredParser) targets.push(rel);
  }
  return targets;
}

/** Checks files with bounded parallelism: each Apex file costs a serializer process. */
export async function checkPrettier(root: string, files: readonly string[]): Promise<PrettierFinding[]> {
  const findings: PrettierFinding[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const rel = files[next++];
      const finding = await checkFile(root, rel);
      if (finding) findings.push(finding);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { root: { type: 'string', default: process.cwd() } },
    allowPositionals: true
  });
  const root = path.resolve(values.root);
  const files = positionals.length
    ? positionals.map((p) => toPosix(path.relative(root, path.resolve(p))))
    : await prettierTargets(root);
  const findings = await checkPrettier(root, files);
  for (const f of findings) console.log(`${f.file}:${f.line}:${f.column} ${f.message}`);
  const apexCount = files.filter((f) => /\.(cls|trigger|apex)$/.test(f)).length;
  const xmlCount = files.filter((f) => f.endsWith('.xml')).length;
  console.log(
    `prettier: ${files.length} files checked (${apexCount} Apex, ${xmlCount} XML, ${files.length - apexCount - xmlCount} other), ` +
      `${findings.length} not formatted or not parseable`
  );
  return findings.length ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = await main();
