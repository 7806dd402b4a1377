/**
 * Builds the org the server serves from the real stages: source discovery, the data platform, and the interpreter's
 * Apex host. This is the one place that knows their factory functions.
 */
import { createDataPlatform } from '../data/index.js';
import { discoverSources } from '../syntax/sources.js';
import { loadApexProject } from '../boot/apex-host.js';
import type { OrgRuntime } from './app.js';
import type { ApexHost, ServerDataPlatform } from './runtime-seams.js';

export function loadOrgRuntime(sources: string[]): OrgRuntime {
  const project = discoverSources(sources.length === 1 ? sources[0] : sources);
  const platform: ServerDataPlatform = createDataPlatform(project);
  const apex: ApexHost = loadApexProject({ sources, platform });
  return { platform, apex };
}
