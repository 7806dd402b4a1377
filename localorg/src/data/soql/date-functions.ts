/** SOQL date functions (CALENDAR_YEAR(), DAY_ONLY()…) and the day numbers date-literal ranges compare. */
import { DateTime } from 'luxon';
import { ApexDate, ApexDatetime, type Value } from '../../values/values.js';

export function dayNumber(d: DateTime): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

export function dayNumberFromKey(k: number): number {
  const y = Math.floor(k / 10000);
  const m = Math.floor((k % 10000) / 100);
  const d = k % 100;
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** SOQL date functions on a date or datetime value, in the user's zone. */
export function dateFunction(fn: string, v: Value, zone: string): Value {
  if (v === null) return null;
  let dt: DateTime;
  if (v instanceof ApexDate) dt = DateTime.fromObject({ year: v.year, month: v.month, day: v.day }, { zone });
  else if (v instanceof ApexDatetime) dt = DateTime.fromMillis(v.epochMs, { zone });
  else return null;
  switch (fn) {
    case 'CALENDAR_YEAR':
    case 'FISCAL_YEAR':
      return dt.year;
    case 'CALENDAR_MONTH':
    case 'FISCAL_MONTH':
      return dt.month;
    case 'CALENDAR_QUARTER':
    case 'FISCAL_QUARTER':
      return dt.quarter;
    case 'DAY_IN_MONTH':
      return dt.day;
    case 'DAY_IN_WEEK':
      return (dt.weekday % 7) + 1; // Sunday = 1
    case 'DAY_IN_YEAR':
      return dt.ordinal;
    case 'HOUR_IN_DAY':
      return dt.hour;
    case 'WEEK_IN_MONTH':
      return Math.floor((dt.day - 1) / 7) + 1;
    case 'WEEK_IN_YEAR':
      return Math.floor((dt.ordinal - 1) / 7) + 1;
    case 'DAY_ONLY':
      return new ApexDate(dt.year, dt.month, dt.day);
  }
  return null;
}
