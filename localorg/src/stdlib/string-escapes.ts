/**
 * The escape/unescape family of Apex String methods. Apex implements them with Apache Commons Lang's
 * StringEscapeUtils [mem], so the tables and rules below follow commons-lang3.
 */

const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig ' +
  'Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash ' +
  'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

/** HTML 4 entities beyond ISO-8859-1 that integration text commonly carries (quotes, dashes, euro…). */
const HTML4_EXTRA: Record<number, string> = {
  0x152: 'OElig',
  0x153: 'oelig',
  0x160: 'Scaron',
  0x161: 'scaron',
  0x178: 'Yuml',
  0x192: 'fnof',
  0x2c6: 'circ',
  0x2dc: 'tilde',
  0x2002: 'ensp',
  0x2003: 'emsp',
  0x2009: 'thinsp',
  0x200c: 'zwnj',
  0x200d: 'zwj',
  0x200e: 'lrm',
  0x200f: 'rlm',
  0x2013: 'ndash',
  0x2014: 'mdash',
  0x2018: 'lsquo',
  0x2019: 'rsquo',
  0x201a: 'sbquo',
  0x201c: 'ldquo',
  0x201d: 'rdquo',
  0x201e: 'bdquo',
  0x2020: 'dagger',
  0x2021: 'Dagger',
  0x2022: 'bull',
  0x2026: 'hellip',
  0x2030: 'permil',
  0x2032: 'prime',
  0x2033: 'Prime',
  0x2039: 'lsaquo',
  0x203a: 'rsaquo',
  0x20ac: 'euro',
  0x2122: 'trade',
  0x2190: 'larr',
  0x2191: 'uarr',
  0x2192: 'rarr',
  0x2193: 'darr',
  0x2194: 'harr',
  0x221e: 'infin',
  0x2260: 'ne',
  0x2264: 'le',
  0x2265: 'ge',
  0x3b1: 'alpha',
  0x3b2: 'beta',
  0x3b3: 'gamma',
  0x3b4: 'delta',
  0x3c0: 'pi',
  0x3a9: 'Omega',
  0x3bc: 'mu'
};

const BASIC: Record<number, string> = { 0x22: 'quot', 0x26: 'amp', 0x3c: 'lt', 0x3e: 'gt' };

function entityName(cp: number, html4: boolean): string | undefined {
  if (cp in BASIC) return BASIC[cp];
  if (cp >= 0xa0 && cp <= 0xff) return LATIN1_NAMES[cp - 0xa0];
  return html4 ? HTML4_EXTRA[cp] : undefined;
}

const BY_NAME = new Map<string, number>();
for (const [cp, n] of Object.entries(BASIC)) BY_NAME.set(n, Number(cp));
LATIN1_NAMES.forEach((n, i) => BY_NAME.set(n, 0xa0 + i));
for (const [cp, n] of Object.entries(HTML4_EXTRA)) BY_NAME.set(n, Number(cp));

export function escapeHtml(s: string, html4: boolean): string {
  let out = '';
  for (const ch of s) {
    const name = entityName(ch.codePointAt(0)!, html4);
    out += name ? `&${name};` : ch;
  }
  return out;
}

export function unescapeHtml(s: string, html4: boolean): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);/g, (all, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    const cp = BY_NAME.get(body);
    if (cp === undefined) return all;
    if (!html4 && !(cp in BASIC) && !(cp >= 0xa0 && cp <= 0xff)) return all;
    return String.fromCodePoint(cp);
  });
}

/** commons-lang3 escapeXml10-style: the five XML entities. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function unescapeXml(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (all, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[body] ?? all;
  });
}

function u4(code: number): string {
  return '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
}

const JAVA_CTRL: Record<string, string> = { '\b': '\\b', '\n': '\\n', '\t': '\\t', '\f': '\\f', '\r': '\\r' };

/** StringEscapeUtils.escapeJava: quotes, backslash, control characters, and non-ASCII as \uXXXX. */
export function escapeJava(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const code = s.charCodeAt(i);
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c in JAVA_CTRL) out += JAVA_CTRL[c];
    else if (code < 0x20 || code > 0x7e) out += u4(code);
    else out += c;
  }
  return out;
}

/** StringEscapeUtils.escapeEcmaScript: as escapeJava plus `'` and `/`. */
export function escapeEcmaScript(s: string): string {
  return escapeJava(s).replace(/'/g, "\\'").replace(/\//g, '\\/');
}

export function escapeUnicode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    out += code > 0x7e || code < 0x20 ? u4(code) : s[i];
  }
  return out;
}

/** Inverse of escapeJava/escapeEcmaScript/escapeUnicode: `\uXXXX`, octal, and the single-character escapes. */
export function unescapeJava(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i === s.length - 1) {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === 'u') {
      let j = i;
      while (s[j] === 'u') j++;
      const hex = s.slice(j, j + 4);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        out += String.fromCharCode(parseInt(hex, 16));
        i = j + 3;
      } else out += '\\u';
      continue;
    }
    const oct = /^[0-7]{1,3}/.exec(s.slice(i));
    if (oct) {
      let digits = oct[0];
      if (digits.length === 3 && digits[0] > '3') digits = digits.slice(0, 2);
      out += String.fromCharCode(parseInt(digits, 8));
      i += digits.length - 1;
      continue;
    }
    const map: Record<string, string> = {
      b: '\b',
      n: '\n',
      t: '\t',
      f: '\f',
      r: '\r',
      '"': '"',
      "'": "'",
      '\\': '\\',
      '/': '/'
    };
    out += n in map ? map[n] : n;
  }
  return out;
}

/** StringEscapeUtils.escapeCsv: quote when the value holds a comma, quote, CR or LF; double inner quotes. */
export function escapeCsv(s: string): string {
  if (!/[,"\r\n]/.test(s)) return s;
  return '"' + s.replace(/"/g, '""') + '"';
}

export function unescapeCsv(s: string): string {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return s;
  const inner = s.slice(1, -1);
  if (!/[,"\r\n]/.test(inner)) return s;
  return inner.replace(/""/g, '"');
}
