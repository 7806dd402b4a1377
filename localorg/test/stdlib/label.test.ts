import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runAnonymousText } from '../../src/boot/anonymous.js';
import { loadProject } from '../../src/boot/project.js';
import { failureLine } from '../../src/runtime/failures.js';

const FIX = path.resolve(import.meta.dirname, '../fixtures/lang/org-metadata');

function run(body: string) {
  const debug: string[] = [];
  const project = loadProject({ sources: [FIX], debug: (_line, _level, msg) => debug.push(msg) });
  const f = runAnonymousText(project, body, 'test.apex');
  return { debug, fatal: f ? failureLine(f) : null };
}

test('Label.X and System.Label.X read the project custom labels, XML entities decoded, in any case', () => {
  const r = run(`System.debug(Label.Greeting);
     System.debug(System.Label.farewell);
     System.debug(String.format(System.Label.Greeting, new List<Object>{'Ann'}));`);
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, ['Hello "{0}" & welcome', 'Goodbye', 'Hello "Ann" & welcome']);
});

test('Label.get and translationExists: the translation when there is one, else the label itself', () => {
  const r = run(`System.debug(Label.get('', 'Greeting', 'fr'));
     System.debug(Label.get(null, 'Greeting', 'fr_FR'));
     System.debug(Label.get('c', 'Farewell', 'fr'));
     System.debug(Label.get(null, 'Farewell'));
     System.debug(Label.translationExists(null, 'Greeting', 'fr') + ' ' + Label.translationExists(null, 'Farewell', 'fr') + ' ' + Label.translationExists(null, 'Farewell', 'en_US'));`);
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, [
    'Bonjour "{0}" et bienvenue',
    'Bonjour "{0}" et bienvenue',
    'Goodbye',
    'Goodbye',
    'true false true'
  ]);
});

test('an unknown label: Label.get names it in a NoSuchElementException; Label.X does not compile', () => {
  assert.match(
    run(`Label.get(null, 'Nope');`).fatal ?? '',
    /^System\.NoSuchElementException: Custom label not found: Nope/
  );
  assert.match(
    run(`Label.get('other', 'Greeting');`).fatal ?? '',
    /NoSuchElementException: Custom label not found: other\.Greeting/
  );
  assert.match(run(`System.debug(Label.Nope);`).fatal ?? '', /Variable does not exist: Nope/);
  assert.match(run(`Label.get(null, null);`).fatal ?? '', /^System\.NullPointerException/);
});
