/**
 * Positions for Apex syntax errors. prettier-plugin-apex reports only the message of a parse error ("Unexpected token
 * ';'"), without its line. The plugin gets the AST from the jorje serializer, whose JSON does carry the position, so on
 * a failure we ask the same serializer (native executable, or the Java one where no native build exists) again and
 * read the location from its output: the position comes from the very parser Prettier and Salesforce use.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ApexSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const require = createRequire(import.meta.url);

function serializerExecutable(): string {
  const platformArch = `${process.platform}-${process.arch}`;
  try {
    return require.resolve(
      `@prettier-apex/apex-ast-serializer-${platformArch}/apex-ast-serializer-${platformArch}${process.platform === 'win32' ? '.exe' : ''}`
    );
  } catch {
    const pluginEntry = require.resolve('prettier-plugin-apex');
    const javaCli = path.resolve(path.dirname(pluginEntry), '../../vendor/apex-ast-serializer/bin/apex-ast-serializer');
    if (!existsSync(javaCli)) throw new Error('no Apex AST serializer found next to prettier-plugin-apex');
    return javaCli;
  }
}

interface SerializedParseError {
  message?: string;
  error?: { error?: { loc?: { line?: number; column?: number } } };
}

/** The parse errors of an Apex source as jorje reports them (empty when the source parses). */
export async function apexSyntaxErrors(source: string, anonymous = false): Promise<ApexSyntaxError[]> {
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn(serializerExecutable(), anonymous ? ['-a'] : [], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`Apex serializer exited with ${code}: ${err.trim()}`))
    );
    child.stdin.end(source, 'utf8');
  });
  const ast = JSON.parse(stdout) as Record<string, { parseErrors?: SerializedParseError[] } | undefined>;
  const output = ast['apex.jorje.semantic.compiler.parser.ParserOutput'];
  return (output?.parseErrors ?? []).map((e) => ({
    line: e.error?.error?.loc?.line ?? 1,
    column: e.error?.error?.loc?.column ?? 1,
    message: (e.message ?? 'syntax error').replace(/\.$/, '')
  }));
}
