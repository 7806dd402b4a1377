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

export function identityAnswer(platform: ServerDataPlatform, path: string, origin: string): Json {
  const org = platform.queryText('SELECT Id, Name FROM Organization LIMIT 1', { unmetered: true });
  const users = platform.queryText(
    "SELECT Id, Username, Name, FirstName, LastName, Email, TimeZoneSidKey, LanguageLocaleKey, LocaleSidKey FROM User WHERE Profile.Name = 'System Administrator' ORDER BY CreatedDate LIMIT 1",
    { unmetered: true }
  );
  if (typeof org === 'number' || typeof users === 'number' || org.length === 0 || users.length === 0) {
    throw notFound('No admin user in this org');
  }
  const orgId = text(org[0].get('Id'))!;
  const u = users[0];
  const userId = text(u.get('Id'))!;
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
    email: text(u.get('Email')),
    active: true,
    user_type: 'STANDARD',
    language: text(u.get('LanguageLocaleKey')),
    locale: text(u.get('LocaleSidKey')),
    urls
  };
  if (path.startsWith('/id/')) {
    return {
      id: idUrl,
      asserted_user: true,
      username: text(u.get('Username')),
      nick_name: text(u.get('Username'))?.split('@')[0] ?? null,
      display_name: text(u.get('Name')),
      first_name: text(u.get('FirstName')),
      last_name: text(u.get('LastName')),
      timezone: text(u.get('TimeZoneSidKey')),
      ...common
    };
  }
  return {
    sub: idUrl,
    preferred_username: text(u.get('Username')),
    nickname: text(u.get('Username'))?.split('@')[0] ?? null,
    name: text(u.get('Name')),
    given_name: text(u.get('FirstName')),
    family_name: text(u.get('LastName')),
    zoneinfo: text(u.get('TimeZoneSidKey')),
    email_verified: true,
    ...common
  };
}
