import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexDouble, type ApexList, Decimal } from '../../src/values/values.js';
import { FakeContext, apexError, callInstance, callStatic, list, strList } from './fake-context.js';

const ctx = new FakeContext();
const s = (self: string, method: string, ...args: Parameters<typeof callInstance>[3][]) =>
  callInstance(ctx, self, method, ...args);
const items = (v: unknown) => (v as ApexList).items;

test('split removes trailing empty strings with the default limit (Java rule)', () => {
  assert.deepEqual(items(s('boo:and:foo', 'split', 'o')), ['b', '', ':and:f']);
});

test('split with a positive limit keeps the rest in the last element', () => {
  assert.deepEqual(items(s('boo:and:foo', 'split', ':', 2)), ['boo', 'and:foo']);
});

test('split with a negative limit keeps trailing empty strings', () => {
  assert.deepEqual(items(s('boo:and:foo', 'split', 'o', -2)), ['b', '', ':and:f', '', '']);
});

test('split on a regex metacharacter needs escaping as in Java', () => {
  assert.deepEqual(items(s('a.b.c', 'split', '\\.')), ['a', 'b', 'c']);
  assert.deepEqual(items(s('a|b', 'split', '\\|')), ['a', 'b']);
});

test('split with an empty regex yields the characters with no leading empty string', () => {
  assert.deepEqual(items(s('abc', 'split', '')), ['a', 'b', 'c']);
});

test('split keeps a leading empty string for a non-zero-width match at the start', () => {
  assert.deepEqual(items(s(',a,,b,,', 'split', ',')), ['', 'a', '', 'b']);
});

test('split of a string without a match returns the string itself', () => {
  assert.deepEqual(items(s('abc', 'split', ',')), ['abc']);
});

test('replaceAll uses Java replacement syntax with $n groups', () => {
  assert.equal(s('joe@x.com', 'replaceAll', '(\\w+)@(\\w+)\\.com', '$2/$1'), 'x/joe');
});

test('replaceAll treats backslash-dollar as a literal dollar', () => {
  assert.equal(s('price', 'replaceAll', 'price', '\\$5'), '$5');
});

test('replaceAll with a reference to a missing group throws StringException', () => {
  assert.match(
    apexError(() => s('abc', 'replaceAll', 'b', '$2')),
    /^System.StringException: No group 2/
  );
});

test('replaceFirst replaces only the first match', () => {
  assert.equal(s('banana', 'replaceFirst', 'a', 'o'), 'bonana');
});

test('replace is literal, not a regex', () => {
  assert.equal(s('a.b.c', 'replace', '.', '-'), 'a-b-c');
});

test('an invalid regex raises StringException with the Java description', () => {
  assert.match(
    apexError(() => s('abc', 'split', '(')),
    /^System.StringException: Invalid regex: Unclosed group near index 1/
  );
});

test('substring with an end past the length throws StringException', () => {
  assert.equal(
    apexError(() => s('abc', 'substring', 1, 5)),
    'System.StringException: Ending position out of bounds: 5'
  );
  assert.equal(
    apexError(() => s('abc', 'substring', 4)),
    'System.StringException: Starting position out of bounds: 4'
  );
  assert.equal(s('hamburger', 'substring', 4, 8), 'urge');
});

test('substringBefore/After/Between follow StringUtils', () => {
  assert.equal(s('abcba', 'substringBefore', 'b'), 'a');
  assert.equal(s('abcba', 'substringAfter', 'b'), 'cba');
  assert.equal(s('abcba', 'substringAfterLast', 'b'), 'a');
  assert.equal(s('abcba', 'substringBeforeLast', 'b'), 'abc');
  assert.equal(s('abc', 'substringAfter', 'z'), '');
  assert.equal(s('abc', 'substringBefore', 'z'), 'abc');
  assert.equal(s('tagabctag', 'substringBetween', 'tag'), 'abc');
  assert.equal(s('yabczyabcz', 'substringBetween', 'y', 'z'), 'abc');
  assert.equal(s('abc', 'substringBetween', 'x', 'z'), null);
});

test('format applies MessageFormat quoting: a lone apostrophe quotes the rest', () => {
  const args = strList('David', 'game');
  assert.equal(
    callStatic(ctx, 'String', 'format', "Hello {0}, shall we play a '{1}'?", args),
    'Hello David, shall we play a {1}?'
  );
  assert.equal(
    callStatic(ctx, 'String', 'format', "Hello {0}, shall we play a ''{1}''?", args),
    "Hello David, shall we play a 'game'?"
  );
});

test('format renders non-string arguments with String.valueOf', () => {
  assert.equal(callStatic(ctx, 'String', 'format', '{0} and {1}', list('Object', 5, new ApexDouble(2))), '5 and 2.0');
});

test('format with a number style uses the locale grouping', () => {
  assert.equal(
    callStatic(ctx, 'String', 'format', '{0,number,#,##0.00}', list('Object', Decimal.parse('1234.5'))),
    '1,234.50'
  );
});

test('join renders elements with String.valueOf', () => {
  assert.equal(callStatic(ctx, 'String', 'join', list('Object', 1, 'a', true), '-'), '1-a-true');
});

test('isBlank treats whitespace-only and null as blank', () => {
  assert.equal(callStatic(ctx, 'String', 'isBlank', ' \t\n'), true);
  assert.equal(callStatic(ctx, 'String', 'isBlank', null), true);
  assert.equal(callStatic(ctx, 'String', 'isNotBlank', ' x '), true);
  assert.equal(callStatic(ctx, 'String', 'isEmpty', ' '), false);
});

test('escapeSingleQuotes adds a backslash before each quote', () => {
  assert.equal(callStatic(ctx, 'String', 'escapeSingleQuotes', "it's"), "it\\'s");
});

test('hashCode is Java String.hashCode', () => {
  assert.equal(s('hello', 'hashCode'), 99162322);
  assert.equal(s('Aa', 'hashCode'), 2112);
  assert.equal(s('BB', 'hashCode'), 2112);
});

test('compareTo orders by UTF-16 code unit, upper case before lower case', () => {
  assert.ok((s('Apple', 'compareTo', 'apple') as number) < 0);
  assert.equal(s('abc', 'compareTo', 'abcd'), -1);
});

test('equals is case-sensitive and equalsIgnoreCase is not', () => {
  assert.equal(s('Abc', 'equals', 'abc'), false);
  assert.equal(s('Abc', 'equalsIgnoreCase', 'abc'), true);
});

test('abbreviate shortens with an ellipsis and rejects widths below 4', () => {
  assert.equal(s('Now is the time for all good men', 'abbreviate', 15), 'Now is the t...');
  assert.match(
    apexError(() => s('abcdef', 'abbreviate', 3)),
    /StringException: Minimum abbreviation width is 4/
  );
});

test('padding, left/right/mid, repeat and reverse', () => {
  assert.equal(s('abc', 'leftPad', 6), '   abc');
  assert.equal(s('abc', 'leftPad', 6, 'xy'), 'xyxabc');
  assert.equal(s('abc', 'rightPad', 5, '0'), 'abc00');
  assert.equal(s('abcdef', 'left', 2), 'ab');
  assert.equal(s('abcdef', 'right', 2), 'ef');
  assert.equal(s('abcdef', 'mid', 2, 3), 'cde');
  assert.equal(s('ab', 'repeat', '-', 3), 'ab-ab-ab');
  assert.equal(s('abc', 'reverse'), 'cba');
});

test('normalizeSpace collapses and trims whitespace; deleteWhitespace removes it', () => {
  assert.equal(s('  a \t b\n\nc  ', 'normalizeSpace'), 'a b c');
  assert.equal(s(' a b\tc ', 'deleteWhitespace'), 'abc');
});

test('isNumeric/isAlpha/isAlphanumeric are false for the empty string', () => {
  assert.equal(s('123', 'isNumeric'), true);
  assert.equal(s('12.3', 'isNumeric'), false);
  assert.equal(s('', 'isNumeric'), false);
  assert.equal(s('abcÉ', 'isAlpha'), true);
  assert.equal(s('ab1', 'isAlphanumeric'), true);
});

test('countMatches, remove, removeStart and removeEnd', () => {
  assert.equal(s('abababa', 'countMatches', 'aba'), 2);
  assert.equal(s('queued', 'remove', 'ue'), 'qd');
  assert.equal(s('www.domain.com', 'removeStart', 'www.'), 'domain.com');
  assert.equal(s('www.domain.com', 'removeEnd', '.com'), 'www.domain');
});

test('escapeHtml4 and unescapeHtml4 round-trip named entities', () => {
  assert.equal(s('"<Black & White>" café', 'escapeHtml4'), '&quot;&lt;Black &amp; White&gt;&quot; caf&eacute;');
  assert.equal(
    s('&quot;bread&quot; &amp; &lt;butter&gt; &#39;x&#x27; &eacute;', 'unescapeHtml4'),
    '"bread" & <butter> \'x\' é'
  );
});

test('escapeJava escapes quotes, backslashes, controls and non-ASCII', () => {
  assert.equal(s('He said "hi"\n\\ é', 'escapeJava'), 'He said \\"hi\\"\\n\\\\ \\u00E9');
});

test('getChars and fromCharArray convert through code points', () => {
  const chars = s('Ab', 'getChars') as ApexList;
  assert.deepEqual(chars.items, [65, 98]);
  assert.equal(callStatic(ctx, 'String', 'fromCharArray', chars), 'Ab');
});

test('charAt returns the code unit as an Integer', () => {
  assert.equal(s('abc', 'charAt', 1), 98);
});

test('contains with a null argument throws NullPointerException', () => {
  assert.match(
    apexError(() => s('abc', 'contains', null)),
    /^System.NullPointerException/
  );
});

test('splitByCharacterTypeCamelCase splits words as StringUtils does', () => {
  assert.deepEqual(items(s('fooBarBAZ9', 'splitByCharacterTypeCamelCase')), ['foo', 'Bar', 'BAZ', '9']);
});

test('stripHtmlTags removes markup', () => {
  assert.equal(s('<b>hello</b> <i>world</i>', 'stripHtmlTags'), 'hello world');
});

test('an unknown overload fails loudly naming the method', () => {
  assert.match(
    apexError(() => s('abc', 'contains', 5)),
    /String.contains\(1 argument\) is not supported by localorg/
  );
});

test('format with a number element and a String argument throws as MessageFormat does', () => {
  assert.equal(
    apexError(() => callStatic(ctx, 'String', 'format', '{0,number,currency}', strList('12'))),
    'System.StringException: Cannot format given Object as a Number'
  );
});

test('split of a string made only of separators is empty; of an empty string is one empty string', () => {
  assert.deepEqual(items(s(':', 'split', ':')), []);
  assert.deepEqual(items(s('', 'split', ':')), ['']);
});

test('out-of-range code points and oversized strings are Apex errors, not JS errors', () => {
  assert.match(
    apexError(() => callStatic(ctx, 'String', 'fromCharArray', list('Integer', -1))),
    /StringException: Invalid code point: -1/
  );
  assert.match(
    apexError(() => s('ab', 'repeat', 100_000_000)),
    /LimitException/
  );
});

test('String.valueOf(null) is null, not the text null (only concatenation writes null)', () => {
  assert.equal(callStatic(ctx, 'String', 'valueOf', null), null);
  assert.equal(callStatic(ctx, 'String', 'valueOf', 5), '5');
});
