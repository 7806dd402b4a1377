/**
 * The two usage headers every response carries: `Sforce-Limit-Info` as a real org sends it (daily API requests used
 * of the allowance) and `X-LocalOrg-Limits`, the governor usage of the request's own transaction, which a real org
 * only shows in debug logs.
 */
import type { LimitsSnapshot } from '../runtime/data-platform.js';

/** A Developer Edition org's daily API request allowance [mem]. */
export const DAILY_API_REQUESTS = 15000;

export const NO_USAGE: LimitsSnapshot = {
  queries: 0,
  queryRows: 0,
  dmlStatements: 0,
  dmlRows: 0,
  cpuTimeMs: 0,
  metadataQueries: 0,
  searches: 0
};

export function localOrgLimitsHeader(used: LimitsSnapshot, max: LimitsSnapshot): string {
  return [
    `soql=${used.queries}/${max.queries}`,
    `dml-statements=${used.dmlStatements}/${max.dmlStatements}`,
    `dml-rows=${used.dmlRows}/${max.dmlRows}`,
    `query-rows=${used.queryRows}/${max.queryRows}`,
    `cpu-ms=${Math.round(used.cpuTimeMs)}/${max.cpuTimeMs}`
  ].join('; ');
}

/** Parses {@link localOrgLimitsHeader} back into numbers, for clients and tests. */
export function parseLocalOrgLimits(header: string): Record<string, { used: number; max: number }> {
  const out: Record<string, { used: number; max: number }> = {};
  for (const part of header.split(';')) {
    const m = /^\s*([a-z-]+)=(\d+)\/(\d+)\s*$/.exec(part);
    if (m) out[m[1]] = { used: Number(m[2]), max: Number(m[3]) };
  }
  return out;
}

/** Counts API requests the way the org-wide allowance does: every authenticated call. */
export class ApiUsageCounter {
  private used = 0;
  constructor(readonly allowance = DAILY_API_REQUESTS) {}
  count(): void {
    this.used++;
  }
  header(): string {
    return `api-usage=${this.used}/${this.allowance}`;
  }
}
