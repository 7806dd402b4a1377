/** Catching a DmlException in a test and reading its per-row errors. */
import assert from 'node:assert/strict';
import { ApexRuntimeError } from '../../src/values/values.js';

interface DmlRow {
  index: number;
  id: string | null;
  statusCode: string;
  message: string;
  fields: string[];
}

export function dmlError(fn: () => unknown): ApexRuntimeError & { data: { dmlRows: DmlRow[] } } {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ApexRuntimeError, String(e));
    assert.equal(e.typeName, 'System.DmlException');
    return e as ApexRuntimeError & { data: { dmlRows: DmlRow[] } };
  }
  assert.fail('expected a DmlException');
}
