import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexEnumValue,
  ApexId,
  type ApexList,
  ApexMap,
  ApexObject,
  ApexTime,
  ApexTypeValue,
  Decimal,
  SObject,
  typeRef
} from '../../src/values/values.js';
import type { TypeInfo } from '../../src/runtime/natives.js';
import { FakeContext, apexError, callStatic, fakeClass, list, parseTypeName } from './fake-context.js';

const bookingCls = fakeClass('Booking');
const attendeeCls = fakeClass('Attendee');
const status = ['SCHEDULED', 'CANCELED'].map((n, i) => new ApexEnumValue('status', n, i));
const types: Record<string, TypeInfo> = {
  booking: {
    kind: 'class',
    fields: [
      { name: 'uid', key: 'uid', type: typeRef('String'), transient: false },
      { name: 'startAt', key: 'startat', type: typeRef('Datetime'), transient: false },
      { name: 'amount', key: 'amount', type: typeRef('Decimal'), transient: false },
      { name: 'status', key: 'status', type: typeRef('Status'), transient: false },
      { name: 'attendees', key: 'attendees', type: parseTypeName('List<Attendee>'), transient: false },
      { name: 'answers', key: 'answers', type: parseTypeName('Map<String, Object>'), transient: false },
      { name: 'cache', key: 'cache', type: typeRef('String'), transient: true }
    ],
    instantiate: () => new ApexObject(bookingCls)
  },
  attendee: {
    kind: 'class',
    fields: [
      { name: 'email', key: 'email', type: typeRef('String'), transient: false },
      { name: 'contactId', key: 'contactid', type: typeRef('Id'), transient: false },
      { name: 'count', key: 'count', type: typeRef('Integer'), transient: false }
    ],
    instantiate: () => new ApexObject(attendeeCls)
  },
  status: { kind: 'enum', values: status }
};
const ctx = new FakeContext({ types });
const ser = (v: Parameters<typeof callStatic>[3], ...more: Parameters<typeof callStatic>[3][]) =>
  callStatic(ctx, 'JSON', 'serialize', v, ...more);
const de = (json: string, type: string, strict = false) =>
  callStatic(ctx, 'JSON', strict ? 'deserializeStrict' : 'deserialize', json, new ApexTypeValue(parseTypeName(type)));

test('serialize renders Apex primitives the platform way', () => {
  const m = new ApexMap(typeRef('String'), typeRef('Object'));
  m.put('i', 5);
  m.put('l', 9007199254740993n);
  m.put('d', new ApexDouble(1));
  m.put('dec', Decimal.parse('1.10'));
  m.put('date', new ApexDate(2024, 3, 9));
  m.put('dt', new ApexDatetime(Date.UTC(2024, 2, 9, 8, 5, 3, 20)));
  m.put('t', new ApexTime(3723004));
  m.put('b', new ApexBlob(new TextEncoder().encode('hi')));
  m.put('n', null);
  m.put('s', 'a"b\n');
  assert.equal(
    ser(m),
    '{"i":5,"l":9007199254740993,"d":1.0,"dec":1.10,"date":"2024-03-09","dt":"2024-03-09T08:05:03.020Z","t":"01:02:03.004Z","b":"aGk=","n":null,"s":"a\\"b\\n"}'
  );
});

test('serialize of a user class follows field order, skips transient, and can suppress nulls', () => {
  const b = new ApexObject(bookingCls);
  b.fields.set('uid', 'u1');
  b.fields.set('status', status[1]);
  b.fields.set('cache', 'secret');
  assert.equal(ser(b), '{"uid":"u1","startAt":null,"amount":null,"status":"CANCELED","attendees":null,"answers":null}');
  assert.equal(ser(b, true), '{"uid":"u1","status":"CANCELED"}');
});

test('serialize of an SObject adds attributes with type and url', () => {
  const s = new SObject('Contact');
  s.set('Id', new ApexId('003000000000001AAA'));
  s.set('LastName', 'Lovelace');
  assert.equal(
    ser(s),
    '{"attributes":{"type":"Contact","url":"/services/data/v68.0/sobjects/Contact/003000000000001AAA"},"Id":"003000000000001AAA","LastName":"Lovelace"}'
  );
});

test('serializePretty uses the Jackson layout', () => {
  const m = new ApexMap(typeRef('String'), typeRef('Object'));
  m.put('a', list('Integer', 1, 2));
  m.put('b', new ApexMap(typeRef('String'), typeRef('Object')));
  m.put('c', 'x');
  assert.equal(callStatic(ctx, 'JSON', 'serializePretty', m), '{\n  "a" : [ 1, 2 ],\n  "b" : { },\n  "c" : "x"\n}');
});

test('deserializeUntyped maps numbers to Integer, Long and Decimal with scale', () => {
  const m = callStatic(
    ctx,
    'JSON',
    'deserializeUntyped',
    '{"i": 7, "big": 3000000000, "dec": 2.50, "e": 1e2, "arr": [true, null, "s"]}'
  ) as ApexMap;
  assert.equal(m.get('i'), 7);
  assert.equal(m.get('big'), 3000000000n);
  assert.equal((m.get('dec') as Decimal).toString(), '2.50');
  assert.ok(m.get('e') instanceof Decimal);
  assert.deepEqual((m.get('arr') as ApexList).items, [true, null, 's']);
  assert.deepEqual(
    [...m.entries.values()].map(([k]) => k),
    ['i', 'big', 'dec', 'e', 'arr']
  );
});

test('typed deserialize fills nested classes, lists, maps, enums and ISO datetimes with offsets', () => {
  const json = `{"uid":"b-1","startAt":"2024-03-10T09:30:00.000-07:00","amount":19.90,"status":"SCHEDULED",
    "attendees":[{"email":"a@x.com","contactId":"003000000000001","count":2}],"answers":{"q":[1,"two"]},"ignored":{"deep":[1]}}`;
  const b = de(json, 'Booking') as ApexObject;
  assert.equal(b.fields.get('uid'), 'b-1');
  assert.equal((b.fields.get('startat') as ApexDatetime).epochMs, Date.UTC(2024, 2, 10, 16, 30));
  assert.equal((b.fields.get('amount') as Decimal).toString(), '19.90');
  assert.equal(b.fields.get('status'), status[0]);
  const att = (b.fields.get('attendees') as ApexList).items[0] as ApexObject;
  assert.equal(att.fields.get('email'), 'a@x.com');
  assert.equal((att.fields.get('contactid') as ApexId).value, '003000000000001AAA');
  assert.equal(att.fields.get('count'), 2);
  assert.deepEqual(((b.fields.get('answers') as ApexMap).get('q') as ApexList).items, [1, 'two']);
});

test('typed deserialize matches keys case-insensitively', () => {
  const a = de('{"EMAIL":"x@y.z"}', 'Attendee') as ApexObject;
  assert.equal(a.fields.get('email'), 'x@y.z');
});

test('deserializeStrict rejects unknown keys', () => {
  assert.match(
    apexError(() => de('{"email":"x","extra":1}', 'Attendee', true)),
    /^System.JSONException: No such column 'extra' on object of type Attendee/
  );
});

test('a List, Set or Map target reads its first token before the rest, as a streaming parser does', () => {
  assert.match(
    apexError(() => de('"}]', 'List<Attendee>')),
    /^System.JSONException: Malformed JSON: Expected '\[' at the beginning of List\/Set/
  );
  assert.match(
    apexError(() => de('{"a":1}', 'Set<String>')),
    /^System.JSONException: Malformed JSON: Expected '\[' at the beginning of List\/Set/
  );
  assert.match(
    apexError(() => de('[1]', 'Map<String,Integer>')),
    /^System.JSONException: Malformed JSON: Expected '\{' at the beginning of object/
  );
  assert.equal(de('null', 'List<String>'), null);
  assert.equal((de(' ["x"]', 'List<String>') as ApexList).items[0], 'x');
});

test('an invalid Id in typed JSON throws', () => {
  assert.match(
    apexError(() => de('{"contactId":"nope"}', 'Attendee')),
    /JSONException: Invalid id: nope/
  );
});

test('a wrong JSON type for a field throws JSONException with its location', () => {
  assert.match(
    apexError(() => de('{"count":"many"}', 'Attendee')),
    /JSONException: Cannot deserialize String value "many" as Integer at input location \[1,10\]/
  );
});

test('an unknown enum name throws', () => {
  assert.match(
    apexError(() => de('{"status":"LOST"}', 'Booking')),
    /JSONException: Invalid value "LOST" for enum Status/
  );
});

test('typed deserialize into List<Integer> and Map<String, Decimal>', () => {
  assert.deepEqual((de('[1, 2, 3]', 'List<Integer>') as ApexList).items, [1, 2, 3]);
  const m = de('{"a": 1.50}', 'Map<String, Decimal>') as ApexMap;
  assert.equal((m.get('a') as Decimal).toString(), '1.50');
});

test('malformed JSON reports line and column', () => {
  assert.equal(
    apexError(() => callStatic(ctx, 'JSON', 'deserializeUntyped', '{\n  "a": 1,\n  b: 2}')),
    "System.JSONException: Unexpected character ('b' (code 98)): was expecting double-quote to start field name at input location [3,3]"
  );
  assert.match(
    apexError(() => callStatic(ctx, 'JSON', 'deserializeUntyped', '[1, 2')),
    /Unexpected end-of-input: expected close marker for ARRAY/
  );
  assert.match(
    apexError(() => callStatic(ctx, 'JSON', 'deserializeUntyped', '')),
    /No content to map due to end-of-input/
  );
});

test('Decimal keeps its scale through a serialize/deserialize round trip', () => {
  const b = new ApexObject(bookingCls);
  b.fields.set('amount', Decimal.parse('100.00'));
  const back = de(ser(b) as string, 'Booking') as ApexObject;
  assert.equal((back.fields.get('amount') as Decimal).toString(), '100.00');
});

test('Datetime round-trips through JSON in GMT with milliseconds', () => {
  const dt = new ApexDatetime(Date.UTC(2024, 10, 3, 9, 0, 0, 123));
  const json = ser(list('Datetime', dt)) as string;
  assert.equal(json, '["2024-11-03T09:00:00.123Z"]');
  assert.equal(((de(json, 'List<Datetime>') as ApexList).items[0] as ApexDatetime).epochMs, dt.epochMs);
});

test('untyped deserialize of an SObject without a schema keeps the fields', () => {
  const s = de('{"attributes":{"type":"Contact"},"LastName":"X"}', 'Contact') as SObject;
  assert.equal(s.type, 'Contact');
  assert.equal(s.get('lastname'), 'X');
});

test('serialize reads computed properties through the field reader when the runtime supplies one', () => {
  const cls = fakeClass('Computed');
  const c = new FakeContext({
    types: {
      computed: {
        kind: 'class',
        fields: [
          { name: 'first', key: 'first', type: typeRef('String'), transient: false },
          {
            name: 'full',
            key: 'full',
            type: typeRef('String'),
            transient: false,
            read: (o) => `${o.fields.get('first') as string}!`
          }
        ],
        instantiate: () => new ApexObject(cls)
      }
    }
  });
  const o = new ApexObject(cls);
  o.fields.set('first', 'a');
  assert.equal(callStatic(c, 'JSON', 'serialize', o), '{"first":"a","full":"a!"}');
});
