import assert from 'node:assert/strict';
import { test } from 'node:test';
import { out } from '../runtime/helpers.js';

test('LoggingLevel has INTERNAL and the platform order: NONE, INTERNAL, FINEST … DEBUG, INFO, WARN, ERROR', () => {
  assert.deepEqual(
    out(`System.debug(LoggingLevel.values());
         System.debug(LoggingLevel.FINEST.ordinal() < LoggingLevel.DEBUG.ordinal());
         System.debug(LoggingLevel.WARN.ordinal() < LoggingLevel.ERROR.ordinal());
         System.debug(LoggingLevel.INTERNAL, 'internal line');`),
    ['(NONE, INTERNAL, FINEST, FINER, FINE, DEBUG, INFO, WARN, ERROR)', 'true', 'true', 'internal line']
  );
});
