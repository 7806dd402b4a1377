import { createElement } from 'lwc';
import BookingTimeline from 'c/bookingTimeline';
import bookings from '@salesforce/apex/BookingTimelineController.bookings';
import markOutcome from '@salesforce/apex/BookingTimelineController.markOutcome';

jest.mock('@salesforce/apex/BookingTimelineController.bookings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/BookingTimelineController.markOutcome', () => ({ default: jest.fn() }), {
  virtual: true
});

const mockBookings = bookings as unknown as jest.Mock;
const mockMark = markOutcome as unknown as jest.Mock;

const CONTACT_ID = '003000000000001AAA';
const UPCOMING = {
  eventId: '00U000000000001AAA',
  subject: 'Demo',
  startAt: '2099-01-05T15:00:00Z',
  endAt: '2099-01-05T15:30:00Z',
  status: 'Scheduled',
  isPast: false,
  attendees: []
};
const CANCELED = {
  eventId: '00U000000000002AAA',
  subject: 'Intro call',
  startAt: '2026-05-10T14:00:00Z',
  endAt: '2026-05-10T14:30:00Z',
  status: 'Canceled',
  reason: 'Budget frozen',
  reasonBy: 'Attendee',
  isPast: true,
  attendees: []
};
const NO_SHOW = {
  ...CANCELED,
  eventId: '00U000000000003AAA',
  status: 'No-show',
  reason: undefined,
  reasonBy: undefined
};

function page(entries: object[], extra: object = {}) {
  return {
    entries,
    pageNumber: 0,
    pageSize: 50,
    total: entries.length,
    hasMore: false,
    viewerTimeZone: 'UTC',
    ...extra
  };
}

// A macrotask turn lets the mocked Apex promises, the component's awaits and the re-render all settle.
function flush(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- the test waits; the component itself never does
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function mount(): Promise<HTMLElement> {
  const element = createElement('c-booking-timeline', { is: BookingTimeline }) as HTMLElement & {
    recordId: string;
  };
  element.recordId = CONTACT_ID;
  document.body.appendChild(element);
  await flush();
  return element;
}

function items(element: HTMLElement): HTMLElement[] {
  return Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>('c-booking-timeline-item'));
}

function inItem(item: HTMLElement, dataId: string): HTMLElement | null {
  return item.shadowRoot!.querySelector<HTMLElement>(`[data-id="${dataId}"]`);
}

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
});

describe('c-booking-timeline', () => {
  it('lists upcoming bookings, then past ones, with status and reason', async () => {
    mockBookings.mockResolvedValue(page([UPCOMING, NO_SHOW, CANCELED]));

    const element = await mount();

    expect(mockBookings).toHaveBeenCalledWith({ recordId: CONTACT_ID, pageNumber: 0 });
    const shown = items(element);
    expect(shown.map((item) => inItem(item, 'status')!.textContent)).toEqual(['Scheduled', 'No-show', 'Canceled']);
    expect(element.shadowRoot!.querySelector('[data-id="upcoming"]')!.contains(shown[0])).toBe(true);
    expect(inItem(shown[2], 'reason')!.textContent).toBe('Reason: Budget frozen (given by the attendee)');
    expect(inItem(shown[0], 'mark-completed')).toBeNull();
    expect(inItem(shown[1], 'mark-completed')).not.toBeNull();
    expect(inItem(shown[2], 'mark-completed')).toBeNull();
    expect(element.shadowRoot!.querySelector('[data-id="title"]')!.textContent).toBe('Bookings (3)');
  });

  it('marks a past booking completed and shows the new status', async () => {
    mockBookings.mockResolvedValue(page([NO_SHOW]));
    mockMark.mockResolvedValue({ ...NO_SHOW, status: 'Completed', attendees: [] });
    const element = await mount();

    inItem(items(element)[0], 'mark-completed')!.click();
    await flush();

    expect(mockMark).toHaveBeenCalledWith({ eventId: NO_SHOW.eventId, outcome: 'Completed' });
    expect(inItem(items(element)[0], 'status')!.textContent).toBe('Completed');
  });

  it('says why a booking was not marked', async () => {
    mockBookings.mockResolvedValue(page([NO_SHOW]));
    mockMark.mockRejectedValue({ body: { message: 'You may not change the status of this booking' } });
    const element = await mount();

    inItem(items(element)[0], 'mark-no-show')!.click();
    await flush();

    expect(element.shadowRoot!.querySelector('[data-id="error"]')!.textContent).toBe(
      'You may not change the status of this booking'
    );
    expect(inItem(items(element)[0], 'status')!.textContent).toBe('No-show');
  });

  it('loads the next page on request without repeating bookings', async () => {
    mockBookings
      .mockResolvedValueOnce(page([UPCOMING], { total: 2, hasMore: true }))
      .mockResolvedValueOnce(page([UPCOMING, CANCELED], { pageNumber: 1, total: 2 }));
    const element = await mount();

    element.shadowRoot!.querySelector<HTMLElement>('[data-id="more"]')!.click();
    await flush();

    expect(mockBookings).toHaveBeenLastCalledWith({ recordId: CONTACT_ID, pageNumber: 1 });
    expect(items(element)).toHaveLength(2);
    expect(element.shadowRoot!.querySelector('[data-id="more"]')).toBeNull();
  });

  it('shows an empty timeline and a load error plainly', async () => {
    mockBookings.mockResolvedValueOnce(page([]));
    let element = await mount();
    expect(element.shadowRoot!.querySelector('[data-id="empty"]')!.textContent).toBe('No bookings yet.');
    document.body.removeChild(element);

    mockBookings.mockRejectedValueOnce({
      body: { message: 'The booking timeline shows Contacts, Leads and Accounts' }
    });
    element = await mount();
    expect(element.shadowRoot!.querySelector('[data-id="error"]')!.textContent).toBe(
      'The booking timeline shows Contacts, Leads and Accounts'
    );
  });
});
