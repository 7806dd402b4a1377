/**
 * java.text.SimpleDateFormat patterns, as Apex Datetime.format(pattern[, tz]) and the locale formats use them,
 * rendered from a luxon DateTime. The pattern is tokenised the Java way (runs of one letter; `'…'` quotes; `''` is
 * an apostrophe); letters Java does not define raise {@link PatternError} ("Illegal pattern character 'q'").
 */
import { DateTime } from 'luxon';

export class PatternError extends Error {}

type Token = { letter: string; count: number } | { text: string };

const LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';

export function tokenizePattern(pattern: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ text: "'" });
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      for (; j < pattern.length; j++) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j++;
          } else break;
        } else text += pattern[j];
      }
      if (j >= pattern.length) throw new PatternError('Unterminated quote');
      out.push({ text });
      i = j + 1;
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      if (!LETTERS.includes(c)) throw new PatternError(`Illegal pattern character '${c}'`);
      let j = i;
      while (pattern[j] === c) j++;
      out.push({ letter: c, count: j - i });
      i = j;
      continue;
    }
    out.push({ text: c });
    i++;
  }
  return out;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? '-' + s : s;
}

function offsetText(minutes: number, style: 'Z' | 'X1' | 'X2' | 'X3'): string {
  if (minutes === 0 && style !== 'Z') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = pad(Math.floor(abs / 60), 2);
  const mm = pad(abs % 60, 2);
  switch (style) {
    case 'Z':
    case 'X2':
      return sign + hh + mm;
    case 'X1':
      return sign + hh;
    case 'X3':
      return sign + hh + ':' + mm;
  }
}

/** Formats `dt` (already in the target zone and locale) with a SimpleDateFormat pattern. */
export function formatJavaPattern(dt: DateTime, pattern: string): string {
  let out = '';
  for (const t of tokenizePattern(pattern)) {
    if ('text' in t) {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G':
        out += dt.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
        out += n === 2 ? pad(dt.year % 100, 2) : pad(dt.year, n);
        break;
      case 'Y': {
        // Week year with the locale's week rules [mem: en_US weeks start Sunday, week 1 holds Jan 1].
        const wy = localWeek(dt).weekYear;
        out += n === 2 ? pad(wy % 100, 2) : pad(wy, n);
        break;
      }
      case 'M':
      case 'L':
        out += n >= 4 ? dt.toFormat('LLLL') : n === 3 ? dt.toFormat('LLL') : pad(dt.month, n);
        break;
      case 'w':
        out += pad(localWeek(dt).week, n);
        break;
      case 'W': {
        const first = dt.startOf('month');
        out += pad(Math.floor((dt.day - 1 + (first.weekday % 7)) / 7) + 1, n);
        break;
      }
      case 'D':
        out += pad(dt.ordinal, n);
        break;
      case 'd':
        out += pad(dt.day, n);
        break;
      case 'F':
        out += pad(Math.floor((dt.day - 1) / 7) + 1, n);
        break;
      case 'E':
        out += n >= 4 ? dt.toFormat('cccc') : dt.toFormat('ccc');
        break;
      case 'u':
        out += pad(dt.weekday, n);
        break;
      case 'a':
        out += dt.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(dt.hour, n);
        break;
      case 'k':
        out += pad(dt.hour === 0 ? 24 : dt.hour, n);
        break;
      case 'K':
        out += pad(dt.hour % 12, n);
        break;
      case 'h':
        out += pad(dt.hour % 12 === 0 ? 12 : dt.hour % 12, n);
        break;
      case 'm':
        out += pad(dt.minute, n);
        break;
      case 's':
        out += pad(dt.second, n);
        break;
      case 'S':
        out += pad(dt.millisecond, n);
        break;
      case 'z':
        out += zoneName(dt, n >= 4);
        break;
      case 'Z':
        out += offsetText(dt.offset, 'Z');
        break;
      case 'X':
        if (n > 3) throw new PatternError('invalid ISO 8601 format: length=' + n);
        out += offsetText(dt.offset, n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3');
        break;
    }
  }
  return out;
}

/** Week of year with Sunday-start weeks where week 1 contains January 1 (java.util.Calendar for en_US). */
function localWeek(dt: DateTime): { week: number; weekYear: number } {
  const startOfWeek = (d: DateTime): DateTime => d.minus({ days: d.weekday % 7 }).startOf('day');
  const thisWeek = startOfWeek(dt);
  const nextYearWeek1 = startOfWeek(DateTime.fromObject({ year: dt.year + 1, month: 1, day: 1 }, { zone: dt.zone }));
  if (thisWeek >= nextYearWeek1) return { week: 1, weekYear: dt.year + 1 };
  const week1 = startOfWeek(DateTime.fromObject({ year: dt.year, month: 1, day: 1 }, { zone: dt.zone }));
  return { week: Math.floor(Math.round(thisWeek.diff(week1, 'days').days) / 7) + 1, weekYear: dt.year };
}

const CET: [string, string] = ['CET', 'CEST'];
const EET: [string, string] = ['EET', 'EEST'];
/**
 * Java's short zone names where ICU's English data has none (ICU prints `GMT+1` for Paris, Java `CET`/`CEST`)
 * [mem: java.util.TimeZone short names], as [standard, daylight].
 */
const JAVA_SHORT_NAMES: Record<string, [string, string]> = {
  'Europe/Paris': CET,
  'Europe/Berlin': CET,
  'Europe/Madrid': CET,
  'Europe/Rome': CET,
  'Europe/Amsterdam': CET,
  'Europe/Brussels': CET,
  'Europe/Vienna': CET,
  'Europe/Zurich': CET,
  'Europe/Stockholm': CET,
  'Europe/Oslo': CET,
  'Europe/Copenhagen': CET,
  'Europe/Warsaw': CET,
  'Europe/Prague': CET,
  'Europe/Budapest': CET,
  'Europe/London': ['GMT', 'BST'],
  'Europe/Dublin': ['GMT', 'IST'],
  'Europe/Lisbon': ['WET', 'WEST'],
  'Europe/Athens': EET,
  'Europe/Helsinki': EET,
  'Europe/Kiev': EET,
  'Europe/Kyiv': EET,
  'Europe/Bucharest': EET,
  'Asia/Kolkata': ['IST', 'IST'],
  'Asia/Calcutta': ['IST', 'IST'],
  'Asia/Tokyo': ['JST', 'JST'],
  'Asia/Shanghai': ['CST', 'CST'],
  'Asia/Hong_Kong': ['HKT', 'HKT'],
  'Asia/Singapore': ['SGT', 'SGT'],
  'Asia/Dubai': ['GST', 'GST'],
  'Australia/Sydney': ['AEST', 'AEDT'],
  'Australia/Melbourne': ['AEST', 'AEDT'],
  'Australia/Brisbane': ['AEST', 'AEST'],
  'Australia/Perth': ['AWST', 'AWST'],
  'Pacific/Auckland': ['NZST', 'NZDT'],
  'America/Sao_Paulo': ['BRT', 'BRT'],
  'Africa/Johannesburg': ['SAST', 'SAST']
};

/** Java's short (`PST`) or long (`Pacific Standard Time`) zone name; GMT/UTC render as Java does. */
function zoneName(dt: DateTime, long: boolean): string {
  const id = dt.zoneName ?? 'UTC';
  if (id === 'UTC' || id === 'GMT' || id === 'Etc/UTC' || id === 'Etc/GMT') {
    return long ? (id.includes('UTC') ? 'Coordinated Universal Time' : 'Greenwich Mean Time') : id.replace('Etc/', '');
  }
  if (!long) {
    const java = JAVA_SHORT_NAMES[id];
    if (java) return dt.isInDST ? java[1] : java[0];
  }
  const name = long ? dt.offsetNameLong : dt.offsetNameShort;
  if (!name) return offsetText(dt.offset, 'X3');
  // ICU answers "GMT+1" where Java has an abbreviation it knows; keep ICU's text but in Java's "GMT+01:00" shape.
  const m = /^GMT([+-])(\d{1,2})(?::(\d\d))?$/.exec(name);
  if (m) return `GMT${m[1]}${m[2].padStart(2, '0')}:${m[3] ?? '00'}`;
  return name;
}

/**
 * Parses text with a SimpleDateFormat pattern (numeric fields, `MMM` month names, `a` markers, `z`/`Z`/`X` zones),
 * leniently about digit counts as SimpleDateFormat is. Returns wall-clock fields and an optional offset in minutes.
 */
export interface ParsedFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function parseJavaPattern(text: string, pattern: string): ParsedFields | null {
  const f: ParsedFields = {
    year: 1970,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
    offsetMinutes: null
  };
  let pm: boolean | null = null;
  let hour12: number | null = null;
  let i = 0;
  const tokens = tokenizePattern(pattern);
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti];
    if ('text' in t) {
      if (t.text === ' ') {
        if (text[i] !== ' ') return null;
        while (text[i] === ' ') i++;
        continue;
      }
      if (text.slice(i, i + t.text.length) !== t.text) return null;
      i += t.text.length;
      continue;
    }
    const next = tokens[ti + 1];
    // Adjacent numeric fields (yyyyMMdd) take exactly their width; otherwise as many digits as present.
    const fixed = next && 'letter' in next ? t.count : 0;
    const num = (): number | null => {
      const m = (fixed ? new RegExp(`^[+-]?\\d{1,${fixed}}`) : /^[+-]?\d+/).exec(text.slice(i));
      if (!m) return null;
      i += m[0].length;
      return Number(m[0]);
    };
    let v: number | null;
    switch (t.letter) {
      case 'y':
        v = num();
        if (v === null) return null;
        f.year = t.count <= 2 && v < 100 ? 2000 + v - (2000 + v > new Date().getUTCFullYear() + 20 ? 100 : 0) : v;
        break;
      case 'M':
      case 'L':
        if (t.count >= 3) {
          const m = /^[A-Za-z]+/.exec(text.slice(i));
          if (!m) return null;
          const idx = MONTHS.indexOf(m[0].slice(0, 3).toLowerCase());
          if (idx < 0) return null;
          f.month = idx + 1;
          i += m[0].length;
        } else {
          v = num();
          if (v === null) return null;
          f.month = v;
        }
        break;
      case 'd':
        v = num();
        if (v === null) return null;
        f.day = v;
        break;
      case 'H':
      case 'k':
        v = num();
        if (v === null) return null;
        f.hour = t.letter === 'k' && v === 24 ? 0 : v;
        break;
      case 'h':
      case 'K':
        v = num();
        if (v === null) return null;
        hour12 = v % 12;
        break;
      case 'm':
        v = num();
        if (v === null) return null;
        f.minute = v;
        break;
      case 's':
        v = num();
        if (v === null) return null;
        f.second = v;
        break;
      case 'S':
        v = num();
        if (v === null) return null;
        f.millisecond = v;
        break;
      case 'a': {
        const m = /^(AM|PM)/i.exec(text.slice(i));
        if (!m) return null;
        pm = m[1].toUpperCase() === 'PM';
        i += 2;
        break;
      }
      case 'E': {
        const m = /^[A-Za-z]+/.exec(text.slice(i));
        if (!m) return null;
        i += m[0].length;
        break;
      }
      case 'Z':
      case 'X':
      case 'z': {
        const rest = text.slice(i);
        if (rest.startsWith('Z')) {
          f.offsetMinutes = 0;
          i += 1;
          break;
        }
        const m = /^(?:GMT|UTC)?([+-])(\d\d):?(\d\d)?/.exec(rest);
        if (m) {
          f.offsetMinutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
          i += m[0].length;
          break;
        }
        const g = /^(GMT|UTC)/.exec(rest);
        if (!g) return null;
        f.offsetMinutes = 0;
        i += g[0].length;
        break;
      }
      default:
        return null;
    }
  }
  if (i !== text.length) return null;
  if (hour12 !== null) f.hour = hour12 + (pm ? 12 : 0);
  return f;
}
