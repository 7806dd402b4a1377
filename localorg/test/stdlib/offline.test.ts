/**
 * Platform-only namespaces (ConnectApi, DataWeave, DataWeaveScriptResource…) compile, and fail only when they run,
 * with a catchable UnsupportedOperationException that names the construct and says it is not available offline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apex, out } from '../runtime/helpers.js';

test('ConnectApi and DataWeave compile and throw a catchable "not available offline" exception when run', () => {
  const debug = out(`
    Boolean seeAllData = false;
    try {
        ConnectApi.ChatterUsers.getFollowings(null, String.valueOf(UserInfo.getUserId()));
        seeAllData = true;
    } catch (UnsupportedOperationException e) {
        System.debug(e.getMessage());
    }
    System.debug(seeAllData);
    try {
        DataWeave.Script script = DataWeave.Script.createScript('helloworld');
        DataWeave.Result result = script.execute(new Map<String, Object>());
    } catch (Exception e) {
        System.debug(e.getTypeName());
    }
    try {
        DataWeave.Script script = new DataWeaveScriptResource.csvToContacts();
    } catch (UnsupportedOperationException e) {
        System.debug(e.getMessage().startsWith('new DataWeaveScriptResource.'));
    }
    try {
        Object t = ConnectApi.NamedCredentialType.SecuredEndpoint;
    } catch (UnsupportedOperationException e) {
        System.debug(e.getMessage().contains('not available offline'));
    }
  `);
  assert.match(
    debug[0],
    /^ConnectApi\.\w+\.getFollowings\(\) is not available offline: localorg has no Connect REST API/
  );
  assert.deepEqual(debug.slice(1), ['false', 'System.UnsupportedOperationException', 'true', 'true']);
});

test('a name outside the platform-only namespaces is still a compile error', () => {
  assert.equal(apex('Object o = Nope.Thing.m();').fatal, 'test.apex:1:12 Variable does not exist: Nope');
});
