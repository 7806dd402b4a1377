/** Java regexes for Apex methods: pattern and replacement-string errors surface as Apex exceptions. */
import { UnsupportedFeatureError, apexThrow } from '../values/errors.js';
import { RegexSyntaxError, RegexUnsupportedError, type JavaRegex } from './regex/java-regex.js';
import { ReplacementError, replaceJava } from './regex/replacement.js';
import { compileJavaRegex } from './regex/translator.js';

/** Compiles a Java regex for an Apex method, mapping syntax errors to the Apex exception. */
export function apexRegex(pattern: string): JavaRegex {
  try {
    return compileJavaRegex(pattern);
  } catch (e) {
    if (e instanceof RegexSyntaxError) apexThrow('StringException', `Invalid regex: ${e.message}`);
    if (e instanceof RegexUnsupportedError) throw new UnsupportedFeatureError(e.message);
    throw e;
  }
}

/** Runs a replacement, mapping Java's replacement-string errors to StringException [mem]. */
export function apexReplace(re: JavaRegex, input: string, replacement: string, firstOnly: boolean): string {
  try {
    return replaceJava(re, input, replacement, firstOnly);
  } catch (e) {
    if (e instanceof ReplacementError) apexThrow('StringException', e.message);
    throw e;
  }
}
