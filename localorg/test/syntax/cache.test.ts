import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { AstCache } from '../../src/syntax/cache.js';
import { lowerClassText } from '../../src/syntax/lower.js';

const SRC = `public class Cached {
  public Integer p { get; private set; }
  public static Decimal d = 1.50;
  public Object f() { Long l = 5L; Double x = 1.5d; switch on l { when 5 { return -2147483648; } } return 'a\\n'; }
}`;

test('a cached tree decodes to the same AST, values and all', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-cache-'));
  const cache = new AstCache(dir);
  let lowered = 0;
  const make = () => (lowered++, lowerClassText(SRC, 'Cached.cls'));
  const first = cache.get('cls', 'Cached.cls', SRC, make);
  const second = cache.get('cls', 'Cached.cls', SRC, make);
  assert.equal(lowered, 1);
  assert.deepEqual(second, first);
});

test('a changed source text misses the cache', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-cache-'));
  const cache = new AstCache(dir);
  let lowered = 0;
  cache.get('cls', 'Cached.cls', SRC, () => (lowered++, lowerClassText(SRC, 'Cached.cls')));
  const changed = SRC.replace('1.50', '2.50');
  cache.get('cls', 'Cached.cls', changed, () => (lowered++, lowerClassText(changed, 'Cached.cls')));
  assert.equal(lowered, 2);
});
