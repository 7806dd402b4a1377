/**
 * System.Pattern and System.Matcher over the Java-regex translation in regex/. Matcher keeps java.util.regex's
 * state machine: find() continues after the previous match (one character further after an empty match), regions
 * have opaque, anchoring bounds (the Java defaults), and group()/start()/end() without a current match throw
 * [mem: surfaced as System.StringException "No match found"].
 */
import { NativeObject, type Value } from '../values/values.js';
import { argInt, argString, defineStdlibClass } from './native-args.js';
import { findFrom, matchPrefix, matchWhole, quoteJava, splitJava, type JavaMatch } from './regex/matching.js';
import type { JavaRegex } from './regex/java-regex.js';
import { apexRegex, apexReplace } from './apex-regex.js';
import { stringList } from './string-helpers.js';
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

interface PatternState {
  source: string;
  re: JavaRegex;
}

interface MatcherState {
  pattern: NativeObject<PatternState>;
  input: string;
  regionStart: number;
  regionEnd: number;
  match: JavaMatch | null;
  /** Where the next find() starts, relative to the region. */
  next: number;
  /** Start/end of the previous match relative to the region (Java's `first`/`last`), -1 before any. */
  first: number;
  last: number;
}

export function makePattern(source: string): NativeObject<PatternState> {
  return new NativeObject('pattern', { source, re: apexRegex(source) });
}

function pat(v: Value): PatternState {
  return (v as NativeObject<PatternState>).state;
}

function mat(v: Value): MatcherState {
  return (v as NativeObject<MatcherState>).state;
}

function makeMatcher(p: NativeObject<PatternState>, input: string): NativeObject<MatcherState> {
  return new NativeObject('matcher', {
    pattern: p,
    input,
    regionStart: 0,
    regionEnd: input.length,
    match: null,
    next: 0,
    first: -1,
    last: 0
  });
}

function reset(m: MatcherState): void {
  m.regionStart = 0;
  m.regionEnd = m.input.length;
  m.match = null;
  m.next = 0;
  m.first = -1;
  m.last = 0;
}

function subject(m: MatcherState): string {
  return m.input.slice(m.regionStart, m.regionEnd);
}

/** Stores a match found in the region substring (relative coordinates) as the current match. */
function record(m: MatcherState, found: JavaMatch | null): boolean {
  m.match = found ? shift(found, m.regionStart) : null;
  if (found) {
    m.first = found.start;
    m.last = found.end;
  }
  return found !== null;
}

function current(m: MatcherState): JavaMatch {
  if (!m.match) apexThrow('StringException', 'No match found');
  return m.match;
}

/** Resolves group(n) / group(name) to a Java group number. */
function groupIndex(m: MatcherState, a: readonly Value[]): number {
  if (a.length === 0) return 0;
  const v = a[0];
  const re = pat(m.pattern).re;
  if (typeof v === 'string') {
    const g = re.names.get(v);
    if (g === undefined) apexThrow('StringException', `No group with name <${v}>`);
    return g;
  }
  const n = argInt(a, 0);
  if (n < 0 || n > re.groupCount) apexThrow('StringException', `No group ${n}`);
  return n;
}

const patternStatics: Record<string, NativeMethod> = {
  compile: (_c, a) => makePattern(argString(a, 0)),
  matches: (_c, a) => matchWhole(apexRegex(argString(a, 0)), argString(a, 1)) !== null,
  quote: (_c, a) => quoteJava(argString(a, 0))
};

const patternInstance: Record<string, NativeMethod> = {
  matcher: (_c, a, s) => makeMatcher(s as NativeObject<PatternState>, argString(a, 0)),
  pattern: (_c, _a, s) => pat(s).source,
  split: (_c, a, s) => stringList(splitJava(pat(s).re, argString(a, 0), a.length > 1 ? argInt(a, 1) : 0)),
  tostring: (_c, _a, s) => pat(s).source
};

const matcherStatics: Record<string, NativeMethod> = {
  quotereplacement: (_c, a) => argString(a, 0).replace(/[\\$]/g, (c) => '\\' + c)
};

const matcherInstance: Record<string, NativeMethod> = {
  find: (_c, a, s) => {
    const m = mat(s);
    const re = pat(m.pattern).re;
    if (a.length > 0) {
      const start = argInt(a, 0);
      if (start < 0 || start > m.input.length) apexThrow('StringException', `Illegal start index: ${start}`);
      reset(m);
      return record(m, findFrom(re, m.input, start));
    }
    let from = m.last;
    if (from === m.first) from++;
    if (from > m.regionEnd - m.regionStart) return record(m, null);
    return record(m, findFrom(re, subject(m), from));
  },
  matches: (_c, _a, s) => {
    const m = mat(s);
    return record(m, matchWhole(pat(m.pattern).re, subject(m)));
  },
  lookingat: (_c, _a, s) => {
    const m = mat(s);
    return record(m, matchPrefix(pat(m.pattern).re, subject(m)));
  },
  group: (_c, a, s) => {
    const m = mat(s);
    return current(m).groups[groupIndex(m, a)];
  },
  groupcount: (_c, _a, s) => pat(mat(s).pattern).re.groupCount,
  start: (_c, a, s) => {
    const m = mat(s);
    const span = current(m).spans[groupIndex(m, a)];
    return span ? span[0] : -1;
  },
  end: (_c, a, s) => {
    const m = mat(s);
    const span = current(m).spans[groupIndex(m, a)];
    return span ? span[1] : -1;
  },
  pattern: (_c, _a, s) => mat(s).pattern,
  region: (_c, a, s) => {
    const m = mat(s);
    const start = argInt(a, 0);
    const end = argInt(a, 1);
    if (start < 0 || start > m.input.length || end < start || end > m.input.length) {
      apexThrow('StringException', `Illegal region: ${start}, ${end}`);
    }
    reset(m);
    m.regionStart = start;
    m.regionEnd = end;
    return s;
  },
  regionstart: (_c, _a, s) => mat(s).regionStart,
  regionend: (_c, _a, s) => mat(s).regionEnd,
  replaceall: (_c, a, s) => {
    const m = mat(s);
    reset(m);
    return apexReplace(pat(m.pattern).re, m.input, argString(a, 0), false);
  },
  replacefirst: (_c, a, s) => {
    const m = mat(s);
    reset(m);
    return apexReplace(pat(m.pattern).re, m.input, argString(a, 0), true);
  },
  reset: (_c, a, s) => {
    const m = mat(s);
    if (a.length > 0) m.input = argString(a, 0);
    reset(m);
    return s;
  },
  usepattern: (_c, a, s) => {
    const p = a[0];
    if (!(p instanceof NativeObject) || p.nativeType !== 'pattern')
      return apexThrow('IllegalArgumentException', 'Pattern cannot be null');
    mat(s).pattern = p as NativeObject<PatternState>;
    mat(s).match = null;
    return s;
  },
  hasanchoringbounds: () => true,
  hastransparentbounds: () => false,
  hitend: (_c, a) => unsupported('Matcher', 'hitEnd', a),
  requireend: (_c, a) => unsupported('Matcher', 'requireEnd', a),
  useanchoringbounds: (_c, a) => unsupported('Matcher', 'useAnchoringBounds', a),
  usetransparentbounds: (_c, a) => unsupported('Matcher', 'useTransparentBounds', a)
};

/** Moves a match found in the region substring back to input coordinates. */
function shift(m: JavaMatch, offset: number): JavaMatch {
  if (offset === 0) return m;
  return {
    start: m.start + offset,
    end: m.end + offset,
    groups: m.groups,
    spans: m.spans.map((sp) => (sp ? [sp[0] + offset, sp[1] + offset] : null))
  };
}

defineStdlibClass(natives, { name: 'Pattern', statics: patternStatics, instance: patternInstance });
defineStdlibClass(natives, { name: 'Matcher', statics: matcherStatics, instance: matcherInstance });
