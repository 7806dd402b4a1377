import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexRuntimeError, type SObject } from '../../src/values/values.js';
import { ALL_OR_NONE, insert, newOrg, q, rec, rows } from './helpers.js';

function limitError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ApexRuntimeError);
    assert.equal(e.typeName, 'System.LimitException');
    assert.equal(e.data.uncatchable, true);
    assert.match(e.message, pattern);
    return true;
  });
}

test('a savepoint rollback undoes inserts, updates and deletes made after it', () => {
  const org = newOrg();
  const [keep] = insert(org, rec('Contact', { LastName: 'keep' }));
  const sp = org.setSavepoint();
  insert(org, rec('Contact', { LastName: 'new' }));
  org.dml('update', [rec('Contact', { Id: keep.id, LastName: 'changed' })], ALL_OR_NONE);
  org.rollbackTo(sp);
  assert.deepEqual(
    rows(org, 'SELECT LastName FROM Contact').map((r) => r.get('LastName')),
    ['keep']
  );
  org.dml('delete', [keep], ALL_OR_NONE);
  const sp2 = org.setSavepoint();
  org.dml('undelete', [keep], ALL_OR_NONE);
  org.rollbackTo(sp2);
  assert.equal(rows(org, 'SELECT Id FROM Contact').length, 0);
});

test('rolling back to a savepoint invalidates later savepoints', () => {
  const org = newOrg();
  const sp1 = org.setSavepoint();
  const sp2 = org.setSavepoint();
  org.rollbackTo(sp1);
  assert.throws(() => org.rollbackTo(sp2), /Savepoint does not exist/);
});

test('rollbackTransaction discards everything since beginTransaction', () => {
  const org = newOrg();
  org.beginTransaction();
  insert(org, rec('Account', { Name: 'a' }));
  org.rollbackTransaction();
  assert.equal(rows(org, 'SELECT Id FROM Account').length, 0);
});

test('commitTransaction returns the changed rows, for the caller to journal', () => {
  const org = newOrg();
  org.beginTransaction();
  const [a] = insert(org, rec('Account', { Name: 'a' }));
  const [b] = insert(org, rec('Account', { Name: 'b' }));
  org.dml('delete', [b], ALL_OR_NONE);
  const committed: { sobjectType: string; after: SObject | null }[] = org.commitTransaction();
  assert.deepEqual(
    committed.map((c) => [c.sobjectType, c.after?.get('Name') ?? null]),
    [
      ['Account', 'a'],
      ['Account', null]
    ]
  );
  org.beginTransaction();
  assert.deepEqual(org.commitTransaction(), [], 'an empty transaction commits nothing');
  void a;
});

test('applyCommitted replays rows and moves the Id counter past them', () => {
  const source = newOrg();
  source.beginTransaction();
  const [a] = insert(source, rec('Account', { Name: 'replayed' }));
  const changes = source.commitTransaction();
  const target = newOrg();
  target.applyCommitted(changes);
  assert.equal(rows(target, 'SELECT Name FROM Account')[0].get('Name'), 'replayed');
  const [next] = insert(target, rec('Account', { Name: 'next' }));
  assert.notEqual(next.id!.value, a.id!.value);
});

test('snapshot and restore isolate test methods from each other', () => {
  const org = newOrg();
  insert(org, rec('Account', { Name: 'setup' }));
  const snap = org.snapshot();
  insert(org, rec('Account', { Name: 'method one' }));
  org.restore(snap);
  assert.deepEqual(
    rows(org, 'SELECT Name FROM Account').map((r) => r.get('Name')),
    ['setup']
  );
  org.dml('delete', rows(org, 'SELECT Id FROM Account'), ALL_OR_NONE);
  org.restore(snap);
  assert.equal(rows(org, 'SELECT Id FROM Account').length, 1, 'the snapshot is not changed by later DML');
});

test('a snapshot of 2,000 rows restores every row, however often it is restored', () => {
  // Restore time is measured in `npm run bench` (savepoint restore), not here: wall-clock bounds flake on a busy machine.
  const org = newOrg();
  insert(org, ...Array.from({ length: 2000 }, (_, i) => rec('Account', { Name: `a${i}` })));
  const snap = org.snapshot();
  for (let i = 0; i < 3; i++) {
    org.dml('delete', rows(org, 'SELECT Id FROM Account LIMIT 500'), ALL_OR_NONE);
    org.restore(snap);
    assert.equal(rows(org, 'SELECT Id FROM Account').length, 2000);
  }
});

test('the 101st SOQL query throws an uncatchable LimitException', () => {
  const org = newOrg();
  for (let i = 0; i < 100; i++) q(org, 'SELECT Id FROM Account');
  limitError(() => q(org, 'SELECT Id FROM Account'), /Too many SOQL queries: 101/);
});

test('the 151st DML statement throws LimitException', () => {
  const org = newOrg();
  for (let i = 0; i < 150; i++) org.dml('insert', [], ALL_OR_NONE);
  limitError(() => org.dml('insert', [], ALL_OR_NONE), /Too many DML statements: 151/);
});

test('more than 10,000 DML rows throw LimitException', () => {
  const org = newOrg();
  const many = Array.from({ length: 10001 }, () => rec('Account', { Name: 'x' }));
  limitError(() => org.dml('insert', many, ALL_OR_NONE), /Too many DML rows: 10001/);
});

test('query rows are counted against 50,000', () => {
  const org = newOrg();
  insert(org, ...Array.from({ length: 3 }, () => rec('Account', { Name: 'x' })));
  q(org, 'SELECT Id FROM Account');
  assert.equal(org.limits.current().queryRows, 3);
});

test('Test.startTest gives a fresh limit set that stopTest closes', () => {
  const org = newOrg();
  q(org, 'SELECT Id FROM Account');
  const stop = org.limits.pushFreshSet();
  assert.equal(org.limits.current().queries, 0);
  q(org, 'SELECT Id FROM Account');
  stop();
  assert.equal(org.limits.current().queries, 1);
});

test('CPU time past 10,000 ms throws LimitException', () => {
  const org = newOrg();
  org.limits.chargeCpu(9_999);
  limitError(() => org.limits.chargeCpu(2), /Apex CPU time limit exceeded/);
});

test('partial-success retries run against the pre-statement limit counts', () => {
  const org = newOrg();
  const before = org.limits.current().dmlStatements;
  org.dml('insert', [rec('Contact', { LastName: 'a' }), rec('Contact', {})], { allOrNone: false });
  assert.equal(org.limits.current().dmlStatements, before + 1);
});
