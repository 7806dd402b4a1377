import type { NativeMethod } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';
import { ApexList, typeRef } from '../values/values.js';
import { argInt, argString, npeArgument, optString } from './native-args.js';
import {
  charOf,
  codePoints,
  isJavaWhitespace,
  javaCompare,
  javaHashCode,
  levenshtein,
  lowerIndexOf,
  self
} from './string-helpers.js';

/** String's instance methods that inspect a string: characters and code points, comparing, searching, classifying. */
export const stringQueries: Record<string, NativeMethod> = {
  charat: (_c, a, s) => {
    const t = self(s);
    const i = argInt(a, 0);
    if (i < 0 || i >= t.length) apexThrow('StringException', `Char index out of bounds: ${i}`);
    return t.charCodeAt(i);
  },
  codepointat: (_c, a, s) => {
    const t = self(s);
    const i = argInt(a, 0);
    if (i < 0 || i >= t.length) apexThrow('StringException', `Char index out of bounds: ${i}`);
    return t.codePointAt(i)!;
  },
  codepointbefore: (_c, a, s) => {
    const t = self(s);
    const i = argInt(a, 0);
    if (i < 1 || i > t.length) apexThrow('StringException', `Char index out of bounds: ${i}`);
    const lo = t.charCodeAt(i - 1);
    if (i >= 2 && lo >= 0xdc00 && lo <= 0xdfff) return t.codePointAt(i - 2)!;
    return lo;
  },
  codepointcount: (_c, a, s) => [...self(s).slice(argInt(a, 0), argInt(a, 1))].length,
  compareto: (_c, a, s) => {
    if (a[0] === null) npeArgument();
    return javaCompare(self(s), argString(a, 0));
  },
  contains: (_c, a, s) => self(s).includes(argString(a, 0)),
  containsany: (_c, a, s) => [...argString(a, 0)].some((ch) => self(s).includes(ch)),
  containsignorecase: (_c, a, s) => lowerIndexOf(self(s), argString(a, 0)) >= 0,
  containsnone: (_c, a, s) => {
    const chars = optString(a, 0);
    return chars === null || ![...chars].some((ch) => self(s).includes(ch));
  },
  containsonly: (_c, a, s) => {
    const chars = argString(a, 0);
    return [...self(s)].every((ch) => chars.includes(ch));
  },
  containswhitespace: (_c, _a, s) => [...self(s)].some(isJavaWhitespace),
  countmatches: (_c, a, s) => {
    const sub = argString(a, 0);
    if (sub === '') return 0;
    return self(s).split(sub).length - 1;
  },
  difference: (_c, a, s) => {
    const other = argString(a, 0);
    const t = self(s);
    let i = 0;
    while (i < t.length && i < other.length && t[i] === other[i]) i++;
    return i === t.length && i === other.length ? '' : other.slice(i);
  },
  endswith: (_c, a, s) => self(s).endsWith(argString(a, 0)),
  endswithignorecase: (_c, a, s) => self(s).toLowerCase().endsWith(argString(a, 0).toLowerCase()),
  equals: (_c, a, s) => typeof a[0] === 'string' && a[0] === self(s),
  equalsignorecase: (_c, a, s) => typeof a[0] === 'string' && a[0].toLowerCase() === self(s).toLowerCase(),
  getchars: (_c, _a, s) => new ApexList(typeRef('Integer'), codePoints(self(s))),
  getlevenshteindistance: (_c, a, s) => {
    const d = levenshtein(self(s), argString(a, 0));
    if (a.length > 1) return d > argInt(a, 1) ? -1 : d;
    return d;
  },
  hashcode: (_c, _a, s) => javaHashCode(self(s)),
  indexof: (_c, a, s) => {
    const from = a.length > 1 ? Math.max(argInt(a, 1), 0) : 0;
    return self(s).indexOf(argString(a, 0), from);
  },
  indexofany: (_c, a, s) => {
    const chars = argString(a, 0);
    const t = self(s);
    for (let i = 0; i < t.length; i++) if (chars.includes(t[i])) return i;
    return -1;
  },
  indexofanybut: (_c, a, s) => {
    const chars = argString(a, 0);
    const t = self(s);
    for (let i = 0; i < t.length; i++) if (!chars.includes(t[i])) return i;
    return -1;
  },
  indexofchar: (_c, a, s) => self(s).indexOf(charOf(argInt(a, 0)), a.length > 1 ? Math.max(argInt(a, 1), 0) : 0),
  indexofdifference: (_c, a, s) => {
    const other = argString(a, 0);
    const t = self(s);
    if (t === other) return -1;
    let i = 0;
    while (i < t.length && i < other.length && t[i] === other[i]) i++;
    return i;
  },
  indexofignorecase: (_c, a, s) => lowerIndexOf(self(s), argString(a, 0), a.length > 1 ? Math.max(argInt(a, 1), 0) : 0),
  isalllowercase: (_c, _a, s) => self(s) !== '' && [...self(s)].every((c) => /\p{Ll}/u.test(c)),
  isalluppercase: (_c, _a, s) => self(s) !== '' && [...self(s)].every((c) => /\p{Lu}/u.test(c)),
  isalpha: (_c, _a, s) => /^\p{L}+$/u.test(self(s)),
  isalphaspace: (_c, _a, s) => /^[\p{L} ]*$/u.test(self(s)),
  isalphanumeric: (_c, _a, s) => /^[\p{L}\p{Nd}]+$/u.test(self(s)),
  isalphanumericspace: (_c, _a, s) => /^[\p{L}\p{Nd} ]*$/u.test(self(s)),
  isasciiprintable: (_c, _a, s) => /^[\x20-\x7E]*$/.test(self(s)),
  isnumeric: (_c, _a, s) => /^\p{Nd}+$/u.test(self(s)),
  isnumericspace: (_c, _a, s) => /^[\p{Nd} ]*$/u.test(self(s)),
  iswhitespace: (_c, _a, s) => [...self(s)].every(isJavaWhitespace),
  lastindexof: (_c, a, s) => {
    const t = self(s);
    const sub = argString(a, 0);
    if (a.length > 1) {
      const from = argInt(a, 1);
      return from < 0 ? -1 : t.lastIndexOf(sub, from);
    }
    return t.lastIndexOf(sub);
  },
  lastindexofchar: (_c, a, s) => {
    const t = self(s);
    const ch = charOf(argInt(a, 0));
    if (a.length > 1) {
      const from = argInt(a, 1);
      return from < 0 ? -1 : t.lastIndexOf(ch, from);
    }
    return t.lastIndexOf(ch);
  },
  lastindexofignorecase: (_c, a, s) => {
    const t = self(s).toLowerCase();
    const sub = argString(a, 0).toLowerCase();
    if (a.length > 1) {
      const from = argInt(a, 1);
      return from < 0 ? -1 : t.lastIndexOf(sub, from);
    }
    return t.lastIndexOf(sub);
  },
  length: (_c, _a, s) => self(s).length,
  offsetbycodepoints: (_c, a, s) => {
    const t = self(s);
    let i = argInt(a, 0);
    let n = argInt(a, 1);
    while (n > 0 && i < t.length) {
      i += t.codePointAt(i)! > 0xffff ? 2 : 1;
      n--;
    }
    while (n < 0 && i > 0) {
      i -= i >= 2 && t.charCodeAt(i - 1) >= 0xdc00 && t.charCodeAt(i - 1) <= 0xdfff ? 2 : 1;
      n++;
    }
    return i;
  },
  startswith: (_c, a, s) => self(s).startsWith(argString(a, 0)),
  startswithignorecase: (_c, a, s) => self(s).toLowerCase().startsWith(argString(a, 0).toLowerCase())
};
