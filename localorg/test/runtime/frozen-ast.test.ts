/**
 * Lowered declarations are shared between projects (the prelude is parsed once per process, the disk cache hands out
 * trees): loading and running a class never writes into its AST, so a deep-frozen tree runs like a fresh one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runAnonymousText } from '../../src/boot/anonymous.js';
import { loadProject } from '../../src/boot/project.js';
import { failureLine } from '../../src/runtime/failures.js';
import { lowerClassText } from '../../src/syntax/lower.js';

function deepFreeze<T>(v: T, seen = new Set<unknown>()): T {
  if (v === null || typeof v !== 'object' || seen.has(v)) return v;
  seen.add(v);
  for (const x of v instanceof Map ? [...v.keys(), ...v.values()] : v instanceof Set ? [...v] : Object.values(v))
    deepFreeze(x, seen);
  return Object.freeze(v);
}

const CLASS = `public class Tally {
  static Integer calls = 0;
  Map<String, Integer> counts = new Map<String, Integer>();
  public Integer add(String key) { calls++; counts.put(key, counts.containsKey(key) ? counts.get(key) + 1 : 1); return counts.get(key); }
  public static Integer calls() { return calls; }
  public List<Account> accounts(String name) { insert new Account(Name = name); return [SELECT Name FROM Account WHERE Name = :name]; }
}`;

test('a deep-frozen class declaration loads, compiles and runs in two projects', () => {
  const decl = deepFreeze(lowerClassText(CLASS, 'Tally.cls'));
  for (let i = 0; i < 2; i++) {
    const debug: string[] = [];
    const project = loadProject({ sources: [], debug: (_l, _v, m) => debug.push(m) });
    project.interp.addClass(decl);
    project.interp.link();
    const script =
      "Tally t = new Tally(); t.add('a'); System.debug(t.add('a')); System.debug(Tally.calls()); System.debug(t.accounts('Acme')[0].Name); RestContext.response = new RestResponse();";
    const f = runAnonymousText(project, script, 'frozen.apex');
    assert.equal(f ? failureLine(f) : null, null);
    assert.deepEqual(debug, ['2', '2', 'Acme']);
  }
});
