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

const STATIC_MOCKS = `@IsTest
private class StaticMocks_Tests {
    @IsTest
    static void singleResourceAnswersEveryEndpoint() {
        StaticResourceCalloutMock mock = new StaticResourceCalloutMock();
        mock.setStaticResource('weather');
        mock.setStatusCode(200);
        mock.setHeader('Content-Type', 'application/json');
        Test.setMock(HttpCalloutMock.class, mock);
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://api.example.com/anything');
        HttpResponse res = new Http().send(req);
        Assert.areEqual(200, res.getStatusCode());
        Assert.areEqual('application/json', res.getHeader('Content-Type'));
        Assert.areEqual('{"temp":21}', res.getBody());
    }
    @IsTest
    static void multiResourceAnswersPerEndpoint() {
        MultiStaticResourceCalloutMock mock = new MultiStaticResourceCalloutMock();
        mock.setStaticResource('https://a.example.com/w', 'weather');
        mock.setStatusCode(201);
        Test.setMock(HttpCalloutMock.class, mock);
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://a.example.com/w');
        Assert.areEqual('{"temp":21}', new Http().send(req).getBody());
        req.setEndpoint('https://b.example.com/other');
        try {
            new Http().send(req);
            Assert.fail('expected an exception');
        } catch (CalloutException e) {
            Assert.isTrue(e.getMessage().contains('https://b.example.com/other'), e.getMessage());
        }
    }
    @IsTest
    static void missingResourceIsNamed() {
        StaticResourceCalloutMock mock = new StaticResourceCalloutMock();
        mock.setStaticResource('nowhere');
        Test.setMock(HttpCalloutMock.class, mock);
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://api.example.com/x');
        try {
            new Http().send(req);
            Assert.fail('expected an exception');
        } catch (CalloutException e) {
            Assert.areEqual('Static resource not found: nowhere', e.getMessage());
        }
    }
}
`;

test('StaticResourceCalloutMock and MultiStaticResourceCalloutMock answer with a static resource body', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-http-'));
  fs.mkdirSync(path.join(dir, 'staticresources'));
  fs.writeFileSync(path.join(dir, 'StaticMocks_Tests.cls'), STATIC_MOCKS);
  fs.writeFileSync(
    path.join(dir, 'staticresources', 'weather.resource-meta.xml'),
    '<StaticResource><cacheControl>Private</cacheControl><contentType>application/json</contentType></StaticResource>'
  );
  fs.writeFileSync(path.join(dir, 'staticresources', 'weather.json'), '{"temp":21}');
  const run = runTests(loadProject({ sources: dir }));
  assert.equal(run.results.length, 3);
  for (const r of run.results) assert.equal(r.outcome, 'pass', `${r.methodName}: ${r.message ?? ''}`);
});
