/** The running user as `System.runAs` makes it: UserInfo, time zone and locale read from a `User` row. */
import { ApexId, type SObject } from '../../values/values.js';
import type { RunningUser } from '../../values/user.js';

function text(row: SObject, field: string, fallback: string): string {
  const v = row.get(field.toLowerCase());
  return typeof v === 'string' && v !== '' ? v : fallback;
}

/** A RunningUser from a stored User row; what the row lacks comes from `base` (the org's admin). */
export function userFromRow(row: SObject, base: RunningUser): RunningUser {
  const firstName = text(row, 'FirstName', '');
  const lastName = text(row, 'LastName', '');
  const profile = row.get('profileid');
  const role = row.get('userroleid');
  return {
    id: row.get('id') as ApexId,
    userName: text(row, 'Username', ''),
    name: text(row, 'Name', [firstName, lastName].filter(Boolean).join(' ')),
    firstName,
    lastName,
    email: text(row, 'Email', ''),
    timeZone: text(row, 'TimeZoneSidKey', base.timeZone),
    locale: text(row, 'LocaleSidKey', base.locale),
    language: text(row, 'LanguageLocaleKey', base.language),
    profileId: profile instanceof ApexId ? profile : base.profileId,
    roleId: role instanceof ApexId ? role : null,
    organizationId: base.organizationId,
    currency: text(row, 'DefaultCurrencyIsoCode', base.currency)
  };
}
