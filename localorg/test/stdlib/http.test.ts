/**
 * Http, HttpRequest and HttpResponse: callouts answered by the `Test.setMock(HttpCalloutMock.class, …)` mock; without a
 * mock, tests get the platform's message and other code a CalloutException naming the endpoint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProject } from '../../src/boot/project.js';
import { runTests } from '../../src/testing/runner.js';

const CLASS = `@IsTest
private class Http_Tests {
    private class Mock implements HttpCalloutMock {
        public HttpResponse respond(HttpRequest req) {
            HttpResponse res = new HttpResponse();
            res.setStatusCode(201);
            res.setHeader('Content-Type', 'application/json');
            res.setBody('{"echo":"' + req.getMethod() + ' ' + req.getEndpoint() + ' ' + req.getBody() + '"}');
            return res;
        }
    }
    @IsTest
    static void mockAnswers() {
        Test.setMock(HttpCalloutMock.class, new Mock());
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://api.example.com/items');
        req.setMethod('POST');
        req.setBody('x=1');
        HttpResponse res = new Http().send(req);
        Assert.areEqual(201, res.getStatusCode());
        Assert.areEqual('application/json', res.getHeader('Content-Type'));
        Assert.areEqual('{"echo":"POST https://api.example.com/items x=1"}', res.getBody());
        Assert.areEqual(res.getBody(), res.getBodyAsBlob().toString());
    }
    @IsTest
    static void noMockFails() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://api.example.com/items');
        try {
            new Http().send(req);
            Assert.fail('expected an exception');
        } catch (TypeException e) {
            Assert.areEqual('Methods defined as TestMethod do not support Web service callouts', e.getMessage());
        }
    }
}
`;

test('Http.send answers from the registered HttpCalloutMock, and fails without one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-http-'));
  fs.writeFileSync(path.join(dir, 'Http_Tests.cls'), CLASS);
  const run = runTests(loadProject({ sources: dir }));
  assert.equal(run.results.length, 2);
  for (const r of run.results) assert.equal(r.outcome, 'pass', `${r.methodName}: ${r.message ?? ''}`);
});
