// The Webhooks tab: per scheduler, whether a signing secret is set (never the secret: the server does not send it),
// and a form that replaces it.
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getWebhooks from '@salesforce/apex/SyncSettingsController.getWebhooks';
import saveWebhook from '@salesforce/apex/SyncSettingsController.saveWebhook';
import type { WebhookSource } from '@salesforce/apex/SyncSettingsController.getWebhooks';
import { errorMessage } from 'c/settingsModel';

interface SourceView extends WebhookSource {
  statusLabel: string;
  badgeClass: string;
  placeholder: string;
}

interface ValueEvent {
  target: HTMLElement;
  detail: { value?: string };
}

export default class WebhookSecrets extends LightningElement {
  sources: SourceView[] = [];
  loadError = '';
  private secrets: Record<string, string> = {};
  private tolerances: Record<string, string> = {};

  connectedCallback(): void {
    this.load().catch((error: unknown) => {
      this.loadError = errorMessage(error);
    });
  }

  async load(): Promise<void> {
    try {
      this.sources = (await getWebhooks()).map(viewOf);
      this.loadError = '';
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  handleSecretChange(event: ValueEvent): void {
    this.secrets[event.target.dataset.provider ?? ''] = event.detail.value ?? '';
  }

  handleToleranceChange(event: ValueEvent): void {
    this.tolerances[event.target.dataset.provider ?? ''] = event.detail.value ?? '';
  }

  async handleSave(event: Event): Promise<void> {
    const provider = (event.currentTarget as HTMLElement).dataset.provider ?? '';
    const source = this.sources.find((s) => s.provider === provider);
    const tolerance = this.tolerances[provider] ?? (source?.toleranceSeconds ? String(source.toleranceSeconds) : '');
    try {
      const saved = await saveWebhook({
        provider,
        secret: this.secrets[provider]?.trim() || null,
        toleranceSeconds: tolerance.trim() === '' ? null : Number(tolerance)
      });
      this.sources = this.sources.map((s) => (s.provider === provider ? viewOf(saved) : s));
      this.secrets[provider] = '';
      this.clearSecretInput(provider);
      this.dispatchEvent(
        new ShowToastEvent({
          title: `${saved.label} webhook saved`,
          message: 'Signing secret set.',
          variant: 'success'
        })
      );
    } catch (error) {
      this.dispatchEvent(new ShowToastEvent({ title: 'Not saved', message: errorMessage(error), variant: 'error' }));
    }
  }

  private clearSecretInput(provider: string): void {
    const input = this.template?.querySelector<HTMLInputElement>(`[data-id="secret"][data-provider="${provider}"]`);
    if (input) input.value = '';
  }
}

function viewOf(source: WebhookSource): SourceView {
  return {
    ...source,
    statusLabel: source.secretSet ? 'Secret set' : 'Not set',
    badgeClass: source.secretSet ? 'slds-theme_success' : 'slds-theme_warning',
    placeholder: source.secretSet ? 'Enter a new secret to replace the current one' : 'Paste the signing secret'
  };
}
