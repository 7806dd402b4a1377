// Pure helpers of the sync log tab: table columns, replay summaries, error text. Kept out of the component so the rules
// read without the LWC plumbing around them.
import type { OutcomeCount } from '@salesforce/apex/BookingSyncAdminController.getLog';
import type { ReplayResult } from '@salesforce/apex/BookingSyncAdminController.replay';

export interface Column {
  label: string;
  fieldName: string;
  type?: string;
  initialWidth?: number;
  wrapText?: boolean;
  typeAttributes?: Record<string, unknown>;
}

export const LOG_COLUMNS: Column[] = [
  {
    label: 'Logged',
    fieldName: 'CreatedDate',
    type: 'date',
    initialWidth: 170,
    typeAttributes: { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' }
  },
  { label: 'Outcome', fieldName: 'Outcome__c', initialWidth: 110 },
  { label: 'Change id', fieldName: 'ChangeId__c' },
  { label: 'Booking uid', fieldName: 'BookingUid__c' },
  { label: 'Type', fieldName: 'ChangeType__c', initialWidth: 110 },
  { label: 'Source', fieldName: 'Source__c', initialWidth: 100 },
  { label: 'Error code', fieldName: 'ErrorCode__c' },
  { label: 'Error message', fieldName: 'ErrorMessage__c', wrapText: true },
  { label: 'Attempts', fieldName: 'Attempts__c', type: 'number', initialWidth: 95 }
];

/** Outcomes an admin may want to replay: the engine kept their payload. */
export const REPLAYABLE = new Set(['rejected', 'failed']);

export interface Tile {
  outcome: string;
  count: number;
  className: string;
}

export function tilesOf(counts: OutcomeCount[], selected: string): Tile[] {
  return counts.map(({ outcome, count }) => ({
    outcome,
    count,
    className: [
      'tile slds-box slds-box_x-small slds-text-align_center',
      REPLAYABLE.has(outcome) && count > 0 ? 'tile_attention' : '',
      outcome === selected ? 'tile_selected' : ''
    ]
      .filter(Boolean)
      .join(' ')
  }));
}

export interface ReplaySummary {
  title: string;
  message: string;
  variant: 'success' | 'warning' | 'error';
}

/** One toast for a whole replay: how many went through, failed again, or could not be sent. */
export function summarizeReplay(results: ReplayResult[]): ReplaySummary {
  const through = results.filter((r) => r.outcome !== undefined && !REPLAYABLE.has(r.outcome));
  const again = results.filter((r) => r.outcome !== undefined && REPLAYABLE.has(r.outcome));
  const skipped = results.filter((r) => r.outcome === undefined);
  const parts = [`${through.length} of ${results.length} went through`];
  if (again.length) parts.push(`${again.length} ${again.length === 1 ? 'was' : 'were'} ${describe(again)}`);
  if (skipped.length) parts.push(`${skipped.length} not replayed: ${describe(skipped)}`);
  const variant = through.length === results.length ? 'success' : through.length === 0 ? 'error' : 'warning';
  return { title: 'Replay finished', message: parts.join('; ') + '.', variant };
}

// "failed again (ROW_LOCK: …)" style detail: the first problem is enough for a toast; the table shows the rest.
function describe(results: ReplayResult[]): string {
  const first = results[0];
  const what = first.outcome ? `${first.outcome} again` : (first.errorCode ?? 'skipped');
  const detail = first.message ? `: ${first.message}` : '';
  return first.outcome ? `${what} (${first.errorCode ?? 'no code'}${detail})` : `${what}${detail}`;
}

/** ISO date (YYYY-MM-DD) of the local day `days` before `today`. */
export function isoDay(today: Date, days = 0): string {
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() - days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}
