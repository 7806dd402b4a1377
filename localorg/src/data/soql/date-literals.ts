/**
 * SOQL date literals (`TODAY`, `LAST_N_DAYS:7`, `THIS_MONTH`…) as inclusive ranges of calendar days in the running
 * user's time zone [doc: Date Formats and Date Literals,
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm].
 * Weeks start on Sunday (en_US) and the fiscal year is the calendar year [mem: org defaults].
 */
import { DateTime } from 'luxon';

export interface DayRange {
  /** First day, at 00:00 in the user's zone. */
  start: DateTime;
  /** Day after the last day, at 00:00: the range is [start, end). */
  end: DateTime;
}

function weekStart(d: DateTime): DateTime {
  // luxon weekdays: Monday = 1 … Sunday = 7; en_US weeks start on Sunday.
  return d.minus({ days: d.weekday % 7 }).startOf('day');
}

function quarterStart(d: DateTime): DateTime {
  return d.startOf('quarter');
}

/** Returns the range, or null for a literal localorg does not know (the caller reports it). */
export function dateLiteralRange(name: string, n: number | null, nowMs: number, zone: string): DayRange | null {
  const today = DateTime.fromMillis(nowMs, { zone }).startOf('day');
  const days = (from: DateTime, count: number): DayRange => ({ start: from, end: from.plus({ days: count }) });
  const k = n ?? 0;
  switch (name) {
    case 'TODAY':
      return days(today, 1);
    case 'YESTERDAY':
      return days(today.minus({ days: 1 }), 1);
    case 'TOMORROW':
      return days(today.plus({ days: 1 }), 1);
    case 'THIS_WEEK':
      return days(weekStart(today), 7);
    case 'LAST_WEEK':
      return days(weekStart(today).minus({ weeks: 1 }), 7);
    case 'NEXT_WEEK':
      return days(weekStart(today).plus({ weeks: 1 }), 7);
    case 'THIS_MONTH':
      return { start: today.startOf('month'), end: today.startOf('month').plus({ months: 1 }) };
    case 'LAST_MONTH':
      return { start: today.startOf('month').minus({ months: 1 }), end: today.startOf('month') };
    case 'NEXT_MONTH':
      return { start: today.startOf('month').plus({ months: 1 }), end: today.startOf('month').plus({ months: 2 }) };
    case 'LAST_90_DAYS':
      return { start: today.minus({ days: 90 }), end: today.plus({ days: 1 }) };
    case 'NEXT_90_DAYS':
      return { start: today.plus({ days: 1 }), end: today.plus({ days: 91 }) };
    case 'LAST_N_DAYS':
      return { start: today.minus({ days: k }), end: today.plus({ days: 1 }) };
    case 'NEXT_N_DAYS':
      return { start: today.plus({ days: 1 }), end: today.plus({ days: k + 1 }) };
    case 'N_DAYS_AGO':
      return days(today.minus({ days: k }), 1);
    case 'NEXT_N_WEEKS':
      return { start: weekStart(today).plus({ weeks: 1 }), end: weekStart(today).plus({ weeks: k + 1 }) };
    case 'LAST_N_WEEKS':
      return { start: weekStart(today).minus({ weeks: k }), end: weekStart(today) };
    case 'N_WEEKS_AGO':
      return days(weekStart(today).minus({ weeks: k }), 7);
    case 'NEXT_N_MONTHS':
      return { start: today.startOf('month').plus({ months: 1 }), end: today.startOf('month').plus({ months: k + 1 }) };
    case 'LAST_N_MONTHS':
      return { start: today.startOf('month').minus({ months: k }), end: today.startOf('month') };
    case 'N_MONTHS_AGO':
      return {
        start: today.startOf('month').minus({ months: k }),
        end: today.startOf('month').minus({ months: k - 1 })
      };
    case 'THIS_QUARTER':
    case 'THIS_FISCAL_QUARTER':
      return { start: quarterStart(today), end: quarterStart(today).plus({ months: 3 }) };
    case 'LAST_QUARTER':
    case 'LAST_FISCAL_QUARTER':
      return { start: quarterStart(today).minus({ months: 3 }), end: quarterStart(today) };
    case 'NEXT_QUARTER':
    case 'NEXT_FISCAL_QUARTER':
      return { start: quarterStart(today).plus({ months: 3 }), end: quarterStart(today).plus({ months: 6 }) };
    case 'NEXT_N_QUARTERS':
    case 'NEXT_N_FISCAL_QUARTERS':
      return { start: quarterStart(today).plus({ months: 3 }), end: quarterStart(today).plus({ months: 3 * (k + 1) }) };
    case 'LAST_N_QUARTERS':
    case 'LAST_N_FISCAL_QUARTERS':
      return { start: quarterStart(today).minus({ months: 3 * k }), end: quarterStart(today) };
    case 'N_QUARTERS_AGO':
    case 'N_FISCAL_QUARTERS_AGO':
      return {
        start: quarterStart(today).minus({ months: 3 * k }),
        end: quarterStart(today).minus({ months: 3 * (k - 1) })
      };
    case 'THIS_YEAR':
    case 'THIS_FISCAL_YEAR':
      return { start: today.startOf('year'), end: today.startOf('year').plus({ years: 1 }) };
    case 'LAST_YEAR':
    case 'LAST_FISCAL_YEAR':
      return { start: today.startOf('year').minus({ years: 1 }), end: today.startOf('year') };
    case 'NEXT_YEAR':
    case 'NEXT_FISCAL_YEAR':
      return { start: today.startOf('year').plus({ years: 1 }), end: today.startOf('year').plus({ years: 2 }) };
    case 'NEXT_N_YEARS':
    case 'NEXT_N_FISCAL_YEARS':
      return { start: today.startOf('year').plus({ years: 1 }), end: today.startOf('year').plus({ years: k + 1 }) };
    case 'LAST_N_YEARS':
    case 'LAST_N_FISCAL_YEARS':
      return { start: today.startOf('year').minus({ years: k }), end: today.startOf('year') };
    case 'N_YEARS_AGO':
    case 'N_FISCAL_YEARS_AGO':
      return { start: today.startOf('year').minus({ years: k }), end: today.startOf('year').minus({ years: k - 1 }) };
  }
  return null;
}
