import { createElement } from 'lwc';
import FieldMappings from 'c/fieldMappings';
import getProfiles from '@salesforce/apex/SyncSettingsController.getProfiles';
import getFields from '@salesforce/apex/SyncSettingsController.getFields';
import getTokens from '@salesforce/apex/SyncSettingsController.getTokens';
import saveMapping from '@salesforce/apex/SyncSettingsController.saveMapping';
import deleteMapping from '@salesforce/apex/SyncSettingsController.deleteMapping';
import tryIt from '@salesforce/apex/SyncSettingsController.tryIt';
import getDeployment from '@salesforce/apex/SyncSettingsController.getDeployment';

jest.mock('@salesforce/apex/SyncSettingsController.getProfiles', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.getFields', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.getTokens', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.saveMapping', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.deleteMapping', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.tryIt', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.getDeployment', () => ({ default: jest.fn() }), { virtual: true });

const mocks = {
  getProfiles: getProfiles as unknown as jest.Mock,
  getFields: getFields as unknown as jest.Mock,
  getTokens: getTokens as unknown as jest.Mock,
  saveMapping: saveMapping as unknown as jest.Mock,
  deleteMapping: deleteMapping as unknown as jest.Mock,
  tryIt: tryIt as unknown as jest.Mock,
  getDeployment: getDeployment as unknown as jest.Mock
};

const MAPPING = {
  name: 'Default_Event_Location',
  targetObject: 'Event',
  targetField: 'Location',
  value: 'Room {answers.topic}',
  phase: 'booking',
  writeWhen: 'OnlyIfEmpty',
  isActive: true
};
const PROFILES = [
  { name: 'Default', label: 'Default', pageKeys: [], mappings: [MAPPING] },
  { name: 'Intro', label: 'Intro calls', pageKeys: ['intro-call'], mappings: [] }
];

function flush(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- the test waits for the mocked Apex
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function mount(): Promise<HTMLElement> {
  const element = createElement('c-field-mappings', { is: FieldMappings });
  document.body.appendChild(element);
  await flush();
  return element;
}

function byData<T = HTMLElement>(element: HTMLElement, selector: string): T {
  return element.shadowRoot!.querySelector(selector) as T;
}

function change(target: Element, detail: Record<string, unknown>): void {
  target.dispatchEvent(new CustomEvent('change', { detail }));
}

async function openNew(element: HTMLElement): Promise<void> {
  byData<HTMLElement>(element, '[data-id="new-mapping"]').click();
  await flush();
}

describe('c-field-mappings', () => {
  beforeEach(() => {
    mocks.getProfiles.mockResolvedValue(PROFILES);
    mocks.getFields.mockResolvedValue([
      { label: 'Location (Location)', value: 'Location', kind: 'string' },
      { label: 'Attendee no-show (AttendeeNoShow__c)', value: 'AttendeeNoShow__c', kind: 'boolean' }
    ]);
    mocks.getTokens.mockResolvedValue([
      { label: '{booking.uid}', value: '{booking.uid}', kind: 'text' },
      { label: '{attendee.email}', value: '{attendee.email}', kind: 'text' }
    ]);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('lists the chosen profile mappings with when they apply', async () => {
    const element = await mount();

    const table = byData<HTMLElement & { data: { when: string; onlyIfEmpty: boolean }[] }>(
      element,
      '[data-id="mappings"]'
    );
    expect(table.data).toHaveLength(1);
    expect(table.data[0].when).toBe('New booking');
    expect(table.data[0].onlyIfEmpty).toBe(true);

    change(byData(element, '[data-id="profile"]'), { value: 'Intro' });
    await flush();
    expect(byData(element, '[data-id="no-mappings"]')).not.toBeNull();
  });

  it('offers fields from describe for the object and phase, and tokens to insert', async () => {
    const element = await mount();
    await openNew(element);

    expect(mocks.getFields).toHaveBeenCalledWith({ objectName: 'Event', phase: 'booking' });
    const field = byData<HTMLElement & { options: unknown[] }>(element, '[data-input="field"]');
    expect(field.options).toHaveLength(2);

    change(byData(element, '[data-input="object"]'), { value: 'Lead' });
    await flush();
    expect(mocks.getFields).toHaveBeenLastCalledWith({ objectName: 'Lead', phase: 'contact-create' });
    const phase = byData<HTMLElement & { value: string; options: { value: string }[] }>(
      element,
      '[data-input="phase"]'
    );
    expect(phase.options.map((o) => o.value)).toEqual([
      'contact-create',
      'contact-update',
      'cancel',
      'form-create',
      'form-update'
    ]);
    change(phase, { value: 'form-create' });
    await flush();
    expect(mocks.getFields).toHaveBeenLastCalledWith({ objectName: 'Lead', phase: 'form-create' });
    change(phase, { value: 'contact-create' });
    await flush();

    change(byData(element, '[data-input="value"]'), { value: 'From' });
    change(byData(element, '[data-id="token"]'), { value: '{attendee.email}' });
    await flush();
    expect(byData<HTMLElement & { value: string }>(element, '[data-input="value"]').value).toBe(
      'From {attendee.email}'
    );
  });

  it('shows the type error of an incompatible mapping next to the value and deploys nothing', async () => {
    mocks.saveMapping.mockResolvedValue({
      problems: [{ input: 'value', message: '"maybe" is not true or false, but Attendee no-show is a checkbox.' }]
    });
    const element = await mount();
    await openNew(element);
    change(byData(element, '[data-input="field"]'), { value: 'AttendeeNoShow__c' });
    change(byData(element, '[data-input="value"]'), { value: 'maybe' });
    change(byData(element, '[data-input="onlyIfEmpty"]'), { checked: true });

    byData<HTMLElement>(element, '[data-id="save-mapping"]').click();
    await flush();

    expect(mocks.saveMapping).toHaveBeenCalledWith({
      mapping: {
        name: null,
        profileName: 'Default',
        targetObject: 'Event',
        targetField: 'AttendeeNoShow__c',
        value: 'maybe',
        onlyIfEmpty: true,
        phase: 'booking',
        isActive: true
      }
    });
    expect(byData(element, '[data-error="value"]').textContent).toContain('is a checkbox');
    expect(byData(element, '[data-input="value"]').parentElement!.className).toContain('slds-has-error');
    expect(byData(element, 'c-deployment-status')).toBeNull();
  });

  it('saves a valid mapping, follows the deployment and reloads when it is done', async () => {
    mocks.saveMapping.mockResolvedValue({ jobId: '0Af000000000001AAA', problems: [] });
    mocks.getDeployment.mockResolvedValue({
      jobId: '0Af000000000001AAA',
      summary: 'Create field mapping Event.Location of Default',
      status: 'Succeeded',
      done: true,
      errors: []
    });
    const element = await mount();
    await openNew(element);
    change(byData(element, '[data-input="field"]'), { value: 'Location' });
    change(byData(element, '[data-input="value"]'), { value: 'Room 4' });

    byData<HTMLElement>(element, '[data-id="save-mapping"]').click();
    await flush();
    await flush();

    expect(byData(element, '[data-id="mapping-form"]')).toBeNull();
    const status = byData<HTMLElement & { jobId: string }>(element, 'c-deployment-status');
    expect(status.jobId).toBe('0Af000000000001AAA');
    expect(mocks.getProfiles).toHaveBeenCalledTimes(2);
  });

  it('edits and deletes from the row actions', async () => {
    mocks.deleteMapping.mockResolvedValue({ jobId: '0Af000000000002AAA', problems: [] });
    mocks.getDeployment.mockResolvedValue({ jobId: 'x', summary: 's', status: 'Queued', done: false, errors: [] });
    const element = await mount();
    const table = byData(element, '[data-id="mappings"]');

    table.dispatchEvent(
      new CustomEvent('rowaction', { detail: { action: { name: 'edit' }, row: { name: MAPPING.name } } })
    );
    await flush();
    expect(byData<HTMLElement & { value: string }>(element, '[data-input="value"]').value).toBe('Room {answers.topic}');
    expect(byData(element, 'h3').textContent).toBe('Edit mapping Default_Event_Location');

    table.dispatchEvent(
      new CustomEvent('rowaction', { detail: { action: { name: 'delete' }, row: { name: MAPPING.name } } })
    );
    await flush();
    expect(mocks.deleteMapping).toHaveBeenCalledWith({ name: MAPPING.name });
  });

  it('tries the profile on a sample booking and shows what each field would get', async () => {
    mocks.tryIt.mockResolvedValue([
      { mapping: MAPPING.name, target: 'Event.Location', phase: 'booking', value: 'Room pricing', ok: true }
    ]);
    const element = await mount();
    byData<HTMLElement>(element, '[data-id="open-try"]').click();
    await flush();

    expect(mocks.tryIt).toHaveBeenCalledTimes(1);
    expect(mocks.tryIt).toHaveBeenCalledWith({ profileName: 'Default', payload: null, logId: null });
    const results = byData<HTMLElement & { data: { value: string; when: string }[] }>(
      element,
      '[data-id="try-results"]'
    );
    expect(results.data[0].value).toBe('Room pricing');
    expect(results.data[0].when).toBe('New booking');
  });

  it('explains a booking that cannot be read, and tries a sync log row by its Id', async () => {
    mocks.tryIt.mockRejectedValue({ body: { message: 'The booking cannot be read: id is required.' } });
    const element = await mount();
    byData<HTMLElement>(element, '[data-id="open-try"]').click();
    await flush();
    change(byData(element, '[data-id="try-payload"]'), { value: '{"id": 1}' });
    byData<HTMLElement>(element, '[data-id="run-try"]').click();
    await flush();

    expect(mocks.tryIt).toHaveBeenCalledWith({ profileName: 'Default', payload: '{"id": 1}', logId: null });

    change(byData(element, '[data-id="try-payload"]'), { value: '' });
    change(byData(element, '[data-id="try-log"]'), { value: ' a01000000000001AAA ' });
    byData<HTMLElement>(element, '[data-id="run-try"]').click();
    await flush();
    expect(mocks.tryIt).toHaveBeenLastCalledWith({
      profileName: 'Default',
      payload: null,
      logId: 'a01000000000001AAA'
    });
    expect(byData(element, '[data-id="try-error"]').textContent).toBe('The booking cannot be read: id is required.');
  });
});
