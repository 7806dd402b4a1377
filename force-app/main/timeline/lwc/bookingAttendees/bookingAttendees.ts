// The attendees of a booked Event (its BookingAttendee__c rows) on the Event record page: name, email, role,
// no-show, and a link to the Contact or Lead each one resolved to.
import { LightningElement, api } from 'lwc';
import attendees from '@salesforce/apex/BookingTimelineController.attendees';
import { attendeeViews, errorMessage, type AttendeeView } from 'c/bookingTimelineView';

export default class BookingAttendees extends LightningElement {
  @api recordId?: string;

  rows: AttendeeView[] = [];
  loaded = false;
  error = '';

  connectedCallback(): void {
    // load reports its own failures; this catch only satisfies the lifecycle hook's void signature.
    this.load().catch((error: unknown) => {
      this.error = errorMessage(error);
    });
  }

  get isEmpty(): boolean {
    return this.loaded && !this.error && this.rows.length === 0;
  }

  get title(): string {
    return this.loaded ? `Attendees (${this.rows.length})` : 'Attendees';
  }

  async load(): Promise<void> {
    if (!this.recordId) return;
    try {
      this.rows = attendeeViews(await attendees({ eventId: this.recordId }));
      this.error = '';
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.loaded = true;
    }
  }
}
