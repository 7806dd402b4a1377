/**
 * The bundle build as its own process, so that compiling (tens of seconds of CPU, hundreds of MB) never blocks the
 * server's requests. Started by bundle-cache.ts with `--import tsx`; reports over IPC (`progress`, `done`, `failed`).
 *
 * Arguments: <outDir> <source dir>...
 */
import { discoverSources } from '../../syntax/sources.js';
import { readUiMetadata } from '../metadata/project-ui.js';
import { buildBundle } from './bundle-build.js';
import { findToolchain } from './toolchain.js';

type Message =
  | { type: 'progress'; modules: number }
  | { type: 'done'; modules: number; bytes: number; warnings: string[] }
  | { type: 'failed'; message: string };

function send(message: Message): void {
  if (process.send) process.send(message);
  else process.stdout.write(JSON.stringify(message) + '\n');
}

async function main(): Promise<void> {
  const [outDir, ...sources] = process.argv.slice(2);
  if (!outDir || sources.length === 0) throw new Error('usage: build-worker <outDir> <source dir>...');
  const ui = readUiMetadata(discoverSources(sources.length === 1 ? sources[0] : sources));
  const result = await buildBundle({ toolchain: findToolchain(), ui }, outDir, (p) =>
    send({ type: 'progress', modules: p.modules })
  );
  send({ type: 'done', modules: result.modules, bytes: result.bytes, warnings: result.warnings });
}

main().then(
  () => process.disconnect?.(),
  (e: unknown) => {
    send({ type: 'failed', message: (e as Error).stack ?? String(e) });
    process.exitCode = 1;
    process.disconnect?.();
  }
);
