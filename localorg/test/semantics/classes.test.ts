import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClassRegistry } from '../../src/semantics/classes.js';
import { lowerClassText } from '../../src/syntax/lower.js';

function registry(...sources: string[]): ClassRegistry {
  const r = new ClassRegistry();
  sources.forEach((s, i) => r.add(lowerClassText(s, `C${i}.cls`)));
  r.link();
  return r;
}

test('inner types resolve from inside their outer class and by qualified name from outside', () => {
  const r = registry('public class Outer { public class Inner {} public enum Kind { A } }', 'public class Other {}');
  const outer = r.resolve('outer', null)!;
  assert.equal(r.resolve('inner', outer)?.name, 'outer.inner');
  assert.equal(r.resolve('outer.kind', null)?.display, 'Outer.Kind');
  assert.equal(r.resolve('inner', r.resolve('other', null)), null);
});

test('built-in exceptions resolve with or without the System namespace and descend from Exception', () => {
  const r = registry('public class MyEx extends Exception {}');
  assert.equal(r.resolve('dmlexception', null)?.display, 'System.DmlException');
  assert.ok(r.resolve('system.queryexception', null)?.isException);
  const mine = r.resolve('myex', null)!;
  assert.ok(mine.isSubtypeOf('system.exception'));
  assert.ok(mine.isSubtypeOf('exception'));
});

test('methods fold inheritance with overrides shadowing the inherited declaration', () => {
  const r = registry(
    'public virtual class Base { public virtual String m() { return null; } public String only() { return null; } }',
    'public class Sub extends Base { public override String m() { return null; } }'
  );
  const sub = r.resolve('sub', null)!;
  assert.deepEqual(
    sub.methods('m').map((m) => m.owner.name),
    ['sub']
  );
  assert.deepEqual(
    sub.methods('only').map((m) => m.owner.name),
    ['base']
  );
});

test('unknown interfaces become placeholders so instanceof still works', () => {
  const r = registry('public class Job implements Queueable, Some.External {}');
  const job = r.resolve('job', null)!;
  assert.ok(job.isSubtypeOf('system.queueable'));
  assert.ok(job.isSubtypeOf('some.external'));
});

test('instance members list superclass fields first, in declaration order', () => {
  const r = registry(
    'public virtual class A { public Integer a1; public Integer a2 { get; set; } }',
    'public class B extends A { public String b1; }'
  );
  assert.deepEqual(
    r
      .resolve('b', null)!
      .instanceMembers()
      .map((m) => m.decl.name),
    ['a1', 'a2', 'b1']
  );
});

test('a duplicate class name is reported with both files', () => {
  const r = new ClassRegistry();
  r.add(lowerClassText('public class Dup {}', 'one/Dup.cls'));
  assert.throws(
    () => r.add(lowerClassText('public class dup {}', 'two/Dup.cls')),
    /two\/Dup\.cls:1:\d+ duplicate class dup \(also in one\/Dup\.cls\)/
  );
});
