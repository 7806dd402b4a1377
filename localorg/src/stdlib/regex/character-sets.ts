/** The character sets a Java regex names (POSIX and `java…` classes, binary properties, inline flags) in `v`-mode JS. */

export const JAVA_FLAGS: Record<string, string> = {
  i: 'CASE_INSENSITIVE',
  m: 'MULTILINE',
  s: 'DOTALL',
  x: 'COMMENTS',
  u: 'UNICODE_CASE',
  d: 'UNIX_LINES',
  U: 'UNICODE_CHARACTER_CLASS'
};

export const ASCII_SPACE = '[\\t\\n\\x0B\\f\\r ]';
export const POSIX: Record<string, string> = {
  lower: '[a-z]',
  upper: '[A-Z]',
  ascii: '[\\x00-\\x7F]',
  alpha: '[a-zA-Z]',
  digit: '[0-9]',
  alnum: '[a-zA-Z0-9]',
  punct: '[\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E]',
  graph: '[\\x21-\\x7E]',
  print: '[\\x20-\\x7E]',
  blank: '[ \\t]',
  cntrl: '[\\x00-\\x1F\\x7F]',
  xdigit: '[0-9a-fA-F]',
  space: ASCII_SPACE,
  javalowercase: '\\p{Lowercase}',
  javauppercase: '\\p{Uppercase}',
  javawhitespace: '[\\t\\n\\x0B\\f\\r\\x1C-\\x1F\\p{Zs}--[\\xA0\\u2007\\u202F]]',
  javamirrored: '\\p{Bidi_Mirrored}',
  javaletter: '\\p{L}',
  javadigit: '\\p{Nd}',
  javaletterordigit: '[\\p{L}\\p{Nd}]',
  javaalphabetic: '\\p{Alphabetic}',
  javaspacechar: '\\p{Z}',
  javatitlecase: '\\p{Lt}'
};
export const BINARY_PROPS: Record<string, string> = {
  alphabetic: 'Alphabetic',
  ideographic: 'Ideographic',
  letter: 'L',
  lowercase: 'Lowercase',
  uppercase: 'Uppercase',
  titlecase: 'Lt',
  punctuation: 'P',
  control: 'Cc',
  white_space: 'White_Space',
  whitespace: 'White_Space',
  digit: 'Nd',
  hex_digit: 'Hex_Digit',
  hexdigit: 'Hex_Digit',
  join_control: 'Join_Control',
  joincontrol: 'Join_Control',
  noncharacter_code_point: 'Noncharacter_Code_Point',
  assigned: 'Assigned',
  emoji: 'Emoji'
};

export function isJsPropertyOk(body: string): boolean {
  try {
    new RegExp(`\\p{${body}}`, 'v');
    return true;
  } catch {
    return false;
  }
}

/** A literal code point, written so it is valid both inside and outside a `v`-mode class. */
export function lit(cp: number): string {
  const c = String.fromCodePoint(cp);
  if (/[A-Za-z0-9_ ]/.test(c)) return c;
  return `\\u{${cp.toString(16)}}`;
}
