/**
 * REST API versions as `/services/data` lists them. Each version maps to a release name three per year
 * (Spring, Summer, Winter), v62.0 being Winter '25 and v68.0 Winter '27 [mem].
 */
export const MIN_API_VERSION = 20;
export const MAX_API_VERSION = 68;

export interface ApiVersion {
  label: string;
  url: string;
  version: string;
}

export function releaseLabel(major: number): string {
  const season = ['Spring', 'Summer', 'Winter'][major % 3];
  const offset = [63, 64, 62][major % 3];
  const year = 25 + (major - offset) / 3;
  return `${season} '${String(year).padStart(2, '0')}`;
}

export function listVersions(): ApiVersion[] {
  const out: ApiVersion[] = [];
  for (let v = MIN_API_VERSION; v <= MAX_API_VERSION; v++) {
    out.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return out;
}

/** `v58.0` → `58.0` when localorg serves that version, else null. */
export function parseVersionSegment(segment: string): string | null {
  const m = /^v(\d{2})\.0$/.exec(segment);
  if (!m) return null;
  const major = Number(m[1]);
  return major >= MIN_API_VERSION && major <= MAX_API_VERSION ? `${major}.0` : null;
}
