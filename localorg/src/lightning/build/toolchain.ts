/**
 * Where the browser toolchain lives on disk: the one LWC engine the bundle uses (the `lwc` package's own `@lwc/*`
 * tree, never the older engine a test runner may have hoisted next to it), the base components, the design system,
 * and the shell's own client modules. Also the version fingerprint that goes into the bundle's content hash.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export interface Toolchain {
  /** ES module entry of `@lwc/engine-dom` as shipped with `lwc` (what `import … from 'lwc'` means). */
  engine: string;
  syntheticShadow: string;
  wireService: string;
  /** Folder of `lightning-base-components`. */
  baseComponents: string;
  /** The design system's `assets/` folder (styles, icons, images). */
  designSystemAssets: string;
  /** The shell's client sources (`client/`): boot code, platform modules and `shell/*` components (under lwc/). */
  clientDir: string;
  /** `name@version` of each package that shapes the bundle. */
  versions: string[];
}

/** The folder of package `name` as Node would find it from `from` (default: this file); exports maps aside. */
function packageDir(name: string, from?: string): string {
  const searchFrom = from ? createRequire(path.join(from, 'package.json')) : require;
  for (const dir of searchFrom.resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`cannot find the npm package ${name}; run npm ci`);
}

function moduleEntry(dir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { module?: string; main?: string };
  return path.join(dir, pkg.module ?? pkg.main ?? 'index.js');
}

function version(dir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
  return `${pkg.name}@${pkg.version}`;
}

export function findToolchain(): Toolchain {
  const lwc = packageDir('lwc');
  const engine = packageDir('@lwc/engine-dom', lwc);
  const shadow = packageDir('@lwc/synthetic-shadow', lwc);
  const wire = packageDir('@lwc/wire-service', lwc);
  const plugin = packageDir('@lwc/rollup-plugin');
  const baseComponents = packageDir('lightning-base-components');
  const slds = packageDir('@salesforce-ux/design-system');
  const rollup = packageDir('rollup');
  const versions = [lwc, engine, plugin, baseComponents, slds, rollup].map(version);
  const engineVersion = version(engine).split('@').pop();
  const pluginVersion = version(plugin).split('@').pop();
  if (engineVersion !== pluginVersion) {
    throw new Error(`the LWC engine (${engineVersion}) and @lwc/rollup-plugin (${pluginVersion}) must be one version`);
  }
  return {
    engine: moduleEntry(engine),
    syntheticShadow: moduleEntry(shadow),
    wireService: moduleEntry(wire),
    baseComponents,
    designSystemAssets: path.join(slds, 'assets'),
    clientDir: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'client'),
    versions
  };
}
