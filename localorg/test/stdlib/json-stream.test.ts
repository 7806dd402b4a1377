import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApexDate,
  ApexDatetime,
  ApexTypeValue,
  Decimal,
  type ApexEnumValue,
  type ApexList,
  type NativeObject
} from '../../src/values/values.js';
import { FakeContext, apexError, callInstance, callStatic, list, parseTypeName } from './fake-context.js';

const ctx = new FakeContext();
const call = (self: unknown, method: string, ...args: Parameters<typeof callInstance>[3][]) =>
  callInstance(ctx, self as NativeObject, method, ...args);

test('JSONGenerator writes compact JSON', () => {
  const g = callStatic(ctx, 'JSON', 'createGenerator', false);
  call(g, 'writeStartObject');
  call(g, 'writeStringField', 'uid', 'b-1');
  call(g, 'writeNumberField', 'amount', Decimal.parse('10.50'));
  call(g, 'writeDateField', 'day', new ApexDate(2024, 1, 2));
  call(g, 'writeDateTimeField', 'at', new ApexDatetime(Date.UTC(2024, 0, 2, 3, 4, 5)));
  call(g, 'writeFieldName', 'tags');
  call(g, 'writeStartArray');
  call(g, 'writeString', 'a');
  call(g, 'writeNull');
  call(g, 'writeEndArray');
  call(g, 'writeObjectField', 'nums', list('Integer', 1, 2));
  call(g, 'writeEndObject');
  assert.equal(
    call(g, 'getAsString'),
    '{"uid":"b-1","amount":10.50,"day":"2024-01-02","at":"2024-01-02T03:04:05.000Z","tags":["a",null],"nums":[1,2]}'
  );
});

test('JSONGenerator pretty-prints like serializePretty', () => {
  const g = callStatic(ctx, 'JSON', 'createGenerator', true);
  call(g, 'writeStartObject');
  call(g, 'writeFieldName', 'items');
  call(g, 'writeStartArray');
  call(g, 'writeStartObject');
  call(g, 'writeBooleanField', 'ok', true);
  call(g, 'writeEndObject');
  call(g, 'writeEndArray');
  call(g, 'writeFieldName', 'empty');
  call(g, 'writeStartObject');
  call(g, 'writeEndObject');
  call(g, 'writeEndObject');
  assert.equal(call(g, 'getAsString'), '{\n  "items" : [ {\n    "ok" : true\n  } ],\n  "empty" : { }\n}');
});

test('JSONGenerator rejects a value where a field name is due', () => {
  const g = callStatic(ctx, 'JSON', 'createGenerator', false);
  call(g, 'writeStartObject');
  assert.match(
    apexError(() => call(g, 'writeString', 'x')),
    /JSONException: Can not write a value, expecting field name/
  );
});

test('JSONParser walks tokens with names and typed accessors', () => {
  const p = callStatic(
    ctx,
    'JSON',
    'createParser',
    '{"name":"Acme","size":12,"rate":1.5,"ok":true,"at":"2024-01-02T03:04:05Z","tags":["x"]}'
  );
  const seen: string[] = [];
  while (call(p, 'nextToken') !== null) {
    const tok = (call(p, 'getCurrentToken') as ApexEnumValue).name;
    seen.push(tok === 'FIELD_NAME' ? `F:${call(p, 'getText') as string}` : tok);
  }
  assert.deepEqual(seen, [
    'START_OBJECT',
    'F:name',
    'VALUE_STRING',
    'F:size',
    'VALUE_NUMBER_INT',
    'F:rate',
    'VALUE_NUMBER_FLOAT',
    'F:ok',
    'VALUE_TRUE',
    'F:at',
    'VALUE_STRING',
    'F:tags',
    'START_ARRAY',
    'VALUE_STRING',
    'END_ARRAY',
    'END_OBJECT'
  ]);
});

test('JSONParser accessors convert the current value', () => {
  const p = callStatic(ctx, 'JSON', 'createParser', '{"size":12,"at":"2024-01-02T03:04:05Z","rate":2.50}');
  call(p, 'nextToken');
  call(p, 'nextValue');
  assert.equal(call(p, 'getCurrentName'), 'size');
  assert.equal(call(p, 'getIntegerValue'), 12);
  call(p, 'nextValue');
  assert.equal((call(p, 'getDatetimeValue') as ApexDatetime).epochMs, Date.UTC(2024, 0, 2, 3, 4, 5));
  assert.match(
    apexError(() => call(p, 'getIntegerValue')),
    /not numeric/
  );
  call(p, 'nextValue');
  assert.equal((call(p, 'getDecimalValue') as Decimal).toString(), '2.50');
});

test('readValueAs consumes a whole subtree and skipChildren jumps over one', () => {
  const p = callStatic(ctx, 'JSON', 'createParser', '{"skip":{"a":[1,2]},"nums":[1,2,3],"after":true}');
  call(p, 'nextToken');
  call(p, 'nextValue');
  call(p, 'skipChildren');
  assert.equal((call(p, 'getCurrentToken') as ApexEnumValue).name, 'END_OBJECT');
  call(p, 'nextValue');
  const nums = call(p, 'readValueAs', new ApexTypeValue(parseTypeName('List<Integer>'))) as ApexList;
  assert.deepEqual(nums.items, [1, 2, 3]);
  assert.equal((call(p, 'nextToken') as ApexEnumValue).name, 'FIELD_NAME');
  assert.equal(call(p, 'getText'), 'after');
});

test('JSONParser reports malformed input with its location', () => {
  assert.match(
    apexError(() => callStatic(ctx, 'JSON', 'createParser', '{"a" 1}')),
    /was expecting a colon .* at input location \[1,6\]/
  );
});
