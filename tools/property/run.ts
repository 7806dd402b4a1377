/**
 * `npm run test:property`: the order-independence property over many streams (default 3,000) from a fresh seed, against
 * an in-process localorg (or `--url`/`--token` of a running one). Prints the seed first so any run can be repeated,
 * and the replay command of every failing stream.
 *
 *   npm run test:property                          # 3,000 streams, random seed
 *   npm run test:property -- --seed 123 --streams 1 --verbose   # replay one stream, printing its changes
 */
import { Command } from 'commander';
import { checkOrderIndependence, replayHint } from './order-property.js';
import { startPropertyOrg } from './org.js';
import { generateStream } from './streams.js';

const program = new Command()
  .name('test:property')
  .description('order-independence property of the booking API (issue 12)')
  .option('--streams <n>', 'number of streams', (v) => Number.parseInt(v, 10), 3000)
  .option('--seed <n>', 'seed of the first stream (stream i uses seed + i)', (v) => Number.parseInt(v, 10))
  .option('--url <url>', 'a running org (default: start one in-process)')
  .option('--token <token>', 'bearer token of --url')
  .option('--verbose', 'print the changes of failing streams')
  .parse();

const opts = program.opts<{ streams: number; seed?: number; url?: string; token?: string; verbose?: boolean }>();
const seed = opts.seed ?? Math.floor(Math.random() * 1_000_000_000);
const out = (line: string): void => void process.stdout.write(line + '\n');

out(`order property: ${opts.streams} streams from seed ${seed}`);
const org = opts.url
  ? { url: opts.url, token: opts.token ?? '', stop: () => Promise.resolve() }
  : await startPropertyOrg();
const started = Date.now();
try {
  const report = await checkOrderIndependence({
    url: org.url,
    token: org.token,
    seed,
    streams: opts.streams,
    run: `r${Date.now().toString(36)}`
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const problem of report.problems) out(`problem: ${problem}`);
  for (const m of report.mismatches) {
    out(
      `FAIL seed ${m.seed} uid ${m.uid}\n  in order: ${m.inOrder}\n  shuffled: ${m.shuffled}\n  replay: ${replayHint(m.seed)}`
    );
    if (opts.verbose) out(JSON.stringify(generateStream(m.seed).changes, null, 2));
  }
  out(
    `${report.streams} streams, ${report.changesSent} changes in ${report.requests} requests, ${seconds} s: ` +
      `${report.mismatches.length} order-dependent, ${report.problems.length} problems`
  );
  process.exitCode = report.mismatches.length + report.problems.length === 0 ? 0 : 1;
} finally {
  await org.stop();
}
