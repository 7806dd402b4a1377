/**
 * What a brand-new org holds before any test or request runs: the Organization, the two profiles most code refers to
 * by name, and the running admin user. These are setup objects, visible in tests without SeeAllData [mem].
 */
import { ApexDatetime, type ApexId, SObject } from '../values/values.js';
import type { RunningUser } from '../values/user.js';
import type { Store } from './store.js';

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
}

function row(type: string, id: ApexId, values: Record<string, unknown>, createdAt: number, userId: ApexId): SObject {
  const r = new SObject(type);
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

export function seedOrg(store: Store, options: UserOptions, now: number): SeedResult {
  const organizationId = store.nextId('00D');
  const adminProfileId = store.nextId('00e');
  const standardProfileId = store.nextId('00e');
  const userId = store.nextId('005');
  const tz = options.timeZone ?? 'America/Los_Angeles';
  const locale = options.locale ?? 'en_US';
  const language = options.language ?? 'en_US';
  const firstName = options.firstName ?? 'Local';
  const lastName = options.lastName ?? 'Admin';
  const email = options.email ?? 'admin@localorg.example';
  const userName = options.userName ?? 'admin@localorg.example';
  store.put(
    row(
      'Organization',
      organizationId,
      {
        Name: options.orgName ?? 'localorg',
        OrganizationType: 'Developer Edition',
        InstanceName: 'LO1',
        IsSandbox: false,
        NamespacePrefix: null,
        TimeZoneSidKey: tz,
        LanguageLocaleKey: language,
        DefaultLocaleSidKey: locale,
        Country: 'US'
      },
      now,
      userId
    )
  );
  store.put(row('Profile', adminProfileId, { Name: 'System Administrator', UserType: 'Standard' }, now, userId));
  store.put(row('Profile', standardProfileId, { Name: 'Standard User', UserType: 'Standard' }, now, userId));
  store.put(
    row(
      'User',
      userId,
      {
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
      },
      now,
      userId
    )
  );
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
    organizationId
  };
}
