/**
 * A JSON reader that keeps what JSON.parse loses and Apex needs: the exact text of numbers (Decimal scale, Long
 * range), key order, and line/column of every value and error. Error texts follow the Jackson messages Apex
 * surfaces, with Apex's "at input location [line,column]" suffix [mem].
 */

export type JsonNode =
  | { kind: 'null'; line: number; col: number }
  | { kind: 'bool'; value: boolean; line: number; col: number }
  | { kind: 'number'; text: string; line: number; col: number }
  | { kind: 'string'; value: string; line: number; col: number }
  | { kind: 'array'; items: JsonNode[]; line: number; col: number }
  | { kind: 'object'; entries: [string, JsonNode][]; line: number; col: number };

/** The deepest nesting System.JSON writes or reads [mem]. */
export const MAX_DEPTH = 512;

export class JsonSyntaxError extends Error {}

function describeChar(c: string): string {
  const code = c.codePointAt(0)!;
  const shown = code < 32 ? `CTRL-CHAR, code ${code}` : `'${String.fromCodePoint(code)}' (code ${code})`;
  return code < 32 ? `(${shown})` : `(${shown})`;
}

class Reader {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  private get col(): number {
    return this.pos - this.lineStart + 1;
  }

  private fail(message: string, line = this.line, col = this.col): never {
    throw new JsonSyntaxError(`${message} at input location [${line},${col}]`);
  }

  private skipWs(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === '\n') {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else return;
    }
  }

  document(): JsonNode {
    this.skipWs();
    if (this.pos >= this.text.length) throw new JsonSyntaxError('No content to map due to end-of-input');
    // Jackson reads one value and ignores whatever follows it, so trailing text is not an error here either [mem].
    return this.value();
  }

  private value(): JsonNode {
    this.skipWs();
    const line = this.line;
    const col = this.col;
    const c = this.text[this.pos];
    if (c === undefined) this.fail('Unexpected end-of-input: expected a value');
    if (c === '{') return this.object(line, col);
    if (c === '[') return this.array(line, col);
    if (c === '"') return { kind: 'string', value: this.string(), line, col };
    if (c === '-' || (c >= '0' && c <= '9')) return this.number(line, col);
    for (const [word, node] of [
      ['true', { kind: 'bool', value: true, line, col }],
      ['false', { kind: 'bool', value: false, line, col }],
      ['null', { kind: 'null', line, col }]
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        const after = this.text[this.pos + word.length];
        if (after !== undefined && /[A-Za-z0-9_]/.test(after)) break;
        this.pos += word.length;
        return node;
      }
    }
    const token = /^[A-Za-z0-9_'$]+/.exec(this.text.slice(this.pos));
    if (token && /^[A-Za-z]/.test(token[0])) {
      this.fail(`Unrecognized token '${token[0]}': was expecting ('true', 'false' or 'null')`);
    }
    this.fail(
      `Unexpected character ${describeChar(c)}: expected a valid value (number, String, array, object, 'true', 'false' or 'null')`
    );
  }

  private object(line: number, col: number): JsonNode {
    this.pos++; // {
    const entries: [string, JsonNode][] = [];
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', entries, line, col };
    }
    for (;;) {
      this.skipWs();
      const c = this.text[this.pos];
      if (c !== '"') {
        if (c === undefined) this.fail('Unexpected end-of-input: expected field name');
        this.fail(`Unexpected character ${describeChar(c)}: was expecting double-quote to start field name`);
      }
      const key = this.string();
      this.skipWs();
      if (this.text[this.pos] !== ':') {
        const d = this.text[this.pos];
        if (d === undefined)
          this.fail('Unexpected end-of-input: was expecting a colon to separate field name and value');
        this.fail(`Unexpected character ${describeChar(d)}: was expecting a colon to separate field name and value`);
      }
      this.pos++;
      entries.push([key, this.value()]);
      this.skipWs();
      const sep = this.text[this.pos];
      if (sep === ',') {
        this.pos++;
        continue;
      }
      if (sep === '}') {
        this.pos++;
        return { kind: 'object', entries, line, col };
      }
      if (sep === undefined)
        this.fail(`Unexpected end-of-input: expected close marker for OBJECT (from [${line},${col}])`);
      this.fail(`Unexpected character ${describeChar(sep)}: was expecting comma to separate OBJECT entries`);
    }
  }

  private array(line: number, col: number): JsonNode {
    this.pos++; // [
    const items: JsonNode[] = [];
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items, line, col };
    }
    for (;;) {
      items.push(this.value());
      this.skipWs();
      const sep = this.text[this.pos];
      if (sep === ',') {
        this.pos++;
        continue;
      }
      if (sep === ']') {
        this.pos++;
        return { kind: 'array', items, line, col };
      }
      if (sep === undefined)
        this.fail(`Unexpected end-of-input: expected close marker for ARRAY (from [${line},${col}])`);
      this.fail(`Unexpected character ${describeChar(sep)}: was expecting comma to separate ARRAY entries`);
    }
  }

  private string(): string {
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('Unexpected end-of-input: was expecting closing quote for a string value');
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const e = this.text[this.pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t'
        };
        if (e in simple) {
          out += simple[e];
          this.pos += 2;
          continue;
        }
        if (e === 'u') {
          const hex = this.text.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex))
            this.fail('Unexpected character in Unicode escape: expected a hex-digit for character escape sequence');
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 6;
          continue;
        }
        this.pos++;
        this.fail(`Unrecognized character escape ${describeChar(e ?? ' ')}`);
      }
      if (c.charCodeAt(0) < 32) {
        this.fail(
          `Illegal unquoted character (${describeChar(c).slice(1, -1)}): has to be escaped using backslash to be included in string value`
        );
      }
      out += c;
      this.pos++;
    }
  }

  private number(line: number, col: number): JsonNode {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) {
      const lead = /^-?0\d/.test(this.text.slice(this.pos));
      this.fail(
        lead ? 'Invalid numeric value: Leading zeroes not allowed' : "Unexpected character: expected digit after '-'"
      );
    }
    const after = this.text[this.pos + m[0].length];
    if (after !== undefined && /[0-9A-Za-z.]/.test(after)) {
      this.pos += m[0].length;
      this.fail(`Unexpected character ${describeChar(after)}: Expected space separating root-level values`);
    }
    this.pos += m[0].length;
    return { kind: 'number', text: m[0], line, col };
  }
}

export function readJson(text: string): JsonNode {
  return new Reader(text).document();
}

/** JSON string literal as Jackson writes it: `"`, `\` and control characters escaped; everything else literal. */
export function quoteJson(s: string): string {
  return JSON.stringify(s);
}
