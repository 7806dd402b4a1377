import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NativeObject } from '../../src/values/values.js';
import { RegexSyntaxError, RegexUnsupportedError } from '../../src/stdlib/regex/java-regex.js';
import { compileJavaRegex } from '../../src/stdlib/regex/translator.js';
import { FakeContext, apexError, callInstance, callStatic } from './fake-context.js';

const ctx = new FakeContext();
const matches = (re: string, s: string) => callStatic(ctx, 'Pattern', 'matches', re, s);

test('possessive quantifiers do not give back characters', () => {
  assert.equal(matches('a*+a', 'aaa'), false);
  assert.equal(matches('a*a', 'aaa'), true);
  assert.equal(matches('"[^"]*+"', '"quoted"'), true);
});

test('atomic groups behave like Java (no backtracking into the group)', () => {
  assert.equal(matches('(?>a+)b', 'aaab'), true);
  assert.equal(matches('(?>a|ab)c', 'abc'), false);
});

test('hidden groups from possessive rewrites do not shift Java group numbers', () => {
  const m = callInstance(
    ctx,
    callStatic(ctx, 'Pattern', 'compile', '(\\d++)-(\\w+)'),
    'matcher',
    '42-abc'
  ) as NativeObject;
  assert.equal(callInstance(ctx, m, 'matches'), true);
  assert.equal(callInstance(ctx, m, 'groupCount'), 2);
  assert.equal(callInstance(ctx, m, 'group', 2), 'abc');
});

test('embedded flags at the start apply to the whole pattern', () => {
  assert.equal(matches('(?i)hello', 'HeLLo'), true);
  assert.equal(matches('(?s)a.b', 'a\nb'), true);
  assert.equal(matches('a.b', 'a\nb'), false);
});

test('a flag switched on mid-pattern is rejected as unsupported', () => {
  assert.throws(() => compileJavaRegex('a(?i)b'), RegexUnsupportedError);
});

test('POSIX and Unicode property classes translate', () => {
  assert.equal(matches('\\p{Alpha}+', 'abcXYZ'), true);
  assert.equal(matches('\\p{Alpha}+', 'abcé'), false);
  assert.equal(matches('\\p{L}+', 'abcé'), true);
  assert.equal(matches('\\p{Punct}', '!'), true);
  assert.equal(matches('\\p{IsLatin}+', 'abc'), true);
  assert.equal(matches('\\p{javaUpperCase}', 'Q'), true);
});

test('Java \\s is ASCII-only: a no-break space is not whitespace', () => {
  assert.equal(matches('\\s', '\u00a0'), false);
  assert.equal(matches('\\s', '\t'), true);
});

test('\\A, \\z and \\Z anchor at input boundaries', () => {
  assert.equal(matches('\\Aabc\\z', 'abc'), true);
  const m = callInstance(ctx, callStatic(ctx, 'Pattern', 'compile', 'abc\\Z'), 'matcher', 'abc\n') as NativeObject;
  assert.equal(callInstance(ctx, m, 'find'), true);
});

test('$ without MULTILINE also matches before a final line terminator', () => {
  const m = callInstance(ctx, callStatic(ctx, 'Pattern', 'compile', 'end$'), 'matcher', 'the end\n') as NativeObject;
  assert.equal(callInstance(ctx, m, 'find'), true);
});

test('class intersection and nested classes map to v-mode sets', () => {
  assert.equal(matches('[a-z&&[^aeiou]]+', 'bcd'), true);
  assert.equal(matches('[a-z&&[^aeiou]]+', 'bad'), false);
  assert.equal(matches('[a-c[x-z]]+', 'axz'), true);
});

test('\\Q...\\E quotes metacharacters', () => {
  assert.equal(matches('\\Q1+1=2\\E', '1+1=2'), true);
  assert.equal(callStatic(ctx, 'Pattern', 'quote', 'a.b'), '\\Qa.b\\E');
});

test('named groups are readable by name and usable in replacements', () => {
  const p = callStatic(ctx, 'Pattern', 'compile', '(?<year>\\d{4})-(?<month>\\d{2})');
  const m = callInstance(ctx, p, 'matcher', 'on 2024-03') as NativeObject;
  assert.equal(callInstance(ctx, m, 'find'), true);
  assert.equal(callInstance(ctx, m, 'group', 'month'), '03');
  assert.equal(callInstance(ctx, m, 'start'), 3);
  assert.equal(callInstance(ctx, m, 'end', 1), 7);
  assert.equal(callInstance(ctx, m, 'replaceAll', '${month}/${year}'), 'on 03/2024');
});

test('find walks successive matches and empty matches advance', () => {
  const m = callInstance(ctx, callStatic(ctx, 'Pattern', 'compile', 'a*'), 'matcher', 'baa') as NativeObject;
  const found: string[] = [];
  while (callInstance(ctx, m, 'find') === true)
    found.push(`${callInstance(ctx, m, 'start') as number}:${callInstance(ctx, m, 'group') as string}`);
  assert.deepEqual(found, ['0:', '1:aa', '3:']);
});

test('group before any match throws', () => {
  const m = callInstance(ctx, callStatic(ctx, 'Pattern', 'compile', 'x'), 'matcher', 'y') as NativeObject;
  assert.match(
    apexError(() => callInstance(ctx, m, 'group')),
    /StringException: No match found/
  );
});

test('region restricts matching with anchoring bounds', () => {
  const m = callInstance(ctx, callStatic(ctx, 'Pattern', 'compile', '^\\d+$'), 'matcher', 'ab123cd') as NativeObject;
  callInstance(ctx, m, 'region', 2, 5);
  assert.equal(callInstance(ctx, m, 'matches'), true);
  assert.equal(callInstance(ctx, m, 'start'), 2);
});

test('lookingAt matches a prefix only', () => {
  const m = callInstance(ctx, callStatic(ctx, 'Pattern', 'compile', '\\d+'), 'matcher', '12ab') as NativeObject;
  assert.equal(callInstance(ctx, m, 'lookingAt'), true);
  assert.equal(callInstance(ctx, m, 'matches'), false);
});

test('syntax errors carry Java PatternSyntaxException descriptions and index', () => {
  const err = (p: string) => {
    try {
      compileJavaRegex(p);
    } catch (e) {
      return e instanceof RegexSyntaxError ? `${e.description}@${e.index}` : String(e);
    }
    return 'ok';
  };
  assert.equal(err('a)'), "Unmatched closing ')'@1");
  assert.equal(err('*a'), "Dangling meta character '*'@0");
  assert.equal(err('[a-'), 'Unclosed character class@2');
  assert.equal(err('\\k<nope>'), 'named capturing group <nope> does not exist@0');
});

test('unsupported constructs fail loudly', () => {
  assert.throws(() => compileJavaRegex('\\p{InGreek}'), RegexUnsupportedError);
  assert.throws(() => compileJavaRegex('\\G'), RegexUnsupportedError);
});

test('COMMENTS mode ignores whitespace and comments', () => {
  assert.equal(matches('(?x) a b # trailing comment', 'ab'), true);
});

test('backreferences keep Java numbering', () => {
  assert.equal(matches('(a)(b)\\2\\1', 'abba'), true);
  assert.equal(matches('(\\w)\\1', 'xy'), false);
});
