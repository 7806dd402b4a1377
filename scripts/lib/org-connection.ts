import { lookup } from 'node:dns/promises';
import { Org, type Connection } from '@salesforce/core';
import { ScriptError } from './errors.js';
import { withTimeout } from './timeout.js';
import type { ResolvedOrg } from './auth.js';

export type OrgHandle = { org: Org; connection: Connection; username: string };

const DNS_TIMEOUT_MS = 5_000;
const AUTH_TIMEOUT_MS = 20_000;

/**
 * Opens an authorised org, proving first that its host resolves and its token refreshes, each within a few seconds:
 * an offline laptop or a revoked token is reported here, in one line, instead of deep inside a deploy or test run.
 */
export async function connectOrg(target: ResolvedOrg, apiVersion?: string): Promise<OrgHandle> {
  const label = target.alias ?? target.username;
  if (target.instanceUrl) await probeHost(target.instanceUrl, label);
  const org = await withTimeout(Org.create({ aliasOrUsername: target.username }), AUTH_TIMEOUT_MS, `Opening ${label}`);
  try {
    await withTimeout(org.refreshAuth(), AUTH_TIMEOUT_MS, `Authenticating to ${label}`);
  } catch (error) {
    if (error instanceof ScriptError) throw error;
    throw new ScriptError(
      'AuthExpired',
      `${label} (${target.username}) refused the stored credentials: ${firstLine(error)}`,
      {
        remedy: `Log in again: \`sf org login web --alias ${label}\` (or re-run the sfdx-url login in CI).`
      }
    );
  }
  return { org, connection: org.getConnection(apiVersion), username: target.username };
}

export async function probeHost(instanceUrl: string, label: string): Promise<void> {
  let host: string;
  try {
    host = new URL(instanceUrl).hostname;
  } catch {
    throw new ScriptError('BadInstanceUrl', `${label} has an unusable instance URL in its auth file: ${instanceUrl}`, {
      remedy: `Log in again: \`sf org login web --alias ${label}\`.`
    });
  }
  try {
    await withTimeout(
      lookup(host),
      DNS_TIMEOUT_MS,
      `DNS lookup of ${host}`,
      'Check the network connection; this step needs to reach Salesforce.'
    );
  } catch (error) {
    if (error instanceof ScriptError) throw error;
    throw new ScriptError(
      'Offline',
      `Cannot reach ${label}: ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? firstLine(error)}).`,
      {
        remedy: 'Check the network connection (and proxy settings); this step needs to reach Salesforce.'
      }
    );
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
