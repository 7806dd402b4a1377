import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveDevHub, resolveTargetOrg } from '../lib/auth.js';
import { ScriptError } from '../lib/errors.js';
import { HUB, SCRATCH, fakeStore, hubAndScratchStore } from './helpers.js';

async function failure(work: Promise<unknown>): Promise<ScriptError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof ScriptError);
    return error;
  }
  assert.fail('expected a failure');
}

test('no Dev Hub anywhere tells the user how to log in, locally and in CI', async () => {
  const error = await failure(resolveDevHub(fakeStore({}), undefined, {}));
  assert.equal(error.code, 'NoDevHub');
  assert.match(error.remedy ?? '', /sf org login web --set-default-dev-hub/);
  assert.match(error.remedy ?? '', /SFDX_AUTH_URL/);
});

test('SFDX_AUTH_URL set without a login points at the sfdx-url login', async () => {
  const error = await failure(resolveDevHub(fakeStore({}), undefined, { SFDX_AUTH_URL: 'force://x' }));
  assert.match(error.remedy ?? '', /^SFDX_AUTH_URL is set but nobody has logged in with it/);
});

test('an alias that does not exist is named in the message', async () => {
  const error = await failure(resolveDevHub(hubAndScratchStore(), 'nohub', {}));
  assert.equal(error.code, 'UnknownAlias');
  assert.equal(error.message, "No Dev Hub is authorised under the alias or username 'nohub'.");
  assert.equal(error.exitCode, 2);
});

test('an alias whose auth file is gone is reported as such', async () => {
  const store = fakeStore({ aliases: { devhub: 'gone@example.com' } });
  const error = await failure(resolveDevHub(store, 'devhub', {}));
  assert.match(error.message, /points at gone@example\.com, which is no longer authorised/);
});

test('the configured default Dev Hub is resolved through its alias', async () => {
  const hub = await resolveDevHub(hubAndScratchStore(), undefined, {});
  assert.deepEqual([hub.username, hub.alias, hub.source], [HUB.username, 'devhub', 'config']);
});

test('an org known not to be a Dev Hub is refused', async () => {
  const store = fakeStore({
    orgs: [{ username: 'prod@example.com', isDevHub: false }],
    aliases: { prod: 'prod@example.com' }
  });
  const error = await failure(resolveDevHub(store, 'prod', {}));
  assert.equal(error.code, 'NotADevHub');
});

test('a username given directly resolves and finds its alias for messages', async () => {
  const org = await resolveTargetOrg(hubAndScratchStore(), SCRATCH.username);
  assert.deepEqual([org.username, org.alias, org.source], [SCRATCH.username, 'bksync-scratch', 'flag']);
});

test('no target org and no default says how to create one', async () => {
  const error = await failure(resolveTargetOrg(fakeStore({}), undefined));
  assert.equal(error.code, 'NoTargetOrg');
  assert.match(error.remedy ?? '', /npm run org:create/);
});
