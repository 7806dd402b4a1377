// The booking timeline of a Contact, Lead or Account record page: loads pages of bookings from
// BookingTimelineController (upcoming first, then past), shows more on request, and marks a booking that has ended
// Completed or No-show when one of its items asks to. Wording and formatting live in c/bookingTimelineView.
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import bookings from '@salesforce/apex/BookingTimelineController.bookings';
import markOutcome from '@salesforce/apex/BookingTimelineController.markOutcome';
import type { TimelineEntry } from '@salesforce/apex/BookingTimelineController.bookings';
import { appendPage, errorMessage, isOutcome, replaceEntry, viewOf, type EntryView } from 'c/bookingTimelineView';

interface MarkEvent {
  detail: { eventId: string; outcome: string };
}

export default class BookingTimeline extends LightningElement {
  @api recordId?: string;

  entries: TimelineEntry[] = [];
  timeZone = 'UTC';
  total = 0;
  pageNumber = 0;
  hasMore = false;
  loaded = false;
  loading = false;
  markingId = '';
  error = '';

  connectedCallback(): void {
    // load reports its own failures; this catch only satisfies the lifecycle hook's void signature.
    this.load(0).catch((error: unknown) => {
      this.error = errorMessage(error);
    });
  }

  get views(): EntryView[] {
    const now = Date.now();
    return this.entries.map((entry) => viewOf(entry, this.timeZone, now));
  }

  get upcoming(): EntryView[] {
    return this.views.filter((view) => !view.isPast);
  }

  get past(): EntryView[] {
    return this.views.filter((view) => view.isPast);
  }

  get hasUpcoming(): boolean {
    return this.upcoming.length > 0;
  }

  get hasPast(): boolean {
    return this.past.length > 0;
  }

  get isEmpty(): boolean {
    return this.loaded && !this.error && this.entries.length === 0;
  }

  get isMarking(): boolean {
    return this.markingId !== '';
  }

  get title(): string {
    return this.loaded ? `Bookings (${this.total})` : 'Bookings';
  }

  async handleMore(): Promise<void> {
    await this.load(this.pageNumber + 1);
  }

  async handleMark(event: MarkEvent): Promise<void> {
    const { eventId, outcome } = event.detail;
    if (!isOutcome(outcome) || this.markingId) return;
    this.markingId = eventId;
    try {
      const updated = await markOutcome({ eventId, outcome });
      this.entries = replaceEntry(this.entries, updated);
      this.error = '';
      this.dispatchEvent(new ShowToastEvent({ title: `Marked ${outcome}`, variant: 'success' }));
    } catch (error) {
      this.error = errorMessage(error);
      this.dispatchEvent(new ShowToastEvent({ title: 'Not marked', message: this.error, variant: 'error' }));
    } finally {
      this.markingId = '';
    }
  }

  async load(pageNumber: number): Promise<void> {
    if (!this.recordId) return;
    this.loading = true;
    try {
      const page = await bookings({ recordId: this.recordId, pageNumber });
      this.entries = pageNumber === 0 ? page.entries : appendPage(this.entries, page.entries);
      this.timeZone = page.viewerTimeZone;
      this.total = page.total;
      this.pageNumber = page.pageNumber;
      this.hasMore = page.hasMore;
      this.error = '';
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.loading = false;
      this.loaded = true;
    }
  }
}
