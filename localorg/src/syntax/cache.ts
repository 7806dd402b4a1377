/**
 * A disk cache of lowered ASTs keyed by the source text's hash. apex-parser's first parse in a process costs seconds
 * (ANTLR builds its prediction DFA), so repeated `localorg test` runs reuse the lowered tree instead of parsing.
 * Values in the tree (bigint, Decimal, Double, dates, Sets, `undefined`) are tagged so they survive JSON; a tree holding
 * anything else is simply not cached.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApexDate, ApexDatetime, ApexDouble, ApexTime, Decimal } from '../values/values.js';

/** Bump when the encoding changes. */
const FORMAT = 'localorg-ast-1';

/**
 * The lowering code is part of the key: any edit to the lowerer, the AST or the SOQL lowering yields new entries, so a
 * changed lowering never reads a stale tree.
 */
const LOWERING_SOURCES = ['ast.ts', 'lower.ts', 'cache.ts', 'soql/lower.ts', 'soql/ast.ts'];
let loweringHash: string | null = null;
function loweringVersion(): string {
  if (loweringHash) return loweringHash;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const h = crypto.createHash('sha1');
  for (const f of LOWERING_SOURCES) {
    try {
      h.update(fs.readFileSync(path.join(here, f)));
    } catch {
      h.update('missing:' + f);
    }
  }
  return (loweringHash = h.digest('hex'));
}

class NotCacheable extends Error {}

function encode(v: unknown): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === undefined) return { $u: 1 };
  if (typeof v === 'number')
    return Number.isFinite(v) && !Object.is(v, -0) ? v : { $n: String(v) === '0' ? '-0' : String(v) };
  if (typeof v === 'bigint') return { $b: v.toString() };
  if (Array.isArray(v)) return v.map(encode);
  if (v instanceof Set) return { $s: [...v].map(encode) };
  if (v instanceof Decimal) return { $d: [v.unscaled.toString(), v.scale] };
  if (v instanceof ApexDouble) return { $f: encode(v.value) };
  if (v instanceof ApexDate) return { $D: [v.year, v.month, v.day] };
  if (v instanceof ApexDatetime) return { $T: v.epochMs };
  if (v instanceof ApexTime) return { $t: v.millisOfDay };
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = encode(x);
    return out;
  }
  throw new NotCacheable();
}

function decode(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decode);
  const o = v as Record<string, unknown>;
  if ('$u' in o) return undefined;
  if ('$n' in o) return o.$n === '-0' ? -0 : Number(o.$n);
  if ('$b' in o) return BigInt(o.$b as string);
  if ('$s' in o) return new Set((o.$s as unknown[]).map(decode));
  if ('$d' in o) {
    const [u, s] = o.$d as [string, number];
    return new Decimal(BigInt(u), s);
  }
  if ('$f' in o) return new ApexDouble(decode(o.$f) as number);
  if ('$D' in o) {
    const [y, m, d] = o.$D as number[];
    return new ApexDate(y, m, d);
  }
  if ('$T' in o) return new ApexDatetime(o.$T as number);
  if ('$t' in o) return new ApexTime(o.$t as number);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = decode(x);
  return out;
}

export class AstCache {
  constructor(readonly dir: string) {}

  private file(kind: string, fileName: string, text: string): string {
    const h = crypto
      .createHash('sha1')
      .update(FORMAT)
      .update(loweringVersion())
      .update('\0')
      .update(kind)
      .update('\0')
      .update(fileName)
      .update('\0')
      .update(text)
      .digest('hex');
    return path.join(this.dir, h.slice(0, 2), h + '.json');
  }

  /** Returns the cached tree, or lowers with `make` and stores the result. */
  get<T>(kind: string, fileName: string, text: string, make: () => T): T {
    const f = this.file(kind, fileName, text);
    try {
      return decode(JSON.parse(fs.readFileSync(f, 'utf8'))) as T;
    } catch {
      // missing or unreadable: lower it
    }
    const tree = make();
    try {
      const body = JSON.stringify(encode(tree));
      fs.mkdirSync(path.dirname(f), { recursive: true });
      const tmp = `${f}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, body);
      fs.renameSync(tmp, f);
    } catch (e) {
      if (!(e instanceof NotCacheable)) {
        // A read-only or full disk only costs speed.
      }
    }
    return tree;
  }
}

/** The cache under the nearest `node_modules/.cache/localorg` above `root`, or null when there is none. */
export function cacheFor(root: string): AstCache | null {
  if (process.env.LOCALORG_NO_CACHE) return null;
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const nm = path.join(dir, 'node_modules');
    if (fs.existsSync(nm)) return new AstCache(path.join(nm, '.cache', 'localorg'));
    if (path.dirname(dir) === dir) return null;
  }
}
