/**
 * What the stdlib's data-facing natives (describe, custom metadata, custom labels, Platform Cache, Security, metadata
 * deployment, `Test.getStandardPricebookId`, typed JSON into SObjects) read from the org beyond the runtime's
 * {@link DataPlatform} seam: the full schema and the record store. The composition root gives it to the library with
 * {@link standardLibrary}; a native reaches it through the library it runs in, never by casting `ctx.platform`.
 */
import type { CustomLabels } from '../data/custom-labels.js';
import type { PlatformCache } from '../data/platform-cache.js';
import type { Schema } from '../data/schema/schema.js';
import type { SeedResult } from '../data/seed.js';
import type { Store } from '../data/store.js';
import type { DataPlatform } from '../runtime/data-platform.js';
import { NativeServiceKey, type NativeContext } from '../runtime/natives.js';

export interface StdlibOrg {
  readonly schema: Schema;
  readonly store: Store;
  readonly seed: SeedResult;
  readonly customLabels: CustomLabels;
  readonly platformCache: PlatformCache;
}

/** A data platform that also offers the stdlib's view of it (what `createDataPlatform` returns). */
export type StdlibDataPlatform = DataPlatform & StdlibOrg;

export const DATA_ORG = new NativeServiceKey<StdlibOrg>('the data org');

/** The org behind a native call; a library built without one (a bare runtime) cannot describe or read records. */
export function orgOf(ctx: NativeContext): StdlibOrg {
  const org = ctx.natives.service(DATA_ORG);
  if (!org)
    throw new Error('this native needs the localorg data platform: build the library with standardLibrary(org)');
  return org;
}

/** The org's full schema when the library has an org (typed JSON then coerces SObject fields), else null. */
export function schemaOf(ctx: NativeContext): Schema | null {
  return ctx.natives.service(DATA_ORG)?.schema ?? null;
}
