/**
 * Compiles the project's LWC bundles, the base components they use and the shell into one ES-module bundle for the
 * browser, with the real LWC compiler (`@lwc/rollup-plugin`). The content hash of every input names the output folder,
 * so a build runs once per change of sources or packages, never per request.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import lwc from '@lwc/rollup-plugin';
import * as replaceModule from '@rollup/plugin-replace';
import { rollup, type Plugin, type RollupLog } from 'rollup';
import type { UiMetadata } from '../metadata/project-ui.js';
import { ENTRY_ID, platformModules } from './platform-modules.js';
import type { Toolchain } from './toolchain.js';
import { typescriptSources } from './typescript-sources.js';

// The package's types describe a CommonJS module while Node loads its ES build, whose default export is the plugin.
const replace = (replaceModule as unknown as { default: (o: replaceModule.RollupReplaceOptions) => Plugin }).default;

export interface BundleInputs {
  toolchain: Toolchain;
  ui: Pick<UiMetadata, 'bundles' | 'labels'>;
}

export interface BuildProgress {
  modules: number;
}

/** The files whose content decides the bundle, in a stable order. */
function inputFiles(inputs: BundleInputs): string[] {
  const files: string[] = [];
  for (const bundle of [...inputs.ui.bundles.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    files.push(...bundle.files);
  }
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(inputs.toolchain.clientDir);
  walk(path.dirname(new URL(import.meta.url).pathname));
  return files;
}

/** Hash of sources, labels, build code and package versions: equal hashes mean an equal bundle. */
export function bundleHash(inputs: BundleInputs): string {
  const hash = createHash('sha256');
  for (const v of inputs.toolchain.versions) hash.update(v + '\n');
  for (const file of inputFiles(inputs)) {
    hash.update(file + '\n');
    hash.update(fs.readFileSync(file));
  }
  for (const [name, value] of [...inputs.ui.labels].sort()) hash.update(`label ${name}=${value}\n`);
  return hash.digest('hex').slice(0, 16);
}

export interface BuildResult {
  /** Output folder holding `entry.js` and its chunks. */
  dir: string;
  modules: number;
  bytes: number;
  warnings: string[];
}

/** Builds into `outDir` (created; replaced atomically) and reports progress as modules are compiled. */
export async function buildBundle(
  inputs: BundleInputs,
  outDir: string,
  onProgress: (p: BuildProgress) => void = () => undefined
): Promise<BuildResult> {
  const { toolchain, ui } = inputs;
  const bundles = new Map([...ui.bundles.values()].map((b) => [b.name, b.entry]));
  const warnings: string[] = [];
  let modules = 0;
  const build = await rollup({
    input: { entry: ENTRY_ID },
    preserveEntrySignatures: false,
    onLog(level, log: RollupLog) {
      if (level === 'warn' && log.code !== 'CIRCULAR_DEPENDENCY') warnings.push(log.message);
    },
    plugins: [
      platformModules({ toolchain, bundles, labels: ui.labels }),
      typescriptSources(),
      replace({
        preventAssignment: true,
        values: { 'import.meta.env.SSR': 'false', 'process.env.NODE_ENV': JSON.stringify('production') }
      }),
      lwc({
        rootDir: toolchain.clientDir,
        modules: [
          ...[...bundles].map(([name, entry]) => ({ name: `c/${name}`, path: entry })),
          { dir: path.join(toolchain.clientDir, 'lwc') },
          { npm: 'lightning-base-components' }
        ],
        defaultModules: [],
        enableDynamicComponents: true,
        enableSyntheticElementInternals: true
      }),
      {
        name: 'localorg-progress',
        transform() {
          modules++;
          if (modules % 25 === 0) onProgress({ modules });
          return null;
        }
      }
    ]
  });
  const staging = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const { output } = await build.write({
      dir: staging,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js'
    });
    await build.close();
    const bytes = output.reduce((n, o) => n + (o.type === 'chunk' ? o.code.length : 0), 0);
    fs.writeFileSync(path.join(staging, 'build.json'), JSON.stringify({ modules, bytes, warnings }, null, 2));
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(staging, outDir);
    onProgress({ modules });
    return { dir: outDir, modules, bytes, warnings };
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
