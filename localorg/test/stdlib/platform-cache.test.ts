import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runAnonymousText } from '../../src/boot/anonymous.js';
import { loadProject } from '../../src/boot/project.js';
import { failureLine } from '../../src/runtime/failures.js';
import { lowerClassText } from '../../src/syntax/lower.js';
import { runTests } from '../../src/testing/runner.js';

const FIX = path.resolve(import.meta.dirname, '../fixtures/lang/org-metadata');

/**
 * Runs a block on the fixture project (partitions Main, the default, and OrgOnly) as the body of a test method, where
 * the session cache exists; `anonymous` runs it as anonymous Apex instead.
 */
function run(body: string, opts: { classes?: string[]; sources?: string[]; anonymous?: boolean } = {}) {
  const debug: string[] = [];
  const project = loadProject({
    sources: opts.sources ?? [FIX],
    now: () => Date.UTC(2024, 0, 5, 13, 0, 0),
    debug: (_line, _level, msg) => debug.push(msg)
  });
  (opts.classes ?? []).forEach((c, i) => project.interp.addClass(lowerClassText(c, `C${i}.cls`)));
  if (opts.anonymous) {
    project.interp.link();
    const f = runAnonymousText(project, body, 'test.apex');
    return { debug, fatal: f ? failureLine(f) : null };
  }
  project.interp.addClass(
    lowerClassText(`@IsTest private class Body_Tests { @IsTest static void body() { ${body} } }`, 'Body_Tests.cls')
  );
  project.interp.link();
  const [result] = runTests(project, { classes: ['Body_Tests'] }).results;
  return { debug, fatal: result.outcome === 'fail' ? result.message : null };
}

function out(body: string, opts: Parameters<typeof run>[1] = {}): string[] {
  const r = run(body, opts);
  if (r.fatal) throw new Error(`unexpected failure: ${r.fatal}`);
  return r.debug;
}

test('Cache.Org and partitions: qualified, default-partition and partition keys reach the same entry', () => {
  assert.deepEqual(
    out(`Cache.Org.put('local.Main.greeting', 'hello');
         System.debug(Cache.Org.get('greeting'));
         Cache.OrgPartition p = Cache.Org.getPartition('local.Main');
         System.debug(p.get('greeting') + ' ' + p.contains('greeting') + ' ' + p.getName());
         System.debug(p.getKeys());
         System.debug(p.remove('greeting') + ' ' + p.remove('greeting') + ' ' + Cache.Org.contains('greeting'));
         Cache.Partition other = new Cache.OrgPartition('OrgOnly');
         other.put('n', 42);
         System.debug(other.get('n') + ' ' + Cache.Org.get('local.OrgOnly.n') + ' ' + Cache.Org.get('n'));`),
    ['hello', 'hello true Main', '{greeting}', 'true false false', '42 42 null']
  );
});

test('cached values are copies: changing the original or a fetched value leaves the cache as put', () => {
  assert.deepEqual(
    out(`List<Integer> xs = new List<Integer>{1, 2};
         Account a = new Account(Name = 'Acme');
         Cache.Session.put('xs', xs);
         Cache.Session.put('acct', a);
         xs.add(3);
         a.Name = 'Changed';
         ((List<Integer>) Cache.Session.get('xs')).add(4);
         System.debug(Cache.Session.get('xs'));
         System.debug(((Account) Cache.Session.get('acct')).Name);`),
    ['(1, 2)', 'Acme']
  );
});

test('bad keys, partitions, values and time-to-live raise the Cache exceptions', () => {
  const fail = (stmt: string, sources?: string[]) => run(stmt, { sources }).fatal;
  assert.match(fail(`Cache.Org.getPartition('local.Nope');`)!, /^Cache\.Org\.OrgCacheException: Invalid partition/);
  assert.match(
    fail(`Cache.Session.getPartition('Nope');`)!,
    /^Cache\.Session\.SessionCacheException: Invalid partition/
  );
  assert.match(
    fail(`Cache.Org.getPartition('local.Main').put('a-b', 1);`)!,
    /^Cache\.InvalidParamException: .*alphanumeric/
  );
  assert.match(fail(`Cache.Org.put('a.b', 1);`)!, /^Cache\.InvalidParamException: /);
  assert.match(fail(`Cache.Org.put('k', null);`)!, /^Cache\.InvalidParamException: Invalid value/);
  assert.match(fail(`Cache.Org.put('k', 1, 10);`)!, /^Cache\.InvalidParamException: Invalid ttlSecs/);
  assert.match(fail(`Cache.Session.put('k', 1, 28801);`)!, /^Cache\.InvalidParamException: Invalid ttlSecs/);
  assert.match(fail(`Cache.Org.put('k', 1);`, [])!, /^Cache\.Org\.OrgCacheException: No default partition/);
  assert.match(
    fail(`Cache.Org.get(new Set<String>{'a','b','c','d','e','f','g','h','i','j','k'});`)!,
    /^Cache\.BulkApiKeysLimitExceededException: /
  );
  assert.deepEqual(
    out(
      `try { Cache.Org.getPartition('local.Nope'); } catch (Exception e) { System.debug(e instanceof Cache.Org.OrgCacheException); }`
    ),
    ['true']
  );
});

test('a partition without capacity for a cache type keeps nothing: puts are dropped and gets miss', () => {
  assert.deepEqual(
    out(`Cache.SessionPartition p = Cache.Session.getPartition('local.OrgOnly');
         p.put('k', 'v');
         System.debug(p.get('k') + ' ' + p.contains('k') + ' ' + p.isAvailable() + ' ' + p.getMissRate());
         System.debug(Cache.Org.getPartition('local.OrgOnly').isAvailable());`),
    ['null false false 1.0', 'true']
  );
});

test('an entry expires after its time-to-live on the org clock; a rollback keeps the cache', () => {
  const clock = { now: Date.UTC(2024, 0, 5, 13, 0, 0) };
  const debug: string[] = [];
  const project = loadProject({ sources: [FIX], now: () => clock.now, debug: (_l, _v, m) => debug.push(m) });
  const again = (body: string) => {
    debug.length = 0;
    const f = runAnonymousText(project, body, 'test.apex');
    assert.equal(f && failureLine(f), null);
    return [...debug];
  };
  again(`Cache.Org.put('short', 'x', 300); Cache.Org.put('long', 'y');
         Savepoint sp = Database.setSavepoint(); Cache.Org.put('kept', 'z'); Database.rollback(sp);`);
  const read = `System.debug(Cache.Org.get('short') + ' ' + Cache.Org.get('long') + ' ' + Cache.Org.get('kept'));`;
  clock.now += 299_000;
  assert.deepEqual(again(read), ['x y z']);
  clock.now += 2_000;
  assert.deepEqual(again(read), ['null y z']);
  clock.now += 86_400_000;
  assert.deepEqual(again(read), ['null null null']);
});

test('get(cacheBuilder, key) runs doLoad once and caches its result under a key naming the builder', () => {
  const builder = `public class Squares implements Cache.CacheBuilder {
      public static Integer loads = 0;
      public Object doLoad(String key) { loads++; return Integer.valueOf(key.substring(1)) * Integer.valueOf(key.substring(1)); }
    }`;
  assert.deepEqual(
    out(
      `Cache.OrgPartition p = Cache.Org.getPartition('local.Main');
       System.debug(p.get(Squares.class, 'n7') + ' ' + p.get(Squares.class, 'n7') + ' loads=' + Squares.loads);
       System.debug(p.getKeys().toString().containsIgnoreCase('squares'));
       System.debug(p.remove(Squares.class, 'n7') + ' ' + p.getNumKeys());
       System.debug(Cache.Session.get(Squares.class, 'n3') + ' loads=' + Squares.loads);`,
      { classes: [builder] }
    ),
    ['49 49 loads=1', 'true', 'true 0', '9 loads=2']
  );
  assert.match(run(`Cache.Org.get(String.class, 'k');`).fatal!, /^Cache\.InvalidCacheBuilderException: /);
});

test('every test method starts with an empty cache, whatever the one before it put', () => {
  const result = runTests(loadProject({ sources: [FIX] }), { classes: ['CacheIsolation_Tests'] });
  assert.deepEqual(
    result.results.map((r) => `${r.methodName} ${r.outcome} ${r.message ?? ''}`.trim()),
    ['a_puts_a_value pass', 'b_starts_with_an_empty_cache pass']
  );
});

test('the project partitions are PlatformCachePartition setup records with their capacities', () => {
  assert.deepEqual(
    out(`for (PlatformCachePartition p : [SELECT DeveloperName, IsDefaultPartition, NamespacePrefix FROM PlatformCachePartition ORDER BY DeveloperName]) {
           System.debug(p.DeveloperName + ' ' + p.IsDefaultPartition + ' ' + p.NamespacePrefix);
         }
         for (PlatformCachePartitionType t : [SELECT CacheType, AllocatedCapacity FROM PlatformCachePartitionType WHERE PlatformCachePartition.DeveloperName = 'OrgOnly' ORDER BY CacheType]) {
           System.debug(t.CacheType + ' ' + t.AllocatedCapacity);
         }
         System.debug([SELECT DeveloperName FROM PlatformCachePartition WHERE NamespacePrefix = '' AND IsDefaultPartition = true].DeveloperName);`),
    ['Main true null', 'OrgOnly false null', 'Organization 2', 'Session 0', 'Main']
  );
});

test('anonymous and asynchronous Apex have no session cache: isAvailable() is false and using it throws', () => {
  const job = `public class SessionJob implements Queueable {
      public void execute(QueueableContext c) {
        System.debug('job ' + Cache.Session.isAvailable());
        try { Cache.Session.get('k'); } catch (Cache.Session.SessionCacheNoSessionException e) { System.debug('job ' + e.getMessage()); }
        Cache.Org.put('fromJob', 1);
      }
    }`;
  const r = run(
    `System.debug(Cache.Session.isAvailable());
     System.enqueueJob(new SessionJob());
     System.debug(Cache.Session.getPartition('local.Main') != null);
     Cache.Session.getPartition('local.Main').put('k', 1);`,
    { classes: [job], anonymous: true }
  );
  assert.deepEqual(r.debug, ['false', 'true']);
  const queued = run(`Test.startTest(); System.enqueueJob(new SessionJob()); Test.stopTest();`, { classes: [job] });
  assert.equal(queued.fatal, null);
  assert.deepEqual(queued.debug, ['job false', 'job Session cache is not available in queueable Apex']);
  assert.match(
    r.fatal ?? '',
    /^Cache\.Session\.SessionCacheNoSessionException: Session cache is not available in anonymous Apex/
  );
});
