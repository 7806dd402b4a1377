import { JAVA_FLAGS, lit } from './character-sets.js';
import { EscapeAndClassParser } from './escapes-and-classes.js';
import { RegexSyntaxError, type JavaRegex } from './java-regex.js';

type Piece = string | { open: number; name?: string } | { backref: number };

/**
 * The structure of a Java pattern — alternation, groups, quantifiers, anchors, back references — translated piece by
 * piece; groups are numbered once the whole pattern is read (see `java-regex.ts`).
 */
class Translator extends EscapeAndClassParser {
  private pieces: Piece[] = [];
  private groups: { java: number | null }[] = []; // index = internal id
  private javaGroups = 0;
  private names = new Map<string, number>();
  private sawAtom = false;

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
