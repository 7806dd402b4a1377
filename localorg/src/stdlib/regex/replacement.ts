/** Java replacement strings (`$1`, `${name}`, `\\$`) and String.replaceAll / replaceFirst. */
import type { JavaRegex } from './java-regex.js';
import { findAll, findFrom, type JavaMatch } from './matching.js';

/** Errors in a replacement string, worded like Java's IllegalArgumentException / IndexOutOfBoundsException. */
export class ReplacementError extends Error {}

type ReplacementPart = string | { group: number };

/** Parses a Java replacement string (`$1`, `${name}`, `\$`) against a compiled regex. */
export function parseReplacement(re: JavaRegex, replacement: string): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let text = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '\\') {
      i++;
      if (i >= replacement.length) throw new ReplacementError('character to be escaped is missing');
      text += replacement[i];
    } else if (c === '$') {
      i++;
      if (i >= replacement.length) throw new ReplacementError('Illegal group reference: group index is missing');
      let group: number;
      if (replacement[i] === '{') {
        const end = replacement.indexOf('}', i);
        if (end < 0) throw new ReplacementError("named capturing group is missing trailing '}'");
        const name = replacement.slice(i + 1, end);
        if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) {
          throw new ReplacementError("named capturing group is missing trailing '}'");
        }
        const g = re.names.get(name);
        if (g === undefined) throw new ReplacementError(`No group with name {${name}}`);
        group = g;
        i = end;
      } else {
        if (!/[0-9]/.test(replacement[i])) throw new ReplacementError('Illegal group reference');
        group = Number(replacement[i]);
        if (group > re.groupCount) throw new ReplacementError(`No group ${group}`);
        while (i + 1 < replacement.length && /[0-9]/.test(replacement[i + 1])) {
          const next = group * 10 + Number(replacement[i + 1]);
          if (next > re.groupCount) break;
          group = next;
          i++;
        }
      }
      if (text) parts.push(text);
      text = '';
      parts.push({ group });
    } else text += c;
  }
  if (text) parts.push(text);
  return parts;
}

export function applyReplacement(parts: readonly ReplacementPart[], m: JavaMatch): string {
  let out = '';
  for (const p of parts) out += typeof p === 'string' ? p : (m.groups[p.group] ?? '');
  return out;
}

/** Java's String.replaceAll / replaceFirst. */
export function replaceJava(re: JavaRegex, input: string, replacement: string, firstOnly: boolean): string {
  const parts = parseReplacement(re, replacement);
  const matches = firstOnly ? [findFrom(re, input, 0)].filter((m): m is JavaMatch => m !== null) : findAll(re, input);
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += input.slice(at, m.start) + applyReplacement(parts, m);
    at = m.end;
  }
  return out + input.slice(at);
}
