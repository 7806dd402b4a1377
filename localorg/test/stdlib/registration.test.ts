import { test } from 'node:test';
import assert from 'node:assert/strict';

import { UnsupportedFeatureError } from '../../src/values/errors.js';
import { FakeContext, callStatic } from './fake-context.js';
import { standardLibrary } from '../../src/stdlib/index.js';

const natives = standardLibrary();

const ctx = new FakeContext();

test('stdlib-index registers every general-purpose class family', () => {
  const names = natives.classNames();
  for (const n of [
    'String',
    'Pattern',
    'Matcher',
    'List',
    'Set',
    'Map',
    'Iterator',
    'Integer',
    'Long',
    'Double',
    'Decimal',
    'Math',
    'Date',
    'Datetime',
    'Time',
    'TimeZone',
    'JSON',
    'JSONGenerator',
    'JSONParser',
    'Blob',
    'EncodingUtil',
    'Crypto',
    'Id'
  ]) {
    assert.ok(names.includes(n), `${n} is registered`);
  }
  assert.ok(natives.classFor('string'));
  assert.ok(natives.enumFor('system.roundingmode'));
  assert.ok(natives.enumFor('jsontoken'));
});

test('an unimplemented standard method fails loudly with its name', () => {
  assert.throws(
    () => callStatic(ctx, 'Blob', 'toPdf', 'x'),
    (e: unknown) =>
      e instanceof UnsupportedFeatureError && /Blob\.toPdf\(1 argument\) is not supported by localorg/.test(e.message)
  );
});

test('an argument of the wrong Apex type is reported as an unsupported overload', () => {
  assert.throws(
    () => callStatic(ctx, 'Math', 'mod', 'a', 'b'),
    (e: unknown) =>
      e instanceof UnsupportedFeatureError && /Math\.mod\(2 arguments\) is not supported by localorg/.test(e.message)
  );
});
