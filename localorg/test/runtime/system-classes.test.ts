import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from './helpers.js';

test('System.debug with a LoggingLevel and Assert messages with a custom message', () => {
  const r = apex("System.debug(LoggingLevel.ERROR, 'e'); Assert.areEqual(1, 2, 'counts');");
  assert.deepEqual(r.debug, ['e']);
  assert.equal(r.fatal, 'System.AssertException: Assertion Failed: counts: Expected: 1, Actual: 2');
});

test('Assert.isTrue, isNull and fail', () => {
  assert.equal(
    apex('Assert.isTrue(false);').fatal,
    'System.AssertException: Assertion Failed: Expected: true, Actual: false'
  );
  assert.equal(
    apex("Assert.isNull('x');").fatal,
    'System.AssertException: Assertion Failed: Expected: null, Actual: x'
  );
  assert.equal(apex("Assert.fail('stop here');").fatal, 'System.AssertException: stop here');
});

test('Assert.isInstanceOfType checks the runtime type', () => {
  assert.deepEqual(out("Assert.isInstanceOfType('x', String.class); System.debug('ok');"), ['ok']);
  assert.match(
    apex('Assert.isInstanceOfType(1, String.class);').fatal ?? '',
    /^System\.AssertException: Assertion Failed: Expected instance of String/
  );
});

test('UserInfo reports the seeded running user', () => {
  const r = out(
    'System.debug(UserInfo.getUserId()); System.debug(UserInfo.getTimeZone().getID()); System.debug(UserInfo.getLocale());'
  );
  assert.match(r[0], /^005[A-Za-z0-9]{15}$/);
  assert.deepEqual(r.slice(1), ['America/Los_Angeles', 'en_US']);
});

test('Test.isRunningTest is false in anonymous Apex', () => {
  assert.deepEqual(out('System.debug(Test.isRunningTest());'), ['false']);
});

test('a Queueable enqueued in anonymous Apex runs after the block', () => {
  const cls =
    "public class Job implements Queueable { public void execute(QueueableContext c) { System.debug('ran'); } }";
  assert.deepEqual(out("System.enqueueJob(new Job()); System.debug('queued');", [cls]), ['queued', 'ran']);
});

test('an endless loop ends in the CPU time LimitException', () => {
  // A 300 ms budget keeps the test quick; the platform's is 10,000 ms.
  const r = apex('Integer i = 0; while (true) { i++; }', [], (p) => {
    const limits = p.platform.limits as { max: { cpuTimeMs: number } };
    Object.defineProperty(limits, 'max', { value: { ...limits.max, cpuTimeMs: 300 } }); // max is a getter
  });
  assert.match(r.fatal ?? '', /^System\.LimitException: Apex CPU time limit exceeded/);
});

test('an unsupported standard method fails loudly with its name', () => {
  assert.match(
    apex('Test.enableChangeDataCapture();').fatal ?? '',
    /Test\.enableChangeDataCapture\(0 arguments\) is not supported by localorg/
  );
});
