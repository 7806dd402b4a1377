/** Runs anonymous Apex (plus optional classes) on a fresh project and returns debug lines and the failure line. */
import { runAnonymousText } from '../../src/boot/anonymous.js';
import { failureLine } from '../../src/runtime/failures.js';
import { loadProject, type LoadedProject } from '../../src/boot/project.js';
import { lowerClassText, lowerTriggerText } from '../../src/syntax/lower.js';

export interface ApexRun {
  debug: string[];
  fatal: string | null;
  stack: string[];
  project: LoadedProject;
}

const FIXED_NOW = Date.UTC(2024, 0, 5, 13, 0, 0);

export function apex(body: string, classes: string[] = [], prepare?: (p: LoadedProject) => void): ApexRun {
  const debug: string[] = [];
  const project = loadProject({ sources: [], now: () => FIXED_NOW, debug: (line, level, msg) => debug.push(msg) });
  classes.forEach((c, i) => {
    if (c.startsWith('trigger ')) project.interp.addTrigger(lowerTriggerText(c, `T${i}.trigger`));
    else project.interp.addClass(lowerClassText(c, `C${i}.cls`));
  });
  project.interp.link();
  prepare?.(project);
  const f = runAnonymousText(project, body, 'test.apex');
  return { debug, fatal: f ? failureLine(f) : null, stack: f?.stack ?? [], project };
}

/** The debug output of a block that must not fail. */
export function out(body: string, classes: string[] = []): string[] {
  const r = apex(body, classes);
  if (r.fatal) throw new Error(`unexpected failure: ${r.fatal}\n${r.stack.join('\n')}`);
  return r.debug;
}
