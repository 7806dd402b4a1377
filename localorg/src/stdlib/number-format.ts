/**
 * Number rendering shared by String.format, Integer/Long/Double/Decimal.format and JSON: Java's Double.toString and a
 * DecimalFormat subset driven by the running user's locale.
 */
import { Decimal } from '../values/decimal.js';

/** Java's Double.toString lives with the other value renderings; re-exported for the number formatters here. */
export { formatDouble as javaDoubleToString } from '../values/format.js';

export interface LocaleSymbols {
  group: string;
  decimal: string;
  percent: string;
  minus: string;
  currency: string;
}

/** Separators for a Salesforce locale key (`en_US`, `de_DE`, `fr_FR`), read from ICU through Intl. */
export function localeSymbols(locale: string, currency = 'USD'): LocaleSymbols {
  const tag = locale.replace(/_/g, '-');
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(tag).formatToParts(-12345.6);
  } catch {
    parts = new Intl.NumberFormat('en-US').formatToParts(-12345.6);
  }
  const find = (t: string, dflt: string): string => parts.find((p) => p.type === t)?.value ?? dflt;
  let currencySymbol = '$';
  try {
    currencySymbol =
      new Intl.NumberFormat(tag, { style: 'currency', currency }).formatToParts(1).find((p) => p.type === 'currency')
        ?.value ?? '$';
  } catch {
    /* unknown currency code: keep $ */
  }
  return {
    group: find('group', ','),
    decimal: find('decimal', '.'),
    percent: '%',
    minus: find('minusSign', '-'),
    currency: currencySymbol
  };
}

interface ParsedPattern {
  prefix: string;
  suffix: string;
  negPrefix: string | null;
  negSuffix: string | null;
  minInt: number;
  minFrac: number;
  maxFrac: number;
  grouping: number; // 0 = none
  multiplier: number;
}

function parseSubpattern(p: string): { prefix: string; number: string; suffix: string } {
  let i = 0;
  let prefix = '';
  const isNum = (c: string): boolean => '#0,.'.includes(c);
  while (i < p.length && !isNum(p[i])) {
    if (p[i] === "'") {
      const end = p.indexOf("'", i + 1);
      prefix += end === i + 1 ? "'" : p.slice(i + 1, end < 0 ? p.length : end);
      i = end < 0 ? p.length : end + 1;
    } else prefix += p[i++];
  }
  let number = '';
  while (i < p.length && isNum(p[i])) number += p[i++];
  let suffix = '';
  while (i < p.length) {
    if (p[i] === "'") {
      const end = p.indexOf("'", i + 1);
      suffix += end === i + 1 ? "'" : p.slice(i + 1, end < 0 ? p.length : end);
      i = end < 0 ? p.length : end + 1;
    } else suffix += p[i++];
  }
  return { prefix, number, suffix };
}

function parseDecimalPattern(pattern: string): ParsedPattern {
  const [pos, neg] = pattern.split(';');
  const a = parseSubpattern(pos);
  const n = neg !== undefined ? parseSubpattern(neg) : null;
  const [intPart, fracPart = ''] = a.number.split('.');
  const lastComma = intPart.lastIndexOf(',');
  const grouping = lastComma < 0 ? 0 : intPart.length - lastComma - 1;
  const intDigits = intPart.replace(/,/g, '');
  const multiplier = /[%]/.test(a.prefix + a.suffix) ? 100 : /\u2030/.test(a.prefix + a.suffix) ? 1000 : 1;
  return {
    prefix: a.prefix,
    suffix: a.suffix,
    negPrefix: n ? n.prefix : null,
    negSuffix: n ? n.suffix : null,
    minInt: (intDigits.match(/0/g) ?? []).length,
    minFrac: (fracPart.match(/0/g) ?? []).length,
    maxFrac: fracPart.length,
    grouping,
    multiplier
  };
}

function groupDigits(intDigits: string, size: number, sep: string): string {
  if (size <= 0) return intDigits;
  let out = '';
  for (let i = 0; i < intDigits.length; i++) {
    if (i > 0 && (intDigits.length - i) % size === 0) out += sep;
    out += intDigits[i];
  }
  return out;
}

/**
 * java.text.DecimalFormat for the common pattern subset (`#,##0.00`, `0.###`, `#%`, prefixes/suffixes, quoted
 * literals, `;` negative subpattern), rounding HALF_EVEN as DecimalFormat does.
 */
export function formatDecimalPattern(value: Decimal, pattern: string, sym: LocaleSymbols): string {
  const p = parseDecimalPattern(pattern);
  let v = value;
  if (p.multiplier !== 1) v = v.multiply(Decimal.fromInteger(p.multiplier));
  const neg = v.signum() < 0;
  let r = v.abs().setScale(p.maxFrac, 'HALF_EVEN');
  // Trim optional fraction digits (#) down to minFrac.
  const text = r.toString();
  let [ip, fp = ''] = text.split('.');
  while (fp.length > p.minFrac && fp.endsWith('0')) fp = fp.slice(0, -1);
  ip = ip.replace(/^0+/, '');
  if (ip.length < p.minInt) ip = ip.padStart(p.minInt, '0');
  const num = groupDigits(ip, p.grouping, sym.group) + (fp ? sym.decimal + fp : '');
  const decorate = (s: string): string => s.replace(/%/g, sym.percent).replace(/\u00a4/g, sym.currency);
  if (!neg || r.signum() === 0) return decorate(p.prefix) + num + decorate(p.suffix);
  r = r.negate();
  if (p.negPrefix !== null) return decorate(p.negPrefix) + num + decorate(p.negSuffix ?? '');
  return sym.minus + decorate(p.prefix) + num + decorate(p.suffix);
}

/** The locale's default number format (`#,##0.###`), used by Integer/Long/Double/Decimal.format(). */
export function formatNumberDefault(value: Decimal, locale: string, maxFrac = 3, minFrac = 0): string {
  const pattern = '#,##0' + (maxFrac > 0 ? '.' + '0'.repeat(minFrac) + '#'.repeat(Math.max(maxFrac - minFrac, 0)) : '');
  return formatDecimalPattern(value, pattern, localeSymbols(locale));
}
