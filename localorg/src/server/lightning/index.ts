/**
 * Sets up the Lightning shell for a served project: reads its UI metadata, starts (or reuses) the component bundle,
 * and returns the routes. Null when the project has no Lightning UI to show (no LWC bundles).
 */
import { BundleCache, defaultCacheRoot } from '../../lightning/build/bundle-cache.js';
import { findToolchain } from '../../lightning/build/toolchain.js';
import { readUiMetadata, type UiMetadata } from '../../lightning/metadata/project-ui.js';
import { discoverSources } from '../../syntax/sources.js';
import type { ApexHost, ServerDataPlatform } from '../runtime-seams.js';
import { createLightningRoutes, type LightningRoutes } from './routes.js';
import { SessionStore } from './sessions.js';

export interface LightningShell {
  routes: LightningRoutes;
  bundle: BundleCache;
  ui: UiMetadata;
  /** Path of the admin entry: the first app's first tab. */
  homePath: string | null;
  /** The design system's static assets, served under `/assets/`. */
  assetsDir: string;
}

export interface LightningOptions {
  sources: string[];
  platform: ServerDataPlatform;
  apex: ApexHost | null;
  token: string;
  log: (line: string) => void;
  cacheRoot?: string;
}

export function createLightningShell(options: LightningOptions): LightningShell | null {
  const ui = readUiMetadata(discoverSources(options.sources.length === 1 ? options.sources[0] : options.sources));
  if (ui.bundles.size === 0) return null;
  const toolchain = findToolchain();
  const bundle = new BundleCache({
    toolchain,
    ui,
    sources: options.sources,
    cacheRoot: options.cacheRoot ?? defaultCacheRoot(),
    log: options.log
  });
  const routes = createLightningRoutes({
    ui,
    bundle,
    sessions: new SessionStore(options.token),
    platform: options.platform,
    apex: options.apex,
    designSystemAssets: toolchain.designSystemAssets,
    log: options.log
  });
  const firstTab = ui.apps
    .find((a) => a.tabs.some((t) => ui.tabs.get(t)?.lwcComponent))
    ?.tabs.find((t) => ui.tabs.get(t)?.lwcComponent);
  return {
    routes,
    bundle,
    ui,
    homePath: firstTab ? `/lightning/n/${firstTab}` : null,
    assetsDir: toolchain.designSystemAssets
  };
}
