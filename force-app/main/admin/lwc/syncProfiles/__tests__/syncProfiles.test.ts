import { createElement } from 'lwc';
import SyncProfiles from 'c/syncProfiles';
import getProfiles from '@salesforce/apex/SyncSettingsController.getProfiles';
import saveProfile from '@salesforce/apex/SyncSettingsController.saveProfile';
import cloneProfile from '@salesforce/apex/SyncSettingsController.cloneProfile';
import deleteProfile from '@salesforce/apex/SyncSettingsController.deleteProfile';
import getDeployment from '@salesforce/apex/SyncSettingsController.getDeployment';

jest.mock('@salesforce/apex/SyncSettingsController.getProfiles', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.saveProfile', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.cloneProfile', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.deleteProfile', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.getDeployment', () => ({ default: jest.fn() }), { virtual: true });

const mocks = {
  getProfiles: getProfiles as unknown as jest.Mock,
  saveProfile: saveProfile as unknown as jest.Mock,
  cloneProfile: cloneProfile as unknown as jest.Mock,
  deleteProfile: deleteProfile as unknown as jest.Mock,
  getDeployment: getDeployment as unknown as jest.Mock
};

const DEFAULT = {
  name: 'Default',
  label: 'Default',
  pageKeys: [],
  attendeeMode: 'Lead',
  ignoreGuests: false,
  skipContactCreation: false,
  checkExistingContact: true,
  createContactUnderAccount: false,
  createEvents: true,
  cancelAction: 'MarkCanceled',
  ownerStrategy: 'HostEmail',
  changeRecordOwner: false,
  relateTo: 'BookingPage',
  syncWindowDays: 30,
  syncWindowAheadDays: 60,
  skipInternalMeetings: true,
  formDefaultCompany: 'Website visitor',
  publishChanges: true,
  mappings: [{ name: 'M1', isActive: true }]
};

function flush(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- the test waits for the mocked Apex
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function mount(): Promise<HTMLElement> {
  const element = createElement('c-sync-profiles', { is: SyncProfiles });
  document.body.appendChild(element);
  await flush();
  return element;
}

function q<T = HTMLElement>(element: HTMLElement, selector: string): T {
  return element.shadowRoot!.querySelector(selector) as T;
}

function setInput(element: HTMLElement, name: string, detail: Record<string, unknown>): void {
  q(element, `[data-input="${name}"]`).dispatchEvent(new CustomEvent('change', { detail }));
}

function rowAction(element: HTMLElement, action: string, name: string): void {
  q(element, '[data-id="profiles"]').dispatchEvent(
    new CustomEvent('rowaction', { detail: { action: { name: action }, row: { name } } })
  );
}

describe('c-sync-profiles', () => {
  beforeEach(() => {
    mocks.getProfiles.mockResolvedValue([DEFAULT]);
    mocks.getDeployment.mockResolvedValue({ jobId: 'j', summary: 's', status: 'Queued', done: false, errors: [] });
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('lists the profiles with their page keys and mapping counts', async () => {
    const element = await mount();

    const table = q<HTMLElement & { data: { pageKeyText: string; mappingCount: number }[] }>(
      element,
      '[data-id="profiles"]'
    );
    expect(table.data[0].pageKeyText).toMatch(/fallback/);
    expect(table.data[0].mappingCount).toBe(1);
  });

  it('creates a profile with every setting of the table', async () => {
    mocks.saveProfile.mockResolvedValue({ jobId: '0Af000000000001AAA', problems: [] });
    const element = await mount();
    q<HTMLElement>(element, '[data-id="new-profile"]').click();
    await flush();

    const labels = Array.from(
      element.shadowRoot!.querySelectorAll<HTMLElement & { label: string }>('[data-input]')
    ).map((i) => i.label);
    expect(labels).toHaveLength(22);
    setInput(element, 'name', { value: 'Demo' });
    setInput(element, 'syncWindowDays', { value: '14' });
    setInput(element, 'syncWindowAheadDays', { value: '90' });
    q<HTMLInputElement>(element, '[data-input="skipInternalMeetings"]').dispatchEvent(
      new CustomEvent('change', { detail: { checked: true } })
    );
    setInput(element, 'attendeeMode', { value: 'Contact' });
    const ignore = q<HTMLInputElement>(element, '[data-input="ignoreGuests"]');
    ignore.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
    q<HTMLElement>(element, '[data-id="save-profile"]').click();
    await flush();

    const sent = mocks.saveProfile.mock.calls[0][0] as { profile: Record<string, unknown>; isNew: boolean };
    expect(sent.isNew).toBe(true);
    expect(sent.profile).toMatchObject({
      name: 'Demo',
      syncWindowDays: 14,
      syncWindowAheadDays: 90,
      skipInternalMeetings: true,
      attendeeMode: 'Contact',
      ignoreGuests: true
    });
    expect(q(element, '[data-id="profile-form"]')).toBeNull();
    expect(q<HTMLElement & { jobId: string }>(element, 'c-deployment-status').jobId).toBe('0Af000000000001AAA');
  });

  it('edits the form and chat defaults of a new Lead: shown from the profile, sent trimmed by the server', async () => {
    mocks.saveProfile.mockResolvedValue({ jobId: '0Af000000000003AAA', problems: [] });
    const element = await mount();

    rowAction(element, 'edit', 'Default');
    await flush();
    const company = q<HTMLElement & { value: string; label: string }>(element, '[data-input="formDefaultCompany"]');
    expect(company.label).toBe('Form Lead company');
    expect(company.value).toBe('Website visitor');
    expect(q<HTMLElement & { value: string }>(element, '[data-input="formDefaultFirstName"]').value).toBe('');
    setInput(element, 'formDefaultFirstName', { value: 'Chat' });
    setInput(element, 'formDefaultLastName', { value: 'Visitor' });
    q<HTMLElement>(element, '[data-id="save-profile"]').click();
    await flush();

    const sent = mocks.saveProfile.mock.calls[0][0] as { profile: Record<string, unknown>; isNew: boolean };
    expect(sent.isNew).toBe(false);
    expect(sent.profile).toMatchObject({
      name: 'Default',
      formDefaultFirstName: 'Chat',
      formDefaultLastName: 'Visitor',
      formDefaultCompany: 'Website visitor'
    });
  });

  it('turns publishing of Salesforce changes off for an existing profile', async () => {
    mocks.saveProfile.mockResolvedValue({ jobId: '0Af000000000004AAA', problems: [] });
    const element = await mount();
    rowAction(element, 'edit', 'Default');
    await flush();

    const publish = q<HTMLInputElement & { checked: boolean }>(element, '[data-input="publishChanges"]');
    expect(publish.checked).toBe(true);
    publish.dispatchEvent(new CustomEvent('change', { detail: { checked: false } }));
    q<HTMLElement>(element, '[data-id="save-profile"]').click();
    await flush();

    const sent = mocks.saveProfile.mock.calls[0][0] as { profile: Record<string, unknown>; isNew: boolean };
    expect(sent).toMatchObject({ isNew: false, profile: { name: 'Default', publishChanges: false } });
  });

  it('shows each problem next to its input', async () => {
    mocks.saveProfile.mockResolvedValue({
      problems: [
        { input: 'name', message: 'A sync profile named Default already exists.' },
        { input: 'syncWindowDays', message: 'Enter a whole number from 1 to 99999.' }
      ]
    });
    const element = await mount();
    q<HTMLElement>(element, '[data-id="new-profile"]').click();
    await flush();
    q<HTMLElement>(element, '[data-id="save-profile"]').click();
    await flush();

    expect(q(element, '[data-error="name"]').textContent).toBe('A sync profile named Default already exists.');
    expect(q(element, '[data-error="syncWindowDays"]').textContent).toContain('whole number');
    expect(q(element, '[data-id="profile-form"]')).not.toBeNull();
  });

  it('edits with the name locked, and clones under a new name', async () => {
    mocks.cloneProfile.mockResolvedValue({ jobId: '0Af000000000002AAA', problems: [] });
    const element = await mount();

    rowAction(element, 'edit', 'Default');
    await flush();
    expect(q<HTMLElement & { disabled: boolean }>(element, '[data-input="name"]').disabled).toBe(true);
    expect(q<HTMLElement & { value: number }>(element, '[data-input="syncWindowDays"]').value).toBe(30);
    expect(q<HTMLElement & { value: number }>(element, '[data-input="syncWindowAheadDays"]').value).toBe(60);
    expect(q<HTMLElement & { checked: boolean }>(element, '[data-input="skipInternalMeetings"]').checked).toBe(true);

    rowAction(element, 'clone', 'Default');
    await flush();
    expect(q(element, '[data-input="pageKeys"]')).toBeNull();
    setInput(element, 'name', { value: 'Webinars' });
    q<HTMLElement>(element, '[data-id="save-profile"]').click();
    await flush();
    expect(mocks.cloneProfile).toHaveBeenCalledWith({
      sourceName: 'Default',
      name: 'Webinars',
      label: 'Default (copy)'
    });
  });

  it('says why the Default profile cannot be deleted', async () => {
    mocks.deleteProfile.mockResolvedValue({
      problems: [{ input: 'name', message: 'The Default profile ships with the package … so it cannot be deleted.' }]
    });
    const element = await mount();
    const handler = jest.fn();
    element.addEventListener('lightning__showtoast', handler);

    rowAction(element, 'delete', 'Default');
    await flush();

    expect(mocks.deleteProfile).toHaveBeenCalledWith({ name: 'Default' });
    expect(handler.mock.calls[0][0].detail.message).toContain('cannot be deleted');
    expect(handler.mock.calls[0][0].detail.variant).toBe('error');
  });
});
