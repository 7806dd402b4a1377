import { createElement } from 'lwc';
import BookingAttendees from 'c/bookingAttendees';
import attendees from '@salesforce/apex/BookingTimelineController.attendees';

jest.mock('@salesforce/apex/BookingTimelineController.attendees', () => ({ default: jest.fn() }), { virtual: true });

const mockAttendees = attendees as unknown as jest.Mock;

// A macrotask turn lets the mocked Apex promise, the component's await and the re-render all settle.
function flush(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- the test waits; the component itself never does
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function mount(): Promise<HTMLElement> {
  const element = createElement('c-booking-attendees', { is: BookingAttendees }) as HTMLElement & {
    recordId: string;
  };
  element.recordId = '00U000000000001AAA';
  document.body.appendChild(element);
  await flush();
  return element;
}

function texts(element: HTMLElement, dataId: string): string[] {
  return Array.from(element.shadowRoot!.querySelectorAll(`[data-id="${dataId}"]`)).map((e) => e.textContent ?? '');
}

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
});

describe('c-booking-attendees', () => {
  it('lists each attendee with role, no-show and a link to the person', async () => {
    mockAttendees.mockResolvedValue([
      {
        name: 'Ada Lovelace',
        email: 'ada@example.org',
        role: 'Primary',
        noShow: false,
        personId: '003000000000001AAA'
      },
      { name: 'Lin Lead', email: 'lin@example.org', role: 'Guest', noShow: true, personId: '00Q000000000001AAA' },
      { email: 'colleague@example.org', role: 'Guest' }
    ]);

    const element = await mount();

    expect(mockAttendees).toHaveBeenCalledWith({ eventId: '00U000000000001AAA' });
    expect(texts(element, 'name')).toEqual(['Ada Lovelace', 'Lin Lead', 'colleague@example.org']);
    expect(texts(element, 'role')).toEqual(['Primary', 'Guest', 'Guest']);
    expect(texts(element, 'no-show')).toEqual(['No-show']);
    const links = Array.from(element.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[data-id="name"]'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/lightning/r/Contact/003000000000001AAA/view',
      '/lightning/r/Lead/00Q000000000001AAA/view'
    ]);
    expect(texts(element, 'title')).toEqual(['Attendees (3)']);
  });

  it('says when no attendee is recorded and when loading fails', async () => {
    mockAttendees.mockResolvedValueOnce([]);
    let element = await mount();
    expect(texts(element, 'empty')).toEqual(['No attendees recorded for this Event.']);
    document.body.removeChild(element);

    mockAttendees.mockRejectedValueOnce({ body: { message: 'Attendees are listed for Events' } });
    element = await mount();
    expect(texts(element, 'error')).toEqual(['Attendees are listed for Events']);
  });
});
