/**
 * The org's Platform Cache: the partitions the project declares in `cachePartitions/*.cachePartition-meta.xml` (name,
 * default flag, capacity per cache type) and the values Apex put in them, in two scopes — the org cache, and the
 * session cache of localorg's one session. Values are copied on the way in and out, as the platform serialises them;
 * entries expire after their time-to-live on the org's clock. The cache is not part of a database transaction (a
 * rollback keeps it); the test runner's snapshots cover it, so every test method sees the cache as it was before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApexList, ApexMap, ApexObject, ApexSet, SObject, type Value } from '../values/values.js';
import type { SourceFile } from '../syntax/sources.js';

export type CacheScope = 'org' | 'session';

/** One `PlatformCachePartition` as deployed: capacities in MB, by cache type. */
export interface CachePartitionDef {
  /** DeveloperName: the file name without `.cachePartition-meta.xml`. */
  name: string;
  label: string;
  isDefault: boolean;
  capacityMb: Record<CacheScope, number>;
  /** Capacity per type as the metadata lists it (Organization / Session), for the setup records. */
  types: { cacheType: string; allocated: number; partner: number; purchased: number; trial: number }[];
}

interface Entry {
  value: Value;
  expiresAt: number;
}

interface PartitionStats {
  gets: number;
  misses: number;
}

interface CacheState {
  entries: Record<CacheScope, Map<string, Map<string, Entry>>>;
  stats: Map<string, PartitionStats>;
}

const CACHE_TYPES: Record<string, CacheScope> = { organization: 'org', session: 'session' };

const tag = (xml: string, name: string) => new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1] ?? '';

/** The partitions of `cachePartitions/*.cachePartition-meta.xml` among the project's other files. */
export function loadCachePartitions(files: SourceFile[]): CachePartitionDef[] {
  const out: CachePartitionDef[] = [];
  for (const file of files) {
    const base = path.basename(file.path);
    if (!base.endsWith('.cachePartition-meta.xml') || path.basename(path.dirname(file.path)) !== 'cachePartitions')
      continue;
    const xml = fs.readFileSync(file.path, 'utf8');
    const name = base.slice(0, -'.cachePartition-meta.xml'.length);
    const def: CachePartitionDef = {
      name,
      label: tag(xml, 'masterLabel') || name,
      isDefault: tag(xml, 'isDefaultPartition') === 'true',
      capacityMb: { org: 0, session: 0 },
      types: []
    };
    for (const [, body] of xml.matchAll(/<platformCachePartitionTypes>([\s\S]*?)<\/platformCachePartitionTypes>/g)) {
      const num = (n: string) => Number(tag(body, n)) || 0;
      const type = {
        cacheType: tag(body, 'cacheType'),
        allocated: num('allocatedCapacity'),
        partner: num('allocatedPartnerCapacity'),
        purchased: num('allocatedPurchasedCapacity'),
        trial: num('allocatedTrialCapacity')
      };
      def.types.push(type);
      const scope = CACHE_TYPES[type.cacheType.toLowerCase()];
      if (scope) def.capacityMb[scope] += type.allocated + type.partner + type.purchased + type.trial;
    }
    out.push(def);
  }
  return out;
}

/** A copy of a cached value: collections, records and objects are copied deeply; immutable values are shared. */
export function copyCachedValue(v: Value): Value {
  if (v instanceof ApexList) return new ApexList(v.elementType, v.items.map(copyCachedValue));
  if (v instanceof ApexSet) {
    const s = new ApexSet(v.elementType);
    for (const x of v.values()) s.add(copyCachedValue(x));
    return s;
  }
  if (v instanceof ApexMap) {
    const m = new ApexMap(v.keyType, v.valueType);
    for (const [k, x] of v.entries.values()) m.put(k, copyCachedValue(x));
    return m;
  }
  if (v instanceof SObject) {
    const r = new SObject(v.type);
    for (const [k, x] of v.fields) r.set(v.names.get(k) ?? k, copyCachedValue(x));
    r.queried = v.queried ? new Set(v.queried) : null;
    return r;
  }
  if (v instanceof ApexObject && !v.cls.isSubtypeOf('system.exception')) {
    const o = new ApexObject(v.cls);
    for (const [k, x] of v.fields) o.fields.set(k, copyCachedValue(x));
    o.native = { ...v.native };
    return o;
  }
  return v;
}

export class PlatformCache {
  private state: CacheState = emptyState();

  constructor(
    readonly partitions: CachePartitionDef[],
    private readonly clock: () => number
  ) {}

  /** The partition named (any case), or undefined. */
  partition(name: string): CachePartitionDef | undefined {
    const lower = name.toLowerCase();
    return this.partitions.find((p) => p.name.toLowerCase() === lower);
  }

  get defaultPartition(): CachePartitionDef | undefined {
    return this.partitions.find((p) => p.isDefault);
  }

  /** The live entries of a partition, expired ones dropped. */
  private live(scope: CacheScope, partition: string): Map<string, Entry> {
    const byPartition = this.state.entries[scope];
    const lower = partition.toLowerCase();
    let entries = byPartition.get(lower);
    if (!entries) byPartition.set(lower, (entries = new Map<string, Entry>()));
    const now = this.clock();
    for (const [k, e] of entries) if (e.expiresAt <= now) entries.delete(k);
    return entries;
  }

  private stats(scope: CacheScope, partition: string): PartitionStats {
    const key = `${scope}:${partition.toLowerCase()}`;
    let s = this.state.stats.get(key);
    if (!s) this.state.stats.set(key, (s = { gets: 0, misses: 0 }));
    return s;
  }

  /** Whether the partition has capacity for this cache type: without it, puts store nothing and gets miss. */
  hasCapacity(scope: CacheScope, partition: string): boolean {
    return (this.partition(partition)?.capacityMb[scope] ?? 0) > 0;
  }

  get(scope: CacheScope, partition: string, key: string): Value {
    const stats = this.stats(scope, partition);
    stats.gets++;
    const e = this.live(scope, partition).get(key);
    if (!e) {
      stats.misses++;
      return null;
    }
    return copyCachedValue(e.value);
  }

  contains(scope: CacheScope, partition: string, key: string): boolean {
    return this.live(scope, partition).has(key);
  }

  put(scope: CacheScope, partition: string, key: string, value: Value, ttlSecs: number): void {
    if (!this.hasCapacity(scope, partition)) return;
    this.live(scope, partition).set(key, { value: copyCachedValue(value), expiresAt: this.clock() + ttlSecs * 1000 });
  }

  remove(scope: CacheScope, partition: string, key: string): boolean {
    return this.live(scope, partition).delete(key);
  }

  keys(scope: CacheScope, partition: string): string[] {
    return [...this.live(scope, partition).keys()];
  }

  /** The values of a partition, for size estimates. */
  values(scope: CacheScope, partition: string): Value[] {
    return [...this.live(scope, partition).values()].map((e) => e.value);
  }

  /** Share of gets that found nothing, 0 before any get. */
  missRate(scope: CacheScope, partition: string): number {
    const s = this.stats(scope, partition);
    return s.gets === 0 ? 0 : s.misses / s.gets;
  }

  snapshot(): unknown {
    return cloneState(this.state);
  }

  restore(snapshot: unknown): void {
    this.state = cloneState(snapshot as CacheState);
  }

  /** Empties both scopes (a test run starts with an empty cache). */
  clear(): void {
    this.state = emptyState();
  }
}

function emptyState(): CacheState {
  return { entries: { org: new Map(), session: new Map() }, stats: new Map() };
}

function cloneState(s: CacheState): CacheState {
  const scope = (m: Map<string, Map<string, Entry>>) => new Map([...m].map(([k, v]) => [k, new Map(v)]));
  return {
    entries: { org: scope(s.entries.org), session: scope(s.entries.session) },
    stats: new Map([...s.stats].map(([k, v]) => [k, { ...v }]))
  };
}
