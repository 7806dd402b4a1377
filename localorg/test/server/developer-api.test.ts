/**
 * The SOAP Apex API's executeAnonymous and the Tooling API's runTestsSynchronous over HTTP, on a small real Apex
 * project: the envelopes and JSON the sf CLI sends, and the bad requests it never sends.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import type { CommittedChange } from '../../src/server/runtime-seams.js';
import { call, here, startTestServer, TOKEN, type TestServer } from './helpers.js';

const PROJECT = path.join(here, 'fixtures', 'devapi');
let s: TestServer;
const journaled: CommittedChange[][] = [];

before(async () => {
  s = await startTestServer({
    runtime: loadOrgRuntime([PROJECT]),
    journal: {
      append: (_label, changes) => journaled.push(changes),
      wantsCompaction: () => false,
      compact: () => ({ rows: 0, journalBytesBefore: 0 })
    }
  });
});
after(async () => {
  await s.close();
});

const escapeXml = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function envelope(code: string, session = TOKEN): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
    'xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cmd="http://soap.sforce.com/2006/08/apex" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><env:Header><cmd:SessionHeader><cmd:sessionId>' +
    `${escapeXml(session)}</cmd:sessionId></cmd:SessionHeader><cmd:DebuggingHeader><cmd:debugLevel>DEBUGONLY` +
    '</cmd:debugLevel></cmd:DebuggingHeader></env:Header><env:Body><executeAnonymous xmlns="http://soap.sforce.com/2006/08/apex">' +
    `<apexcode>${escapeXml(code)}</apexcode></executeAnonymous></env:Body></env:Envelope>`
  );
}

const anon = (body: string): ReturnType<typeof call> =>
  call(s.url, '/services/Soap/s/68.0/00D000000000001', {
    method: 'POST',
    rawBody: body,
    headers: { 'content-type': 'text/xml', soapaction: 'executeAnonymous' }
  });

const tag = (xml: string, name: string): string | null =>
  new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? null;

test('executeAnonymous runs the block, commits its writes and returns the debug log in the SOAP header', async () => {
  const r = await anon(
    envelope("Account a = new Account(Name = 'From anonymous');\ninsert a;\nSystem.debug('made ' + a.Name);")
  );
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /text\/xml/);
  assert.match(r.text, /^<\?xml[^>]*><soapenv:Envelope xmlns:soapenv="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/"/);
  assert.equal(tag(r.text, 'compiled'), 'true');
  assert.equal(tag(r.text, 'success'), 'true');
  assert.match(r.text, /<compileProblem xsi:nil="true"\/>/);
  assert.match(tag(r.text, 'debugLog') ?? '', /\|USER_DEBUG\|\[3\]\|DEBUG\|made From anonymous/);
  const q = await call(
    s.url,
    `/services/data/v68.0/query?q=${encodeURIComponent("SELECT Name FROM Account WHERE Name = 'From anonymous'")}`
  );
  assert.equal((q.json as { totalSize: number }).totalSize, 1);
});

test('a block that does not compile answers compiled=false with the line, column and problem', async () => {
  const r = await anon(envelope('Integer x = 1;\nx.foo(;'));
  assert.equal(r.status, 200);
  assert.equal(tag(r.text, 'compiled'), 'false');
  assert.equal(tag(r.text, 'success'), 'false');
  assert.equal(tag(r.text, 'line'), '2');
  assert.notEqual(tag(r.text, 'column'), '-1');
  assert.ok((tag(r.text, 'compileProblem') ?? '').length > 0);
});

test('an uncaught exception answers success=false with the exception and rolls the block back', async () => {
  const r = await anon(
    envelope("insert new Account(Name = 'Rolled back');\nInteger[] xs = new Integer[0];\nSystem.debug(xs[3]);")
  );
  assert.equal(tag(r.text, 'compiled'), 'true');
  assert.equal(tag(r.text, 'success'), 'false');
  assert.equal(tag(r.text, 'exceptionMessage'), 'System.ListException: List index out of bounds: 3');
  assert.match(tag(r.text, 'exceptionStackTrace') ?? '', /line 3/);
  const q = await call(
    s.url,
    `/services/data/v68.0/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'Rolled back'")}`
  );
  assert.equal((q.json as { totalSize: number }).totalSize, 0);
});

test('a block may call the project classes, and each request is a new block', async () => {
  const first = await anon(
    envelope("static String shout(String s) { return s.toUpperCase(); }\nSystem.debug(shout(Greeter.greet('ada')));")
  );
  assert.match(tag(first.text, 'debugLog') ?? '', /DEBUG\|HELLO, ADA/);
  const second = await anon(envelope("System.debug(shout('x'));"));
  assert.equal(tag(second.text, 'compiled') === 'true' && tag(second.text, 'success') === 'true', false, second.text);
});

test('SOAP faults: malformed XML, a wrong session, another operation, empty code, a GET', async () => {
  const bad = await anon('<not xml');
  assert.equal(bad.status, 500);
  assert.match(bad.text, /<faultcode>sf:INVALID_XML<\/faultcode>/);
  const session = await anon(envelope('System.debug(1);', 'someone-else'));
  assert.equal(session.status, 500);
  assert.match(session.text, /sf:INVALID_SESSION_ID/);
  const other = await anon(envelope('x').replace(/executeAnonymous/g, 'compileClasses'));
  assert.match(other.text, /sf:INVALID_OPERATION/);
  const empty = await anon(envelope('   '));
  assert.match(empty.text, /sf:INVALID_FIELD/);
  const get = await call(s.url, '/services/Soap/s/68.0/00D000000000001');
  assert.equal(get.status, 405);
});

interface RunTestsResult {
  numTestsRun: number;
  numFailures: number;
  successes: { id: string | null; name: string; methodName: string; namespace: null; time: number }[];
  failures: { name: string; methodName: string; message: string; stackTrace: string; type: string }[];
}

const runSync = (body: unknown): ReturnType<typeof call> =>
  call(s.url, '/services/data/v68.0/tooling/runTestsSynchronous', { method: 'POST', body });

test('runTestsSynchronous runs one class and reports successes and failures as an org does', async () => {
  const before = journaled.length;
  const r = await runSync({
    tests: [{ className: 'greeter_tests' }],
    testLevel: 'RunSpecifiedTests',
    skipCodeCoverage: true
  });
  assert.equal(r.status, 200, r.text);
  const result = r.json as RunTestsResult;
  assert.equal(result.numTestsRun, 3);
  assert.equal(result.numFailures, 1);
  assert.deepEqual(result.successes.map((x) => x.methodName).sort(), [
    'it_greets_by_name',
    'it_writes_an_account_that_the_org_never_keeps'
  ]);
  assert.match(result.successes[0].id ?? '', /^01p\w{15}$/);
  assert.equal(result.successes[0].name, 'Greeter_Tests');
  const [failure] = result.failures;
  assert.equal(failure.methodName, 'it_fails_on_purpose');
  assert.match(failure.message, /^System.AssertException: Assertion Failed: greeting mismatch/);
  assert.match(failure.stackTrace, /Class\.Greeter_Tests\.it_fails_on_purpose: line \d+/);
  // Test data is never kept nor journaled.
  const q = await call(
    s.url,
    `/services/data/v68.0/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'Written by a test'")}`
  );
  assert.equal((q.json as { totalSize: number }).totalSize, 0);
  assert.equal(journaled.length, before);
});

test('runTestsSynchronous honours testMethods', async () => {
  const r = await runSync({ tests: [{ className: 'Greeter_Tests', testMethods: ['it_greets_by_name'] }] });
  const result = r.json as RunTestsResult;
  assert.equal(result.numTestsRun, 1);
  assert.equal(result.successes[0].methodName, 'it_greets_by_name');
});

test('runTestsSynchronous refuses bad requests with precise errors', async () => {
  const cases: [unknown, number, string][] = [
    [{}, 400, 'INVALID_INPUT'],
    [{ tests: [{}] }, 400, 'INVALID_INPUT'],
    [{ tests: [{ className: 'Greeter_Tests', testMethods: 'x' }] }, 400, 'INVALID_INPUT'],
    [{ tests: [{ className: 'Greeter_Tests' }, { className: 'Greeter_Tests' }] }, 400, 'INVALID_INPUT'],
    [{ tests: [{ className: 'NoSuchTests' }] }, 404, 'NOT_FOUND'],
    [[1, 2], 400, 'JSON_PARSER_ERROR']
  ];
  for (const [body, status, code] of cases) {
    const r = await runSync(body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal((r.json as { errorCode: string }[])[0].errorCode, code, JSON.stringify(body));
  }
  const get = await call(s.url, '/services/data/v68.0/tooling/runTestsSynchronous');
  assert.equal(get.status, 405);
});

test('tooling queries read the org; sandbox objects answer empty', async () => {
  const classes = await call(
    s.url,
    `/services/data/v68.0/tooling/query?q=${encodeURIComponent("SELECT Id, Name FROM ApexClass WHERE Name = 'Greeter'")}`
  );
  assert.equal((classes.json as { totalSize: number }).totalSize, 1);
  const sandbox = await call(
    s.url,
    `/services/data/v68.0/tooling/query?q=${encodeURIComponent('SELECT Id, Status FROM SandboxProcess')}`
  );
  assert.deepEqual((sandbox.json as { records: unknown[] }).records, []);
});
