/**
 * Date, Datetime, Time and TimeZone. A Datetime is an instant; every "local" view (newInstance, hour(), format(),
 * date()) uses the running user's time zone (`ctx.user.timeZone`), the *Gmt forms use UTC [doc: Datetime Class,
 * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_datetime.htm].
 * Time-zone arithmetic is luxon's, so DST gaps resolve forward (02:30 in a spring-forward gap becomes 03:30) as
 * java.util.Calendar does in lenient mode.
 */
import { DateTime, IANAZone } from 'luxon';
import { ApexDate, ApexDatetime, ApexTime, NativeObject, type Value } from '../values/values.js';
import { ArgTypeError, argInt, argString, defineStdlibClass, npeArgument } from './native-args.js';
import { formatJavaPattern, parseJavaPattern, PatternError } from './format-pattern.js';
import { NativeDefinitions, type NativeContext, type NativeMethod } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const DAY_MS = 86400000;

/**
 * Locale formats for Date.format(), Datetime.format()/formatLong() and parse(). Salesforce switched every org to ICU
 * locale formats in Spring '24; with ICU, English locales put a comma between date and time (`1/28/2008, 4:30 PM`)
 * [doc: Differences Between JDK and ICU Locale Formats, https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.icu_migration_format_changes.htm].
 * The remaining patterns are CLDR 41 short forms with four-digit years [mem].
 */
const LOCALE_FORMATS: Record<string, { date: string; datetime: string; long: string; weekStart: number }> = {
  en_US: { date: 'M/d/yyyy', datetime: 'M/d/yyyy, h:mm a', long: 'M/d/yyyy, h:mm:ss a z', weekStart: 7 },
  en_CA: { date: 'yyyy-MM-dd', datetime: 'yyyy-MM-dd, h:mm a', long: 'yyyy-MM-dd, h:mm:ss a z', weekStart: 7 },
  en_GB: { date: 'dd/MM/yyyy', datetime: 'dd/MM/yyyy, HH:mm', long: 'dd/MM/yyyy, HH:mm:ss z', weekStart: 1 },
  en_AU: { date: 'd/M/yyyy', datetime: 'd/M/yyyy, h:mm a', long: 'd/M/yyyy, h:mm:ss a z', weekStart: 1 },
  de_DE: { date: 'dd.MM.yyyy', datetime: 'dd.MM.yyyy, HH:mm', long: 'dd.MM.yyyy, HH:mm:ss z', weekStart: 1 },
  fr_FR: { date: 'dd/MM/yyyy', datetime: 'dd/MM/yyyy HH:mm', long: 'dd/MM/yyyy HH:mm:ss z', weekStart: 1 },
  es_ES: { date: 'd/M/yyyy', datetime: 'd/M/yyyy, H:mm', long: 'd/M/yyyy, H:mm:ss z', weekStart: 1 },
  nl_NL: { date: 'd-M-yyyy', datetime: 'd-M-yyyy HH:mm', long: 'd-M-yyyy HH:mm:ss z', weekStart: 1 },
  ja_JP: { date: 'yyyy/MM/dd', datetime: 'yyyy/MM/dd H:mm', long: 'yyyy/MM/dd H:mm:ss z', weekStart: 7 }
};

export function localeFormats(locale: string): { date: string; datetime: string; long: string; weekStart: number } {
  return (
    LOCALE_FORMATS[locale] ??
    LOCALE_FORMATS[Object.keys(LOCALE_FORMATS).find((k) => k.startsWith(locale.slice(0, 2))) ?? 'en_US']
  );
}

function luxonLocale(locale: string): string {
  return locale.replace(/_/g, '-');
}

export function zoneOf(ctx: NativeContext): string {
  return ctx.user.timeZone;
}

export function local(ctx: NativeContext, dt: ApexDatetime, zone = zoneOf(ctx)): DateTime {
  return DateTime.fromMillis(dt.epochMs, { zone, locale: luxonLocale(ctx.user.locale) });
}

/** Wall-clock fields, normalised leniently (month 13 → January next year) as java.util.Calendar does. */
function lenientWall(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, ms);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    millisecond: t.getUTCMilliseconds()
  };
}

/** The instant of a local wall-clock time in a zone (gap times move forward, overlaps take the earlier offset). */
export function instantOf(zone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): ApexDatetime {
  const w = lenientWall(y, mo, d, h, mi, s, ms);
  const dt = DateTime.fromObject(w, { zone });
  if (!dt.isValid) apexThrow('TypeException', `Invalid date/time: ${y}-${mo}-${d} ${h}:${mi}:${s}`);
  return new ApexDatetime(dt.toMillis());
}

export function makeDate(y: number, m: number, d: number): ApexDate {
  const w = lenientWall(y, m, d);
  return new ApexDate(w.year, w.month, w.day);
}

function dateToUtcMs(d: ApexDate): number {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return t.getTime();
}

function dateFromUtcMs(ms: number): ApexDate {
  const t = new Date(ms);
  return new ApexDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate() || DateTime.utc(y, m).daysInMonth!;
}

function addMonthsToDate(d: ApexDate, months: number): ApexDate {
  const total = d.year * 12 + (d.month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (((total % 12) + 12) % 12) + 1;
  return new ApexDate(y, m, Math.min(d.day, daysInMonth(y, m)));
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function dateIso(d: ApexDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function timeOfDayMs(dt: DateTime): number {
  return ((dt.hour * 60 + dt.minute) * 60 + dt.second) * 1000 + dt.millisecond;
}

function formatWithPattern(dt: DateTime, pattern: string): string {
  try {
    return formatJavaPattern(dt, pattern);
  } catch (e) {
    if (e instanceof PatternError) apexThrow('StringException', e.message);
    throw e;
  }
}

/** Java's legacy three-letter zone ids that are not IANA names [mem: java.util.TimeZone short ids]. */
const JAVA_SHORT_IDS: Record<string, string> = {
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  CST: 'America/Chicago',
  AST: 'America/Anchorage',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  ECT: 'Europe/Paris',
  BST: 'Asia/Dhaka',
  AET: 'Australia/Sydney',
  EST: 'Etc/GMT+5',
  MST: 'Etc/GMT+7',
  HST: 'Etc/GMT+10'
};

/** Answers of {@link checkZone} by id: the check builds an Intl formatter, which costs far more than the lookup. */
const zoneChecks = new Map<string, string | null>();

/** The IANA zone for a Java time-zone id, or null when Java would not know it. */
function checkZone(id: string): string | null {
  let zone = zoneChecks.get(id);
  if (zone === undefined) zoneChecks.set(id, (zone = checkZoneOnce(id)));
  return zone;
}

function checkZoneOnce(id: string): string | null {
  if (id in JAVA_SHORT_IDS) return JAVA_SHORT_IDS[id];
  if (!IANAZone.isValidZone(id)) return null;
  // java.util.TimeZone ids are case-sensitive (`europe/paris` is unknown, hence GMT); ICU matches any case. A
  // spelling that differs from ICU's canonical name only by case is refused; aliases (`Asia/Calcutta`) are kept.
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: id }).resolvedOptions().timeZone;
  return canonical !== id && canonical.toLowerCase() === id.toLowerCase() ? null : id;
}

/** Parses Apex's `yyyy-MM-dd HH:mm:ss` (Datetime.valueOf) fields. */
function parseValueOf(text: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/.exec(text.trim());
  if (!m) return null;
  return { y: +m[1], mo: +m[2], d: +m[3], h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0) };
}

function argDate(a: readonly Value[], i: number): ApexDate {
  const v = a[i];
  if (v === null || v === undefined) npeArgument();
  if (v instanceof ApexDate) return v;
  throw new ArgTypeError('expected a Date');
}

function argDatetime(a: readonly Value[], i: number): ApexDatetime {
  const v = a[i];
  if (v === null || v === undefined) npeArgument();
  if (v instanceof ApexDatetime) return v;
  throw new ArgTypeError('expected a Datetime');
}

function argTime(a: readonly Value[], i: number): ApexTime {
  const v = a[i];
  if (v === null || v === undefined) npeArgument();
  if (v instanceof ApexTime) return v;
  throw new ArgTypeError('expected a Time');
}

function argLong(a: readonly Value[], i: number): number {
  const v = a[i];
  if (v === null || v === undefined) npeArgument();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  throw new ArgTypeError('expected a Long');
}

// ---------------------------------------------------------------- Date

function dself(v: Value): ApexDate {
  return v as ApexDate;
}

export function today(ctx: NativeContext): ApexDate {
  const dt = DateTime.fromMillis(ctx.now(), { zone: zoneOf(ctx) });
  return new ApexDate(dt.year, dt.month, dt.day);
}

const dateStatics: Record<string, NativeMethod> = {
  today: (ctx) => today(ctx),
  newinstance: (_c, a) => makeDate(argInt(a, 0), argInt(a, 1), argInt(a, 2)),
  daysinmonth: (_c, a) => daysInMonth(argInt(a, 0), argInt(a, 1)),
  isleapyear: (_c, a) => {
    const y = argInt(a, 0);
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  },
  valueof: (ctx, a) => {
    const v = a[0];
    if (v === null) return null;
    if (v instanceof ApexDate) return v;
    if (v instanceof ApexDatetime) {
      const dt = local(ctx, v);
      return new ApexDate(dt.year, dt.month, dt.day);
    }
    const text = argString(a, 0);
    const p = parseValueOf(text);
    if (!p || p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > 31) apexThrow('TypeException', `Invalid date: ${text}`);
    return makeDate(p.y, p.mo, p.d);
  },
  parse: (ctx, a) => {
    const text = argString(a, 0);
    const f = parseJavaPattern(text.trim(), localeFormats(ctx.user.locale).date);
    if (!f) apexThrow('TypeException', `Invalid date: ${text}`);
    return makeDate(f.year, f.month, f.day);
  }
};

const dateInstance: Record<string, NativeMethod> = {
  adddays: (_c, a, s) => dateFromUtcMs(dateToUtcMs(dself(s)) + argInt(a, 0) * DAY_MS),
  addmonths: (_c, a, s) => addMonthsToDate(dself(s), argInt(a, 0)),
  addyears: (_c, a, s) => addMonthsToDate(dself(s), argInt(a, 0) * 12),
  day: (_c, _a, s) => dself(s).day,
  dayofyear: (_c, _a, s) => Math.round((dateToUtcMs(dself(s)) - Date.UTC(dself(s).year, 0, 1)) / DAY_MS) + 1,
  daysbetween: (_c, a, s) => Math.round((dateToUtcMs(argDate(a, 0)) - dateToUtcMs(dself(s))) / DAY_MS),
  format: (ctx, _a, s) => {
    const d = dself(s);
    return formatWithPattern(
      DateTime.utc(d.year, d.month, d.day).setLocale(luxonLocale(ctx.user.locale)),
      localeFormats(ctx.user.locale).date
    );
  },
  issameday: (_c, a, s) => {
    const o = argDate(a, 0);
    const d = dself(s);
    return o.year === d.year && o.month === d.month && o.day === d.day;
  },
  month: (_c, _a, s) => dself(s).month,
  monthsbetween: (_c, a, s) => {
    const o = argDate(a, 0);
    const d = dself(s);
    return (o.year - d.year) * 12 + (o.month - d.month);
  },
  tostartofmonth: (_c, _a, s) => new ApexDate(dself(s).year, dself(s).month, 1),
  tostartofweek: (ctx, _a, s) => {
    // Sunday in en_US, Monday in most European locales [mem].
    const start = localeFormats(ctx.user.locale).weekStart;
    const ms = dateToUtcMs(dself(s));
    const weekday = new Date(ms).getUTCDay() || 7; // 1 = Monday … 7 = Sunday
    const back = (weekday - start + 7) % 7;
    return dateFromUtcMs(ms - back * DAY_MS);
  },
  year: (_c, _a, s) => dself(s).year
};

// ---------------------------------------------------------------- Datetime

function tself(v: Value): ApexDatetime {
  return v as ApexDatetime;
}

/** A Datetime from epoch millis, refusing results outside the representable range instead of keeping NaN. */
function checkedDatetime(ms: number): ApexDatetime {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) apexThrow('TypeException', 'Datetime value out of range');
  return new ApexDatetime(ms);
}

function plus(ctx: NativeContext, s: Value, unit: 'days' | 'months' | 'years', n: number): ApexDatetime {
  return checkedDatetime(
    local(ctx, tself(s))
      .plus({ [unit]: n })
      .toMillis()
  );
}

const datetimeStatics: Record<string, NativeMethod> = {
  now: (ctx) => new ApexDatetime(ctx.now()),
  newinstance: (ctx, a) => {
    if (a.length === 1) return new ApexDatetime(argLong(a, 0));
    if (a.length === 2) {
      const d = argDate(a, 0);
      const t = argTime(a, 1);
      return instantOf(zoneOf(ctx), d.year, d.month, d.day, 0, 0, 0, t.millisOfDay);
    }
    if (a.length === 3) return instantOf(zoneOf(ctx), argInt(a, 0), argInt(a, 1), argInt(a, 2));
    if (a.length === 6) {
      return instantOf(zoneOf(ctx), argInt(a, 0), argInt(a, 1), argInt(a, 2), argInt(a, 3), argInt(a, 4), argInt(a, 5));
    }
    throw new ArgTypeError('no such overload');
  },
  newinstancegmt: (_c, a) => {
    if (a.length === 2) {
      const d = argDate(a, 0);
      return new ApexDatetime(dateToUtcMs(d) + argTime(a, 1).millisOfDay);
    }
    if (a.length === 3) return instantOf('UTC', argInt(a, 0), argInt(a, 1), argInt(a, 2));
    if (a.length === 6) {
      return instantOf('UTC', argInt(a, 0), argInt(a, 1), argInt(a, 2), argInt(a, 3), argInt(a, 4), argInt(a, 5));
    }
    throw new ArgTypeError('no such overload');
  },
  valueof: (ctx, a) => {
    const v = a[0];
    if (v === null) return null;
    if (v instanceof ApexDatetime) return v;
    const text = argString(a, 0);
    const p = parseValueOf(text);
    if (!p) apexThrow('TypeException', `Invalid date/time: ${text}`);
    return instantOf(zoneOf(ctx), p.y, p.mo, p.d, p.h, p.mi, p.s);
  },
  valueofgmt: (_c, a) => {
    const text = argString(a, 0);
    const p = parseValueOf(text);
    if (!p) apexThrow('TypeException', `Invalid date/time: ${text}`);
    return instantOf('UTC', p.y, p.mo, p.d, p.h, p.mi, p.s);
  },
  parse: (ctx, a) => {
    const text = argString(a, 0);
    // Accept the JDK form without the ICU comma too, as text stored before the switch still carries it.
    const pattern = localeFormats(ctx.user.locale).datetime;
    const f = parseJavaPattern(text.trim(), pattern) ?? parseJavaPattern(text.trim(), pattern.replace(', ', ' '));
    if (!f) apexThrow('TypeException', `Invalid date/time: ${text}`);
    return instantOf(zoneOf(ctx), f.year, f.month, f.day, f.hour, f.minute, f.second);
  }
};

const datetimeInstance: Record<string, NativeMethod> = {
  adddays: (ctx, a, s) => plus(ctx, s, 'days', argInt(a, 0)),
  addmonths: (ctx, a, s) => plus(ctx, s, 'months', argInt(a, 0)),
  addyears: (ctx, a, s) => plus(ctx, s, 'years', argInt(a, 0)),
  addhours: (_c, a, s) => checkedDatetime(tself(s).epochMs + argInt(a, 0) * 3600000),
  addminutes: (_c, a, s) => checkedDatetime(tself(s).epochMs + argInt(a, 0) * 60000),
  addseconds: (_c, a, s) => checkedDatetime(tself(s).epochMs + argInt(a, 0) * 1000),
  date: (ctx, _a, s) => {
    const dt = local(ctx, tself(s));
    return new ApexDate(dt.year, dt.month, dt.day);
  },
  dategmt: (_c, _a, s) => dateFromUtcMs(Math.floor(tself(s).epochMs / DAY_MS) * DAY_MS),
  day: (ctx, _a, s) => local(ctx, tself(s)).day,
  daygmt: (ctx, _a, s) => local(ctx, tself(s), 'UTC').day,
  dayofyear: (ctx, _a, s) => local(ctx, tself(s)).ordinal,
  dayofyeargmt: (ctx, _a, s) => local(ctx, tself(s), 'UTC').ordinal,
  format: (ctx, a, s) => {
    if (a.length === 0) return formatWithPattern(local(ctx, tself(s)), localeFormats(ctx.user.locale).datetime);
    const pattern = argString(a, 0);
    let zone = zoneOf(ctx);
    if (a.length > 1) {
      // An unknown zone id falls back to GMT, as java.util.TimeZone.getTimeZone does [mem].
      zone = checkZone(argString(a, 1)) ?? 'GMT';
    }
    return formatWithPattern(local(ctx, tself(s), zone), pattern);
  },
  formatgmt: (ctx, a, s) => formatWithPattern(local(ctx, tself(s), 'GMT'), argString(a, 0)),
  formatlong: (ctx, _a, s) => formatWithPattern(local(ctx, tself(s)), localeFormats(ctx.user.locale).long),
  gettime: (_c, _a, s) => BigInt(tself(s).epochMs),
  hour: (ctx, _a, s) => local(ctx, tself(s)).hour,
  hourgmt: (ctx, _a, s) => local(ctx, tself(s), 'UTC').hour,
  issameday: (ctx, a, s) => {
    const x = local(ctx, tself(s));
    const y = local(ctx, argDatetime(a, 0));
    return x.hasSame(y, 'day');
  },
  millisecond: (ctx, _a, s) => local(ctx, tself(s)).millisecond,
  millisecondgmt: (ctx, _a, s) => local(ctx, tself(s), 'UTC').millisecond,
  minute: (ctx, _a, s) => local(ctx, tself(s)).minute,
  minutegmt: (ctx, _a, s) => local(ctx, tself(s), 'UTC').minute,
  month: (ctx, _a, s) => local(ctx, tself(s)).month,
  monthgmt: (ctx, _a, s) => local(ctx, tself(s), 'UTC').month,
  second: (ctx, _a, s) => local(ctx, tself(s)).second,
  secondgmt: (ctx, _a, s) => local(ctx, tself(s), 'UTC').second,
  time: (ctx, _a, s) => new ApexTime(timeOfDayMs(local(ctx, tself(s)))),
  timegmt: (ctx, _a, s) => new ApexTime(timeOfDayMs(local(ctx, tself(s), 'UTC'))),
  year: (ctx, _a, s) => local(ctx, tself(s)).year,
  yeargmt: (ctx, _a, s) => local(ctx, tself(s), 'UTC').year
};

// ---------------------------------------------------------------- Time

function timeself(v: Value): ApexTime {
  return v as ApexTime;
}

function addTime(t: ApexTime, ms: number): ApexTime {
  return new ApexTime((((t.millisOfDay + ms) % DAY_MS) + DAY_MS) % DAY_MS);
}

const timeStatics: Record<string, NativeMethod> = {
  newinstance: (_c, a) => {
    const ms = ((argInt(a, 0) * 60 + argInt(a, 1)) * 60 + argInt(a, 2)) * 1000 + argInt(a, 3);
    return new ApexTime(((ms % DAY_MS) + DAY_MS) % DAY_MS);
  }
};

const timeInstance: Record<string, NativeMethod> = {
  addhours: (_c, a, s) => addTime(timeself(s), argInt(a, 0) * 3600000),
  addminutes: (_c, a, s) => addTime(timeself(s), argInt(a, 0) * 60000),
  addseconds: (_c, a, s) => addTime(timeself(s), argInt(a, 0) * 1000),
  addmilliseconds: (_c, a, s) => addTime(timeself(s), argInt(a, 0)),
  hour: (_c, _a, s) => Math.floor(timeself(s).millisOfDay / 3600000),
  minute: (_c, _a, s) => Math.floor(timeself(s).millisOfDay / 60000) % 60,
  second: (_c, _a, s) => Math.floor(timeself(s).millisOfDay / 1000) % 60,
  millisecond: (_c, _a, s) => timeself(s).millisOfDay % 1000
};

// ---------------------------------------------------------------- TimeZone

export interface TimeZoneState {
  /** The id as Apex reports it (`getID()`), e.g. `PST` or `Europe/Paris`. */
  id: string;
  /** The IANA zone used for offsets. */
  zone: string;
}

/** A System.TimeZone value (UserInfo.getTimeZone() builds one with the running user's zone). */
export function makeTimeZone(id: string, zone = id): NativeObject<TimeZoneState> {
  return new NativeObject('timezone', { id, zone });
}

function tz(v: Value): string {
  return (v as NativeObject<TimeZoneState>).state.id;
}

function tzZone(v: Value): string {
  const st = (v as NativeObject<TimeZoneState>).state;
  return st.zone ?? st.id;
}

const timezoneStatics: Record<string, NativeMethod> = {
  gettimezone: (_c, a) => {
    const id = argString(a, 0);
    const zone = checkZone(id);
    // java.util.TimeZone.getTimeZone answers GMT for an id it does not know [mem].
    return zone ? makeTimeZone(id, zone) : makeTimeZone('GMT');
  }
};

const timezoneInstance: Record<string, NativeMethod> = {
  getid: (_c, _a, s) => tz(s),
  getdisplayname: (ctx, _a, s) => {
    const id = tzZone(s);
    if (id === 'GMT' || id === 'UTC') return id === 'GMT' ? 'Greenwich Mean Time' : 'Coordinated Universal Time';
    // Java's TimeZone.getDisplayName() is the standard-time long name [mem].
    const january = DateTime.fromObject(
      { year: DateTime.utc().year, month: 1, day: 15 },
      { zone: id, locale: luxonLocale(ctx.user.locale) }
    );
    const july = january.set({ month: 7 });
    const standard = january.offset <= july.offset ? january : july;
    return standard.offsetNameLong ?? id;
  },
  getoffset: (_c, a, s) => {
    const d = argDatetime(a, 0);
    return DateTime.fromMillis(d.epochMs, { zone: tzZone(s) }).offset * 60000;
  },
  tostring: (_c, _a, s) => tz(s)
};

defineStdlibClass(natives, { name: 'Date', statics: dateStatics, instance: dateInstance });
defineStdlibClass(natives, { name: 'Datetime', statics: datetimeStatics, instance: datetimeInstance });
defineStdlibClass(natives, { name: 'Time', statics: timeStatics, instance: timeInstance });
defineStdlibClass(natives, { name: 'TimeZone', statics: timezoneStatics, instance: timezoneInstance });
