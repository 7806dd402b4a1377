import { createElement } from 'lwc';
import BookingSyncAdmin from 'c/bookingSyncAdmin';
import getLog from '@salesforce/apex/BookingSyncAdminController.getLog';
import replay from '@salesforce/apex/BookingSyncAdminController.replay';

jest.mock('@salesforce/apex/BookingSyncAdminController.getLog', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/BookingSyncAdminController.replay', () => ({ default: jest.fn() }), { virtual: true });

// The settings tabs mount their own components, which load on connect; they answer empty here (their own suites test them).
jest.mock(
  '@salesforce/apex/SyncSettingsController.getProfiles',
  () => ({ default: jest.fn(() => Promise.resolve([])) }),
  {
    virtual: true
  }
);
jest.mock(
  '@salesforce/apex/SyncSettingsController.getWebhooks',
  () => ({ default: jest.fn(() => Promise.resolve([])) }),
  {
    virtual: true
  }
);

const mockGetLog = getLog as unknown as jest.Mock;
const mockReplay = replay as unknown as jest.Mock;

const OUTCOMES = ['created', 'updated', 'deleted', 'unchanged', 'stale', 'duplicate', 'rejected', 'failed'];

function counts(values: Record<string, number>) {
  return OUTCOMES.map((outcome) => ({ outcome, count: values[outcome] ?? 0 }));
}

const FAILED_ROW = {
  Id: 'a01000000000001AAA',
  CreatedDate: '2026-05-01T10:00:00.000Z',
  ChangeId__c: 'c-1',
  BookingUid__c: 'uid-1',
  ChangeType__c: 'scheduled',
  Source__c: 'calcom',
  Outcome__c: 'failed',
  ErrorCode__c: 'UNABLE_TO_LOCK_ROW',
  ErrorMessage__c: 'UNABLE_TO_LOCK_ROW: row locked',
  Attempts__c: 1
};
const CREATED_ROW = {
  Id: 'a01000000000002AAA',
  CreatedDate: '2026-05-01T09:00:00.000Z',
  ChangeId__c: 'c-2',
  BookingUid__c: 'uid-2',
  ChangeType__c: 'scheduled',
  Source__c: 'calcom',
  Outcome__c: 'created',
  Attempts__c: 1
};

const LOG_PAGE = { rows: [FAILED_ROW, CREATED_ROW], counts: counts({ created: 1, failed: 1 }), truncated: false };

// A macrotask turn lets the mocked Apex promises, the component's awaits and the re-render all settle.
function flush(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- the test waits; the component itself never does
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function mount(): HTMLElement {
  const element = createElement('c-booking-sync-admin', { is: BookingSyncAdmin });
  document.body.appendChild(element);
  return element;
}

function query<T extends Element = HTMLElement>(element: HTMLElement, dataId: string): T | null {
  return element.shadowRoot!.querySelector<T>(`[data-id="${dataId}"]`);
}

function queryAll(element: HTMLElement, dataId: string): HTMLElement[] {
  return Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>(`[data-id="${dataId}"]`));
}

type Datatable = HTMLElement & { data: unknown[]; columns: { fieldName: string }[] };
type Button = HTMLElement & { disabled: boolean; label: string };

function selectRows(element: HTMLElement, rows: unknown[]): void {
  query(element, 'log')!.dispatchEvent(new CustomEvent('rowselection', { detail: { selectedRows: rows } }));
}

function change(target: HTMLElement, value: string): void {
  target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

describe('c-booking-sync-admin', () => {
  beforeEach(() => {
    mockGetLog.mockResolvedValue(LOG_PAGE);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('loads the last seven days of the log on open and renders its rows', async () => {
    const element = mount();
    await flush();

    expect(mockGetLog).toHaveBeenCalledTimes(1);
    const params = mockGetLog.mock.calls[0][0] as Record<string, unknown>;
    expect(params.outcome).toBeNull();
    expect(params.bookingUid).toBeNull();
    expect(params.toDate).toBeNull();
    const from = new Date(`${params.fromDate as string}T00:00:00`);
    const today = new Date();
    const daysBack = Math.round(
      (new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime() - from.getTime()) / 86_400_000
    );
    expect(daysBack).toBe(6);

    const table = query<Datatable>(element, 'log')!;
    expect(table.data).toEqual([FAILED_ROW, CREATED_ROW]);
    expect(table.columns.map((c) => c.fieldName)).toContain('ErrorCode__c');
  });

  it('shows one tile per outcome with its count', async () => {
    const element = mount();
    await flush();

    const tiles = queryAll(element, 'tile');
    expect(tiles.map((t) => t.dataset.outcome)).toEqual(OUTCOMES);
    const failed = tiles.find((t) => t.dataset.outcome === 'failed')!;
    expect(failed.textContent).toContain('1');
    expect(failed.className).toContain('tile_attention');
    expect(tiles.find((t) => t.dataset.outcome === 'stale')!.className).not.toContain('tile_attention');
  });

  it('filters by outcome from the combobox and by a tile click that toggles', async () => {
    const element = mount();
    await flush();

    change(query(element, 'outcome')!, 'failed');
    await flush();
    expect(mockGetLog).toHaveBeenLastCalledWith(expect.objectContaining({ outcome: 'failed' }));

    query(element, 'tile')!.click(); // the first tile: created
    await flush();
    expect(mockGetLog).toHaveBeenLastCalledWith(expect.objectContaining({ outcome: 'created' }));

    queryAll(element, 'tile')[0].click();
    await flush();
    expect(mockGetLog).toHaveBeenLastCalledWith(expect.objectContaining({ outcome: null }));
  });

  it('sends the uid and date filters, trimmed, when Apply is clicked', async () => {
    const element = mount();
    await flush();

    change(query(element, 'uid')!, '  uid-1 ');
    change(query(element, 'from')!, '2026-05-01');
    change(query(element, 'to')!, '2026-05-03');
    expect(mockGetLog).toHaveBeenCalledTimes(1);
    query(element, 'apply')!.click();
    await flush();

    expect(mockGetLog).toHaveBeenLastCalledWith({
      outcome: null,
      bookingUid: 'uid-1',
      fromDate: '2026-05-01',
      toDate: '2026-05-03'
    });
  });

  it('says so when no row matches, and when the list is cut at 200 rows', async () => {
    mockGetLog.mockResolvedValueOnce({ rows: [], counts: counts({}), truncated: false });
    const element = mount();
    await flush();
    expect(query(element, 'empty')).not.toBeNull();
    expect(query(element, 'log')).toBeNull();

    mockGetLog.mockResolvedValueOnce({ ...LOG_PAGE, truncated: true });
    query(element, 'apply')!.click();
    await flush();
    expect(query(element, 'truncated')).not.toBeNull();
  });

  it('shows the message of a failed log load', async () => {
    mockGetLog.mockRejectedValueOnce({ body: { message: 'You need the Booking Sync Admin permission set.' } });
    const element = mount();
    await flush();

    expect(query(element, 'log-error')!.textContent).toBe('You need the Booking Sync Admin permission set.');
  });

  it('enables Replay selected only with a selection', async () => {
    const element = mount();
    await flush();
    const button = query<Button>(element, 'replay')!;
    expect(button.disabled).toBe(true);

    selectRows(element, [FAILED_ROW]);
    await flush();

    expect(button.disabled).toBe(false);
    expect(button.label).toBe('Replay selected (1)');
  });

  it('replays the selected rows, toasts success and reloads the log', async () => {
    mockReplay.mockResolvedValue([{ logId: FAILED_ROW.Id, changeId: 'c-1', outcome: 'created' }]);
    const element = mount();
    await flush();
    const toasts: { title: string; message: string; variant: string }[] = [];
    element.addEventListener('lightning__showtoast', (e) => toasts.push((e as CustomEvent).detail));

    selectRows(element, [FAILED_ROW]);
    await flush();
    query(element, 'replay')!.click();
    await flush();

    expect(mockReplay).toHaveBeenCalledWith({ logIds: [FAILED_ROW.Id] });
    expect(toasts).toHaveLength(1);
    expect(toasts[0].variant).toBe('success');
    expect(toasts[0].message).toBe('1 of 1 went through.');
    expect(mockGetLog).toHaveBeenCalledTimes(2);
    expect(query<Button>(element, 'replay')!.disabled).toBe(true);
  });

  it('warns when some replayed rows failed again or could not be replayed', async () => {
    mockReplay.mockResolvedValue([
      { logId: '1', changeId: 'c-1', outcome: 'created' },
      { logId: '2', changeId: 'c-3', outcome: 'failed', errorCode: 'UNABLE_TO_LOCK_ROW', message: 'row locked' },
      { logId: '3', changeId: 'c-2', errorCode: 'NOT_REPLAYABLE', message: 'this one is created.' }
    ]);
    const element = mount();
    await flush();
    const toasts: { message: string; variant: string }[] = [];
    element.addEventListener('lightning__showtoast', (e) => toasts.push((e as CustomEvent).detail));

    selectRows(element, [FAILED_ROW, CREATED_ROW, { Id: '3' }]);
    await flush();
    query(element, 'replay')!.click();
    await flush();

    expect(toasts[0].variant).toBe('warning');
    expect(toasts[0].message).toBe(
      '1 of 3 went through; 1 was failed again (UNABLE_TO_LOCK_ROW: row locked); ' +
        '1 not replayed: NOT_REPLAYABLE: this one is created..'
    );
  });

  it('toasts the error when the replay call itself fails, and keeps the selection', async () => {
    mockReplay.mockRejectedValue({ body: { message: 'Select at least one log row to replay.' } });
    const element = mount();
    await flush();
    const toasts: { title: string; message: string; variant: string }[] = [];
    element.addEventListener('lightning__showtoast', (e) => toasts.push((e as CustomEvent).detail));

    selectRows(element, [FAILED_ROW]);
    await flush();
    query(element, 'replay')!.click();
    await flush();

    expect(toasts).toEqual([
      { title: 'Replay failed', message: 'Select at least one log row to replay.', variant: 'error' }
    ]);
    expect(mockGetLog).toHaveBeenCalledTimes(1);
    expect(query<Button>(element, 'replay')!.disabled).toBe(false);
  });

  it('has the Sync log, Profiles, Mappings and Webhooks tabs, each with its component', async () => {
    mockGetLog.mockResolvedValue(LOG_PAGE);
    const element = mount();
    await flush();

    const tabs = Array.from(element.shadowRoot!.querySelectorAll<HTMLElement & { label: string }>('lightning-tab'));
    expect(tabs.map((t) => t.label)).toEqual(['Sync log', 'Profiles', 'Mappings', 'Webhooks']);
    expect(query(element, 'profiles-tab')!.querySelector('c-sync-profiles')).not.toBeNull();
    expect(query(element, 'mappings-tab')!.querySelector('c-field-mappings')).not.toBeNull();
    expect(query(element, 'webhooks-tab')!.querySelector('c-webhook-secrets')).not.toBeNull();
  });
});
