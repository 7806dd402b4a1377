/**
 * Apex Decimal: an arbitrary-precision signed decimal that keeps its scale (`1.10` stays `1.10`), as Java's
 * BigDecimal does. decimal.js normalises scale away, so we keep our own on BigInt: value = unscaled × 10^-scale.
 *
 * Arithmetic follows BigDecimal: add/subtract take the larger scale, multiply adds scales. Division and rounding
 * (setScale, divide with a scale, the RoundingMode names) live here too so that every caller rounds the same way.
 */
export type RoundingMode = 'UP' | 'DOWN' | 'CEILING' | 'FLOOR' | 'HALF_UP' | 'HALF_DOWN' | 'HALF_EVEN' | 'UNNECESSARY';

const TEN = 10n;

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

export class Decimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number
  ) {}

  static readonly ZERO = new Decimal(0n, 0);

  /** Parses `-12.340`, `1e3`, `1.5E-2` the way `Decimal.valueOf(String)` does; throws on anything else. */
  static parse(text: string): Decimal {
    const m = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
    if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
      throw new SyntaxError(`Invalid decimal: ${text}`);
    }
    const frac = m[3] ?? '';
    let unscaled = BigInt((m[2] || '0') + frac);
    if (m[1] === '-') unscaled = -unscaled;
    const scale = frac.length - (m[4] ? parseInt(m[4], 10) : 0);
    return new Decimal(unscaled, scale);
  }

  static fromInteger(n: number | bigint): Decimal {
    return new Decimal(BigInt(n), 0);
  }

  /** Converts a JS double the way `Decimal.valueOf(Double)` does: through its shortest decimal string. */
  static fromDouble(n: number): Decimal {
    if (!Number.isFinite(n)) throw new RangeError(`Invalid decimal: ${n}`);
    return Decimal.parse(String(n));
  }

  /** Renders like BigDecimal.toPlainString (Apex `String.valueOf(Decimal)` never uses exponent notation). */
  toString(): string {
    const neg = this.unscaled < 0n;
    let digits = (neg ? -this.unscaled : this.unscaled).toString();
    if (this.scale <= 0) {
      digits = this.unscaled === 0n ? '0' : digits + '0'.repeat(-this.scale);
      return (neg ? '-' : '') + digits;
    }
    if (digits.length <= this.scale) digits = '0'.repeat(this.scale - digits.length + 1) + digits;
    const cut = digits.length - this.scale;
    return (neg ? '-' : '') + digits.slice(0, cut) + '.' + digits.slice(cut);
  }

  toNumber(): number {
    return Number(this.toString());
  }

  signum(): number {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /** Digits in the unscaled value (BigDecimal.precision()). */
  precision(): number {
    const d = (this.unscaled < 0n ? -this.unscaled : this.unscaled).toString();
    return d.length;
  }

  private rescaleUp(scale: number): bigint {
    return this.unscaled * pow10(scale - this.scale);
  }

  compareTo(other: Decimal): number {
    const s = Math.max(this.scale, other.scale);
    const a = this.rescaleUp(s);
    const b = other.rescaleUp(s);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  equalsValue(other: Decimal): boolean {
    return this.compareTo(other) === 0;
  }

  add(o: Decimal): Decimal {
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.rescaleUp(s) + o.rescaleUp(s), s);
  }

  subtract(o: Decimal): Decimal {
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.rescaleUp(s) - o.rescaleUp(s), s);
  }

  multiply(o: Decimal): Decimal {
    return new Decimal(this.unscaled * o.unscaled, this.scale + o.scale);
  }

  negate(): Decimal {
    return new Decimal(-this.unscaled, this.scale);
  }

  abs(): Decimal {
    return this.unscaled < 0n ? this.negate() : this;
  }

  /**
   * Division to a given scale with a rounding mode (`Decimal.divide(divisor, scale[, mode])`). Throws RangeError on a
   * zero divisor; the caller maps it to `System.MathException: Divide by 0`.
   */
  divide(o: Decimal, scale: number, mode: RoundingMode = 'HALF_UP'): Decimal {
    if (o.unscaled === 0n) throw new RangeError('Divide by 0');
    // this / o = (a·10^-sa) / (b·10^-sb); want q·10^-scale  ⇒  q = a·10^(scale - sa + sb) / b
    const shift = scale - this.scale + o.scale;
    let num = this.unscaled;
    let den = o.unscaled;
    if (shift >= 0) num *= pow10(shift);
    else den *= pow10(-shift);
    return new Decimal(roundQuotient(num, den, mode), scale);
  }

  /**
   * The `/` operator on Decimals. Apex documents no fixed scale; BigDecimal's exact quotient is used when it
   * terminates, otherwise 32 significant digits rounded HALF_UP [mem: Apex uses MathContext.DECIMAL128-like
   * precision for non-terminating division].
   */
  divideDefault(o: Decimal): Decimal {
    if (o.unscaled === 0n) throw new RangeError('Divide by 0');
    const preferred = this.scale - o.scale;
    for (let scale = Math.max(preferred, 0); scale <= Math.max(preferred, 0) + 40; scale++) {
      const shift = scale - this.scale + o.scale;
      let num = this.unscaled;
      let den = o.unscaled;
      if (shift >= 0) num *= pow10(shift);
      else den *= pow10(-shift);
      if (num % den === 0n) return new Decimal(num / den, scale).trimToScale(preferred);
    }
    const digitsBefore = this.abs().toNumber() / o.abs().toNumber();
    const intDigits = digitsBefore >= 1 ? Math.floor(Math.log10(digitsBefore)) + 1 : 0;
    return this.divide(o, Math.max(32 - intDigits, 0), 'HALF_UP');
  }

  /** Removes trailing zeros while the scale stays ≥ `minScale` (used to honour BigDecimal's preferred scale). */
  private trimToScale(minScale: number): Decimal {
    let u = this.unscaled;
    let s = this.scale;
    while (s > minScale && u !== 0n && u % TEN === 0n) {
      u /= TEN;
      s--;
    }
    return new Decimal(u, s);
  }

  setScale(scale: number, mode: RoundingMode = 'HALF_UP'): Decimal {
    if (scale >= this.scale) return new Decimal(this.rescaleUp(scale), scale);
    return new Decimal(roundQuotient(this.unscaled, pow10(this.scale - scale), mode), scale);
  }

  stripTrailingZeros(): Decimal {
    if (this.unscaled === 0n) return Decimal.ZERO;
    let u = this.unscaled;
    let s = this.scale;
    while (u % TEN === 0n) {
      u /= TEN;
      s--;
    }
    return new Decimal(u, s);
  }
}

/** num/den rounded to an integer with a BigDecimal rounding mode. */
function roundQuotient(num: bigint, den: bigint, mode: RoundingMode): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den; // truncates toward zero
  const r = num % den;
  if (r === 0n) return q;
  const sign = num < 0n ? -1n : 1n;
  const twice = (r < 0n ? -r : r) * 2n;
  const away = q + sign;
  switch (mode) {
    case 'UP':
      return away;
    case 'DOWN':
      return q;
    case 'CEILING':
      return sign > 0n ? away : q;
    case 'FLOOR':
      return sign < 0n ? away : q;
    case 'HALF_UP':
      return twice >= den ? away : q;
    case 'HALF_DOWN':
      return twice > den ? away : q;
    case 'HALF_EVEN':
      if (twice === den) return (q & 1n) === 0n ? q : away;
      return twice > den ? away : q;
    case 'UNNECESSARY':
      throw new RangeError('Rounding necessary');
  }
}
