import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestRoute, compileMapping } from '../../src/server/url-mapping.js';

const routes = ['/booking-sync/v1/*', '/booking-sync/v1/bookings', '/booking-sync/*', 'legacy/*', '/a/*/c'].map((m) =>
  compileMapping({ urlMapping: m })
);
const pick = (p: string): string | undefined => bestRoute(routes, p)?.target.urlMapping;

test('an exact mapping beats a wildcard that also matches', () => {
  assert.equal(pick('/booking-sync/v1/bookings'), '/booking-sync/v1/bookings');
});

test('among wildcards the one with more literal characters wins', () => {
  assert.equal(pick('/booking-sync/v1/owners'), '/booking-sync/v1/*');
  assert.equal(pick('/booking-sync/v2/x'), '/booking-sync/*');
});

test('a wildcard matches across slashes', () => {
  assert.equal(pick('/booking-sync/v1/webhooks/calcom'), '/booking-sync/v1/*');
});

test('mappings are case-sensitive', () => {
  assert.equal(pick('/Booking-Sync/v1/bookings'), undefined);
});

test('a mapping written without a leading slash still matches', () => {
  assert.equal(pick('/legacy/thing'), 'legacy/*');
});

test('a wildcard in the middle matches one or more segments', () => {
  assert.equal(pick('/a/b/c'), '/a/*/c');
  assert.equal(pick('/a/b/d'), undefined);
});

test('a trailing /* also serves the bare prefix', () => {
  const only = [compileMapping({ urlMapping: '/visits/*' })];
  assert.equal(bestRoute(only, '/visits')?.target.urlMapping, '/visits/*');
  assert.equal(bestRoute(only, '/visitsx'), null);
});
