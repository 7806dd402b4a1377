/**
 * Which access a frame's database operations run with, from the class that declares the running code:
 * `with sharing` / `without sharing` decide sharing; `inherited sharing` takes the caller's (with sharing at the
 * entry point); a class without a declaration gets with sharing from API version 67.0, and before that the caller's
 * (without sharing at an entry point; anonymous Apex runs with sharing; the platform's with-sharing default for
 * Aura entry points before 67.0 is not emulated).
 * From API 67.0, operations without an explicit access level also run in user mode for object and field
 * permissions. Triggers run without sharing in system mode. Sources in FIDELITY.md ("Sharing and user mode").
 */
import type { DataAccess } from './data-platform.js';
import type { Frame } from './scope.js';
import type { ClassInfo } from '../semantics/classes.js';

/** The API version whose defaults localorg applies to classes without a `-meta.xml` (the latest it knows). */
export const LATEST_API_VERSION = 68;
/** From this version, classes default to with sharing and operations to user mode. */
const SECURE_BY_DEFAULT = 67;

function outermost(cls: ClassInfo): ClassInfo {
  let c = cls;
  while (c.outer) c = c.outer;
  return c;
}

export function apiVersionOf(cls: ClassInfo): number {
  return outermost(cls).decl?.apiVersion ?? LATEST_API_VERSION;
}

function declared(cls: ClassInfo): 'with' | 'without' | 'inherited' | null {
  const mods = cls.decl?.modifiers;
  if (!mods) return null;
  if (mods.has('withsharing')) return 'with';
  if (mods.has('withoutsharing')) return 'without';
  if (mods.has('inheritedsharing')) return 'inherited';
  return null;
}

function isTrigger(frame: Frame): boolean {
  return frame.where.startsWith('Trigger.');
}

function isAnonymous(frame: Frame): boolean {
  return frame.where === 'AnonymousBlock';
}

/** Whether sharing applies in `stack[i]`; cached on the frame. */
export function frameSharing(stack: Frame[], i: number): boolean {
  const frame = stack[i];
  if (frame.sharing !== undefined) return frame.sharing;
  let sharing: boolean;
  if (isTrigger(frame)) sharing = false;
  else if (isAnonymous(frame)) sharing = true;
  else {
    const mode = declared(frame.cls);
    const caller = i > 0 ? frameSharing(stack, i - 1) : undefined;
    if (mode === 'with') sharing = true;
    else if (mode === 'without') sharing = false;
    else if (mode === 'inherited') sharing = caller ?? true;
    else if (apiVersionOf(frame.cls) >= SECURE_BY_DEFAULT) sharing = true;
    else sharing = caller ?? false;
  }
  frame.sharing = sharing;
  return sharing;
}

/** Whether operations without an explicit access level run in user mode in this frame. */
export function frameUserMode(frame: Frame): boolean {
  if (isTrigger(frame)) return false;
  if (isAnonymous(frame)) return true;
  return apiVersionOf(frame.cls) >= SECURE_BY_DEFAULT;
}

/**
 * The access of an operation in the innermost frame: `user` (WITH USER_MODE, `as user`, AccessLevel.USER_MODE)
 * enforces sharing and permissions; `system` keeps the frame's sharing only; null takes the frame's defaults.
 */
export function operationAccess(stack: Frame[], level: 'user' | 'system' | null): DataAccess {
  if (stack.length === 0) return { sharing: false, permissions: false };
  if (level === 'user') return { sharing: true, permissions: true };
  const top = stack.length - 1;
  const sharing = frameSharing(stack, top);
  return { sharing, permissions: level === 'system' ? false : frameUserMode(stack[top]) };
}
