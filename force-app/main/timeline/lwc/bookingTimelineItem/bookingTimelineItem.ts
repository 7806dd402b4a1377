// One booking on the timeline: subject, status badge, start, page, owner, reason and attendees, and for a booking that
// has ended the two buttons that ask the timeline to mark it. Receives a ready EntryView; raises `mark`.
import { LightningElement, api } from 'lwc';
import type { EntryView } from 'c/bookingTimelineView';

export default class BookingTimelineItem extends LightningElement {
  @api entry?: EntryView;
  @api busy = false;

  handleMark(event: Event): void {
    const outcome = (event.currentTarget as HTMLElement).dataset.outcome;
    if (!this.entry || !outcome) return;
    this.dispatchEvent(new CustomEvent('mark', { detail: { eventId: this.entry.eventId, outcome } }));
  }
}
