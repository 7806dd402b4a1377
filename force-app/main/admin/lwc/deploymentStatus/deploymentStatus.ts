// Follows one settings deployment: asks the controller every second until Salesforce has called the package back,
// then shows success or each component's error and tells the parent (event `deploymentdone`, detail: the status).
import { LightningElement, api } from 'lwc';
import getDeployment from '@salesforce/apex/SyncSettingsController.getDeployment';
import type { Deployment } from '@salesforce/apex/SyncSettingsController.getDeployment';
import { deploymentText, errorMessage, type DeploymentText } from 'c/settingsModel';

/** How often the status is asked for while the deployment is queued. */
export const POLL_MS = 1000;

export default class DeploymentStatus extends LightningElement {
  deployment: Deployment | null = null;
  failure = '';
  private currentJob = '';
  private timer: ReturnType<typeof setTimeout> | null = null;

  @api
  get jobId(): string {
    return this.currentJob;
  }
  set jobId(value: string) {
    this.currentJob = value;
    this.deployment = null;
    this.failure = '';
    this.stop();
    if (value) this.poll();
  }

  get text(): DeploymentText {
    if (this.failure) return { label: this.failure, variant: 'error', errors: [] };
    return deploymentText(this.deployment);
  }

  get pending(): boolean {
    return !this.failure && !this.deployment?.done;
  }

  get hasErrors(): boolean {
    return this.text.errors.length > 0;
  }

  get boxClass(): string {
    const theme = { info: 'slds-theme_info', success: 'slds-theme_success', error: 'slds-theme_error' }[
      this.text.variant
    ];
    return `slds-box slds-box_small slds-is-relative slds-m-vertical_small ${theme}`;
  }

  disconnectedCallback(): void {
    this.stop();
  }

  private poll(): void {
    const job = this.currentJob;
    getDeployment({ jobId: job })
      .then((deployment) => {
        if (job !== this.currentJob) return;
        this.deployment = deployment;
        if (deployment.done) {
          this.dispatchEvent(new CustomEvent('deploymentdone', { detail: { status: deployment.status } }));
        } else {
          // eslint-disable-next-line @lwc/lwc/no-async-operation -- the deployment finishes on the server's schedule
          this.timer = setTimeout(() => this.poll(), POLL_MS);
        }
      })
      .catch((error: unknown) => {
        this.failure = errorMessage(error);
      });
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
