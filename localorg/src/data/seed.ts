/**
 * What a brand-new org holds before any test or request runs: the Organization, the standard profiles every org has,
 * the running admin user, the standard price book and the default business hours. Profiles and users are setup
 * objects, visible in tests without SeeAllData [mem]. Rows carry every field of their object (Booleans false), as
 * stored rows do.
 */
import { ApexDatetime, ApexTime, type ApexId, SObject } from '../values/values.js';
import type { RunningUser } from '../values/user.js';
import type { Schema } from './schema/schema.js';
import type { Store } from './store.js';

/**
 * The profiles of a new Developer Edition org with their user licence type [mem]; the first two keep their Ids as the
 * admin and standard profiles.
 */
export const STANDARD_PROFILES: [name: string, userType: string][] = [
  ['System Administrator', 'Standard'],
  ['Standard User', 'Standard'],
  ['Minimum Access - Salesforce', 'Standard'],
  ['Read Only', 'Standard'],
  ['Marketing User', 'Standard'],
  ['Contract Manager', 'Standard'],
  ['Solution Manager', 'Standard'],
  ['Standard Platform User', 'Standard'],
  ['Chatter Free User', 'CsnOnly'],
  ['Chatter External User', 'CsnOnly'],
  ['Chatter Moderator User', 'CsnOnly'],
  ['Identity User', 'Standard'],
  ['Customer Community User', 'PowerCustomerSuccess'],
  ['Partner Community User', 'PowerPartner']
];

/** Permissions the System Administrator profile has and other standard profiles lack [mem]. */
const ADMIN_PERMISSIONS = [
  'PermissionsModifyAllData',
  'PermissionsViewAllData',
  'PermissionsAuthorApex',
  'PermissionsCustomizeApplication',
  'PermissionsManageUsers',
  'PermissionsViewSetup',
  'PermissionsManageProfilesPermissionsets',
  'PermissionsAssignPermissionSets'
];
/** Permissions every internal standard profile has [mem]. */
const USER_PERMISSIONS = [
  'PermissionsApiEnabled',
  'PermissionsRunReports',
  'PermissionsEditTask',
  'PermissionsEditEvent'
];

export interface UserOptions {
  firstName?: string;
  lastName?: string;
  userName?: string;
  email?: string;
  timeZone?: string;
  locale?: string;
  language?: string;
  currency?: string;
  orgName?: string;
}

export interface SeedResult {
  user: RunningUser;
  adminProfileId: ApexId;
  standardProfileId: ApexId;
  organizationId: ApexId;
  /** The org's standard price book (`Test.getStandardPricebookId()`). */
  standardPricebookId: ApexId;
}

function row(
  schema: Schema,
  type: string,
  id: ApexId,
  values: Record<string, unknown>,
  createdAt: number,
  userId: ApexId
): SObject {
  const r = new SObject(type);
  for (const f of schema.object(type)?.fields.values() ?? []) r.set(f.name, f.type === 'boolean' ? false : null);
  r.set('Id', id);
  for (const [k, v] of Object.entries(values)) r.set(k, v as never);
  const ts = new ApexDatetime(createdAt);
  r.set('CreatedDate', ts);
  r.set('LastModifiedDate', ts);
  r.set('SystemModstamp', ts);
  r.set('CreatedById', userId);
  r.set('LastModifiedById', userId);
  r.set('IsDeleted', false);
  return r;
}

export function seedOrg(store: Store, schema: Schema, options: UserOptions, now: number): SeedResult {
  const organizationId = store.nextId('00D');
  const profileIds = STANDARD_PROFILES.map(() => store.nextId('00e'));
  const [adminProfileId, standardProfileId] = profileIds;
  const userId = store.nextId('005');
  const tz = options.timeZone ?? 'America/Los_Angeles';
  const locale = options.locale ?? 'en_US';
  const language = options.language ?? 'en_US';
  const firstName = options.firstName ?? 'Local';
  const lastName = options.lastName ?? 'Admin';
  const email = options.email ?? 'admin@localorg.example';
  const userName = options.userName ?? 'admin@localorg.example';
  const put = (type: string, id: ApexId, values: Record<string, unknown>) =>
    store.put(row(schema, type, id, values, now, userId));
  put('Organization', organizationId, {
    organizationId,
    Name: options.orgName ?? 'localorg',
    OrganizationType: 'Developer Edition',
    InstanceName: 'LO1',
    IsSandbox: false,
    NamespacePrefix: null,
    TimeZoneSidKey: tz,
    LanguageLocaleKey: language,
    DefaultLocaleSidKey: locale,
    Country: 'US',
    FiscalYearStartMonth: 1,
    TrialExpirationDate: null
  });
  STANDARD_PROFILES.forEach(([name, userType], i) => {
    const perms: Record<string, boolean> = {};
    if (userType === 'Standard') for (const p of USER_PERMISSIONS) perms[p] = true;
    if (i === 0) for (const p of ADMIN_PERMISSIONS) perms[p] = true;
    put('Profile', profileIds[i], { Name: name, UserType: userType, ...perms });
  });
  const standardPricebookId = store.nextId('01s');
  put('Pricebook2', standardPricebookId, { Name: 'Standard Price Book', IsStandard: true, IsActive: true });
  put('BusinessHours', store.nextId('01m'), defaultBusinessHours(tz));
  put('User', userId, {
    Username: userName,
    FirstName: firstName,
    LastName: lastName,
    Name: `${firstName} ${lastName}`,
    Email: email,
    Alias: 'ladmin',
    CommunityNickname: 'localadmin',
    IsActive: true,
    TimeZoneSidKey: tz,
    LocaleSidKey: locale,
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: language,
    UserType: 'Standard',
    ProfileId: adminProfileId
  });
  store.clearJournal();
  return {
    user: {
      id: userId,
      userName,
      name: `${firstName} ${lastName}`,
      firstName,
      lastName,
      email,
      timeZone: tz,
      locale,
      language,
      profileId: adminProfileId,
      organizationId,
      currency: options.currency ?? 'USD'
    },
    adminProfileId,
    standardProfileId,
    organizationId,
    standardPricebookId
  };
}

/** The default business hours of a new org: "Default", open 24 hours every day, in the org's time zone [mem]. */
function defaultBusinessHours(timeZone: string): Record<string, unknown> {
  const out: Record<string, unknown> = { Name: 'Default', IsDefault: true, IsActive: true, TimeZoneSidKey: timeZone };
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    out[`${day}StartTime`] = new ApexTime(0);
    out[`${day}EndTime`] = new ApexTime(0);
  }
  return out;
}
