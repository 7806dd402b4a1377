/**
 * The Test class. `startTest` gives a fresh governor-limit set and `stopTest` runs queued async work, then restores
 * the outer limits. Features outside localorg (SOSL fixtures, static resources, stubs) fail loudly.
 */
import { ApexId, ApexList, ApexObject, ApexTypeValue, type Value } from '../values/values.js';
import { NativeDefinitions, setFixedSearchResults } from '../runtime/natives.js';
import { apexThrow, unsupported } from '../values/errors.js';
import { orgOf } from './data-org.js';
import { deliverTestEvents, testBroker } from './eventbus.js';
import { setCurrentPage } from './pages.js';
import { to18 } from '../values/ids.js';
import { runQueuedInTest } from './async-apex.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

natives.defineClass({
  name: 'Test',
  statics: {
    starttest(ctx) {
      if (ctx.testState['restoreLimits'])
        apexThrow('AsyncException', 'Test.startTest() may only be called once per test method');
      ctx.testState['restoreLimits'] = ctx.platform.limits.pushFreshSet();
      return null;
    },
    stoptest(ctx) {
      // Async work runs inside the fresh limit set, then the outer limits return.
      runQueuedInTest(ctx);
      // Platform event messages published in the test are delivered now [doc: "Deliver Test Event Messages"].
      deliverTestEvents(ctx);
      const restore = ctx.testState['restoreLimits'] as (() => void) | undefined;
      if (restore) restore();
      ctx.testState['restoreLimits'] = () => undefined;
      return null;
    },
    setcurrentpage: setCurrentPage('setCurrentPage'),
    setcurrentpagereference: setCurrentPage('setCurrentPageReference'),
    isrunningtest(ctx) {
      return ctx.runningTest;
    },
    setmock(ctx, args) {
      if (!(args[0] instanceof ApexTypeValue) || !(args[1] instanceof ApexObject)) unsupported('Test', 'setMock', args);
      const mocks = (ctx.testState['mocks'] ??= new Map<string, ApexObject>()) as Map<string, ApexObject>;
      mocks.set(args[0].type.name, args[1]);
      return null;
    },
    createstub(ctx, args) {
      const [type, provider] = args;
      if (!(type instanceof ApexTypeValue) || args.length !== 2) return unsupported('Test', 'createStub', args);
      if (!(provider instanceof ApexObject) || !provider.cls.isSubtypeOf('system.stubprovider'))
        return apexThrow('TypeException', 'Test.createStub needs a System.StubProvider as its second argument');
      const cls = ctx.classFor(type.type);
      if (!cls || cls.isBuiltin)
        return apexThrow(
          'TypeException',
          `Test.createStub cannot stub ${type.type.display}: only Apex classes and interfaces`
        );
      // No constructor or initialiser runs: every instance method goes to the provider (Interpreter.invokeStub).
      const stub = new ApexObject(cls);
      stub.native.stubProvider = provider;
      return stub;
    },
    setfixedsearchresults(ctx, args) {
      const ids = args[0];
      if (args.length !== 1 || (ids !== null && !(ids instanceof ApexList))) {
        return unsupported('Test', 'setFixedSearchResults', args);
      }
      const list = ids === null ? [] : ids.items.map((v) => idOf(v));
      setFixedSearchResults(ctx, list);
      return null;
    },
    geteventbus: () => testBroker(),
    getstandardpricebookid(ctx) {
      return orgOf(ctx).seed.standardPricebookId;
    }
  }
});

/** An element of `Test.setFixedSearchResults`'s list: an Id (a String holding one converts, as in `Id[]`). */
function idOf(v: Value): ApexId {
  if (v instanceof ApexId) return v;
  const id = typeof v === 'string' ? to18(v) : null;
  if (id) return new ApexId(id);
  return apexThrow('StringException', `Invalid id: ${typeof v === 'string' ? v : '(not an Id)'}`);
}

/**
 * The seam between the prelude's `Http.send` and `Test.setMock`: the registered `HttpCalloutMock`, or a
 * `CalloutException` naming the endpoint, since localorg never calls out (outside tests the platform would make the
 * request; offline there is nothing to reach).
 */
natives.defineClass({
  name: 'LocalorgCallouts',
  statics: {
    httpmock(ctx, args) {
      const endpoint = typeof args[0] === 'string' ? args[0] : '(no endpoint)';
      const mocks = ctx.testState['mocks'] as Map<string, ApexObject> | undefined;
      const mock = [...(mocks ?? new Map<string, ApexObject>())].find(([name]) =>
        /(^|\.)httpcalloutmock$/i.test(name)
      )?.[1];
      if (mock) return mock;
      if (ctx.runningTest) {
        return apexThrow('TypeException', 'Methods defined as TestMethod do not support Web service callouts');
      }
      return apexThrow('CalloutException', `callouts are not available offline (localorg): ${endpoint}`);
    },
    /** The body of the project's static resource `args[0]` (StaticResourceCalloutMock); a missing one is an error. */
    staticresourcebody(ctx, args) {
      const name = typeof args[0] === 'string' ? args[0] : null;
      if (name === null) return apexThrow('CalloutException', 'the callout mock has no static resource set');
      for (const row of orgOf(ctx).store.rows('staticresource')) {
        const rowName = row.get('Name');
        if (typeof rowName === 'string' && rowName.toLowerCase() === name.toLowerCase()) return row.get('Body');
      }
      return apexThrow('CalloutException', `Static resource not found: ${name}`);
    }
  }
});
