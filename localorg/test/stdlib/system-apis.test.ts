import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from '../runtime/helpers.js';
import { runTests } from '../../src/testing/runner.js';

test('LoggingLevel has INTERNAL and the platform order: NONE, INTERNAL, FINEST … DEBUG, INFO, WARN, ERROR', () => {
  assert.deepEqual(
    out(`System.debug(LoggingLevel.values());
         System.debug(LoggingLevel.FINEST.ordinal() < LoggingLevel.DEBUG.ordinal());
         System.debug(LoggingLevel.WARN.ordinal() < LoggingLevel.ERROR.ordinal());
         System.debug(LoggingLevel.INTERNAL, 'internal line');`),
    ['(NONE, INTERNAL, FINEST, FINER, FINE, DEBUG, INFO, WARN, ERROR)', 'true', 'true', 'internal line']
  );
});

test('Request.getCurrent(): one request Id per transaction; Quiddity ANONYMOUS for anonymous Apex, RUNTEST_SYNC in a test, QUEUEABLE in a queued job', () => {
  const job = `public class QuiddityJob implements Queueable {
      public void execute(QueueableContext c) { System.debug('job ' + Request.getCurrent().getQuiddity() + ' ' + System.isQueueable()); }
    }`;
  assert.deepEqual(
    out(
      `System.debug(Request.getCurrent().getQuiddity() + ' ' + System.isQueueable() + ' ' + System.isFuture() + ' ' + System.isBatch() + ' ' + System.isScheduled());
       System.debug(Request.getCurrent().getRequestId() == Request.getCurrent().getRequestId());
       System.debug(Request.getCurrent().getRequestId().length());
       System.enqueueJob(new QuiddityJob());`,
      [job]
    ),
    ['ANONYMOUS false false false false', 'true', '22', 'job QUEUEABLE true']
  );
  const testClass = `@IsTest private class Quiddity_Tests {
      @IsTest static void itRunsAsATest() {
        System.Assert.areEqual(Quiddity.RUNTEST_SYNC, Request.getCurrent().getQuiddity());
        Test.startTest();
        System.enqueueJob(new QuiddityJob());
        Test.stopTest();
        System.Assert.areEqual(Quiddity.RUNTEST_SYNC, Request.getCurrent().getQuiddity());
      }
    }`;
  const { project, debug } = apex('', [job, testClass]);
  debug.length = 0;
  const run = runTests(project, { classes: ['Quiddity_Tests'] });
  assert.equal(run.results[0].outcome, 'pass', run.results[0].message ?? '');
  assert.deepEqual(debug, ['job QUEUEABLE true']);
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

test('Network: the org has no Experience Cloud site, so the user is in the internal org and every answer is null', () => {
  assert.deepEqual(
    out(`System.debug(Network.getNetworkId());
         System.debug(Network.communitiesLanding() == null);
         System.debug(Network.forwardToAuthPage('/home') == null);
         System.debug(Network.getLoginUrl(null) + ' ' + Network.getLogoutUrl('0DB000000000001') + ' ' + Network.getSelfRegUrl(null));
         System.debug(new Network() != null);
         System.debug(URL.getCurrentRequestUrl().getHost());`),
    ['null', 'true', 'true', 'null null null', 'true', 'localorg.my.salesforce.com']
  );
});

test('UserInfo.getUserRoleId: null for the admin, the role of a user System.runAs runs as', () => {
  const lines = out(`
    System.debug(UserInfo.getUserRoleId());
    UserRole r = new UserRole(Name = 'Sales', DeveloperName = 'Sales');
    insert r;
    User admin = [SELECT Id, Username, LastName, Email, Alias, TimeZoneSidKey, LocaleSidKey, EmailEncodingKey, LanguageLocaleKey, ProfileId FROM User LIMIT 1];
    User u = admin.clone(false);
    u.Username = 'role-user@example.com';
    u.UserRoleId = r.Id;
    insert u;
    System.runAs(u) { System.debug(UserInfo.getUserRoleId() == r.Id); }
  `);
  assert.deepEqual(lines, ['null', 'true']);
});

test('Limits reports Apex cursor usage (none) and the documented maxima', () => {
  const lines = out(`
    System.debug(Limits.getApexCursorRows() + ' ' + Limits.getLimitApexCursorRows() + ' ' + Limits.getFetchCallsOnApexCursor() + ' ' + Limits.getLimitFetchCallsOnApexCursor() + ' ' + Limits.getApexCursors());
  `);
  assert.deepEqual(lines, ['0 50000000 0 100 0']);
  const more = out(`
    System.debug(Limits.getAsyncCalls() + ' ' + Limits.getLimitAsyncCalls() + ' ' + Limits.getMobilePushApexCalls() + ' ' + Limits.getLimitMobilePushApexCalls());
  `);
  assert.deepEqual(more, ['0 200 0 10']);
});
