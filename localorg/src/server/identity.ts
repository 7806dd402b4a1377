/**
 * Who the token belongs to: `GET /services/oauth2/userinfo` (OpenID Connect UserInfo) and the identity URL
 * `GET /id/<org id>/<user id>`, both answered for the org's admin User (every localorg token acts as that user). The sf
 * CLI's `org login access-token` reads `user_id` and `organization_id` from userinfo, then the User's Username.
 */
import { notFound } from './errors.js';
import type { ServerDataPlatform } from './runtime-seams.js';
import type { Json } from './sobject-json.js';
import { ApexId } from '../values/values.js';

function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  return v instanceof ApexId ? v.value : null;
}

/** What userinfo and the identity URL say, read from the org; plain data, so the front can answer without the org. */
export interface IdentityFacts {
  orgId: string;
  userId: string;
  username: string | null;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  timeZone: string | null;
  language: string | null;
  locale: string | null;
}

/** Reads the org's admin User and the Organization; throws the platform's 404 when there is none. */
export function readIdentity(platform: ServerDataPlatform): IdentityFacts {
  const org = platform.queryText('SELECT Id, Name FROM Organization LIMIT 1', { unmetered: true });
  const users = platform.queryText(
    "SELECT Id, Username, Name, FirstName, LastName, Email, TimeZoneSidKey, LanguageLocaleKey, LocaleSidKey FROM User WHERE Profile.Name = 'System Administrator' ORDER BY CreatedDate LIMIT 1",
    { unmetered: true }
  );
  if (typeof org === 'number' || typeof users === 'number' || org.length === 0 || users.length === 0) {
    throw notFound('No admin user in this org');
  }
  const u = users[0];
  return {
    orgId: text(org[0].get('Id'))!,
    userId: text(u.get('Id'))!,
    username: text(u.get('Username')),
    name: text(u.get('Name')),
    firstName: text(u.get('FirstName')),
    lastName: text(u.get('LastName')),
    email: text(u.get('Email')),
    timeZone: text(u.get('TimeZoneSidKey')),
    language: text(u.get('LanguageLocaleKey')),
    locale: text(u.get('LocaleSidKey'))
  };
}

export function identityAnswer(platform: ServerDataPlatform, path: string, origin: string): Json {
  return renderIdentity(readIdentity(platform), path, origin);
}

/** The userinfo or identity-URL answer for `path`; throws the platform's 404 for another org's or user's id. */
export function renderIdentity(facts: IdentityFacts, path: string, origin: string): Json {
  const { orgId, userId } = facts;
  if (path.startsWith('/id/')) {
    const [, , o, id] = path.split('/');
    if (
      o === undefined ||
      id === undefined ||
      o.slice(0, 15) !== orgId.slice(0, 15) ||
      id.slice(0, 15) !== userId.slice(0, 15)
    ) {
      throw notFound('Bad_Id');
    }
  }
  const idUrl = `${origin}/id/${orgId}/${userId}`;
  const urls = {
    enterprise: `${origin}/services/Soap/c/{version}/${orgId}`,
    partner: `${origin}/services/Soap/u/{version}/${orgId}`,
    rest: `${origin}/services/data/v{version}/`,
    sobjects: `${origin}/services/data/v{version}/sobjects/`,
    query: `${origin}/services/data/v{version}/query/`,
    profile: `${origin}/${userId}`
  };
  const common = {
    user_id: userId,
    organization_id: orgId,
    email: facts.email,
    active: true,
    user_type: 'STANDARD',
    language: facts.language,
    locale: facts.locale,
    urls
  };
  const nick = facts.username?.split('@')[0] ?? null;
  if (path.startsWith('/id/')) {
    return {
      id: idUrl,
      asserted_user: true,
      username: facts.username,
      nick_name: nick,
      display_name: facts.name,
      first_name: facts.firstName,
      last_name: facts.lastName,
      timezone: facts.timeZone,
      ...common
    };
  }
  return {
    sub: idUrl,
    preferred_username: facts.username,
    nickname: nick,
    name: facts.name,
    given_name: facts.firstName,
    family_name: facts.lastName,
    zoneinfo: facts.timeZone,
    email_verified: true,
    ...common
  };
}
