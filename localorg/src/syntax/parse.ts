/**
 * Runs apex-parser over one source text with the recommended lexer+parser listener, so lexer errors (bad escapes)
 * and parser errors both become an {@link ApexSyntaxError} naming file:line:column.
 */
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import type { ApexParser } from '@apexdevtools/apex-parser';
import { ApexSyntaxError } from './diagnostics.js';

class CollectingListener extends ApexErrorListener {
  readonly errors: { line: number; column: number; msg: string }[] = [];
  apexSyntaxError(line: number, column: number, msg: string): void {
    this.errors.push({ line, column: column + 1, msg });
  }
}

export type EntryRule = 'compilationUnit' | 'triggerUnit' | 'anonymousUnit' | 'query';

export function parseApex<R extends EntryRule>(text: string, file: string, rule: R): ReturnType<ApexParser[R]> {
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(text, listener);
  const tree = parser[rule]() as ReturnType<ApexParser[R]>;
  if (listener.errors.length > 0) {
    const e = listener.errors[0];
    throw new ApexSyntaxError(file, e.line, e.column, e.msg);
  }
  return tree;
}
