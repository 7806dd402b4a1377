import { createElement } from 'lwc';
import DeploymentStatus from 'c/deploymentStatus';
import getDeployment from '@salesforce/apex/SyncSettingsController.getDeployment';

jest.mock('@salesforce/apex/SyncSettingsController.getDeployment', () => ({ default: jest.fn() }), { virtual: true });

const mockGetDeployment = getDeployment as unknown as jest.Mock;
const BASE = { jobId: '0Af000000000001AAA', summary: 'Create field mapping Event.Location of Default', errors: [] };

function flush(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- the test waits; the component itself polls
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function mount(jobId: string): HTMLElement & { jobId: string } {
  const element = createElement('c-deployment-status', { is: DeploymentStatus }) as HTMLElement & { jobId: string };
  element.jobId = jobId;
  document.body.appendChild(element);
  return element;
}

function text(element: HTMLElement, id: string): string {
  return element.shadowRoot!.querySelector(`[data-id="${id}"]`)?.textContent ?? '';
}

describe('c-deployment-status', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
    jest.clearAllMocks();
  });

  it('polls until the deployment is done, then reports success', async () => {
    jest.useFakeTimers();
    mockGetDeployment
      .mockResolvedValueOnce({ ...BASE, status: 'Queued', done: false })
      .mockResolvedValueOnce({ ...BASE, status: 'Succeeded', done: true });
    const element = mount(BASE.jobId);
    const done = jest.fn();
    element.addEventListener('deploymentdone', (e) => done((e as CustomEvent).detail));
    await Promise.resolve();
    await Promise.resolve();
    expect(text(element, 'deployment-label')).toMatch(/^Deploying/);
    expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();

    jest.advanceTimersByTime(1000);
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();

    expect(mockGetDeployment).toHaveBeenCalledTimes(2);
    expect(mockGetDeployment).toHaveBeenCalledWith({ jobId: BASE.jobId });
    expect(text(element, 'deployment-label')).toBe('Saved: Create field mapping Event.Location of Default.');
    expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
    expect(done).toHaveBeenCalledWith({ status: 'Succeeded' });
  });

  it('lists each component error of a failed deployment', async () => {
    mockGetDeployment.mockResolvedValue({
      ...BASE,
      status: 'Failed',
      done: true,
      errors: ['Field mapping Default_Event_Location: Value__c: too long.']
    });
    const element = mount(BASE.jobId);
    await flush();

    expect(text(element, 'deployment-label')).toMatch(/^Not saved \(Failed\)/);
    expect(text(element, 'deployment-errors')).toContain('Value__c: too long.');
    expect(element.shadowRoot!.querySelector('[data-id="deployment"]')!.className).toContain('slds-theme_error');
  });

  it('shows why the status cannot be read', async () => {
    mockGetDeployment.mockRejectedValue({ body: { message: 'You need the Booking Sync Admin permission set.' } });
    const element = mount(BASE.jobId);
    await flush();

    expect(text(element, 'deployment-label')).toBe('You need the Booking Sync Admin permission set.');
  });
});
