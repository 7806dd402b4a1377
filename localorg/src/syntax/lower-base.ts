import type { Pos } from './ast.js';
import { ApexSyntaxError, UnsupportedConstructError } from './diagnostics.js';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   apex-parser declares every child accessor as non-null although absent children return null at run time; this module
   reads the tree through `Ctx` and checks each child with has(), so the typed view would only add casts. */
export type Ctx = any;

export function posOf(ctx: Ctx): Pos {
  const t = ctx.start ?? ctx.symbol;
  return { line: t?.line ?? 0, col: (t?.column ?? 0) + 1 };
}

export const has = (x: unknown): boolean => x !== null && x !== undefined;

/** What every part of the lowering shares: the file, the lines that hold statements, and its syntax errors. */
export class LowererBase {
  protected lines = new Set<number>();
  constructor(readonly file: string) {}

  protected fail(ctx: Ctx, msg: string): never {
    const p = posOf(ctx);
    throw new ApexSyntaxError(this.file, p.line, p.col, msg);
  }
  protected unsupported(ctx: Ctx, construct: string): never {
    const p = posOf(ctx);
    throw new UnsupportedConstructError(this.file, p.line, p.col, construct);
  }
}
