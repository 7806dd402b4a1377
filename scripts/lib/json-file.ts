import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ScriptError, USAGE_EXIT } from './errors.js';

/**
 * Reads a JSON file and reports a syntax error as `file:line:column: problem`, which JSON.parse alone does not give.
 * `relativeTo` only shortens the path shown to the user.
 */
export async function readJsonFile(file: string, what: string, relativeTo?: string): Promise<unknown> {
  const shown = relativeTo ? path.relative(relativeTo, file) || file : file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScriptError(
      code === 'ENOENT' ? 'FileNotFound' : 'FileUnreadable',
      code === 'ENOENT' ? `${what} not found: ${shown}` : `${what} cannot be read: ${shown} (${code ?? 'error'})`,
      { exitCode: USAGE_EXIT }
    );
  }
  return parseJsonText(text, shown, what);
}

export function parseJsonText(text: string, shown: string, what: string): unknown {
  try {
    return JSON.parse(stripBom(text)) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { line, column } = locate(text, message);
    const problem = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/^JSON\.parse: /, '');
    throw new ScriptError('MalformedJson', `${shown}:${line}:${column}: ${what} is not valid JSON: ${problem}`, {
      exitCode: USAGE_EXIT,
      remedy: `Fix the JSON syntax in ${shown} at line ${line}.`
    });
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** V8 reports either "(line L column C)" or "at position P" depending on the version and the error. */
function locate(text: string, message: string): { line: number; column: number } {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
