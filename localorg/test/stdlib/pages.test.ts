/**
 * Visualforce references offline: PageReference (URL, parameters, anchor, redirect), `Page.X` for the project's
 * pages, `Test.setCurrentPage` / `ApexPages.currentPage()`, and page messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProject } from '../../src/boot/project.js';
import { runTests } from '../../src/testing/runner.js';

const CONTROLLER = `public with sharing class Greeter {
    public String name { get; set; }
    public PageReference load() {
        name = ApexPages.currentPage().getParameters().get('name');
        if (name == null) {
            ApexPages.addMessage(new ApexPages.Message(ApexPages.Severity.ERROR, 'No name'));
        }
        return null;
    }
}`;

const TESTS = `@IsTest
private class Pages_Tests {
    @IsTest
    static void pageReferenceParsesAndRebuildsItsUrl() {
        PageReference ref = new PageReference('/apex/Greet?name=Ada%20L&x=1#top');
        Assert.areEqual('Ada L', ref.getParameters().get('name'));
        Assert.areEqual('top', ref.getAnchor());
        ref.getParameters().put('y', 'a&b');
        Assert.areEqual('/apex/Greet?name=Ada+L&x=1&y=a%26b#top', ref.getUrl());
        Assert.isFalse(ref.getRedirect());
        Assert.areEqual(true, ref.setRedirect(true).getRedirect());
        Account a = new Account(Name = 'A');
        insert a;
        Assert.areEqual('/' + a.Id, new PageReference(a).getUrl());
    }
    @IsTest
    static void pageNamesAProjectPageAndTestSetsTheCurrentOne() {
        PageReference ref = Page.Greet;
        Assert.areEqual('/apex/Greet', ref.getUrl());
        Assert.isNull(ApexPages.currentPage());
        Test.setCurrentPage(ref);
        ApexPages.currentPage().getParameters().put('name', 'Ada');
        Greeter g = new Greeter();
        Assert.isNull(g.load());
        Assert.areEqual('Ada', g.name);
        Assert.isFalse(ApexPages.hasMessages());
    }
    @IsTest
    static void messagesAreKept() {
        Test.setCurrentPageReference(new PageReference('/apex/Greet'));
        new Greeter().load();
        Assert.isTrue(ApexPages.hasMessages(ApexPages.Severity.ERROR));
        Assert.isFalse(ApexPages.hasMessages(ApexPages.Severity.INFO));
        ApexPages.Message m = ApexPages.getMessages()[0];
        Assert.areEqual('No name', m.getSummary());
        Assert.isNull(m.getDetail());
        Assert.areEqual(ApexPages.Severity.ERROR, m.getSeverity());
    }
    @IsTest
    static void noContentOffline() {
        try {
            Page.Greet.getContent();
            Assert.fail('expected an exception');
        } catch (VisualforceException e) {
            Assert.isTrue(e.getMessage().contains('not available offline'), e.getMessage());
        }
    }
}`;

test('PageReference, Page.X, Test.setCurrentPage and ApexPages messages behave as in a Visualforce test', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-pages-'));
  fs.mkdirSync(path.join(dir, 'classes'));
  fs.mkdirSync(path.join(dir, 'pages'));
  fs.writeFileSync(path.join(dir, 'classes', 'Greeter.cls'), CONTROLLER);
  fs.writeFileSync(path.join(dir, 'classes', 'Pages_Tests.cls'), TESTS);
  fs.writeFileSync(path.join(dir, 'pages', 'Greet.page'), '<apex:page controller="Greeter" action="{!load}"/>');
  fs.writeFileSync(
    path.join(dir, 'pages', 'Greet.page-meta.xml'),
    '<ApexPage><apiVersion>62.0</apiVersion><label>Greet</label></ApexPage>'
  );
  const run = runTests(loadProject({ sources: dir }));
  assert.equal(run.results.length, 4);
  for (const r of run.results) assert.equal(r.outcome, 'pass', `${r.methodName}: ${r.message ?? ''}`);
});

test('Page.X of a page the project does not have does not exist', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-pages-'));
  fs.writeFileSync(
    path.join(dir, 'Missing_Tests.cls'),
    '@IsTest private class Missing_Tests { @IsTest static void t() { PageReference r = Page.Nowhere; } }'
  );
  const [result] = runTests(loadProject({ sources: dir })).results;
  assert.equal(result.outcome, 'fail');
  assert.match(result.message ?? '', /Nowhere/);
});
