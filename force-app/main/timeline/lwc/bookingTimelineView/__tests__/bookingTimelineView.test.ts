import {
  appendPage,
  attendeeViews,
  attendeesLine,
  badgeOf,
  canMarkOutcome,
  errorMessage,
  formatStart,
  isOutcome,
  reasonLine,
  replaceEntry,
  viewOf
} from 'c/bookingTimelineView';

const ENDED = {
  eventId: '00U000000000001AAA',
  subject: 'Intro call',
  startAt: '2026-05-10T14:00:00Z',
  endAt: '2026-05-10T14:30:00Z',
  status: 'Scheduled',
  isPast: true
};

describe('badgeOf', () => {
  it('gives every status of the package its own badge', () => {
    const statuses = [
      'Scheduled',
      'Rescheduled',
      'Completed',
      'Canceled',
      'No-show',
      'Scheduled (Reassigned by User)',
      'Rescheduled (Reassigned by User)'
    ];
    for (const status of statuses) {
      const badge = badgeOf(status);
      expect(badge.label).toBe(status);
      expect(badge.className).toMatch(/^slds-badge .+/);
    }
    expect(badgeOf('No-show').className).toContain('slds-theme_error');
    expect(badgeOf('Completed').className).toContain('slds-theme_success');
  });

  it('reads a missing or unknown status plainly', () => {
    expect(badgeOf(undefined)).toEqual({ label: 'No status', className: 'slds-badge' });
    expect(badgeOf('Tentative')).toEqual({ label: 'Tentative', className: 'slds-badge' });
  });
});

describe('formatStart', () => {
  it('shows the instant in the viewer time zone', () => {
    expect(formatStart('2026-05-10T14:00:00Z', 'Europe/Paris', 'en-US')).toBe('Sun, May 10, 2026, 4:00 PM GMT+2');
    expect(formatStart('2026-05-10T14:00:00Z', 'America/Los_Angeles', 'en-US')).toBe('Sun, May 10, 2026, 7:00 AM PDT');
  });

  it('falls back to UTC for a zone the browser does not know, and to nothing without an instant', () => {
    expect(formatStart('2026-05-10T14:00:00Z', 'Mars/Olympus', 'en-US')).toBe('Sun, May 10, 2026, 2:00 PM UTC');
    expect(formatStart(undefined, 'UTC')).toBe('');
    expect(formatStart('not a date', 'UTC')).toBe('');
  });
});

describe('reasonLine', () => {
  it('says who gave the reason', () => {
    expect(reasonLine('Budget frozen', 'Attendee')).toBe('Reason: Budget frozen (given by the attendee)');
    expect(reasonLine('Moved', 'Salesforce')).toBe('Reason: Moved (given by someone in Salesforce)');
    expect(reasonLine('Moved', 'System')).toBe('Reason: Moved (given by the scheduler)');
    expect(reasonLine('Moved', undefined)).toBe('Reason: Moved');
    expect(reasonLine(undefined, 'Host')).toBe('');
  });
});

describe('attendeesLine', () => {
  it('names the primary attendee and no-shows', () => {
    expect(
      attendeesLine([
        { name: 'Ada Lovelace', role: 'Primary', noShow: false },
        { name: 'Grace Hopper', role: 'Guest', noShow: true },
        { email: 'alan@example.org', role: 'Guest' }
      ])
    ).toBe('Attendees: Ada Lovelace (primary), Grace Hopper (no-show), alan@example.org');
    expect(attendeesLine([])).toBe('');
  });
});

describe('canMarkOutcome', () => {
  const end = Date.parse(ENDED.endAt);

  it('allows a booking that has ended', () => {
    expect(canMarkOutcome(ENDED, end)).toBe(true);
    expect(canMarkOutcome({ ...ENDED, status: 'No-show' }, end + 1)).toBe(true);
  });

  it('refuses a booking still to end, a canceled one, and one without an end', () => {
    expect(canMarkOutcome(ENDED, end - 1)).toBe(false);
    expect(canMarkOutcome({ ...ENDED, status: 'Canceled' }, end + 1)).toBe(false);
    expect(canMarkOutcome({ ...ENDED, endAt: undefined }, end + 1)).toBe(false);
  });
});

describe('viewOf', () => {
  it('words one booking for the item component', () => {
    const view = viewOf(
      {
        ...ENDED,
        status: 'Canceled',
        reason: 'Budget frozen',
        reasonBy: 'Attendee',
        pageId: 'a00000000000001AAA',
        pageName: 'Intro call',
        ownerId: '005000000000001AAA',
        ownerName: 'Rita Rep'
      },
      'UTC',
      Date.parse(ENDED.endAt) + 1,
      'en-US'
    );
    expect(view).toMatchObject({
      statusLabel: 'Canceled',
      startLabel: 'Sun, May 10, 2026, 2:00 PM UTC',
      pageUrl: '/lightning/r/BookingPage__c/a00000000000001AAA/view',
      ownerUrl: '/lightning/r/User/005000000000001AAA/view',
      eventUrl: '/lightning/r/Event/00U000000000001AAA/view',
      reasonLine: 'Reason: Budget frozen (given by the attendee)',
      canMark: false
    });
    expect(viewOf({ ...ENDED, subject: undefined }, 'UTC', 0).subject).toBe('(no subject)');
  });
});

describe('pages and updates', () => {
  it('appends a page without repeating a booking', () => {
    const second = { ...ENDED, eventId: '00U000000000002AAA' };
    expect(appendPage([ENDED], [ENDED, second]).map((e) => e.eventId)).toEqual([ENDED.eventId, second.eventId]);
  });

  it('replaces one booking and keeps its attendees', () => {
    const attendees = [{ name: 'Ada', role: 'Primary' }];
    const updated = replaceEntry([{ ...ENDED, attendees }], { ...ENDED, status: 'Completed', attendees: [] });
    expect(updated[0].status).toBe('Completed');
    expect(updated[0].attendees).toEqual(attendees);
  });

  it('knows the outcomes a rep may give', () => {
    expect(isOutcome('Completed')).toBe(true);
    expect(isOutcome('No-show')).toBe(true);
    expect(isOutcome('Canceled')).toBe(false);
    expect(isOutcome(undefined)).toBe(false);
  });
});

describe('errorMessage', () => {
  it('reads AuraHandledException bodies, errors and anything else', () => {
    expect(errorMessage({ body: { message: 'This booking was canceled' } })).toBe('This booking was canceled');
    expect(errorMessage(new Error('offline'))).toBe('offline');
    expect(errorMessage('plain')).toBe('plain');
  });
});

describe('attendeeViews', () => {
  it('links Contacts and Leads by their Id prefix and names unnamed attendees by email', () => {
    const views = attendeeViews([
      { name: 'Ada', email: 'ada@example.org', role: 'Primary', personId: '003000000000001AAA' },
      { email: 'lin@example.org', role: 'Guest', noShow: true, personId: '00Q000000000001AAA' },
      { email: 'colleague@example.org' }
    ]);
    expect(views.map((v) => v.personUrl)).toEqual([
      '/lightning/r/Contact/003000000000001AAA/view',
      '/lightning/r/Lead/00Q000000000001AAA/view',
      ''
    ]);
    expect(views.map((v) => v.name)).toEqual(['Ada', 'lin@example.org', 'colleague@example.org']);
    expect(views.map((v) => v.noShowLabel)).toEqual(['', 'No-show', '']);
    expect(new Set(views.map((v) => v.key)).size).toBe(3);
  });
});
