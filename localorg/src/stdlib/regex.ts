/**
 * Java regular expressions (java.util.regex, which Apex String.split/replaceAll/matches and Pattern use) translated
 * into JavaScript RegExps with the `v` flag. The translation is a real parse of the Java syntax, not a textual patch:
 *
 * - Java-only constructs are rewritten: possessive quantifiers and atomic groups `(?>…)` become the lookahead-capture
 *   idiom `(?=(X))\N`, `\A \z \Z $` get Java's anchoring, `\Q…\E` quotes, POSIX `\p{Alpha}` and `\p{javaX}` classes
 *   map to explicit sets, `\s` stays ASCII as in Java, class intersection `&&` maps to `v`-mode intersection.
 * - Hidden groups created by those rewrites would shift group numbers, so groups are numbered after translation and
 *   {@link JavaRegex.jsGroup} maps each Java group number to its JS number (used by Matcher.group and `$n`).
 * - Anything without a faithful JS equivalent (`\G`, Unicode blocks, flags switched mid-pattern) is rejected with
 *   {@link RegexUnsupportedError} naming the construct; syntax errors raise {@link RegexSyntaxError} with Java's
 *   PatternSyntaxException wording.
 */

export class RegexSyntaxError extends Error {
  constructor(
    readonly description: string,
    readonly pattern: string,
    readonly index: number
  ) {
    // Java's PatternSyntaxException.getMessage() layout.
    super(
      `${description}${index >= 0 ? ` near index ${index}` : ''}\n${pattern}${index >= 0 ? '\n' + ' '.repeat(index) + '^' : ''}`
    );
  }
}

export class RegexUnsupportedError extends Error {}

export interface JavaRegex {
  readonly pattern: string;
  /** JS source (without delimiters) and flags (always including `v`). */
  readonly source: string;
  readonly flags: string;
  /** Number of capturing groups visible to Java code. */
  readonly groupCount: number;
  /** jsGroup[javaGroupNumber] = JS group number; jsGroup[0] = 0. */
  readonly jsGroup: readonly number[];
  /** Named groups: name → Java group number. */
  readonly names: ReadonlyMap<string, number>;
  /** Global search regex (`g`, `d` added). */
  readonly find: RegExp;
  /** Sticky regex that must consume the whole remaining input (Matcher.matches). */
  readonly whole: RegExp;
  /** Sticky regex for Matcher.lookingAt. */
  readonly prefix: RegExp;
}

type Piece = string | { open: number; name?: string } | { backref: number };

const JAVA_FLAGS: Record<string, string> = {
  i: 'CASE_INSENSITIVE',
  m: 'MULTILINE',
  s: 'DOTALL',
  x: 'COMMENTS',
  u: 'UNICODE_CASE',
  d: 'UNIX_LINES',
  U: 'UNICODE_CHARACTER_CLASS'
};

const ASCII_SPACE = '[\\t\\n\\x0B\\f\\r ]';
const POSIX: Record<string, string> = {
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
const BINARY_PROPS: Record<string, string> = {
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

function isJsPropertyOk(body: string): boolean {
  try {
    new RegExp(`\\p{${body}}`, 'v');
    return true;
  } catch {
    return false;
  }
}

/** A literal code point, written so it is valid both inside and outside a `v`-mode class. */
function lit(cp: number): string {
  const c = String.fromCodePoint(cp);
  if (/[A-Za-z0-9_ ]/.test(c)) return c;
  return `\\u{${cp.toString(16)}}`;
}

class Translator {
  private pos = 0;
  private pieces: Piece[] = [];
  private groups: { java: number | null }[] = []; // index = internal id
  private javaGroups = 0;
  private names = new Map<string, number>();
  private flags = new Set<string>();
  private sawAtom = false;

  constructor(private readonly p: string) {}

  run(): JavaRegex {
    this.leadingFlags();
    this.alternation(0);
    if (this.pos < this.p.length) this.fail("Unmatched closing ')'", this.pos - 1);
    // Number JS groups in order of their opening parenthesis.
    const jsNumberOfId = new Map<number, number>();
    let n = 0;
    for (const piece of this.pieces)
      if (typeof piece === 'object' && 'open' in piece) jsNumberOfId.set(piece.open, ++n);
    const jsGroup = [0];
    this.groups.forEach((g, id) => {
      if (g.java !== null) jsGroup[g.java] = jsNumberOfId.get(id)!;
    });
    let source = '';
    for (const piece of this.pieces) {
      if (typeof piece === 'string') source += piece;
      else if ('open' in piece) source += piece.name ? `(?<${piece.name}>` : '(';
      else {
        const js = jsNumberOfId.get(piece.backref);
        source += js === undefined ? '(?!)' : `(?:\\${js})`;
      }
    }
    let flags = 'v';
    if (this.flags.has('i')) flags += 'i';
    if (this.flags.has('m')) flags += 'm';
    if (this.flags.has('s')) flags += 's';
    const build = (src: string, f: string): RegExp => {
      try {
        return new RegExp(src, f);
      } catch (e) {
        throw new RegexSyntaxError((e as Error).message.replace(/^Invalid regular expression: /, ''), this.p, -1);
      }
    };
    return {
      pattern: this.p,
      source,
      flags,
      groupCount: this.javaGroups,
      jsGroup,
      names: this.names,
      find: build(source, flags + 'gd'),
      whole: build(`(?:${source})(?![\\s\\S])`, flags + 'yd'),
      prefix: build(source, flags + 'yd')
    };
  }

  private fail(desc: string, index = this.pos): never {
    throw new RegexSyntaxError(desc, this.p, index);
  }

  private unsupported(construct: string): never {
    throw new RegexUnsupportedError(
      `Java regex construct ${construct} in pattern "${this.p}" has no JavaScript equivalent and is not supported by localorg`
    );
  }

  private peek(k = 0): string {
    return this.p[this.pos + k] ?? '';
  }

  private emit(s: string): void {
    this.pieces.push(s);
  }

  /** `(?imsx)` groups before any atom set global flags; the same group later in the pattern cannot be emulated. */
  private leadingFlags(): void {
    for (;;) {
      const m = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(this.p.slice(this.pos));
      if (!m) return;
      this.applyFlags(m[1], m[2] ?? '', this.pos);
      this.pos += m[0].length;
      this.skipComments();
    }
  }

  private applyFlags(on: string, off: string, at: number): void {
    for (const f of on + off) if (!(f in JAVA_FLAGS)) this.fail('Unknown inline modifier', at + 2);
    for (const f of on) {
      if (f === 'U') this.unsupported('(?U) UNICODE_CHARACTER_CLASS');
      this.flags.add(f);
    }
    for (const f of off) this.flags.delete(f);
  }

  private skipComments(): void {
    if (!this.flags.has('x')) return;
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\x0B') this.pos++;
      else if (c === '#') {
        while (this.pos < this.p.length && this.peek() !== '\n') this.pos++;
      } else return;
    }
  }

  private alternation(depth: number): void {
    this.sequence();
    while (this.peek() === '|') {
      this.pos++;
      this.emit('|');
      this.sequence();
    }
    if (depth === 0 && this.peek() === ')') this.fail("Unmatched closing ')'", this.pos);
  }

  private sequence(): void {
    for (;;) {
      this.skipComments();
      const c = this.peek();
      if (c === '' || c === '|' || c === ')') return;
      const start = this.pieces.length;
      const quantifiable = this.atom();
      this.skipComments();
      this.quantifier(start, quantifiable);
    }
  }

  /** Parses one atom, appending its pieces. Returns false for things that cannot take a quantifier. */
  private atom(): boolean {
    const c = this.peek();
    switch (c) {
      case '(':
        return this.group();
      case '[':
        this.pos++;
        this.emit(this.charClass());
        return true;
      case '\\':
        return this.escapeOutside();
      case '.':
        this.pos++;
        this.emit(this.flags.has('s') ? '[\\s\\S]' : this.flags.has('d') ? '[^\\n]' : '[^\\n\\r\\u0085\\u2028\\u2029]');
        return true;
      case '^':
        this.pos++;
        this.emit(this.flags.has('m') ? '(?:^)' : '(?<![\\s\\S])');
        return false;
      case '$':
        this.pos++;
        if (this.flags.has('m')) this.emit('(?:$)');
        else if (this.flags.has('d')) this.emit('(?=\\n?(?![\\s\\S]))');
        else this.emit('(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))');
        return false;
      case '*':
      case '+':
      case '?':
        this.fail(`Dangling meta character '${c}'`);
      // eslint-disable-next-line no-fallthrough
      case '{':
        this.fail('Illegal repetition');
      // eslint-disable-next-line no-fallthrough
      default: {
        const cp = this.p.codePointAt(this.pos)!;
        this.pos += cp > 0xffff ? 2 : 1;
        this.emit(lit(cp));
        return true;
      }
    }
  }

  private newGroup(java: boolean, name?: string): number {
    const id = this.groups.length;
    this.groups.push({ java: java ? ++this.javaGroups : null });
    if (name !== undefined) this.names.set(name, this.javaGroups);
    this.pieces.push(name !== undefined ? { open: id, name } : { open: id });
    return id;
  }

  private group(): boolean {
    this.pos++; // (
    let quantifiable = true;
    if (this.peek() === '?') {
      this.pos++;
      const c = this.peek();
      if (c === ':') {
        this.pos++;
        this.emit('(?:');
      } else if (c === '=' || c === '!') {
        this.pos++;
        this.emit('(?' + c);
        quantifiable = false;
      } else if (c === '<' && (this.peek(1) === '=' || this.peek(1) === '!')) {
        this.emit('(?<' + this.peek(1));
        this.pos += 2;
        quantifiable = false;
      } else if (c === '<') {
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.p.slice(this.pos));
        if (!m) this.fail("named capturing group is missing trailing '>'", this.pos);
        if (this.names.has(m[1])) this.fail(`Named capturing group <${m[1]}> is already defined`, this.pos);
        this.pos += m[0].length;
        this.newGroup(true, m[1]);
      } else if (c === '>') {
        // Atomic group: (?=(X))\N, the standard lookahead emulation.
        this.pos++;
        const start = this.pieces.length;
        this.alternation(1);
        if (this.peek() !== ')') this.fail('Unclosed group', this.p.length);
        this.pos++;
        this.wrapAtomic(start, '');
        return true;
      } else {
        const m = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(this.p.slice(this.pos));
        if (!m) this.fail('Unknown inline modifier', this.pos);
        const on = m[1];
        const off = m[2] ?? '';
        for (const f of on + off) if (!(f in JAVA_FLAGS)) this.fail('Unknown inline modifier', this.pos);
        const changes = [...on].some((f) => !this.flags.has(f)) || [...off].some((f) => this.flags.has(f));
        if (changes) {
          this.unsupported(`(?${m[0]} (a flag change after the start of the pattern)`);
        }
        this.pos += m[0].length;
        if (m[3] === ')') return false; // no-op flag group
        this.emit('(?:');
      }
    } else {
      this.newGroup(true);
    }
    this.alternation(1);
    if (this.peek() !== ')') this.fail('Unclosed group', this.p.length);
    this.pos++;
    this.emit(')');
    return quantifiable;
  }

  /** Rewrites pieces[start..] (an atom plus an optional quantifier) as an atomic, possessive unit. */
  private wrapAtomic(start: number, quantifier: string): void {
    const body = this.pieces.splice(start);
    const id = this.groups.length;
    this.groups.push({ java: null });
    this.pieces.push('(?=', { open: id }, '(?:', ...body, ')' + quantifier + '))', { backref: id });
  }

  private quantifier(start: number, quantifiable: boolean): void {
    const c = this.peek();
    let q = '';
    if (c === '*' || c === '+' || c === '?') {
      q = c;
      this.pos++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.pos));
      if (!m) this.fail('Illegal repetition', this.pos);
      if (m[3] && Number(m[3]) < Number(m[1])) this.fail('Illegal repetition range', this.pos);
      q = m[0];
      this.pos += m[0].length;
    } else return;
    if (!quantifiable) {
      // Java accepts a quantified assertion (it is a no-op or a repeat of a zero-width test); JS `v` rejects it.
      this.pieces.splice(start, 0, '(?:');
      this.emit(')');
    }
    const mod = this.peek();
    if (mod === '?') {
      this.pos++;
      this.emit(q + '?');
    } else if (mod === '+') {
      this.pos++;
      this.wrapAtomic(start, q);
    } else {
      this.emit(q);
    }
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?') this.fail(`Dangling meta character '${next}'`);
  }

  private hex(digits: string, at: number): number {
    if (!/^[0-9a-fA-F]+$/.test(digits)) this.fail('Illegal hexadecimal escape sequence', at);
    const cp = parseInt(digits, 16);
    if (cp > 0x10ffff) this.fail('Hexadecimal codepoint is too big', at);
    return cp;
  }

  /**
   * Escapes valid both inside and outside a class. Returns the JS text for the escape, or null when the escape is
   * not one of these (the caller handles anchors and back references).
   */
  private commonEscape(): string | null {
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

  private property(negated: boolean): string {
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

  private propertyClass(name: string, at: number): string {
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

  private escapeOutside(): boolean {
    const at = this.pos;
    const c = this.peek(1);
    const common = this.commonEscape();
    if (common !== null) {
      this.emit(common);
      return true;
    }
    switch (c) {
      case 'b':
        this.pos += 2;
        this.emit('\\b');
        return false;
      case 'B':
        this.pos += 2;
        this.emit('\\B');
        return false;
      case 'A':
        this.pos += 2;
        this.emit('(?<![\\s\\S])');
        return false;
      case 'z':
        this.pos += 2;
        this.emit('(?![\\s\\S])');
        return false;
      case 'Z':
        this.pos += 2;
        this.emit('(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))');
        return false;
      case 'R':
        this.pos += 2;
        this.emit('(?:\\r\\n|[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029])');
        return true;
      case 'G':
        this.unsupported('\\G');
      // eslint-disable-next-line no-fallthrough
      case 'X':
        this.unsupported('\\X');
      // eslint-disable-next-line no-fallthrough
      case 'Q': {
        const end = this.p.indexOf('\\E', this.pos + 2);
        const text = end < 0 ? this.p.slice(this.pos + 2) : this.p.slice(this.pos + 2, end);
        this.pos = end < 0 ? this.p.length : end + 2;
        // Quoted text is one atom per character: a following quantifier applies to the last character only.
        const cps = [...text].map((ch) => lit(ch.codePointAt(0)!));
        if (cps.length === 0) return false;
        for (let i = 0; i < cps.length - 1; i++) this.emit(cps[i]);
        this.emit(cps[cps.length - 1]);
        return true;
      }
      case 'k': {
        const m = /^\\k<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.p.slice(this.pos));
        if (!m) this.fail("\\k is not followed by '<' for named capturing group", at);
        const java = this.names.get(m[1]);
        if (java === undefined) this.fail(`named capturing group <${m[1]}> does not exist`, at);
        this.pos += m[0].length;
        this.emitBackref(java);
        return true;
      }
    }
    if (/[1-9]/.test(c)) {
      // Java: take more digits only while the number names an existing group.
      let n = Number(c);
      let len = 2;
      while (/[0-9]/.test(this.peek(len)) && n * 10 + Number(this.peek(len)) <= this.javaGroups) {
        n = n * 10 + Number(this.peek(len));
        len++;
      }
      this.pos += len;
      this.emitBackref(n);
      return true;
    }
    if (/[a-zA-Z]/.test(c)) this.fail('Illegal/unsupported escape sequence', at + 1);
    const cp = this.p.codePointAt(this.pos + 1)!;
    this.pos += cp > 0xffff ? 3 : 2;
    this.emit(lit(cp));
    return true;
  }

  private emitBackref(javaGroup: number): void {
    const id = this.groups.findIndex((g) => g.java === javaGroup);
    // A reference to a group that does not exist (yet) never matches in Java.
    this.pieces.push(id < 0 ? '(?!)' : { backref: id });
  }

  /** Parses a class after its `[`, through the closing `]`; returns a `v`-mode class expression. */
  private charClass(): string {
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
  private classAtom(): { text: string; cp: number | null } {
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

const cache = new Map<string, JavaRegex>();

/** Compiles a Java regex (cached). Throws RegexSyntaxError / RegexUnsupportedError. */
export function compileJavaRegex(pattern: string): JavaRegex {
  let r = cache.get(pattern);
  if (!r) {
    r = new Translator(pattern).run();
    if (cache.size > 500) cache.clear();
    cache.set(pattern, r);
  }
  return r;
}

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
