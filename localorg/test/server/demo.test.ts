import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { playLifecycle } from '../../../tools/demo/play-lifecycle.js';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import { startOrg } from '../../src/server/start-org.js';
import { REPO_ROOT, TOKEN } from './helpers.js';

// The whole product path: this repository's package, the sample seed data, the server and the demo client.
test('the demo plays the full lifecycle on the package with the sample data', { timeout: 180_000 }, async () => {
  const started = await startOrg(
    {
      sources: [REPO_ROOT],
      port: 0,
      host: '127.0.0.1',
      token: TOKEN,
      tokenGenerated: false,
      dataDir: null,
      seedFile: path.join(REPO_ROOT, 'data', 'sample-plan.json')
    },
    { createRuntime: loadOrgRuntime, out: () => undefined, lightning: true }
  );
  const lines: string[] = [];
  try {
    const failures = await playLifecycle({ url: started.url, token: TOKEN, out: (l) => lines.push(l) });
    const text = lines.join('\n');
    assert.equal(failures, 0, text);
    const row = (who: string): string => text.split('\n').find((l) => l.includes(who) && l.startsWith('bk-')) ?? '';
    assert.match(row('Alex Morgan (Contact)'), /Completed\s+Board meeting moved; Thursday works better\s+Maya Chen/);
    assert.match(row('Grace Okafor (Lead)'), /Canceled\s+Budget freeze until next quarter\s+Jonas Weber/);
    assert.match(row('Dana Fox'), /No-show\s+Maya Chen/);
    // The peers' features: a private Event with nothing shown, an Event related to the Case, the canceled booking's
    // Contact written by the cancel mapping saved through the settings app.
    const line = (start: string): string => text.split('\n').find((l) => l.startsWith(start)) ?? '';
    assert.match(line('Private call with Nora'), /^Private call with Nora\s+yes\s+Scheduled$/);
    assert.match(
      line('Support call with Omar'),
      /Omar Related \(Contact\)\s+Cannot export invoices .*Canceled\s+Found the export button\s+Attendee/
    );
    assert.match(line('Omar Related'), /Canceled \d{4}-\d\d-\d\dT[\d:.]+Z: Found the export button$/);
    assert.match(text, /RELATED_TO_LEAD \[booking\.relatedTo\]/);
  } finally {
    await started.stop();
  }
});
