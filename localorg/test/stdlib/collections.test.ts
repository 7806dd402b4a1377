import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  Decimal,
  type NativeObject,
  SObject,
  typeRef
} from '../../src/values/values.js';
import { FakeContext, apexError, callInstance, fakeClass, list, strList } from './fake-context.js';

const ctx = new FakeContext();

test('List.get out of range throws ListException naming the index', () => {
  assert.equal(
    apexError(() => callInstance(ctx, strList('a'), 'get', 3)),
    'System.ListException: List index out of bounds: 3'
  );
  assert.equal(
    apexError(() => callInstance(ctx, strList('a'), 'get', -1)),
    'System.ListException: List index out of bounds: -1'
  );
});

test('List.add at an index inserts; remove returns the element', () => {
  const l = strList('a', 'c');
  callInstance(ctx, l, 'add', 1, 'b');
  assert.deepEqual(l.items, ['a', 'b', 'c']);
  assert.equal(callInstance(ctx, l, 'remove', 0), 'a');
  assert.deepEqual(l.items, ['b', 'c']);
});

test('List.contains and indexOf compare Strings case-sensitively', () => {
  const l = strList('Apple');
  assert.equal(callInstance(ctx, l, 'contains', 'apple'), false);
  assert.equal(callInstance(ctx, l, 'indexOf', 'Apple'), 0);
});

test('sort orders Strings as Java does: upper case before lower case, nulls first', () => {
  const l = list('String', 'banana', null, 'Cherry', 'apple');
  callInstance(ctx, l, 'sort');
  assert.deepEqual(l.items, [null, 'Cherry', 'apple', 'banana']);
});

test('sort orders numbers of mixed scale numerically', () => {
  const l = list('Decimal', Decimal.parse('2.50'), Decimal.parse('-1'), Decimal.parse('2.4'));
  callInstance(ctx, l, 'sort');
  assert.deepEqual(l.items.map(String), ['-1', '2.4', '2.50']);
});

test('sort uses a user compareTo for Comparable objects', () => {
  const cls = fakeClass('Box', ['comparable']);
  const box = (n: number) => {
    const o = new ApexObject(cls);
    o.fields.set('n', n);
    return o;
  };
  const c = new FakeContext({
    methods: {
      'box.compareto': (self, [other]) =>
        (self.fields.get('n') as number) - ((other as ApexObject).fields.get('n') as number)
    }
  });
  const l = new ApexList(typeRef('Box'), [box(3), box(1), box(2)]);
  callInstance(c, l, 'sort');
  assert.deepEqual(
    l.items.map((o) => (o as ApexObject).fields.get('n')),
    [1, 2, 3]
  );
});

test('sort with a Comparator calls compare(a, b)', () => {
  const cmp = new ApexObject(fakeClass('ByLength', ['system.comparator']));
  const c = new FakeContext({
    methods: { 'bylength.compare': (_s, [a, b]) => (a as string).length - (b as string).length }
  });
  const l = strList('ccc', 'a', 'bb');
  callInstance(c, l, 'sort', cmp);
  assert.deepEqual(l.items, ['a', 'bb', 'ccc']);
});

test('sort of SObjects orders by Name first', () => {
  const rec = (name: string, city: string) => {
    const s = new SObject('Account');
    s.set('Name', name);
    s.set('BillingCity', city);
    return s;
  };
  const l = new ApexList(typeRef('Account'), [rec('b', 'x'), rec('a', 'z'), rec('a', 'y')]);
  callInstance(ctx, l, 'sort');
  assert.deepEqual(
    l.items.map((s) => ((s as SObject).get('name') as string) + ((s as SObject).get('billingcity') as string)),
    ['ay', 'az', 'bx']
  );
});

test('sort of values with no natural order throws ListException', () => {
  const l = list(
    'Object',
    new ApexMap(typeRef('String'), typeRef('String')),
    new ApexMap(typeRef('String'), typeRef('String'))
  );
  assert.match(
    apexError(() => callInstance(ctx, l, 'sort')),
    /ListException/
  );
});

test('deepClone copies SObjects and drops their Ids unless asked', () => {
  const s = new SObject('Contact');
  s.set('Id', new ApexId('003000000000001AAA'));
  s.set('LastName', 'X');
  const l = new ApexList(typeRef('Contact'), [s]);
  const copy = callInstance(ctx, l, 'deepClone') as ApexList;
  assert.notEqual(copy.items[0], s);
  assert.equal((copy.items[0] as SObject).get('Id'), null);
  assert.equal((copy.items[0] as SObject).get('lastname'), 'X');
  const kept = callInstance(ctx, l, 'deepClone', true) as ApexList;
  assert.deepEqual((kept.items[0] as SObject).get('Id'), s.get('Id'));
});

test('Set add/contains are case-sensitive; removeAll and retainAll report changes', () => {
  const st = new ApexSet(typeRef('String'));
  assert.equal(callInstance(ctx, st, 'add', 'a'), true);
  assert.equal(callInstance(ctx, st, 'add', 'a'), false);
  callInstance(ctx, st, 'addAll', strList('A', 'b'));
  assert.equal(callInstance(ctx, st, 'contains', 'A'), true);
  assert.equal(callInstance(ctx, st, 'size'), 3);
  assert.equal(callInstance(ctx, st, 'retainAll', strList('a', 'b')), true);
  assert.deepEqual(st.values(), ['a', 'b']);
  assert.equal(callInstance(ctx, st, 'removeAll', strList('z')), false);
});

test('Map put returns the previous value; keySet and values keep insertion order', () => {
  const m = new ApexMap(typeRef('String'), typeRef('Integer'));
  assert.equal(callInstance(ctx, m, 'put', 'b', 1), null);
  callInstance(ctx, m, 'put', 'a', 2);
  assert.equal(callInstance(ctx, m, 'put', 'b', 3), 1);
  assert.deepEqual((callInstance(ctx, m, 'keySet') as ApexSet).values(), ['b', 'a']);
  assert.deepEqual((callInstance(ctx, m, 'values') as ApexList).items, [3, 2]);
  assert.equal(callInstance(ctx, m, 'containsKey', 'B'), false);
  assert.equal(callInstance(ctx, m, 'remove', 'a'), 2);
});

test('Map.putAll with SObjects keys them by Id', () => {
  const s = new SObject('Lead');
  s.set('Id', new ApexId('00Q000000000001AAA'));
  const m = new ApexMap(typeRef('Id'), typeRef('Lead'));
  callInstance(ctx, m, 'putAll', new ApexList(typeRef('Lead'), [s]));
  assert.equal(callInstance(ctx, m, 'get', new ApexId('00Q000000000001AAA')), s);
});

test('iterator walks the list and throws past the end', () => {
  const it = callInstance(ctx, strList('x'), 'iterator') as NativeObject;
  assert.equal(callInstance(ctx, it, 'hasNext'), true);
  assert.equal(callInstance(ctx, it, 'next'), 'x');
  assert.equal(callInstance(ctx, it, 'hasNext'), false);
  assert.match(
    apexError(() => callInstance(ctx, it, 'next')),
    /NoSuchElementException/
  );
});

test('List.equals compares elements with Apex ==', () => {
  assert.equal(callInstance(ctx, list('Integer', 1, 2), 'equals', list('Integer', 1, 2)), true);
  assert.equal(callInstance(ctx, list('Integer', 1, 2), 'equals', list('Integer', 2, 1)), false);
});

test('sort of SObjects with equal names compares standard fields before custom fields (doc example)', () => {
  const rec = (industry: string | null, site: string, custom: string) => {
    const s = new SObject('Account');
    s.set('Name', 'sForce');
    s.set('Zeta__c', custom);
    s.set('Site', site);
    s.set('Industry', industry);
    return s;
  };
  const l = new ApexList(typeRef('Account'), [rec('Media', 'A', 'a'), rec('Banking', 'Z', 'z'), rec(null, 'M', 'm')]);
  callInstance(ctx, l, 'sort');
  assert.deepEqual(
    l.items.map((s) => (s as SObject).get('industry')),
    [null, 'Banking', 'Media']
  );
});
