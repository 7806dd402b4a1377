/**
 * The copy-paste command printed at start: books a meeting through the package's REST API, with a host who exists
 * in the sample data and an attendee whose company is a sample Account, so the first call shows the whole flow.
 */
import { shellQuote } from './shell-quote.js';

export const BOOKINGS_PATH = '/services/apexrest/booking-sync/v1/bookings';

export function sampleBookingChange(now = new Date()): Record<string, unknown> {
  const start = new Date(now);
  start.setUTCDate(start.getUTCDate() + 1);
  start.setUTCHours(15, 0, 0, 0);
  const end = new Date(start.getTime() + 30 * 60 * 1000);
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return {
    id: `chg-${stamp}`,
    type: 'scheduled',
    occurredAt: now.toISOString(),
    source: 'calcom',
    booking: {
      uid: `bk-${stamp}`,
      title: 'Intro call: Contoso',
      start: start.toISOString(),
      end: end.toISOString(),
      timezone: 'America/New_York',
      meetingUrl: 'https://meet.example.com/intro-contoso',
      page: { key: 'intro-30', name: 'Intro call (30 min)', kind: 'round-robin' },
      host: { email: 'maya.chen@bookingsync-demo.com', name: 'Maya Chen' },
      attendees: [{ email: 'dana.fox@contoso.com', firstName: 'Dana', lastName: 'Fox', role: 'primary' }]
    }
  };
}

/** A shell-safe one-liner: every argument single-quoted, so a token's `!` or `'` pastes as it is. */
export function bookingCurl(url: string, token: string, now = new Date()): string {
  const body = JSON.stringify(sampleBookingChange(now));
  return `curl -s -X POST ${shellQuote(url + BOOKINGS_PATH)} -H ${shellQuote(`Authorization: Bearer ${token}`)} -H 'Content-Type: application/json' -d ${shellQuote(body)}`;
}
