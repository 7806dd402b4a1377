/**
 * What String's natives share: java.lang.String and Character semantics (whitespace, hashCode, compareTo), Commons Lang
 * StringUtils algorithms (abbreviate, splitByCharacterType, Levenshtein), bounds and heap-size checks [mem].
 */
import type { NativeContext } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';
import { ApexList, typeRef, type Value } from '../values/values.js';

const STRING = typeRef('String');

export function stringList(items: string[]): ApexList {
  return new ApexList(STRING, items);
}

/** java.lang.Character.isWhitespace. */
// eslint-disable-next-line no-control-regex -- Java's whitespace set includes control characters
export const JAVA_WS = /[\t\n\x0B\f\r\x1C-\x1F \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]/;
export const JAVA_WS_G = new RegExp(JAVA_WS.source, 'g');

export function isJavaWhitespace(ch: string): boolean {
  return JAVA_WS.test(ch);
}

export function isBlank(s: string | null): boolean {
  return s === null || [...s].every(isJavaWhitespace);
}

/** StringUtils.strip: removes leading/trailing Character.isWhitespace. */
export function strip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isJavaWhitespace(s[a])) a++;
  while (b > a && isJavaWhitespace(s[b - 1])) b--;
  return s.slice(a, b);
}

/** java.lang.String.hashCode, an int32. */
export function javaHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** java.lang.String.compareTo: UTF-16 code unit difference, else length difference. */
export function javaCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function self(v: Value): string {
  return v as string;
}

export function lowerIndexOf(hay: string, needle: string, from = 0): number {
  return hay.toLowerCase().indexOf(needle.toLowerCase(), from);
}

export function checkBounds(s: string, begin: number, end: number): void {
  // Apex reports the offending position [mem: "Starting position out of bounds: N" / "Ending position out of bounds: N"].
  if (begin < 0 || begin > s.length) apexThrow('StringException', `Starting position out of bounds: ${begin}`);
  if (end < 0 || end > s.length) apexThrow('StringException', `Ending position out of bounds: ${end}`);
  if (begin > end) apexThrow('StringException', `Starting position out of bounds: ${begin}`);
}

/** A code point argument as a string; out-of-range values are an Apex error, not a JS RangeError. */
export function charOf(cp: number): string {
  if (!Number.isInteger(cp) || cp < 0 || cp > 0x10ffff) apexThrow('StringException', `Invalid code point: ${cp}`);
  return String.fromCodePoint(cp);
}

/** Strings past the heap limit fail as the platform's heap check would [mem: 6 MB synchronous heap]. */
const MAX_STRING = 6_000_000;
export function checkLength(n: number): void {
  if (n > MAX_STRING) apexThrow('LimitException', `Apex heap size too large: a String of ${n} characters`);
}

export function padding(count: number, pad: string): string {
  if (count <= 0) return '';
  checkLength(count);
  if (pad === '') pad = ' ';
  return pad.repeat(Math.ceil(count / pad.length)).slice(0, count);
}

export function abbreviate(s: string, maxWidth: number, offset = 0): string {
  if (maxWidth < 4) apexThrow('StringException', 'Minimum abbreviation width is 4');
  if (s.length <= maxWidth) return s;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < maxWidth - 3) offset = s.length - (maxWidth - 3);
  if (offset <= 4) return s.slice(0, maxWidth - 3) + '...';
  if (maxWidth < 7) apexThrow('StringException', 'Minimum abbreviation width with offset is 7');
  if (offset + maxWidth - 3 < s.length) return '...' + abbreviate(s.slice(offset), maxWidth - 3);
  return '...' + s.slice(s.length - (maxWidth - 3));
}

type CharKind = string;

function charType(ch: string): CharKind {
  if (/\p{Lu}/u.test(ch)) return 'upper';
  if (/\p{Ll}/u.test(ch)) return 'lower';
  if (/\p{Lt}/u.test(ch)) return 'title';
  if (/\p{Lm}|\p{Lo}/u.test(ch)) return 'letter-other';
  if (/\p{Nd}/u.test(ch)) return 'digit';
  if (/\s/.test(ch)) return 'space';
  return 'other:' + (/\p{P}/u.test(ch) ? 'P' : /\p{S}/u.test(ch) ? 'S' : 'X');
}

/** StringUtils.splitByCharacterType(camelCase). */
export function splitByCharacterType(s: string, camel: boolean): string[] {
  if (s === '') return [];
  const chars = [...s];
  const out: string[] = [];
  let start = 0;
  let current = charType(chars[0]);
  for (let i = 1; i < chars.length; i++) {
    const t = charType(chars[i]);
    if (t === current) continue;
    if (camel && t === 'lower' && current === 'upper') {
      const newStart = i - 1;
      if (newStart !== start) {
        out.push(chars.slice(start, newStart).join(''));
        start = newStart;
      }
    } else {
      out.push(chars.slice(start, i).join(''));
      start = i;
    }
    current = t;
  }
  out.push(chars.slice(start).join(''));
  return out;
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

export function stripHtmlTags(s: string): string {
  return s
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .trim();
}

export function codePoints(s: string): number[] {
  return [...s].map((c) => c.codePointAt(0)!);
}

export function asStringArg(ctx: NativeContext, v: Value): string {
  return typeof v === 'string' ? v : ctx.toApexString(v);
}
