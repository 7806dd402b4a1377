import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runAnonymousText } from '../../src/boot/anonymous.js';
import { failureLine } from '../../src/runtime/failures.js';
import { loadProject, ProjectLoadError } from '../../src/boot/project.js';

/** Writes a throw-away SFDX project with the given files and returns its root. */
function project(files: Record<string, string>, packageDirs = ['app']): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'localorg-lenient-'));
  const dirs = packageDirs.map((p) => ({ path: p }));
  fs.writeFileSync(path.join(root, 'sfdx-project.json'), JSON.stringify({ packageDirectories: dirs }));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

function run(root: string, body: string, lenient = false): { debug: string[]; fatal: string | null } {
  const debug: string[] = [];
  const p = loadProject({ sources: root, lenient, debug: (_l, _lv, m) => debug.push(m) });
  const f = runAnonymousText(p, body, 'test.apex');
  return { debug, fatal: f ? failureLine(f) : null };
}

const FIELD = (type: string | null) =>
  `<?xml version="1.0" encoding="UTF-8"?><CustomField xmlns="http://soap.sforce.com/2006/04/metadata">` +
  `<fullName>X</fullName>${type ? `<type>${type}</type><length>20</length>` : ''}</CustomField>`;
const OBJECT = `<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
<label>Thing</label><pluralLabel>Things</pluralLabel><sharingModel>ReadWrite</sharingModel></CustomObject>`;

test('a project class named RestResponse shadows the prelude; System.RestResponse still names the platform class', () => {
  const root = project({
    'app/classes/RestResponse.cls': "public class RestResponse { public String mine = 'user class'; }"
  });
  const r = run(
    root,
    `System.debug(new RestResponse().mine);
     System.RestResponse platform = new System.RestResponse();
     platform.statusCode = 201;
     System.debug(platform.statusCode);`
  );
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, ['user class', '201']);
});

test('an object whose fields are spread over several package directories loads as one object', () => {
  const root = project(
    {
      'core/objects/Thing__c/Thing__c.object-meta.xml': OBJECT,
      'core/objects/Thing__c/fields/Code__c.field-meta.xml': FIELD('Text').replace('>X<', '>Code__c<'),
      'extra/objects/Thing__c/fields/Note__c.field-meta.xml': FIELD('Text').replace('>X<', '>Note__c<')
    },
    ['extra', 'core']
  );
  const r = run(
    root,
    `insert new Thing__c(Code__c = 'a', Note__c = 'b');
    Thing__c t = [SELECT Code__c, Note__c FROM Thing__c];
    System.debug(t.Code__c + t.Note__c);`
  );
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, ['ab']);
});

test('standard-field metadata without <type> (AccountNumber) keeps the platform definition', () => {
  const root = project({
    'app/objects/Account/fields/AccountNumber.field-meta.xml': FIELD(null).replace('>X<', '>AccountNumber<'),
    'app/objects/Account/fields/Tier__c.field-meta.xml': FIELD('Text').replace('>X<', '>Tier__c<')
  });
  const r = run(
    root,
    `insert new Account(Name = 'Acme', Tier__c = 'gold');
    System.debug([SELECT Tier__c FROM Account].Tier__c);`
  );
  assert.equal(r.fatal, null);
  assert.deepEqual(r.debug, ['gold']);
});

test('lenient loading leaves out a class that does not parse; only code reaching it fails', () => {
  const root = project({
    'app/classes/Good.cls': 'public class Good { public static Integer one() { return 1; } }',
    'app/classes/Bad.cls': 'public class Bad { public static Integer one() { return 1 +; } }'
  });
  assert.throws(() => loadProject({ sources: root }), ProjectLoadError);
  const p = loadProject({ sources: root, lenient: true });
  assert.equal(p.loadErrors.length, 1);
  assert.match(p.loadErrors[0], /^app\/classes\/Bad\.cls:1:\d+ /);
  assert.deepEqual(run(root, 'System.debug(Good.one());', true).debug, ['1']);
  assert.match(run(root, 'System.debug(Bad.one());', true).fatal ?? '', /Bad/);
});
