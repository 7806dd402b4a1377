/**
 * `localorg run`: executes anonymous Apex in one transaction against a loaded project, committing on success and
 * rolling back on an uncaught exception, as `executeAnonymous` does.
 */
import fs from 'node:fs';
import { lowerAnonymousText } from '../syntax/lower.js';
import { describeFailure, type Failure } from '../runtime/failures.js';
import type { LoadedProject } from './project.js';

export function runAnonymousFile(project: LoadedProject, file: string, displayName = file): Failure | null {
  const text = fs.readFileSync(file, 'utf8');
  return runAnonymousText(project, text, displayName);
}

export function runAnonymousText(project: LoadedProject, text: string, file = 'anonymous.apex'): Failure | null {
  const { interp, platform } = project;
  let unit;
  try {
    unit = lowerAnonymousText(text, file);
  } catch (e) {
    return describeFailure(e, interp);
  }
  platform.beginTransaction();
  interp.resetCpuClock();
  try {
    const members = interp.registry.all.get('anonymousblock') ?? interp.addClass(unit.members);
    interp.link();
    interp.runAnonymous(unit.stmts, members, file);
    // Queued async work runs after the block, in its own transaction on the platform; here, before commit.
    for (let i = 0; i < interp.asyncQueue.length; i++) interp.asyncQueue[i]();
    interp.asyncQueue = [];
    platform.commitTransaction();
    return null;
  } catch (e) {
    platform.rollbackTransaction();
    return describeFailure(e, interp);
  }
}
