/**
 * Entry point of the data platform: `createDataPlatform(sources)` loads the project's schema and custom metadata,
 * seeds a fresh org (Organization, profiles, the running admin user) and returns the in-memory org.
 */
import type { ProjectSources } from '../syntax/sources.js';
import type { RunningUser } from '../values/user.js';
import { loadCustomMetadataRecords } from './metadata-records.js';
import { LocalOrg, type OrgSettings } from './org.js';
import { addRecordTypeFields, loadRecordTypes, recordTypeFiles } from './record-types.js';
import { loadSchema } from './schema/load.js';
import { Schema } from './schema/schema.js';
import { seedOrg, type UserOptions } from './seed.js';
import { loadSetupRecords } from './setup-records.js';
import { loadPermissionSets } from './security/permission-sets.js';
import { loadCachePartitions } from './platform-cache.js';
import { loadCustomLabels } from './custom-labels.js';
import { Store } from './store.js';

export { LocalOrg } from './org.js';
export type { CommittedChange, ObjectInfo, FieldInfo, OrgSettings } from './org.js';
export { lowerSoqlQuery, parseSoqlText, type LowerBind } from '../syntax/soql/lower.js';
export { MetadataError } from './schema/load.js';

export interface DataPlatformOptions {
  /** The running user's identity, time zone and locale (default: admin in America/Los_Angeles, en_US). */
  user?: UserOptions;
  /** Clock in epoch ms (default Date.now); the interpreter may pin it for reproducible runs. */
  now?: () => number;
  settings?: Partial<OrgSettings>;
}

export function createDataPlatform(
  sources: Pick<ProjectSources, 'objectFolders' | 'customMetadataRecords'> &
    Partial<Pick<ProjectSources, 'other' | 'apexClasses' | 'triggers'>>,
  options: DataPlatformOptions = {}
): LocalOrg {
  const settings: OrgSettings = { multidayEvents: true, maxEventDays: 14, sharedActivities: true, ...options.settings };
  const { objects } = loadSchema(sources.objectFolders);
  // EventWhoRelation is how code (Apex describe) tells whether the org has Shared Activities.
  if (!settings.sharedActivities) objects.delete('eventwhorelation');
  const recordTypes = recordTypeFiles(sources.other ?? []);
  addRecordTypeFields(objects, recordTypes);
  const schema = new Schema(objects);
  const store = new Store();
  const now = options.now ?? (() => Date.now());
  const seed = seedOrg(store, schema, options.user ?? {}, now());
  loadCustomMetadataRecords(schema, store, sources.customMetadataRecords, seed.user.id, now());
  loadRecordTypes(objects, store, recordTypes, seed.user.id, now());
  const cachePartitions = loadCachePartitions(sources.other ?? []);
  loadSetupRecords(schema, store, { ...sources, cachePartitions }, seed.user.id, now());
  loadPermissionSets(schema, store, sources.other ?? [], seed.user.id, now());
  store.clearJournal();
  const customLabels = loadCustomLabels(sources.other ?? []);
  return new LocalOrg(schema, store, seed, settings, now, { cachePartitions, customLabels });
}

/** The running user of an org made by {@link createDataPlatform} (UserInfo, time zones, OwnerId defaults). */
export function runningUser(org: LocalOrg): RunningUser {
  return org.user;
}
