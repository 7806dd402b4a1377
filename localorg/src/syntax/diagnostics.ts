/**
 * Errors that reach the user as one line naming file, line and column — never as a JS stack trace. The CLI prints
 * `error.message` for any {@link SourceError}.
 */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string
  ) {
    super(`${file}:${line}:${column} ${detail}`);
  }
}

/** The parser rejected the text. */
export class ApexSyntaxError extends SourceError {}

/** The text is valid Apex that localorg does not emulate (SOSL, `merge`, …). */
export class UnsupportedConstructError extends SourceError {
  constructor(file: string, line: number, column: number, construct: string) {
    super(file, line, column, `unsupported construct: ${construct} is not supported by localorg`);
  }
}
