import { ASCII_SPACE, BINARY_PROPS, POSIX, isJsPropertyOk, lit } from './character-sets.js';
import { RegexSyntaxError, RegexUnsupportedError } from './java-regex.js';

/**
 * The character level of a Java pattern, valid inside and outside a class: escapes (`\t`, `\x{…}`, `\p{…}`…),
 * property classes and bracketed character classes (with `&&` intersection). `translator.ts` builds on it.
 */
export abstract class EscapeAndClassParser {
  protected pos = 0;
  protected flags = new Set<string>();

  constructor(protected readonly p: string) {}

  protected fail(desc: string, index = this.pos): never {
    throw new RegexSyntaxError(desc, this.p, index);
  }

  protected unsupported(construct: string): never {
    throw new RegexUnsupportedError(
      `Java regex construct ${construct} in pattern "${this.p}" has no JavaScript equivalent and is not supported by localorg`
    );
  }

  protected peek(k = 0): string {
    return this.p[this.pos + k] ?? '';
  }

  protected hex(digits: string, at: number): number {
    if (!/^[0-9a-fA-F]+$/.test(digits)) this.fail('Illegal hexadecimal escape sequence', at);
    const cp = parseInt(digits, 16);
    if (cp > 0x10ffff) this.fail('Hexadecimal codepoint is too big', at);
    return cp;
  }

  /**
   * Escapes valid both inside and outside a class. Returns the JS text for the escape, or null when the escape is
   * not one of these (the caller handles anchors and back references).
   */
  protected commonEscape(): string | null {
    const at = this.pos; // at the backslash
    const c = this.peek(1);
    const simple: Record<string, string> = {
      t: '\\t',
      n: '\\n',
      r: '\\r',
      f: '\\f',
      a: '\\x07',
      e: '\\x1B',
      d: '[0-9]',
      D: '[^0-9]',
      w: '[a-zA-Z_0-9]',
      W: '[^a-zA-Z_0-9]',
      s: ASCII_SPACE,
      S: '[^\\t\\n\\x0B\\f\\r ]',
      h: '[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]',
      H: '[^ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]',
      v: '[\\n\\x0B\\f\\r\\x85\\u2028\\u2029]',
      V: '[^\\n\\x0B\\f\\r\\x85\\u2028\\u2029]'
    };
    if (c in simple) {
      this.pos += 2;
      return simple[c];
    }
    if (c === 'x') {
      if (this.peek(2) === '{') {
        const end = this.p.indexOf('}', this.pos + 3);
        if (end < 0) this.fail('Unclosed hexadecimal escape sequence', at);
        const cp = this.hex(this.p.slice(this.pos + 3, end), at);
        this.pos = end + 1;
        return lit(cp);
      }
      const cp = this.hex(this.p.slice(this.pos + 2, this.pos + 4).padEnd(2, 'g'), at);
      this.pos += 4;
      return lit(cp);
    }
    if (c === 'u') {
      const cp = this.hex(this.p.slice(this.pos + 2, this.pos + 6).padEnd(4, 'g'), at);
      this.pos += 6;
      return lit(cp);
    }
    if (c === '0') {
      const m = /^0([0-3][0-7]{2}|[0-7]{1,2})/.exec(this.p.slice(this.pos + 1));
      if (!m) this.fail('Illegal octal escape sequence', at);
      this.pos += 1 + m[0].length;
      return lit(parseInt(m[1], 8));
    }
    if (c === 'c') {
      const x = this.p.charCodeAt(this.pos + 2);
      if (Number.isNaN(x)) this.fail('Illegal control escape sequence', at);
      this.pos += 3;
      return lit(x ^ 64);
    }
    if (c === 'p' || c === 'P') return this.property(c === 'P');
    if (c === '') this.fail('Unexpected internal error', at + 1);
    return null;
  }

  protected property(negated: boolean): string {
    const at = this.pos;
    let name: string;
    if (this.peek(2) === '{') {
      const end = this.p.indexOf('}', this.pos + 3);
      if (end < 0) this.fail('Unclosed character family', at);
      name = this.p.slice(this.pos + 3, end);
      this.pos = end + 1;
    } else {
      name = this.peek(2);
      this.pos += 3;
    }
    const js = this.propertyClass(name, at);
    if (!negated) return js;
    if (js.startsWith('\\p{')) return '\\P' + js.slice(2);
    return `[^${js}]`;
  }

  protected propertyClass(name: string, at: number): string {
    const lower = name.toLowerCase();
    if (!name.startsWith('In') && !name.startsWith('java') && lower in POSIX && !/^java/.test(lower))
      return POSIX[lower];
    if (name.startsWith('java')) {
      if (lower in POSIX) return POSIX[lower];
      this.fail(`Unknown Java character property name {${name}}`, at);
    }
    if (/^In[A-Z_a-z]/.test(name) || /^(block|blk)=/i.test(name)) {
      this.unsupported(`\\p{${name}} (Unicode block)`);
    }
    let body = name;
    const kv = /^(general_category|gc|script|sc)=(.+)$/i.exec(name);
    if (kv) body = (/^(script|sc)$/i.test(kv[1]) ? 'Script=' : 'General_Category=') + kv[2];
    else if (/^Is/.test(name)) {
      const rest = name.slice(2);
      if (rest.toLowerCase() in BINARY_PROPS) body = BINARY_PROPS[rest.toLowerCase()];
      else if (isJsPropertyOk(rest)) body = rest;
      else if (isJsPropertyOk('Script=' + rest)) body = 'Script=' + rest;
      else this.fail(`Unknown character property name {${name}}`, at);
    }
    if (body === 'all' || body === 'L&') return body === 'all' ? '[\\s\\S]' : '[\\p{Lu}\\p{Ll}\\p{Lt}]';
    if (!isJsPropertyOk(body)) this.fail(`Unknown character property name {${name}}`, at);
    return `\\p{${body}}`;
  }

  /** Parses a class after its `[`, through the closing `]`; returns a `v`-mode class expression. */
  protected charClass(): string {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const operands: string[][] = [[]];
    let first = true;
    for (;;) {
      if (this.flags.has('x')) {
        // eslint-disable-next-line no-control-regex -- COMMENTS mode skips Java whitespace, \x0B included
        while (/[ \t\n\r\f\x0B]/.test(this.peek())) this.pos++;
      }
      const c = this.peek();
      if (c === '') this.fail('Unclosed character class', this.p.length - 1);
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '&' && this.peek(1) === '&') {
        this.pos += 2;
        operands.push([]);
        continue;
      }
      const cur = operands[operands.length - 1];
      if (c === '[') {
        this.pos++;
        cur.push(this.charClass());
        continue;
      }
      const lo = this.classAtom();
      if (
        lo.cp !== null &&
        this.peek() === '-' &&
        this.peek(1) !== ']' &&
        this.peek(1) !== '' &&
        this.peek(1) !== '['
      ) {
        const save = this.pos;
        this.pos++;
        const hi = this.classAtom();
        if (hi.cp === null) {
          this.pos = save;
          cur.push(lo.text);
          continue;
        }
        if (hi.cp < lo.cp) this.fail('Illegal character range', this.pos - 1);
        cur.push(`${lit(lo.cp)}-${lit(hi.cp)}`);
        continue;
      }
      cur.push(lo.text);
    }
    const parts = operands.filter((o, i) => o.length > 0 || i === 0);
    if (parts.length === 1) return `[${negated ? '^' : ''}${parts[0].join('')}]`;
    return `[${negated ? '^' : ''}${parts.map((o) => `[${o.join('')}]`).join('&&')}]`;
  }

  /** One class member that is not a nested class: a literal (cp set) or a class escape (cp null). */
  protected classAtom(): { text: string; cp: number | null } {
    const c = this.peek();
    if (c === '\\') {
      const n = this.peek(1);
      if (n === 'Q') {
        const end = this.p.indexOf('\\E', this.pos + 2);
        const text = end < 0 ? this.p.slice(this.pos + 2) : this.p.slice(this.pos + 2, end);
        this.pos = end < 0 ? this.p.length : end + 2;
        return { text: [...text].map((ch) => lit(ch.codePointAt(0)!)).join(''), cp: null };
      }
      const save = this.pos;
      const common = this.commonEscape();
      if (common !== null) {
        const m = /^\\u\{([0-9a-f]+)\}$/.exec(common);
        if (m) return { text: common, cp: parseInt(m[1], 16) };
        if (/^[A-Za-z0-9_ ]$/.test(common)) return { text: common, cp: common.codePointAt(0)! };
        const ctl: Record<string, number> = { '\\t': 9, '\\n': 10, '\\r': 13, '\\f': 12, '\\x07': 7, '\\x1B': 27 };
        if (common in ctl) return { text: common, cp: ctl[common] };
        return { text: common, cp: null };
      }
      this.pos = save;
      if (/[a-zA-Z0-9]/.test(n)) this.fail('Illegal/unsupported escape sequence', this.pos + 1);
      const cp = this.p.codePointAt(this.pos + 1)!;
      this.pos += cp > 0xffff ? 3 : 2;
      return { text: lit(cp), cp };
    }
    const cp = this.p.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return { text: lit(cp), cp };
  }
}
