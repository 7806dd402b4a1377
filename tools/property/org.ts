/**
 * An in-process localorg serving this repository's package over real HTTP for the property runs: the sample data
 * (users Maya and Jonas host bookings) plus one fixture profile, `Property Delete`, whose page key `prop-delete`
 * deletes canceled Events (the shipped Default marks them Canceled).
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadOrgRuntime } from '../../localorg/src/server/org-runtime.js';
import { startOrg } from '../../localorg/src/server/start-org.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');

export interface PropertyOrg {
  url: string;
  token: string;
  stop(): Promise<void>;
}

export async function startPropertyOrg(): Promise<PropertyOrg> {
  const token = randomBytes(16).toString('hex');
  const org = await startOrg(
    {
      sources: [REPO_ROOT, path.join(here, 'fixtures', 'org')],
      port: 0,
      host: '127.0.0.1',
      token,
      tokenGenerated: false,
      dataDir: null,
      seedFile: path.join(REPO_ROOT, 'data', 'sample-plan.json')
    },
    { createRuntime: loadOrgRuntime, out: () => undefined }
  );
  return { url: org.url, token, stop: () => org.stop() };
}
