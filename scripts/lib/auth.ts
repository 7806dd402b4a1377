import { ScriptError, USAGE_EXIT } from './errors.js';

/** What the scripts need to know about local authorisations; read from disk only, never from the network. */
export type AuthRecord = {
  username: string;
  isDevHub?: boolean;
  devHubUsername?: string;
  instanceUrl?: string;
  orgId?: string;
};

export interface AuthStore {
  /** alias → username, or undefined when no such alias is defined */
  usernameForAlias(alias: string): string | undefined;
  /** the auth file for a username, or undefined when the user never logged in on this machine */
  read(username: string): Promise<AuthRecord | undefined>;
  /** `sf config set target-dev-hub=…` / `target-org=…` values (project, then global) */
  configValue(key: 'target-dev-hub' | 'target-org'): string | undefined;
  /** the aliases that point at a username (for messages) */
  aliasesOf(username: string): string[];
}

export type ResolvedOrg = AuthRecord & { alias: string | undefined; requestedAs: string; source: 'flag' | 'config' };

export const DEV_HUB_LOGIN =
  'Run `sf org login web --set-default-dev-hub --alias devhub` (or pass --target-dev-hub <alias>). In CI, store the Dev Hub auth URL in the SFDX_AUTH_URL secret and run `echo "$SFDX_AUTH_URL" | npx sf org login sfdx-url --sfdx-url-stdin --set-default-dev-hub --alias devhub` first.';

/**
 * Finds the Dev Hub to use without touching the network: an explicit --target-dev-hub, else the configured default.
 * Fails in milliseconds with the login command when nothing is authorised, instead of letting a library try to
 * refresh a token against an unreachable host.
 */
export async function resolveDevHub(
  store: AuthStore,
  requested: string | undefined,
  env: Record<string, string | undefined>
): Promise<ResolvedOrg> {
  const name = requested ?? store.configValue('target-dev-hub');
  if (!name) {
    const hint = env.SFDX_AUTH_URL
      ? 'SFDX_AUTH_URL is set but nobody has logged in with it: run `echo "$SFDX_AUTH_URL" | npx sf org login sfdx-url --sfdx-url-stdin --set-default-dev-hub --alias devhub`.'
      : DEV_HUB_LOGIN;
    throw new ScriptError(
      'NoDevHub',
      'No Dev Hub is authorised on this machine (no --target-dev-hub and no target-dev-hub default).',
      {
        remedy: hint,
        exitCode: USAGE_EXIT
      }
    );
  }
  const org = await resolveAuthorised(store, name, requested ? 'flag' : 'config', 'Dev Hub');
  if (org.isDevHub === false) {
    throw new ScriptError('NotADevHub', `'${name}' (${org.username}) is authorised but is not a Dev Hub.`, {
      remedy:
        'Enable Dev Hub in that org (Setup › Dev Hub), log in again, or pass --target-dev-hub with a Dev Hub alias.',
      exitCode: USAGE_EXIT
    });
  }
  return org;
}

/** The org a script works on: --target-org, else the configured default org. */
export async function resolveTargetOrg(store: AuthStore, requested: string | undefined): Promise<ResolvedOrg> {
  const name = requested ?? store.configValue('target-org');
  if (!name) {
    throw new ScriptError('NoTargetOrg', 'No target org: pass --target-org <alias> or set a default org.', {
      remedy: 'Create one with `npm run org:create`, or run `sf config set target-org=<alias>`.',
      exitCode: USAGE_EXIT
    });
  }
  return resolveAuthorised(store, name, requested ? 'flag' : 'config', 'org');
}

async function resolveAuthorised(
  store: AuthStore,
  name: string,
  source: 'flag' | 'config',
  what: string
): Promise<ResolvedOrg> {
  const aliased = store.usernameForAlias(name);
  const username = aliased ?? name;
  const record = await store.read(username);
  if (!record) {
    const origin = source === 'config' ? ' (from your sf config default)' : '';
    const message = aliased
      ? `The alias '${name}'${origin} points at ${username}, which is no longer authorised on this machine.`
      : `No ${what} is authorised under the alias or username '${name}'${origin}.`;
    throw new ScriptError('UnknownAlias', message, {
      remedy:
        what === 'Dev Hub'
          ? `Run \`sf org list\` to see the authorised orgs. ${DEV_HUB_LOGIN}`
          : 'Run `sf org list` to see the authorised orgs and their aliases.',
      exitCode: USAGE_EXIT
    });
  }
  const alias = aliased ? name : store.aliasesOf(username)[0];
  return { ...record, username, alias, requestedAs: name, source };
}
