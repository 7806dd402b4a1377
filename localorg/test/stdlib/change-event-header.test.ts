/** EventBus.ChangeEventHeader: built with `new`, its documented properties read and assigned, and written as JSON. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { out } from '../runtime/helpers.js';

test('a new header has null properties that Apex assigns and reads back', () => {
  const lines = out(`
    EventBus.ChangeEventHeader h = new EventBus.ChangeEventHeader();
    System.debug(h.entityName + ' ' + h.recordIds + ' ' + h.commitTimestamp);
    h.entityName = 'Account';
    h.changeType = 'UPDATE';
    h.recordIds = new List<String>{ '001000000000001AAA' };
    h.commitTimestamp = 1700000000000L;
    h.sequenceNumber = 2;
    System.debug(h.entityName + ' ' + h.ChangeType + ' ' + h.recordIds + ' ' + h.commitTimestamp + ' ' + h.sequenceNumber);
    System.debug(JSON.serialize(h).startsWith('{"entityName":"Account","recordIds":["001000000000001AAA"],"changeType":"UPDATE"'));
  `);
  assert.deepEqual(lines, ['null null null', 'Account UPDATE (001000000000001AAA) 1700000000000 2', 'true']);
});
