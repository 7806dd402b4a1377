import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkOrderIndependence, replayHint } from '../order-property.js';
import { startPropertyOrg, type PropertyOrg } from '../org.js';
import { generateStream, inOrder, materialize, shuffled } from '../streams.js';

// A fixed seed keeps `npm test` reproducible; `npm run test:property` runs thousands of streams from a fresh seed.
const SEED = 20261130;
const STREAMS = 200;

let org: PropertyOrg;
before(async () => {
  org = await startPropertyOrg();
});
after(async () => {
  await org.stop();
});

test('streams are a pure function of their seed', () => {
  assert.deepEqual(generateStream(7), generateStream(7));
  assert.notDeepEqual(generateStream(7), generateStream(8));
  const changes = materialize(generateStream(7), 'w');
  assert.deepEqual(shuffled(changes, 7), shuffled(changes, 7));
  const delivered = shuffled(changes, 7).flat();
  assert.deepEqual(new Set(delivered.map((c) => c.id)), new Set(changes.map((c) => c.id)), 'every change delivered');
  assert.ok(delivered.length >= changes.length);
  assert.deepEqual(inOrder(changes).flat(), changes);
});

test(
  `${STREAMS} booking streams end in the same Events in order and shuffled with duplicates`,
  { timeout: 600_000 },
  async () => {
    const report = await checkOrderIndependence({ ...org, seed: SEED, streams: STREAMS, run: 'npmtest' });
    assert.deepEqual(report.problems, [], 'every change is accepted (none rejected or failed)');
    const failing = report.mismatches.map(
      (m) =>
        `seed ${m.seed} uid ${m.uid}\n  in order: ${m.inOrder}\n  shuffled: ${m.shuffled}\n  replay: ${replayHint(m.seed)}`
    );
    assert.deepEqual(failing, [], `order-dependent end states:\n${failing.join('\n')}`);
    assert.ok(report.changesSent > STREAMS * 4, `sent ${report.changesSent} changes in ${report.requests} requests`);
  }
);
