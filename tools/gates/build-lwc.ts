/**
 * `npm run build`: compiles the LWC TypeScript in place and type-checks the repository.
 *   1. The LWC program of force-app/main/admin/lwc/tsconfig.json (every `force-app/**\/lwc/**\/*.ts` outside
 *      __tests__): type errors fail the build; otherwise each module's `.js` is written beside its `.ts`.
 *   2. The repository's tsconfig.json (localorg, scripts, tools), type-checked without emitting.
 * Errors print as `file:line:column TSnnnn message`.
 *
 * Usage: tsx tools/gates/build-lwc.ts [--root DIR] [--lwc-only]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { isMain, toPosix } from './lib/files.js';

export const LWC_TSCONFIG = 'force-app/main/admin/lwc/tsconfig.json';

function format(root: string, diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    if (!d.file || d.start === undefined) return `TS${d.code} ${message}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${toPosix(path.relative(root, d.file.fileName))}:${line + 1}:${character + 1} TS${d.code} ${message}`;
  });
}

function loadProgram(root: string, configRel: string): { program: ts.Program; errors: string[]; sources: string[] } {
  const configPath = path.join(root, configRel);
  const read = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  if (read.error) return { program: ts.createProgram([], {}), errors: format(root, [read.error]), sources: [] };
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configPath), undefined, configPath);
  // TS18003 "No inputs were found" is the normal state before any bundle exists, not an error.
  const configErrors = parsed.errors.filter((e) => e.code !== 18003);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const sources = parsed.fileNames.filter((f) => !f.endsWith('.d.ts'));
  return { program, errors: format(root, configErrors), sources };
}

/** Type-checks and emits the LWC modules. Returns the problems found (empty on success). */
export function buildLwc(root: string): { modules: number; errors: string[] } {
  if (!existsSync(path.join(root, LWC_TSCONFIG))) return { modules: 0, errors: [] };
  const { program, errors, sources } = loadProgram(root, LWC_TSCONFIG);
  if (errors.length) return { modules: sources.length, errors };
  if (sources.length === 0) return { modules: 0, errors: [] };
  const diagnostics = format(root, ts.getPreEmitDiagnostics(program));
  if (diagnostics.length) return { modules: sources.length, errors: diagnostics };
  const emitted = program.emit();
  return { modules: sources.length, errors: format(root, emitted.diagnostics) };
}

export function typecheckRepository(root: string): { files: number; errors: string[] } {
  const { program, errors, sources } = loadProgram(root, 'tsconfig.json');
  if (errors.length) return { files: sources.length, errors };
  return { files: sources.length, errors: format(root, ts.getPreEmitDiagnostics(program)) };
}

function main(): number {
  const { values } = parseArgs({
    options: { root: { type: 'string', default: process.cwd() }, 'lwc-only': { type: 'boolean', default: false } }
  });
  const root = path.resolve(values.root);
  const lwc = buildLwc(root);
  for (const e of lwc.errors) console.log(e);
  console.log(
    lwc.errors.length
      ? `lwc: ${lwc.modules} LWC modules, ${lwc.errors.length} errors, nothing emitted`
      : `lwc: ${lwc.modules} LWC modules compiled in place`
  );
  if (values['lwc-only']) return lwc.errors.length ? 1 : 0;
  const repo = typecheckRepository(root);
  for (const e of repo.errors) console.log(e);
  console.log(`typecheck: ${repo.files} TypeScript files in tsconfig.json, ${repo.errors.length} errors`);
  return lwc.errors.length || repo.errors.length ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = main();
