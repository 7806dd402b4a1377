import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from '../lib/table.js';
import { Output } from '../lib/output.js';
import { ScriptError, toScriptError } from '../lib/errors.js';

test('tables size columns to content, right-align numbers and trim trailing spaces', () => {
  const text = renderTable(
    [
      { name: 'BookingService_Tests', pass: 12 },
      { name: 'A', pass: 3 }
    ],
    [
      { header: 'Class', value: (row) => row.name },
      { header: 'Pass', value: (row) => row.pass, align: 'right' }
    ]
  );
  assert.equal(
    text,
    [
      'Class                 Pass',
      '────────────────────  ────',
      'BookingService_Tests    12',
      'A                        3'
    ].join('\n')
  );
});

function sinks() {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    out: () => out,
    err: () => err
  };
}

test('text mode: progress and warnings on stderr, results on stdout', () => {
  const s = sinks();
  const output = new Output({ json: false, ...s });
  output.progress('Deploying');
  output.warn('careful');
  output.info('done');
  output.result({ ignored: true });
  assert.equal(s.err(), '… Deploying\nWarning: careful\n');
  assert.equal(s.out(), 'done\n');
});

test('json mode: one document with the result and the warnings, nothing else', () => {
  const s = sinks();
  const output = new Output({ json: true, ...s });
  output.progress('Deploying');
  output.info('done');
  output.warn('careful');
  output.table('t', [{ a: 1 }], [{ header: 'A', value: (row) => row.a }]);
  output.result({ id: 'x' });
  assert.deepEqual(JSON.parse(s.out()), { status: 0, result: { id: 'x' }, warnings: ['careful'] });
  assert.equal(s.err(), '');
});

test('json mode failure carries name, message, remedy and data', () => {
  const s = sinks();
  new Output({ json: true, ...s }).failure(new ScriptError('DeployFailed', 'bad', { remedy: 'fix', data: { n: 1 } }));
  assert.deepEqual(JSON.parse(s.out()), {
    status: 1,
    name: 'DeployFailed',
    message: 'bad',
    remedy: 'fix',
    data: { n: 1 },
    warnings: []
  });
});

test('library errors keep their name, first line and first suggested action', () => {
  const error = Object.assign(new Error('No authorization information found for x.\nstack-ish'), {
    name: 'NamedOrgNotFoundError',
    actions: ['Run sf org login web.']
  });
  const converted = toScriptError(error);
  assert.deepEqual(
    [converted.code, converted.message, converted.remedy],
    ['NamedOrgNotFoundError', 'No authorization information found for x.', 'Run sf org login web.']
  );
  assert.equal(toScriptError('plain string').message, 'plain string');
});
