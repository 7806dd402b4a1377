/**
 * Builds the org the server serves from the real stages: source discovery, the data platform, and the interpreter's
 * Apex host. This is the one place that knows their factory functions.
 */
import { createDataPlatform } from '../data/index.js';
import { discoverSources } from '../project/sources.js';
import type { OrgRuntime } from './app.js';
import type { ApexHost, ServerDataPlatform } from './runtime-seams.js';

/** The interpreter's factory, as requested in notes/requests.md (serve → language). */
type LoadApexProject = (options: { sources: string[]; platform: ServerDataPlatform }) => ApexHost;

const APEX_HOST_MODULE = '../runtime/host.js';

export async function loadOrgRuntime(sources: string[]): Promise<OrgRuntime> {
  const project = discoverSources(sources);
  const platform: ServerDataPlatform = createDataPlatform(project);
  const loadApexProject = await findApexHostFactory();
  const apex = loadApexProject ? loadApexProject({ sources, platform }) : null;
  return { platform, apex };
}

/**
 * The interpreter lands in the same checkout while the server is built; until its host module exists the server
 * still serves the data API, and `/services/apexrest` answers 404.
 */
async function findApexHostFactory(): Promise<LoadApexProject | null> {
  try {
    const mod = (await import(APEX_HOST_MODULE)) as { loadApexProject?: LoadApexProject };
    return mod.loadApexProject ?? null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('host')) {
      process.stderr.write('localorg serve: the Apex interpreter is not available yet; serving the data API only\n');
      return null;
    }
    throw e;
  }
}
