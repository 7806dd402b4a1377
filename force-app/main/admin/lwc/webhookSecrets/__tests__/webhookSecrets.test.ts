import { createElement } from 'lwc';
import WebhookSecrets from 'c/webhookSecrets';
import getWebhooks from '@salesforce/apex/SyncSettingsController.getWebhooks';
import saveWebhook from '@salesforce/apex/SyncSettingsController.saveWebhook';

jest.mock('@salesforce/apex/SyncSettingsController.getWebhooks', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SyncSettingsController.saveWebhook', () => ({ default: jest.fn() }), { virtual: true });

const mockGet = getWebhooks as unknown as jest.Mock;
const mockSave = saveWebhook as unknown as jest.Mock;
const path = (p: string) => `/services/apexrest/booking-sync/v1/webhooks/${p}`;
const SOURCES = [
  { provider: 'calcom', label: 'Cal.com', secretSet: false, path: path('calcom') },
  { provider: 'calendly', label: 'Calendly', secretSet: true, toleranceSeconds: 180, path: path('calendly') },
  { provider: 'oncehub', label: 'OnceHub', secretSet: false, path: path('oncehub') }
];

function flush(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation -- the test waits for the mocked Apex
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function mount(): Promise<HTMLElement> {
  const element = createElement('c-webhook-secrets', { is: WebhookSecrets });
  document.body.appendChild(element);
  await flush();
  return element;
}

function inProvider(element: HTMLElement, id: string, provider: string): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"][data-provider="${provider}"]`)!;
}

describe('c-webhook-secrets', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows whether each provider has a secret, never a secret', async () => {
    mockGet.mockResolvedValue(SOURCES);
    const element = await mount();

    const badges = Array.from(
      element.shadowRoot!.querySelectorAll<HTMLElement & { label: string }>('[data-id="webhook-status"]')
    );
    expect(badges.map((b) => b.label)).toEqual(['Not set', 'Secret set', 'Not set']);
    expect(element.shadowRoot!.textContent).toContain(path('calendly'));
  });

  it('saves a new secret and shows it as set', async () => {
    mockGet.mockResolvedValue(SOURCES);
    mockSave.mockResolvedValue({ ...SOURCES[0], secretSet: true });
    const element = await mount();
    const handler = jest.fn();
    element.addEventListener('lightning__showtoast', handler);

    inProvider(element, 'secret', 'calcom').dispatchEvent(new CustomEvent('change', { detail: { value: ' whsec ' } }));
    inProvider(element, 'save-webhook', 'calcom').click();
    await flush();

    expect(mockSave).toHaveBeenCalledWith({ provider: 'calcom', secret: 'whsec', toleranceSeconds: null });
    expect((inProvider(element, 'secret', 'calcom') as HTMLInputElement).value).toBe('');
    const badges = Array.from(
      element.shadowRoot!.querySelectorAll<HTMLElement & { label: string }>('[data-id="webhook-status"]')
    );
    expect(badges[0].label).toBe('Secret set');
    expect(handler.mock.calls[0][0].detail.variant).toBe('success');
  });

  it('keeps the current tolerance and reports a refusal', async () => {
    mockGet.mockResolvedValue(SOURCES);
    mockSave.mockRejectedValue({ body: { message: 'Enter the signing secret Calendly shows.' } });
    const element = await mount();
    const handler = jest.fn();
    element.addEventListener('lightning__showtoast', handler);

    inProvider(element, 'save-webhook', 'calendly').click();
    await flush();

    expect(mockSave).toHaveBeenCalledWith({ provider: 'calendly', secret: null, toleranceSeconds: 180 });
    expect(handler.mock.calls[0][0].detail.message).toBe('Enter the signing secret Calendly shows.');
  });

  it('shows why the providers cannot be read', async () => {
    mockGet.mockRejectedValue({ body: { message: 'You need the Booking Sync Admin permission set.' } });
    const element = await mount();

    expect(element.shadowRoot!.querySelector('[data-id="webhooks-error"]')!.textContent).toBe(
      'You need the Booking Sync Admin permission set.'
    );
  });
});
