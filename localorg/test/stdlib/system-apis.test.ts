import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from '../runtime/helpers.js';

test('LoggingLevel has INTERNAL and the platform order: NONE, INTERNAL, FINEST … DEBUG, INFO, WARN, ERROR', () => {
  assert.deepEqual(
    out(`System.debug(LoggingLevel.values());
         System.debug(LoggingLevel.FINEST.ordinal() < LoggingLevel.DEBUG.ordinal());
         System.debug(LoggingLevel.WARN.ordinal() < LoggingLevel.ERROR.ordinal());
         System.debug(LoggingLevel.INTERNAL, 'internal line');`),
    ['(NONE, INTERNAL, FINEST, FINER, FINE, DEBUG, INFO, WARN, ERROR)', 'true', 'true', 'internal line']
  );
});

test('Request.getCurrent(): one request Id per transaction; Quiddity RUNTEST_SYNC in tests, SYNCHRONOUS otherwise', () => {
  const body = `System.debug(Request.getCurrent().getQuiddity());
     System.debug(Request.getCurrent().getRequestId() == Request.getCurrent().getRequestId());
     System.debug(Request.getCurrent().getRequestId().length());`;
  assert.deepEqual(out(body), ['SYNCHRONOUS', 'true', '22']);
  const inTest = apex(body, [], (p) => (p.interp.runningTest = true));
  assert.equal(inTest.debug[0], 'RUNTEST_SYNC');
});

test('URL: the org domain, parts of a URL, relative resolution, a bad URL is a StringException', () => {
  assert.deepEqual(
    out(`System.debug(URL.getOrgDomainUrl().toExternalForm());
         URL u = new URL('https://example.com:8443/a/b?x=1#frag');
         System.debug(u.getProtocol() + '|' + u.getHost() + '|' + u.getPort() + '|' + u.getPath() + '|' + u.getQuery() + '|' + u.getRef() + '|' + u.getFile() + '|' + u.getAuthority() + '|' + u.getDefaultPort());
         System.debug(new URL(URL.getOrgDomainUrl(), '/services/data').toExternalForm());
         System.debug(new URL('https', 'example.com', '/x').toExternalForm());
         System.debug(new URL('https://example.com').getPort());`),
    [
      'https://localorg.my.salesforce.com',
      'https|example.com|8443|/a/b|x=1|frag|/a/b?x=1|example.com:8443|443',
      'https://localorg.my.salesforce.com/services/data',
      'https://example.com/x',
      '-1'
    ]
  );
  assert.match(apex(`new URL('not a url');`).fatal ?? '', /^System\.StringException: Invalid URL: not a url/);
});

test('UUID: random v4 text, fromString round trip and equality, bad text is an IllegalArgumentException', () => {
  const lines = out(`UUID a = UUID.randomUUID();
     System.debug(a.toString());
     System.debug(UUID.fromString(a.toString().toUpperCase()).equals(a));
     System.debug(a.equals(UUID.randomUUID()));`);
  assert.match(lines[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(lines.slice(1), ['true', 'false']);
  assert.match(
    apex(`UUID.fromString('nope');`).fatal ?? '',
    /^System\.IllegalArgumentException: Invalid UUID string: nope/
  );
});

test('OrgLimits: getMap and getAll list org limits with their maximum and no usage', () => {
  assert.deepEqual(
    out(`System.OrgLimit l = OrgLimits.getMap().get('DailyApiRequests');
         System.debug(l.getName() + ' ' + l.getLimit() + ' ' + l.getValue());
         System.debug(OrgLimits.getAll().size() == OrgLimits.getMap().size());`),
    ['DailyApiRequests 15000 0', 'true']
  );
});

test("an inner class's default toString() names the inner class alone", () => {
  assert.deepEqual(
    out('System.debug(String.valueOf(new Outer.Inner()));', [
      'public class Outer { public class Inner { public Integer n = 1; } }'
    ]),
    ['Inner:[n=1]']
  );
});
