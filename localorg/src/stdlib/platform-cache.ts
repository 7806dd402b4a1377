/**
 * `LocalOrgPlatformCache.call(scope, partition, operation, key, value, ttl)`: the store behind the prelude's Cache
 * namespace (prelude/Cache.cls). It resolves keys the way Cache.Org and Cache.Session document them — `ns.partition.key`
 * fully qualified (`local` is the org's own namespace) or a bare key in the default partition; partition objects take
 * bare keys — validates them (alphanumeric), and reads and writes the org's PlatformCache (data/platform-cache.ts).
 */
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';
import { ApexDouble, ApexMap, ApexSet, typeRef, type Value } from '../values/values.js';
import type { CacheScope, PlatformCache } from '../data/platform-cache.js';
import { orgOf } from './data-org.js';
import { quiddityOf } from './request-context.js';

/** This module's native classes, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

/** Time-to-live bounds in seconds: minimum, default and maximum per scope [mem]. */
const TTL = { min: 300, org: { default: 86400, max: 172800 }, session: { default: 28800, max: 28800 } };
const MAX_BULK_KEYS = 10;
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;

const cacheException = (scope: CacheScope) =>
  scope === 'org' ? 'Cache.Org.OrgCacheException' : 'Cache.Session.SessionCacheException';
const invalidParam = (message: string): never => apexThrow('Cache.InvalidParamException', message);

function checkKey(key: Value): string {
  if (typeof key !== 'string' || key === '') return invalidParam('Invalid key: the key is null or empty');
  if (!ALPHANUMERIC.test(key)) return invalidParam(`Invalid key: ${key} is not alphanumeric`);
  return key;
}

/** `local.name`, `ns.name` or a bare `name`: the deployed partition's canonical `local.Name`, or the scope's exception. */
function partitionName(cache: PlatformCache, scope: CacheScope, name: Value): string {
  if (typeof name !== 'string' || name === '') return invalidParam('Invalid partition name: null or empty');
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((p) => ALPHANUMERIC.test(p)))
    return invalidParam(`Invalid partition name: ${name}`);
  const [ns, bare] = parts.length === 2 ? parts : ['local', parts[0]];
  const def = ns.toLowerCase() === 'local' ? cache.partition(bare) : undefined;
  if (!def) return apexThrow(cacheException(scope), `Invalid partition name: ${name}`);
  return `local.${def.name}`;
}

/** A key given to Cache.Org/Cache.Session: `ns.partition.key`, or a bare key in the org's default partition. */
function qualifiedKey(cache: PlatformCache, scope: CacheScope, key: Value): [string, string] {
  if (typeof key !== 'string' || key === '') return invalidParam('Invalid key: the key is null or empty');
  const parts = key.split('.');
  if (parts.length === 3) return [partitionName(cache, scope, `${parts[0]}.${parts[1]}`), checkKey(parts[2])];
  if (parts.length !== 1)
    return invalidParam(
      `Invalid key: ${key} is neither <namespace>.<partition>.<key> nor a key of the default partition`
    );
  const def = cache.defaultPartition;
  if (!def)
    return apexThrow(
      cacheException(scope),
      `No default partition is set for key ${key}: qualify it as local.<partition>.${key}`
    );
  return [`local.${def.name}`, checkKey(key)];
}

function ttlOf(scope: CacheScope, ttl: Value): number {
  if (ttl === null) return TTL[scope].default;
  const secs = Number(ttl);
  if (secs < TTL.min || secs > TTL[scope].max)
    return invalidParam(`Invalid ttlSecs: ${secs} is outside ${TTL.min}..${TTL[scope].max}`);
  return secs;
}

function bulkKeys(key: Value): string[] {
  if (!(key instanceof ApexSet)) return invalidParam('Invalid keys: null');
  const keys = key.values().map((k) => (typeof k === 'string' ? k : invalidParam('Invalid key: null')));
  if (keys.length > MAX_BULK_KEYS)
    apexThrow('Cache.BulkApiKeysLimitExceededException', `Too many keys: ${keys.length} (at most ${MAX_BULK_KEYS})`);
  return keys;
}

/** Rough size in bytes of cached values: the length of their debug rendering. */
function sizes(ctx: NativeContext, values: Value[]): number[] {
  return values.map((v) => Buffer.byteLength(ctx.debugString(v)));
}

/** Transactions without a user session: anonymous Apex and asynchronous Apex have no session cache. */
const SESSIONLESS = /^(ANONYMOUS|QUEUEABLE|FUTURE|SCHEDULED|BATCH_\w+|TRANSACTION_FINALIZER_QUEUEABLE)$/;

function call(ctx: NativeContext, args: Value[]): Value {
  const [scopeArg, partitionArg, operation, key, value, ttl] = args;
  const scope: CacheScope = scopeArg === 'session' ? 'session' : 'org';
  if (scope === 'session' && SESSIONLESS.test(quiddityOf(ctx))) {
    if (operation === 'sessionAvailable') return false;
    if (operation !== 'partitionName' && operation !== 'validateKey')
      apexThrow(
        'Cache.Session.SessionCacheNoSessionException',
        `Session cache is not available in ${quiddityOf(ctx).toLowerCase()} Apex`
      );
  }
  const cache = orgOf(ctx).platformCache;
  const partition = typeof partitionArg === 'string' ? partitionArg : null;
  const bare = (p: string) => p.slice('local.'.length);
  /** The partition and key a single-key operation addresses. */
  const target = (k: Value): [string, string] =>
    partition
      ? [bare(partition), checkKey(k)]
      : (qualifiedKey(cache, scope, k).map((x, i) => (i === 0 ? bare(x) : x)) as [string, string]);
  /** Partitions a whole-cache operation covers: this one, or every partition of the org. */
  const covered = () => (partition ? [bare(partition)] : cache.partitions.map((p) => p.name));
  switch (operation) {
    case 'sessionAvailable':
      return scope === 'session';
    case 'partitionName':
      return partitionName(cache, scope, partition);
    case 'validateKey':
      return value === false ? checkKey(key) : (qualifiedKey(cache, scope, key), null);
    case 'validatePartitionName':
      return (partitionName(cache, scope, key), null);
    case 'get':
      return cache.get(scope, ...target(key));
    case 'contains':
      return cache.contains(scope, ...target(key));
    case 'remove':
      return cache.remove(scope, ...target(key));
    case 'put': {
      const [p, k] = target(key);
      if (value === null) return invalidParam(`Invalid value: null for key ${k}`);
      cache.put(scope, p, k, value, ttlOf(scope, ttl));
      return null;
    }
    case 'getAll': {
      const m = new ApexMap(typeRef('String'), typeRef('Object'));
      for (const k of bulkKeys(key)) m.put(k, cache.get(scope, ...target(k)));
      return m;
    }
    case 'containsAll': {
      const m = new ApexMap(typeRef('String'), typeRef('Boolean'));
      for (const k of bulkKeys(key)) m.put(k, cache.contains(scope, ...target(k)));
      return m;
    }
    case 'getKeys': {
      const s = new ApexSet(typeRef('String'));
      for (const p of covered()) for (const k of cache.keys(scope, p)) s.add(k);
      return s;
    }
    case 'isAvailable':
      return cache.hasCapacity(scope, bare(partition ?? ''));
    case 'getCapacity': {
      const capacityBytes =
        covered().reduce((n, p) => n + (cache.partition(p)?.capacityMb[scope] ?? 0), 0) * 1024 * 1024;
      const used = covered()
        .flatMap((p) => sizes(ctx, cache.values(scope, p)))
        .reduce((a, b) => a + b, 0);
      return new ApexDouble(capacityBytes === 0 ? 0 : (100 * used) / capacityBytes);
    }
    case 'getMissRate': {
      const rates = covered().map((p) => cache.missRate(scope, p));
      return new ApexDouble(rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : 0);
    }
    case 'getAvgValueSize':
    case 'getMaxValueSize': {
      const all = covered().flatMap((p) => sizes(ctx, cache.values(scope, p)));
      if (all.length === 0) return 0n;
      const n = operation === 'getMaxValueSize' ? Math.max(...all) : all.reduce((a, b) => a + b, 0) / all.length;
      return BigInt(Math.round(n));
    }
    case 'getName':
      return partition ? bare(partition) : (cache.defaultPartition?.name ?? null);
    default:
      throw new Error(`LocalOrgPlatformCache: unknown operation ${ctx.debugString(operation)}`);
  }
}

natives.defineClass({
  name: 'LocalOrgPlatformCache',
  statics: { call }
});
