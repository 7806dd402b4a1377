import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';

const FIX = path.resolve(import.meta.dirname, '../fixtures/lang');

/** Runs the CLI in-process, capturing stdout and stderr. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  process.stdout.write = (s: string) => (out.push(String(s)), true);
  process.stderr.write = (s: string) => (err.push(String(s)), true);
  try {
    const code = await main(argv);
    return { code, stdout: out.join('').split('\n').filter(Boolean), stderr: err.join('').split('\n').filter(Boolean) };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
}

test('run prints USER_DEBUG lines with line and level', async () => {
  const r = await cli('run', path.join(FIX, 'hello.apex'));
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdout, ['USER_DEBUG|[2]|DEBUG|hello world', 'USER_DEBUG|[3]|WARN|42']);
});

test('run prints FATAL_ERROR and exits 1 on an uncaught exception', async () => {
  const r = await cli('run', path.join(FIX, 'fails.apex'));
  assert.equal(r.code, 1);
  assert.deepEqual(r.stdout, [
    'USER_DEBUG|[1]|DEBUG|before',
    'FATAL_ERROR|System.ListException: List index out of bounds: 5'
  ]);
  assert.match(r.stderr[0], /^AnonymousBlock: line 3, column \d+$/);
});

test('run reports a syntax error as file:line:column', async () => {
  const r = await cli('run', path.join(FIX, 'bad-syntax.apex'));
  assert.equal(r.code, 1);
  assert.match(r.stdout[0], /^FATAL_ERROR\|.*bad-syntax\.apex:1:13 /);
});

test('run of a missing file exits 2 with a message', async () => {
  const r = await cli('run', path.join(FIX, 'nope.apex'));
  assert.equal(r.code, 2);
  assert.match(r.stderr[0], /file not found/);
});

test('test shows progress per class, coverage and the summary line, exit 0', async () => {
  const r = await cli('test', '--source', path.join(FIX, 'passing'), '--coverage');
  assert.equal(r.code, 0);
  assert.match(r.stdout[0], /^ok {3}Counter_Tests {2}3 passed, 0 failed/);
  assert.ok(r.stdout.some((l) => /AccountTrigger\s+100%/.test(l)));
  assert.equal(r.stdout[r.stdout.length - 1], '3 passed, 0 failed');
});

test('test prints failures with Apex stack lines and exits 1; JSON and JUnit files are written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-cli-'));
  const r = await cli(
    'test',
    '--source',
    path.join(FIX, 'failing'),
    '--json',
    path.join(dir, 'r.json'),
    '--junit',
    path.join(dir, 'r.xml')
  );
  assert.equal(r.code, 1);
  assert.ok(r.stdout.includes('     System.AssertException: Assertion Failed: sum: Expected: 3, Actual: 2'));
  assert.ok(r.stdout.some((l) => /^ {5}Class\.Broken_Tests\.helper: line 21, column \d+$/.test(l)));
  assert.equal(r.stdout[r.stdout.length - 1], '1 passed, 2 failed');
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as {
    summary: { passed: number; failed: number };
  };
  assert.deepEqual([json.summary.passed, json.summary.failed], [1, 2]);
  assert.match(
    fs.readFileSync(path.join(dir, 'r.xml'), 'utf8'),
    /<testsuite name="Broken_Tests" tests="3" failures="2"/
  );
});

test('test --class with an unknown class exits 2', async () => {
  const r = await cli('test', '--source', path.join(FIX, 'passing'), '--class', 'Nope');
  assert.equal(r.code, 2);
  assert.match(r.stderr[0], /no test class matched: Nope/);
});

test('an unknown option exits 2', async () => {
  const r = await cli('test', '--bogus');
  assert.equal(r.code, 2);
});

test('gauge loads several project roots together and groups failures by first cause', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-gauge-'));
  const g = path.join(FIX, 'gauge');
  const r = await cli('gauge', path.join(g, 'app'), path.join(g, 'lib'), '--json', path.join(dir, 'g.json'));
  assert.equal(r.code, 0);
  assert.equal(r.stdout[0], '5 test methods in 1 classes: 1 passed, 4 failed (20% pass, emulated)');
  const rows = r.stdout.filter((l) => /^\s+\d+ {2}\w/.test(l)).map((l) => l.trim().split(/\s{2,}/));
  assert.deepEqual(rows, [
    ['2', 'apex', 'System.NullPointerException: Attempt to de-reference a null object'],
    ['1', 'apex', 'System.AssertException: Assertion Failed: Expected ≠ Actual'],
    ['1', 'apex', 'System.ListException: List index out of bounds: N']
  ]);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'g.json'), 'utf8')) as {
    passRate: number;
    causes: { count: number; tests: { test: string; where: string }[] }[];
  };
  assert.equal(json.passRate, 20);
  assert.deepEqual(
    json.causes[0].tests.map((t) => [t.test, t.where]),
    [
      ['Gauge_Tests.null_first', 'Class.Lib.nothing: line 7, column 18'],
      ['Gauge_Tests.null_second', 'Class.Lib.nothing: line 7, column 18']
    ]
  );
});

test('gauge --min-pass exits 1 below the bar; bad numbers exit 2', async () => {
  const app = path.join(FIX, 'gauge', 'app');
  const lib = path.join(FIX, 'gauge', 'lib');
  assert.equal((await cli('gauge', app, lib, '--min-pass', '50')).code, 1);
  assert.equal((await cli('gauge', app, lib, '--min-pass', '20')).code, 0);
  const bad = await cli('gauge', app, '--top', '0');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr.join('\n'), /--top expects a positive whole number, got '0'/);
  const missing = await cli('gauge', path.join(FIX, 'nope'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr[0], /folder not found/);
});

test('test prints the compile errors on stderr and still runs the tests', async () => {
  const r = await cli('test', '--source', path.join(FIX, 'compile-error'));
  assert.equal(r.code, 0, r.stdout.join('\n'));
  assert.deepEqual(r.stderr, [
    '1 compile error(s) the platform would refuse (the rest of those classes run):',
    '  src/classes/Half.cls:8:9 Method does not exist or incorrect signature: void nothere() from the type Half'
  ]);
  assert.equal(r.stdout.at(-1), '1 passed, 0 failed');
});
