/**
 * Side effects and checks of standard objects that the platform applies on save, one declarative entry per object.
 * Sources (documentation or [mem]) are listed in localorg/FIDELITY.md under "Data platform".
 */
import { DateTime } from 'luxon';
import { ApexDate, ApexDatetime, ApexId, type SObject, type Value } from '../../values/values.js';
import { msg } from '../messages.js';
import type { OrgContext } from '../context.js';
import type { DmlError } from '../../runtime/data-platform.js';
import { rowById } from '../soql/resolve.js';
import { fieldError } from './validate.js';

const MINUTE = 60_000;
const DAY_MINUTES = 1440;

type Rule = (org: OrgContext, rec: SObject, old: SObject | null) => DmlError[];

const RULES: Record<string, Rule[]> = {
  event: [eventTimes, activityWhoWhat, eventPrivacy, activityAccount],
  task: [activityWhoWhat, activityAccount],
  contact: [compoundName],
  lead: [compoundName],
  user: [compoundName, userNameFormat]
};

/** Applies the rules of the record's object (derivations in place); returns the errors found. */
export function applyStandardRules(org: OrgContext, rec: SObject, old: SObject | null): DmlError[] {
  const rules = RULES[rec.typeKey];
  if (!rules) return [];
  const errors: DmlError[] = [];
  for (const r of rules) errors.push(...r(org, rec, old));
  return errors;
}

function changed(rec: SObject, old: SObject | null, field: string): boolean {
  if (!old) return rec.get(field) !== null;
  return !sameValue(rec.get(field), old.get(field));
}

function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
  if (a instanceof ApexDate && b instanceof ApexDate)
    return a.year === b.year && a.month === b.month && a.day === b.day;
  if (a instanceof ApexId && b instanceof ApexId) return a.value === b.value;
  return false;
}

function dateIn(ms: number, zone: string): ApexDate {
  const d = DateTime.fromMillis(ms, { zone });
  return new ApexDate(d.year, d.month, d.day);
}

/**
 * Event timing [doc: Event object reference]: StartDateTime and ActivityDateTime are one value; one of EndDateTime or
 * DurationInMinutes must be given and the other is derived; ActivityDate/EndDate follow in the user's zone. On update,
 * whichever side the caller changed wins and the other is re-derived; moving the start keeps the duration.
 */
function eventTimes(org: OrgContext, rec: SObject, old: SObject | null): DmlError[] {
  const zone = org.user.timeZone;
  const allDay = rec.get('IsAllDayEvent') === true;
  let start = rec.get('StartDateTime') as ApexDatetime | null;
  let activity = rec.get('ActivityDateTime') as ApexDatetime | null;
  if (allDay) {
    // All-day events carry a date; the stored start is midnight UTC of that date [mem].
    let date = rec.get('ActivityDate') as ApexDate | null;
    if (!date && (start ?? activity)) date = dateIn((start ?? activity)!.epochMs, 'UTC');
    if (!date) return [fieldError('REQUIRED_FIELD_MISSING', msg.requiredMissing(['ActivityDate']), ['ActivityDate'])];
    const startMs = Date.UTC(date.year, date.month - 1, date.day);
    let duration = rec.get('DurationInMinutes') as number | null;
    const end = rec.get('EndDateTime') as ApexDatetime | null;
    if (duration === null && end) duration = Math.round((end.epochMs - startMs) / MINUTE) + DAY_MINUTES;
    if (duration === null) duration = DAY_MINUTES;
    const capErr = durationCap(org, duration);
    if (capErr) return [capErr];
    rec.set('ActivityDate', date);
    rec.set('StartDateTime', new ApexDatetime(startMs));
    rec.set('ActivityDateTime', new ApexDatetime(startMs));
    rec.set('DurationInMinutes', duration);
    const endMs = startMs + Math.max(duration - DAY_MINUTES, 0) * MINUTE;
    rec.set('EndDateTime', new ApexDatetime(endMs));
    rec.set('EndDate', dateIn(endMs, 'UTC'));
    return [];
  }

  if (old) {
    // The side the caller touched wins; the untouched twin follows it.
    if (changed(rec, old, 'StartDateTime') && !changed(rec, old, 'ActivityDateTime')) activity = start;
    else if (changed(rec, old, 'ActivityDateTime') && !changed(rec, old, 'StartDateTime')) start = activity;
  }
  if (start && activity && start.epochMs !== activity.epochMs) {
    return [fieldError('FIELD_INTEGRITY_EXCEPTION', msg.eventStartMismatch(), ['StartDateTime', 'ActivityDateTime'])];
  }
  const begin = start ?? activity;
  if (!begin) return [fieldError('REQUIRED_FIELD_MISSING', msg.eventNoStart(), ['ActivityDateTime'])];

  let end = rec.get('EndDateTime') as ApexDatetime | null;
  let duration = rec.get('DurationInMinutes') as number | null;
  if (old) {
    const endChanged = changed(rec, old, 'EndDateTime');
    const durChanged = changed(rec, old, 'DurationInMinutes');
    const startMoved = !sameValue(begin, old.get('StartDateTime') ?? old.get('ActivityDateTime'));
    if (durChanged && !endChanged) end = null;
    else if (endChanged && !durChanged) duration = null;
    else if (startMoved && !endChanged && !durChanged) end = null; // keep the duration, move the end
  }
  if (end === null && duration === null) {
    return [fieldError('REQUIRED_FIELD_MISSING', msg.eventNoDuration(), ['DurationInMinutes'])];
  }
  if (end !== null && duration !== null && end.epochMs !== begin.epochMs + duration * MINUTE) {
    return [fieldError('FIELD_INTEGRITY_EXCEPTION', msg.eventEndMismatch(), ['EndDateTime', 'DurationInMinutes'])];
  }
  if (end === null) end = new ApexDatetime(begin.epochMs + duration! * MINUTE);
  if (end.epochMs < begin.epochMs) {
    return [fieldError('FIELD_INTEGRITY_EXCEPTION', msg.eventEndBeforeStart(), ['EndDateTime'])];
  }
  duration = Math.round((end.epochMs - begin.epochMs) / MINUTE);
  const capErr = durationCap(org, duration);
  if (capErr) return [capErr];
  rec.set('StartDateTime', begin);
  rec.set('ActivityDateTime', begin);
  rec.set('ActivityDate', dateIn(begin.epochMs, zone));
  rec.set('EndDateTime', end);
  rec.set('EndDate', dateIn(end.epochMs, zone));
  rec.set('DurationInMinutes', duration);
  return [];
}

function durationCap(org: OrgContext, minutes: number): DmlError | null {
  const max = org.settings.multidayEvents ? org.settings.maxEventDays * DAY_MINUTES : DAY_MINUTES;
  if (minutes < 0 || minutes > max) {
    return fieldError('FIELD_INTEGRITY_EXCEPTION', msg.eventDurationRange(max), ['DurationInMinutes']);
  }
  return null;
}

/**
 * WhoId must be a Contact or Lead (checked by the reference rule); a Lead WhoId excludes a WhatId [doc: SOAP API
 * Developer Guide, "if the WhoId field refers to a Lead, then the WhatId field must be empty"; the message is localorg's].
 */
function activityWhoWhat(_org: OrgContext, rec: SObject): DmlError[] {
  const who = rec.get('WhoId');
  const what = rec.get('WhatId');
  if (who instanceof ApexId && who.keyPrefix === '00Q' && what !== null) {
    return [fieldError('FIELD_INTEGRITY_EXCEPTION', msg.whatIdWithLead(), ['WhatId'])];
  }
  return [];
}

/**
 * A private Event relates to nobody and nothing [doc: Event object reference, IsPrivate: "Private events can't be
 * associated with opportunities, accounts, cases, campaigns, contracts, leads, or contacts"; the message is localorg's].
 */
function eventPrivacy(_org: OrgContext, rec: SObject): DmlError[] {
  if (rec.get('IsPrivate') !== true) return [];
  const fields = ['WhoId', 'WhatId'].filter((f) => rec.get(f) instanceof ApexId);
  return fields.length ? [fieldError('FIELD_INTEGRITY_EXCEPTION', msg.privateEventRelated(), fields)] : [];
}

/** AccountId follows WhatId's account, else the WhoId Contact's account [doc: Event object reference, AccountId]. */
function activityAccount(org: OrgContext, rec: SObject): DmlError[] {
  let account: ApexId | null = null;
  const what = rec.get('WhatId');
  if (what instanceof ApexId) {
    if (what.keyPrefix === '001') account = what;
    else {
      const row = rowById(org, what.value);
      const a = row?.get('AccountId');
      if (a instanceof ApexId) account = a;
    }
  }
  const who = rec.get('WhoId');
  if (!account && who instanceof ApexId && who.keyPrefix === '003') {
    const a = rowById(org, who.value)?.get('AccountId');
    if (a instanceof ApexId) account = a;
  }
  rec.set('AccountId', account);
  return [];
}

/** Name of Contact, Lead and User is `FirstName LastName`, read-only [mem: salutation and locale order ignored]. */
function compoundName(_org: OrgContext, rec: SObject): DmlError[] {
  const first = rec.get('FirstName');
  const last = rec.get('LastName');
  const parts = [first, last].filter((p): p is string => typeof p === 'string' && p !== '');
  rec.set('Name', parts.length ? parts.join(' ') : null);
  return [];
}

/** Usernames must look like email addresses [mem: message text]. */
function userNameFormat(_org: OrgContext, rec: SObject): DmlError[] {
  const u = rec.get('Username');
  if (typeof u === 'string' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(u)) {
    return [fieldError('INVALID_EMAIL_ADDRESS', `Username: invalid email address: ${u}`, ['Username'])];
  }
  return [];
}
