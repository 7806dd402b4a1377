// Pure helpers of the booking timeline: status badges, start times in the viewer's time zone, the reason line, which
// bookings a rep may mark, and merging pages. No LWC imports, so Jest tests them directly.
import type { TimelineAttendee, TimelineEntry } from '@salesforce/apex/BookingTimelineController.bookings';

/** Outcomes a rep may give a booking that has ended (BookingTimelineController.markOutcome). */
export const OUTCOMES = ['Completed', 'No-show'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What one timeline row shows, already worded and formatted. */
export interface EntryView {
  eventId: string;
  subject: string;
  eventUrl: string;
  statusLabel: string;
  badgeClass: string;
  startLabel: string;
  pageName: string;
  pageUrl: string;
  ownerName: string;
  ownerUrl: string;
  whoName: string;
  reasonLine: string;
  attendeesLine: string;
  canMark: boolean;
  isPast: boolean;
}

const BADGE_TONES: Record<string, string> = {
  Scheduled: 'slds-theme_info',
  Rescheduled: 'slds-theme_warning',
  Completed: 'slds-theme_success',
  Canceled: 'slds-badge_inverse',
  'No-show': 'slds-theme_error',
  'Scheduled (Reassigned by User)': 'slds-badge_lightest',
  'Rescheduled (Reassigned by User)': 'slds-badge_lightest'
};

const ACTORS: Record<string, string> = {
  Attendee: 'the attendee',
  Host: 'the host',
  System: 'the scheduler',
  Salesforce: 'someone in Salesforce'
};

/** The badge of a status: its label and SLDS classes; an unknown or missing status reads "No status". */
export function badgeOf(status: string | undefined): { label: string; className: string } {
  const tone = status ? BADGE_TONES[status] : undefined;
  if (!status || !tone) return { label: status || 'No status', className: 'slds-badge' };
  return { label: status, className: `slds-badge ${tone}` };
}

/**
 * An instant as the viewer reads it: weekday, date, time and zone abbreviation in `timeZone`. A zone the browser does
 * not know falls back to UTC, said so in the label.
 */
export function formatStart(iso: string | undefined, timeZone: string, locale?: string): string {
  if (!iso) return '';
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short'
  };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(instant);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(instant);
  }
}

/** "Reason: … (given by the attendee)"; empty without a reason. */
export function reasonLine(reason: string | undefined, reasonBy: string | undefined): string {
  if (!reason) return '';
  const by = reasonBy ? ACTORS[reasonBy] : undefined;
  return by ? `Reason: ${reason} (given by ${by})` : `Reason: ${reason}`;
}

/** "Attendees: Ada Lovelace (primary), Grace Hopper (no-show)". */
export function attendeesLine(attendees: TimelineAttendee[] | undefined): string {
  if (!attendees || attendees.length === 0) return '';
  const names = attendees.map((a) => {
    const marks = [a.role === 'Primary' ? 'primary' : '', a.noShow ? 'no-show' : ''].filter(Boolean);
    const name = a.name || a.email || 'unknown';
    return marks.length ? `${name} (${marks.join(', ')})` : name;
  });
  return `Attendees: ${names.join(', ')}`;
}

/** One attendee row of an Event page: name, email, role, no-show and a link to the person. */
export interface AttendeeView {
  key: string;
  name: string;
  email: string;
  role: string;
  noShowLabel: string;
  personUrl: string;
}

/** Attendees as the Event page lists them; the person link goes to the Contact or Lead (by Id prefix). */
export function attendeeViews(attendees: TimelineAttendee[]): AttendeeView[] {
  return attendees.map((a, index) => ({
    key: `${a.email ?? ''}#${index}`,
    name: a.name || a.email || 'unknown',
    email: a.email ?? '',
    role: a.role ?? '',
    noShowLabel: a.noShow ? 'No-show' : '',
    personUrl: a.personId ? recordUrl(a.personId.startsWith('00Q') ? 'Lead' : 'Contact', a.personId) : ''
  }));
}

/** A rep may mark a booking Completed or No-show once it has ended, unless it was canceled. */
export function canMarkOutcome(entry: TimelineEntry, nowMs: number): boolean {
  if (entry.status === 'Canceled' || !entry.endAt) return false;
  const end = Date.parse(entry.endAt);
  return !Number.isNaN(end) && end <= nowMs;
}

/** A Lightning record URL (what `/lightning/r/...` links resolve to in Lightning Experience). */
export function recordUrl(objectApiName: string, id: string | undefined): string {
  return id ? `/lightning/r/${objectApiName}/${id}/view` : '';
}

export function viewOf(entry: TimelineEntry, timeZone: string, nowMs: number, locale?: string): EntryView {
  const badge = badgeOf(entry.status);
  return {
    eventId: entry.eventId,
    subject: entry.subject || '(no subject)',
    eventUrl: recordUrl('Event', entry.eventId),
    statusLabel: badge.label,
    badgeClass: badge.className,
    startLabel: formatStart(entry.startAt, timeZone, locale),
    pageName: entry.pageName ?? '',
    pageUrl: recordUrl('BookingPage__c', entry.pageId),
    ownerName: entry.ownerName ?? '',
    ownerUrl: recordUrl('User', entry.ownerId),
    whoName: entry.whoName ?? '',
    reasonLine: reasonLine(entry.reason, entry.reasonBy),
    attendeesLine: attendeesLine(entry.attendees),
    canMark: canMarkOutcome(entry, nowMs),
    isPast: entry.isPast
  };
}

/** The next page appended to what is shown; a booking already listed (moved between pages) is not repeated. */
export function appendPage(shown: TimelineEntry[], next: TimelineEntry[]): TimelineEntry[] {
  const seen = new Set(shown.map((e) => e.eventId));
  return [...shown, ...next.filter((e) => !seen.has(e.eventId))];
}

/** The list with one booking replaced by its updated version; its attendees are kept when the update has none. */
export function replaceEntry(shown: TimelineEntry[], updated: TimelineEntry): TimelineEntry[] {
  return shown.map((entry) => {
    if (entry.eventId !== updated.eventId) return entry;
    return { ...updated, attendees: updated.attendees?.length ? updated.attendees : entry.attendees };
  });
}

export function isOutcome(value: string | undefined): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value ?? '');
}

/** The text of an Apex or JavaScript error (`error.body.message` for AuraHandledException). */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const body = (error as { body?: { message?: unknown } }).body;
    if (body && typeof body.message === 'string') return body.message;
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(error);
}
