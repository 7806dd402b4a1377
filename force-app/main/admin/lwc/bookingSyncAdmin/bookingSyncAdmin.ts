// The Booking Sync admin app: outcome tiles, the sync log with filters and replay of rejected/failed changes; the
// Profiles, Mappings and Webhooks tabs are their own components (syncProfiles, fieldMappings, webhookSecrets).
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getLog from '@salesforce/apex/BookingSyncAdminController.getLog';
import replay from '@salesforce/apex/BookingSyncAdminController.replay';
import type { LogRow, OutcomeCount } from '@salesforce/apex/BookingSyncAdminController.getLog';
import { errorMessage } from 'c/settingsModel';
import { LOG_COLUMNS, isoDay, summarizeReplay, tilesOf, type Tile } from './adminView';

/** Days shown when the app opens: recent problems first, and a bounded query on a long log. */
const DEFAULT_DAYS = 7;

interface ValueEvent {
  detail: { value?: string };
}

interface SelectionEvent {
  detail: { selectedRows: LogRow[] };
}

export default class BookingSyncAdmin extends LightningElement {
  logColumns = LOG_COLUMNS;

  outcome = '';
  bookingUid = '';
  fromDate: string = isoDay(new Date(), DEFAULT_DAYS - 1);
  toDate = '';

  rows: LogRow[] = [];
  counts: OutcomeCount[] = [];
  truncated = false;
  selectedIds: string[] = [];
  logError = '';
  loading = false;
  replaying = false;

  connectedCallback(): void {
    // loadLog reports its own failures; this catch only satisfies the lifecycle hook's void signature.
    this.loadLog().catch((error: unknown) => {
      this.logError = errorMessage(error);
    });
  }

  get tiles(): Tile[] {
    return tilesOf(this.counts, this.outcome);
  }

  get outcomeOptions(): { label: string; value: string }[] {
    return [{ label: 'All outcomes', value: '' }, ...this.counts.map((c) => ({ label: c.outcome, value: c.outcome }))];
  }

  get hasRows(): boolean {
    return this.rows.length > 0;
  }

  get replayDisabled(): boolean {
    return this.selectedIds.length === 0 || this.replaying;
  }

  get replayLabel(): string {
    return this.selectedIds.length ? `Replay selected (${this.selectedIds.length})` : 'Replay selected';
  }

  async handleOutcomeChange(event: ValueEvent): Promise<void> {
    this.outcome = event.detail.value ?? '';
    await this.loadLog();
  }

  handleUidChange(event: ValueEvent): void {
    this.bookingUid = event.detail.value ?? '';
  }

  handleFromChange(event: ValueEvent): void {
    this.fromDate = event.detail.value ?? '';
  }

  handleToChange(event: ValueEvent): void {
    this.toDate = event.detail.value ?? '';
  }

  async handleTileClick(event: Event): Promise<void> {
    const outcome = (event.currentTarget as HTMLElement).dataset.outcome ?? '';
    // A second click on the selected tile clears the filter, as a toggle.
    this.outcome = this.outcome === outcome ? '' : outcome;
    await this.loadLog();
  }

  async handleApply(): Promise<void> {
    await this.loadLog();
  }

  handleRowSelection(event: SelectionEvent): void {
    this.selectedIds = event.detail.selectedRows.map((row) => row.Id);
  }

  async handleReplay(): Promise<void> {
    if (this.selectedIds.length === 0) return;
    this.replaying = true;
    try {
      const results = await replay({ logIds: [...this.selectedIds] });
      const summary = summarizeReplay(results);
      this.toast(summary.title, summary.message, summary.variant);
      this.selectedIds = [];
      await this.loadLog();
    } catch (error) {
      this.toast('Replay failed', errorMessage(error), 'error');
    } finally {
      this.replaying = false;
    }
  }

  async loadLog(): Promise<void> {
    this.loading = true;
    try {
      const page = await getLog({
        outcome: this.outcome || null,
        bookingUid: this.bookingUid.trim() || null,
        fromDate: this.fromDate || null,
        toDate: this.toDate || null
      });
      this.rows = page.rows;
      this.counts = page.counts;
      this.truncated = page.truncated;
      this.logError = '';
    } catch (error) {
      this.rows = [];
      this.logError = errorMessage(error);
    } finally {
      this.loading = false;
    }
  }

  private toast(title: string, message: string, variant: 'success' | 'warning' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
