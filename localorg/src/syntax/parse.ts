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

/** antlr4's `PredictionMode.SLL` (apex-parser bundles antlr4, so its enum is not importable here). */
const SLL = 0;

/** Ends an SLL attempt at its first syntax error (what antlr4's BailErrorStrategy does). */
const BAIL = new Error('SLL parse bailed out');

type ErrorStrategy = object;
let bailStrategy: (new () => ErrorStrategy) | null = null;

/**
 * antlr4's default error strategy with recovery turned into bailing out, built on the parser's own default strategy
 * class because the bundled antlr4 cannot be imported.
 */
function bailing(parser: { _errHandler: ErrorStrategy }): ErrorStrategy {
  if (!bailStrategy) {
    const Default = parser._errHandler.constructor as new () => ErrorStrategy;
    bailStrategy = class extends Default {
      recover(): never {
        throw BAIL;
      }
      recoverInline(): never {
        throw BAIL;
      }
      sync(): void {}
    };
  }
  return new bailStrategy();
}

/**
 * Parses in two stages, as the ANTLR 4 reference recommends for speed: first with SLL prediction, bailing out at the
 * first syntax error; SLL either yields the tree full LL prediction would or fails. Only when it fails is the text
 * parsed again with full LL prediction and the default error recovery, whose errors are the ones reported.
 */
export function parseApex<R extends EntryRule>(text: string, file: string, rule: R): ReturnType<ApexParser[R]> {
  const fast = parseSll(text, rule);
  if (fast) return fast;
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(text, listener);
  const tree = parser[rule]() as ReturnType<ApexParser[R]>;
  if (listener.errors.length > 0) {
    const e = listener.errors[0];
    throw new ApexSyntaxError(file, e.line, e.column, e.msg);
  }
  return tree;
}

function parseSll<R extends EntryRule>(text: string, rule: R): ReturnType<ApexParser[R]> | null {
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(text, listener);
  const raw = parser as unknown as { _interp: { predictionMode: number }; _errHandler: ErrorStrategy };
  raw._interp.predictionMode = SLL;
  raw._errHandler = bailing(raw);
  try {
    const tree = parser[rule]() as ReturnType<ApexParser[R]>;
    return listener.errors.length === 0 ? tree : null;
  } catch (e) {
    if (e === BAIL) return null;
    throw e;
  }
}
