/**
 * Line coverage per class and trigger: the lines holding executable statements (collected when lowering) against
 * the lines the interpreter executed. Test classes are excluded, as on the platform.
 */
import type { LoadedProject } from '../boot/project.js';

export interface CoverageEntry {
  name: string;
  file: string;
  covered: number;
  total: number;
  percent: number;
  uncoveredLines: number[];
}

export interface CoverageReport {
  entries: CoverageEntry[];
  covered: number;
  total: number;
  percent: number;
}

export function computeCoverage(project: LoadedProject): CoverageReport {
  const hits = project.interp.coverage ?? new Map<string, Set<number>>();
  const entries: CoverageEntry[] = [];
  const add = (name: string, file: string, lines: number[]) => {
    if (lines.length === 0) return;
    const seen = hits.get(file) ?? new Set<number>();
    const uncovered = lines.filter((l) => !seen.has(l));
    const covered = lines.length - uncovered.length;
    entries.push({
      name,
      file,
      covered,
      total: lines.length,
      percent: pct(covered, lines.length),
      uncoveredLines: uncovered
    });
  };
  for (const c of project.classes) {
    if (c.annotations.some((a) => a.name === 'istest')) continue;
    add(c.display, c.file, c.lines);
  }
  for (const t of project.triggers) add(t.display, t.file, t.lines);
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const covered = entries.reduce((s, e) => s + e.covered, 0);
  const total = entries.reduce((s, e) => s + e.total, 0);
  return { entries, covered, total, percent: pct(covered, total) };
}

function pct(a: number, b: number): number {
  return b === 0 ? 100 : Math.round((a / b) * 1000) / 10;
}
