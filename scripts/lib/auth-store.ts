import { ConfigAggregator, StateAggregator } from '@salesforce/core';
import type { AuthRecord, AuthStore } from './auth.js';

/**
 * The real AuthStore: the sf CLI's own files (~/.sf, ~/.sfdx, .sf/config.json) read through @salesforce/core, so
 * aliases and defaults set with `sf` are honoured exactly. Nothing here opens a connection.
 */
export async function loadLocalAuthStore(projectDir: string): Promise<AuthStore> {
  const state = await StateAggregator.getInstance();
  const config = await ConfigAggregator.create({ projectPath: projectDir });
  return {
    usernameForAlias: (alias) => state.aliases.getUsername(alias) ?? undefined,
    aliasesOf: (username) => state.aliases.getAll(username),
    configValue: (key) => {
      const value = config.getPropertyValue<string>(key);
      return typeof value === 'string' && value !== '' ? value : undefined;
    },
    read: async (username): Promise<AuthRecord | undefined> => {
      if (!(await state.orgs.hasFile(username))) return undefined;
      const fields = await state.orgs.read(username, false, false);
      if (!fields) return undefined;
      return {
        username,
        isDevHub: fields.isDevHub,
        devHubUsername: fields.devHubUsername,
        instanceUrl: fields.instanceUrl,
        orgId: fields.orgId
      };
    }
  };
}
