/** Matching a compiled Java regex the way java.util.regex.Matcher, String.split and Pattern.quote see the input. */
import type { JavaRegex } from './java-regex.js';

/** One match in Java terms: group(n) text and [start, end) per Java group, null when the group did not take part. */
export interface JavaMatch {
  start: number;
  end: number;
  groups: (string | null)[];
  spans: ([number, number] | null)[];
}

export function toJavaMatch(re: JavaRegex, m: RegExpExecArray): JavaMatch {
  const groups: (string | null)[] = [];
  const spans: ([number, number] | null)[] = [];
  for (let g = 0; g <= re.groupCount; g++) {
    const js = re.jsGroup[g];
    const text = m[js];
    groups.push(text === undefined ? null : text);
    const span = m.indices?.[js];
    spans.push(span ? [span[0], span[1]] : null);
  }
  return { start: m.index, end: m.index + m[0].length, groups, spans };
}

/** Java's Matcher.find loop: the next match at or after `from`. */
export function findFrom(re: JavaRegex, input: string, from: number): JavaMatch | null {
  if (from > input.length) return null;
  re.find.lastIndex = from;
  const m = re.find.exec(input);
  return m ? toJavaMatch(re, m) : null;
}

/** Every match in order, advancing past empty matches as Java does. */
export function findAll(re: JavaRegex, input: string): JavaMatch[] {
  const out: JavaMatch[] = [];
  let from = 0;
  let lastEmptyAt = -1;
  while (from <= input.length) {
    const m = findFrom(re, input, from);
    if (!m) break;
    if (m.start === m.end && m.start === lastEmptyAt) {
      from = m.start + 1;
      continue;
    }
    out.push(m);
    if (m.start === m.end) {
      lastEmptyAt = m.end;
      from = m.end + 1;
      // Allow a non-empty match starting exactly here on the next search? Java starts at end+1 after an empty match.
    } else {
      from = m.end;
      lastEmptyAt = -1;
    }
  }
  return out;
}

/** Whole-input match (String.matches / Pattern.matches / Matcher.matches). */
export function matchWhole(re: JavaRegex, input: string, from = 0): JavaMatch | null {
  re.whole.lastIndex = from;
  const m = re.whole.exec(input);
  return m ? toJavaMatch(re, m) : null;
}

export function matchPrefix(re: JavaRegex, input: string, from = 0): JavaMatch | null {
  re.prefix.lastIndex = from;
  const m = re.prefix.exec(input);
  return m ? toJavaMatch(re, m) : null;
}

/** Java's String.split(regex, limit), including the trailing-empty removal (limit 0) and the leading zero-width rule. */
export function splitJava(re: JavaRegex, input: string, limit: number): string[] {
  const out: string[] = [];
  let index = 0;
  const limited = limit > 0;
  for (const m of findAll(re, input)) {
    if (limited && out.length >= limit - 1) break;
    if (index === 0 && m.start === 0 && m.start === m.end) continue; // no leading empty string for a zero-width match
    out.push(input.slice(index, m.start));
    index = m.end;
  }
  if (index === 0 && out.length === 0) return [input];
  out.push(input.slice(index));
  if (limit === 0) {
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
  }
  return out;
}

/** Pattern.quote: a regex matching the text literally. */
export function quoteJava(text: string): string {
  if (!text.includes('\\E')) return '\\Q' + text + '\\E';
  return '\\Q' + text.split('\\E').join('\\E\\\\E\\Q') + '\\E';
}
