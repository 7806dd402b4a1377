/**
 * Test helpers for the data platform: an org over the fixture project, SOQL by text with named binds, records built
 * by hand, and a fake TriggerHost that runs TypeScript handlers in place of Apex triggers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverSources } from '../../src/syntax/sources.js';
import { createDataPlatform, parseSoqlText, type DataPlatformOptions, type LocalOrg } from '../../src/data/index.js';
import type { DmlOptions, TriggerEventName, TriggerHost, TriggerInvocation } from '../../src/runtime/data-platform.js';
import type { NativeLibrary } from '../../src/runtime/natives.js';
import { standardLibrary } from '../../src/stdlib/index.js';
import { ApexDatetime, ApexList, SObject, type Value } from '../../src/values/values.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURE = path.join(here, '..', 'fixtures', 'data', 'basic');
export const REPO_ROOT = path.join(here, '..', '..', '..');

/** 2024-03-15T17:00:00Z: a Friday, 10:00 in Los Angeles. */
export const FIXED_NOW = Date.UTC(2024, 2, 15, 17, 0, 0);

export function newOrg(options: DataPlatformOptions = {}): LocalOrg {
  return createDataPlatform(discoverSources(FIXTURE), { now: () => FIXED_NOW, ...options });
}

const libraries = new WeakMap<LocalOrg, NativeLibrary>();

/** The standard library wired to this org (as the composition root wires it), one per org. */
export function libraryFor(org: LocalOrg): NativeLibrary {
  let library = libraries.get(org);
  if (!library) libraries.set(org, (library = standardLibrary(org)));
  return library;
}

/** Runs SOQL text; `:name` binds are looked up in `binds` by their source text. */
export function q(org: LocalOrg, soql: string, binds: Record<string, Value> = {}): Value {
  const query = parseSoqlText(soql, (ctx) => (ctx as { getText(): string }).getText());
  return org.query(query, (expr) => {
    const name = expr as string;
    if (!(name in binds)) throw new Error(`test bind ${name} not given`);
    return binds[name];
  });
}

export function rows(org: LocalOrg, soql: string, binds: Record<string, Value> = {}): SObject[] {
  const r = q(org, soql, binds);
  if (!(r instanceof ApexList)) throw new Error(`expected a list from ${soql}`);
  return r.items as SObject[];
}

export function rec(type: string, fields: Record<string, Value> = {}): SObject {
  const o = new SObject(type);
  for (const [k, v] of Object.entries(fields)) o.set(k, v);
  return o;
}

export const ALL_OR_NONE: DmlOptions = { allOrNone: true };
export const PARTIAL: DmlOptions = { allOrNone: false };

export function insert(org: LocalOrg, ...records: SObject[]): SObject[] {
  org.dml('insert', records, ALL_OR_NONE);
  return records;
}

export function dt(iso: string): ApexDatetime {
  return new ApexDatetime(Date.parse(iso));
}

type Handler = (inv: TriggerInvocation) => void;

/** Stands in for the interpreter: handlers keyed by `Object:before insert`. */
export class FakeTriggers implements TriggerHost {
  readonly calls: { object: string; event: TriggerEventName; size: number }[] = [];
  private readonly handlers = new Map<string, Handler[]>();
  on(object: string, event: TriggerEventName, h: Handler): this {
    const k = `${object.toLowerCase()}:${event}`;
    this.handlers.set(k, [...(this.handlers.get(k) ?? []), h]);
    return this;
  }
  hasTriggers(sobjectType: string, event: TriggerEventName): boolean {
    return this.handlers.has(`${sobjectType.toLowerCase()}:${event}`);
  }
  fire(inv: TriggerInvocation): void {
    this.calls.push({
      object: inv.sobjectType,
      event: inv.event,
      size: (inv.newRecords ?? inv.oldRecords ?? []).length
    });
    for (const h of this.handlers.get(`${inv.sobjectType.toLowerCase()}:${inv.event}`) ?? []) h(inv);
  }
}
