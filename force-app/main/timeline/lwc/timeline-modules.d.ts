// The timeline's Apex modules, mirroring BookingTimelineController's @AuraEnabled signatures and the classes they
// return (BookingTimeline.Page, Entry, Attendee); keep them in step with the Apex. Blank fields are absent.
declare module '@salesforce/apex/BookingTimelineController.bookings' {
  export interface TimelineAttendee {
    name?: string;
    email?: string;
    /** Primary or Guest. */
    role?: string;
    noShow?: boolean;
    personId?: string;
  }
  export interface TimelineEntry {
    eventId: string;
    subject?: string;
    /** ISO-8601 UTC instant. */
    startAt?: string;
    endAt?: string;
    status?: string;
    reason?: string;
    /** Attendee, Host, System or Salesforce. */
    reasonBy?: string;
    pageId?: string;
    pageName?: string;
    ownerId?: string;
    ownerName?: string;
    whoName?: string;
    isPast: boolean;
    attendees?: TimelineAttendee[];
  }
  export interface TimelinePage {
    entries: TimelineEntry[];
    pageNumber: number;
    pageSize: number;
    total: number;
    hasMore: boolean;
    /** The viewer's Salesforce time zone, an IANA id. */
    viewerTimeZone: string;
  }
  export default function bookings(params: { recordId: string; pageNumber: number }): Promise<TimelinePage>;
}

declare module '@salesforce/apex/BookingTimelineController.markOutcome' {
  import type { TimelineEntry } from '@salesforce/apex/BookingTimelineController.bookings';
  export default function markOutcome(params: { eventId: string; outcome: string }): Promise<TimelineEntry>;
}

declare module '@salesforce/apex/BookingTimelineController.attendees' {
  import type { TimelineAttendee } from '@salesforce/apex/BookingTimelineController.bookings';
  export default function attendees(params: { eventId: string }): Promise<TimelineAttendee[]>;
}
