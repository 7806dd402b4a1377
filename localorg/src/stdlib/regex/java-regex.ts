/**
 * Java regular expressions (java.util.regex, which Apex String.split/replaceAll/matches and Pattern use) translated
 * into JavaScript RegExps with the `v` flag. The translation is a real parse of the Java syntax, not a textual patch:
 *
 * - Java-only constructs are rewritten: possessive quantifiers and atomic groups `(?>…)` become the lookahead-capture
 *   idiom `(?=(X))\N`, `\A \z \Z $` get Java's anchoring, `\Q…\E` quotes, POSIX `\p{Alpha}` and `\p{javaX}` classes
 *   map to explicit sets, `\s` stays ASCII as in Java, class intersection `&&` maps to `v`-mode intersection.
 * - Hidden groups created by those rewrites would shift group numbers, so groups are numbered after translation and
 *   {@link JavaRegex.jsGroup} maps each Java group number to its JS number (used by Matcher.group and `$n`).
 * - Anything without a faithful JS equivalent (`\G`, Unicode blocks, flags switched mid-pattern) is rejected with
 *   {@link RegexUnsupportedError} naming the construct; syntax errors raise {@link RegexSyntaxError} with Java's
 *   PatternSyntaxException wording.
 *
 * This file holds the compiled form and the errors; `translator.ts` (with `escapes-and-classes.ts` and
 * `character-sets.ts`) compiles, `matching.ts` and `replacement.ts` use the result.
 */

export class RegexSyntaxError extends Error {
  constructor(
    readonly description: string,
    readonly pattern: string,
    readonly index: number
  ) {
    // Java's PatternSyntaxException.getMessage() layout.
    super(
      `${description}${index >= 0 ? ` near index ${index}` : ''}\n${pattern}${index >= 0 ? '\n' + ' '.repeat(index) + '^' : ''}`
    );
  }
}

export class RegexUnsupportedError extends Error {}

export interface JavaRegex {
  readonly pattern: string;
  /** JS source (without delimiters) and flags (always including `v`). */
  readonly source: string;
  readonly flags: string;
  /** Number of capturing groups visible to Java code. */
  readonly groupCount: number;
  /** jsGroup[javaGroupNumber] = JS group number; jsGroup[0] = 0. */
  readonly jsGroup: readonly number[];
  /** Named groups: name → Java group number. */
  readonly names: ReadonlyMap<string, number>;
  /** Global search regex (`g`, `d` added). */
  readonly find: RegExp;
  /** Sticky regex that must consume the whole remaining input (Matcher.matches). */
  readonly whole: RegExp;
  /** Sticky regex for Matcher.lookingAt. */
  readonly prefix: RegExp;
}
