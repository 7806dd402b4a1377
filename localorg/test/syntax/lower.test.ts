import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApexSyntaxError } from '../../src/syntax/diagnostics.js';
import { lowerAnonymousText, lowerClassText, lowerTriggerText } from '../../src/syntax/lower.js';
import { Decimal } from '../../src/values/values.js';
import type { SoslQuery } from '../../src/syntax/soql/ast.js';

test('a syntax error names file, line and column', () => {
  assert.throws(
    () => lowerClassText('public class A {\n  void m() { Integer x = ; }\n}', 'A.cls'),
    (e: unknown) => {
      assert.ok(e instanceof ApexSyntaxError);
      assert.match(e.message, /^A\.cls:2:26 /);
      return true;
    }
  );
});

test('SOSL lowers to a search whose RETURNING entries are SOQL queries, keeping its position', () => {
  const u = lowerAnonymousText(
    "List<List<SObject>> r = [FIND 'Kan*' IN NAME FIELDS RETURNING Account(Name WHERE Name != null LIMIT 2), Contact];",
    'a.apex'
  );
  const init = u.stmts[0].kind === 'local' ? u.stmts[0].decls[0].init : null;
  assert.equal(init?.kind, 'sosl');
  const q = (init?.kind === 'sosl' ? init.query : null) as SoslQuery;
  assert.deepEqual(q.search, { kind: 'literal', value: { type: 'string', value: 'Kan*' } });
  assert.equal(q.group, 'NAME');
  assert.deepEqual(
    q.returning.map((r) => [r.from, r.select.length, r.where?.kind, r.limit]),
    [
      ['Account', 1, 'cmp', { kind: 'literal', value: { type: 'number', text: '2' } }],
      ['Contact', 1, undefined, null]
    ]
  );
  assert.equal(init?.pos.line, 1);
});

test('names are canonicalised to lower case once, keeping the declared spelling', () => {
  const d = lowerClassText(
    'public class BookingService { public static Integer MaxBatch = 200; public void DoIt() {} }',
    'B.cls'
  );
  assert.equal(d.name, 'bookingservice');
  assert.equal(d.display, 'BookingService');
  assert.equal(d.fields[0].name, 'maxbatch');
  assert.equal(d.methods[0].display, 'DoIt');
});

test('annotations and modifiers are lowered with their parameters', () => {
  const d = lowerClassText(
    "@RestResource(urlMapping='/x/*') global with sharing class R { @HttpPost global static void post() {} }",
    'R.cls'
  );
  assert.deepEqual(d.annotations, [{ name: 'restresource', params: { urlmapping: '/x/*' } }]);
  assert.ok(d.modifiers.has('withsharing'));
  assert.equal(d.methods[0].annotations[0].name, 'httppost');
});

test('literals become runtime values: Integer, Long, Decimal, escaped String', () => {
  const u = lowerAnonymousText(
    "Object a = -2147483648; Object b = 5L; Object c = 1.50; Object d = 'it\\'s\\n';",
    'a.apex'
  );
  const inits = u.stmts.map((s) => (s.kind === 'local' ? s.decls[0].init : null));
  assert.deepEqual(
    inits.map((e) => (e?.kind === 'literal' ? e.value : undefined)),
    [-2147483648, 5n, new Decimal(150n, 2), "it's\n"]
  );
});

test('anonymous top-level declarations become local statements in order', () => {
  const u = lowerAnonymousText('Integer x = 1;\nSystem.debug(x);\nvoid helper() {}', 'a.apex');
  assert.deepEqual(
    u.stmts.map((s) => s.kind),
    ['local', 'expr']
  );
  assert.equal(u.members.methods[0].name, 'helper');
});

test('split comparison and shift tokens are rebuilt into one operator', () => {
  const u = lowerAnonymousText('Boolean b = 1 >= 2; Integer s = 8 >>> 1;', 'a.apex');
  const ops = u.stmts.map((s) =>
    s.kind === 'local' && s.decls[0].init?.kind === 'binary' ? s.decls[0].init.op : null
  );
  assert.deepEqual(ops, ['>=', '>>>']);
});

test('a trigger lowers its object, events and statement lines', () => {
  const t = lowerTriggerText(
    'trigger EventTrigger on Event (before insert, after update) {\n  System.debug(1);\n}',
    'EventTrigger.trigger'
  );
  assert.equal(t.sobject, 'Event');
  assert.deepEqual(t.events, ['before insert', 'after update']);
  assert.deepEqual(t.lines, [2]);
});
