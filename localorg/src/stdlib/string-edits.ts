import type { NativeMethod } from '../runtime/natives.js';
import { apexRegex, apexReplace } from './apex-regex.js';
import { argInt, argString, optString } from './native-args.js';
import { splitJava } from './regex/matching.js';
import {
  escapeCsv,
  escapeEcmaScript,
  escapeHtml,
  escapeJava,
  escapeUnicode,
  escapeXml,
  unescapeCsv,
  unescapeHtml,
  unescapeJava,
  unescapeXml
} from './string-escapes.js';
import {
  JAVA_WS,
  JAVA_WS_G,
  abbreviate,
  checkBounds,
  checkLength,
  padding,
  self,
  splitByCharacterType,
  stringList,
  strip,
  stripHtmlTags
} from './string-helpers.js';

/**
 * String's instance methods that return a changed string or its parts: case, padding, abbreviation, substrings,
 * removal, replacement and splitting (regex through apex-regex.ts), escaping and unescaping.
 */
export const stringEdits: Record<string, NativeMethod> = {
  abbreviate: (_c, a, s) => abbreviate(self(s), argInt(a, 0), a.length > 1 ? argInt(a, 1) : 0),
  capitalize: (_c, _a, s) => {
    const t = self(s);
    return t === ''
      ? t
      : String.fromCodePoint(t.codePointAt(0)!).toUpperCase() + t.slice(String.fromCodePoint(t.codePointAt(0)!).length);
  },
  center: (_c, a, s) => {
    const t = self(s);
    const size = argInt(a, 0);
    const pad = a.length > 1 ? argString(a, 1) : ' ';
    const total = size - t.length;
    if (total <= 0) return t;
    const left = Math.floor(total / 2);
    return padding(left, pad) + t + padding(total - left, pad);
  },
  deletewhitespace: (_c, _a, s) => self(s).replace(JAVA_WS_G, ''),
  escapecsv: (_c, _a, s) => escapeCsv(self(s)),
  escapeecmascript: (_c, _a, s) => escapeEcmaScript(self(s)),
  escapehtml3: (_c, _a, s) => escapeHtml(self(s), false),
  escapehtml4: (_c, _a, s) => escapeHtml(self(s), true),
  escapejava: (_c, _a, s) => escapeJava(self(s)),
  escapesinglequotes: (_c, _a, s) => self(s).replace(/'/g, "\\'"),
  escapeunicode: (_c, _a, s) => escapeUnicode(self(s)),
  escapexml: (_c, _a, s) => escapeXml(self(s)),
  left: (_c, a, s) => {
    const n = argInt(a, 0);
    return n < 0 ? '' : self(s).slice(0, n);
  },
  leftpad: (_c, a, s) => {
    const t = self(s);
    return padding(argInt(a, 0) - t.length, a.length > 1 ? argString(a, 1) : ' ') + t;
  },
  mid: (_c, a, s) => {
    const t = self(s);
    let start = argInt(a, 0);
    const len = argInt(a, 1);
    if (len < 0 || start > t.length) return '';
    if (start < 0) start = 0;
    return t.slice(start, start + len);
  },
  normalizespace: (_c, _a, s) => strip(self(s)).replace(new RegExp(`(?:${JAVA_WS.source})+`, 'g'), ' '),
  remove: (_c, a, s) => {
    const sub = argString(a, 0);
    return sub === '' ? self(s) : self(s).split(sub).join('');
  },
  removeend: (_c, a, s) => {
    const t = self(s);
    const sub = argString(a, 0);
    return sub !== '' && t.endsWith(sub) ? t.slice(0, t.length - sub.length) : t;
  },
  removeendignorecase: (_c, a, s) => {
    const t = self(s);
    const sub = argString(a, 0);
    return sub !== '' && t.toLowerCase().endsWith(sub.toLowerCase()) ? t.slice(0, t.length - sub.length) : t;
  },
  removestart: (_c, a, s) => {
    const t = self(s);
    const sub = argString(a, 0);
    return sub !== '' && t.startsWith(sub) ? t.slice(sub.length) : t;
  },
  removestartignorecase: (_c, a, s) => {
    const t = self(s);
    const sub = argString(a, 0);
    return sub !== '' && t.toLowerCase().startsWith(sub.toLowerCase()) ? t.slice(sub.length) : t;
  },
  repeat: (_c, a, s) => {
    if (a.length === 2) {
      const n = argInt(a, 1);
      if (n > 0) checkLength(n * (self(s).length + argString(a, 0).length));
      return n <= 0 ? '' : Array<string>(n).fill(self(s)).join(argString(a, 0));
    }
    const n = argInt(a, 0);
    if (n > 0) checkLength(n * self(s).length);
    return n <= 0 ? '' : self(s).repeat(n);
  },
  replace: (_c, a, s) => {
    const target = argString(a, 0);
    const repl = argString(a, 1);
    return self(s).split(target).join(repl);
  },
  replaceall: (_c, a, s) => apexReplace(apexRegex(argString(a, 0)), self(s), argString(a, 1), false),
  replacefirst: (_c, a, s) => apexReplace(apexRegex(argString(a, 0)), self(s), argString(a, 1), true),
  reverse: (_c, _a, s) => [...self(s)].reverse().join(''),
  right: (_c, a, s) => {
    const n = argInt(a, 0);
    const t = self(s);
    return n <= 0 ? '' : t.slice(Math.max(t.length - n, 0));
  },
  rightpad: (_c, a, s) => {
    const t = self(s);
    return t + padding(argInt(a, 0) - t.length, a.length > 1 ? argString(a, 1) : ' ');
  },
  split: (_c, a, s) => stringList(splitJava(apexRegex(argString(a, 0)), self(s), a.length > 1 ? argInt(a, 1) : 0)),
  splitbycharactertype: (_c, _a, s) => stringList(splitByCharacterType(self(s), false)),
  splitbycharactertypecamelcase: (_c, _a, s) => stringList(splitByCharacterType(self(s), true)),
  striphtmltags: (_c, _a, s) => stripHtmlTags(self(s)),
  substring: (_c, a, s) => {
    const t = self(s);
    const begin = argInt(a, 0);
    const end = a.length > 1 ? argInt(a, 1) : t.length;
    checkBounds(t, begin, end);
    return t.slice(begin, end);
  },
  substringafter: (_c, a, s) => {
    const t = self(s);
    const sep = optString(a, 0);
    if (sep === null) return '';
    if (sep === '') return t;
    const i = t.indexOf(sep);
    return i < 0 ? '' : t.slice(i + sep.length);
  },
  substringafterlast: (_c, a, s) => {
    const t = self(s);
    const sep = optString(a, 0);
    if (sep === null || sep === '') return '';
    const i = t.lastIndexOf(sep);
    return i < 0 || i === t.length - sep.length ? '' : t.slice(i + sep.length);
  },
  substringbefore: (_c, a, s) => {
    const t = self(s);
    const sep = optString(a, 0);
    if (sep === null) return t;
    if (sep === '') return '';
    const i = t.indexOf(sep);
    return i < 0 ? t : t.slice(0, i);
  },
  substringbeforelast: (_c, a, s) => {
    const t = self(s);
    const sep = optString(a, 0);
    if (sep === null || sep === '') return t;
    const i = t.lastIndexOf(sep);
    return i < 0 ? t : t.slice(0, i);
  },
  substringbetween: (_c, a, s) => {
    const t = self(s);
    const open = optString(a, 0);
    const close = a.length > 1 ? optString(a, 1) : open;
    if (open === null || close === null) return null;
    const i = t.indexOf(open);
    if (i < 0) return null;
    const j = t.indexOf(close, i + open.length);
    return j < 0 ? null : t.slice(i + open.length, j);
  },
  swapcase: (_c, _a, s) =>
    [...self(s)].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join(''),
  tolowercase: (_c, _a, s) => self(s).toLowerCase(),
  touppercase: (_c, _a, s) => self(s).toUpperCase(),
  // java.lang.String.trim removes every char ≤ U+0020 at both ends.
  // eslint-disable-next-line no-control-regex -- String.trim strips every char up to U+0020
  trim: (_c, _a, s) => self(s).replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, ''),
  uncapitalize: (_c, _a, s) => {
    const t = self(s);
    return t === '' ? t : t[0].toLowerCase() + t.slice(1);
  },
  unescapecsv: (_c, _a, s) => unescapeCsv(self(s)),
  unescapeecmascript: (_c, _a, s) => unescapeJava(self(s)),
  unescapehtml3: (_c, _a, s) => unescapeHtml(self(s), false),
  unescapehtml4: (_c, _a, s) => unescapeHtml(self(s), true),
  unescapejava: (_c, _a, s) => unescapeJava(self(s)),
  unescapeunicode: (_c, _a, s) => unescapeJava(self(s)),
  unescapexml: (_c, _a, s) => unescapeXml(self(s))
};
