import assert from 'node:assert/strict';
import { test } from 'node:test';
import { causeOf } from '../../src/testing/gauge.js';
import type { TestResult } from '../../src/testing/runner.js';

function failed(message: string, kind: 'apex' | 'source' | 'unsupported' | 'internal', setup = false): TestResult {
  return {
    className: 'A_Tests',
    methodName: 'm',
    outcome: 'fail',
    message,
    stack: ['Class.A_Tests.m: line 3, column 5'],
    failure: { kind, typeName: 'X', setup },
    ms: 0
  };
}

test('a source error loses its file:line:column to the example, so one cause collects every place', () => {
  assert.deepEqual(causeOf(failed('force-app/main/A.cls:12:7 Variable does not exist: Product2', 'source')), {
    cause: 'Variable does not exist: Product2',
    where: 'force-app/main/A.cls:12:7'
  });
});

test('record Ids and numbers are masked; assertion text is the user’s, so it is dropped', () => {
  assert.equal(
    causeOf(failed('System.DmlException: Insert failed. First exception on row 3 with id 001000000000001AAA', 'apex'))
      .cause,
    'System.DmlException: Insert failed. First exception on row N with id <Id>'
  );
  assert.equal(
    causeOf(failed('System.AssertException: Assertion Failed: sum: Expected: 3, Actual: 2', 'apex')).cause,
    'System.AssertException: Assertion Failed: Expected ≠ Actual'
  );
});

test('numbers that are part of a name stay, so a message listing algorithm names reads as written', () => {
  assert.equal(
    causeOf(
      failed(
        'System.InvalidParameterValueException: Invalid algorithm: X. Valid values: MD5, SHA-256, SHA3-512',
        'apex'
      )
    ).cause,
    'System.InvalidParameterValueException: Invalid algorithm: X. Valid values: MD5, SHA-256, SHA3-512'
  );
  assert.equal(
    causeOf(failed('System.ListException: List index out of bounds: -1', 'apex')).cause,
    'System.ListException: List index out of bounds: -N'
  );
});

test('a @TestSetup failure says so, and an internal error loses its position', () => {
  assert.equal(
    causeOf(failed('@TestSetup A_Tests: src/A.cls:4:2 Variable does not exist: Label', 'source', true)).cause,
    'Variable does not exist: Label (in @TestSetup)'
  );
  assert.equal(
    causeOf(failed('localorg internal error at src/A.cls:4:2: boom', 'internal')).cause,
    'localorg internal error: boom'
  );
});
