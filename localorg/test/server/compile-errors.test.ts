import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadOrgRuntime } from '../../src/server/org-runtime.js';
import { startOrg } from '../../src/server/start-org.js';
import { here, TOKEN } from './helpers.js';

test('serve prints the compile errors of the project and serves the rest', async () => {
  const project = path.resolve(here, '..', 'fixtures', 'lang', 'compile-error');
  const lines: string[] = [];
  const started = await startOrg(
    {
      sources: [project],
      port: 0,
      host: '127.0.0.1',
      token: TOKEN,
      tokenGenerated: false,
      dataDir: null,
      seedFile: null
    },
    { createRuntime: (sources) => loadOrgRuntime(sources), out: (l) => lines.push(l) }
  );
  try {
    assert.deepEqual(lines.slice(0, 2), [
      '1 compile error(s) the platform would refuse (the rest is served):',
      '  src/classes/Half.cls:8:9 Method does not exist or incorrect signature: void nothere() from the type Half'
    ]);
  } finally {
    await started.stop();
  }
});
