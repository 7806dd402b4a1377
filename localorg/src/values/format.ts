/**
 * `String.valueOf` for every Apex value, and the variant `System.debug` prints. The two differ only for Datetime:
 * debug output shows GMT, `String.valueOf`/concatenation the running user's zone [mem].
 */
import { DateTime } from 'luxon';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexEnumValue,
  ApexId,
  ApexList,
  ApexMap,
  type ApexObject,
  ApexSet,
  ApexTime,
  ApexTypeValue,
  Decimal,
  type NativeObject,
  SObject,
  type Value
} from './values.js';

export interface FormatOptions {
  /** 'debug': Datetime in GMT; 'string': Datetime in `timeZone`. */
  mode: 'debug' | 'string';
  timeZone: string;
  /** Renders a user object (calls its `toString()` when declared) or a native object. */
  object(v: ApexObject | NativeObject): string;
}

/** Java's Double.toString: plain between 10^-3 and 10^7, otherwise `d.dddE±n`; always at least one fraction digit. */
export function formatDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : s + '.0';
  }
  const [mant, exp] = d.toExponential().split('e');
  const m = mant.includes('.') ? mant : mant + '.0';
  return `${m}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

export function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function formatDate(d: ApexDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function formatDatetime(dt: ApexDatetime, zone: string): string {
  if (zone === 'UTC') {
    // The debug form (System.debug, String.valueOf in GMT) straight from the clock fields: no zone rules to apply.
    const d = new Date(dt.epochMs);
    const y = d.getUTCFullYear();
    if (y >= 0 && y <= 9999)
      return `${pad(y, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }
  return DateTime.fromMillis(dt.epochMs, { zone }).toFormat('yyyy-MM-dd HH:mm:ss');
}

export function formatTime(t: ApexTime): string {
  const ms = t.millisOfDay;
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}Z`;
}

export function formatValue(v: Value, o: FormatOptions): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v instanceof ApexDouble) return formatDouble(v.value);
  if (v instanceof Decimal) return v.toString();
  if (v instanceof ApexId) return v.value;
  if (v instanceof ApexDate) return formatDate(v);
  if (v instanceof ApexDatetime) return formatDatetime(v, o.mode === 'debug' ? 'UTC' : o.timeZone);
  if (v instanceof ApexTime) return formatTime(v);
  if (v instanceof ApexEnumValue) return v.name;
  if (v instanceof ApexTypeValue) return v.type.display;
  if (v instanceof ApexBlob) return `Blob[${v.bytes.length}]`;
  if (v instanceof ApexList) return '(' + v.items.map((x) => formatValue(x, o)).join(', ') + ')';
  if (v instanceof ApexSet)
    return (
      '{' +
      v
        .values()
        .map((x) => formatValue(x, o))
        .join(', ') +
      '}'
    );
  if (v instanceof ApexMap) {
    return '{' + [...v.entries.values()].map(([k, x]) => formatValue(k, o) + '=' + formatValue(x, o)).join(', ') + '}';
  }
  if (v instanceof SObject) {
    const parts: string[] = [];
    for (const [key, x] of v.fields) {
      if (x instanceof SObject || x instanceof ApexList) continue; // relationships are not printed inline [mem]
      parts.push(`${v.names.get(key) ?? key}=${formatValue(x, o)}`);
    }
    return `${v.type}:{${parts.join(', ')}}`;
  }
  return o.object(v);
}
