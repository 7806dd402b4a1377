/**
 * The stdlib's data-facing natives reach the org through the library the composition root built for it
 * (`standardLibrary(org)`), not by asking whether `ctx.platform` is a LocalOrg: a platform that is not one by class
 * (a decorator around the org) still describes, and a library built without an org says what it lacks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runAnonymousText } from '../../src/boot/anonymous.js';
import { loadProject } from '../../src/boot/project.js';
import { createDataPlatform, LocalOrg } from '../../src/data/index.js';
import { NativeServiceKey, type NativeContext } from '../../src/runtime/natives.js';
import { failureLine } from '../../src/runtime/failures.js';
import { DATA_ORG, orgOf, schemaOf } from '../../src/stdlib/data-org.js';
import { standardLibrary } from '../../src/stdlib/index.js';

const NO_SOURCES = { objectFolders: [], customMetadataRecords: [] };

test('describe and typed JSON work on a platform that is not a LocalOrg by class', () => {
  const org = createDataPlatform(NO_SOURCES);
  // A decorator: every member forwards to the org, but it is not an instance of LocalOrg.
  const decorated = new Proxy(org, { getPrototypeOf: () => Object.prototype });
  assert.equal(decorated instanceof LocalOrg, false);
  const debug: string[] = [];
  const project = loadProject({
    sources: [],
    platform: decorated,
    user: org.user,
    debug: (_l, _v, m) => debug.push(m)
  });
  const failure = runAnonymousText(
    project,
    [
      'System.debug(Schema.SObjectType.Account.getName());',
      "System.debug(Account.SObjectType.getDescribe().fields.getMap().get('name').getDescribe().getName());",
      'Account a = (Account) JSON.deserialize(\'{"NumberOfEmployees": 12}\', Account.class);',
      'System.debug(a.NumberOfEmployees + 1);'
    ].join('\n'),
    'decorated.apex'
  );
  assert.equal(failure ? failureLine(failure) : null, null);
  assert.deepEqual(debug, ['Account', 'Name', '13']);
});

test('a library built without an org says so when a data native needs one', () => {
  const ctx = { natives: standardLibrary() } as NativeContext;
  assert.throws(() => orgOf(ctx), /needs the localorg data platform/);
  assert.equal(schemaOf(ctx), null);
});

test('each library holds the org it was given, once', () => {
  const one = createDataPlatform(NO_SOURCES);
  const two = createDataPlatform(NO_SOURCES);
  const a = standardLibrary(one);
  const b = standardLibrary(two);
  assert.equal(a.service(DATA_ORG), one);
  assert.equal(b.service(DATA_ORG), two);
  assert.equal(a.service(new NativeServiceKey<unknown>('something else')), undefined);
  assert.throws(() => a.provide(DATA_ORG, two), /the data org was already provided/);
});
