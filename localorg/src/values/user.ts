/** The running user: who UserInfo reports, whose time zone and locale Datetime renders in, who owns new records. */
import type { ApexId } from './values.js';

/** The running user as UserInfo and Datetime rendering see it. */
export interface RunningUser {
  id: ApexId;
  userName: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  timeZone: string; // IANA id, e.g. America/Los_Angeles
  locale: string; // e.g. en_US
  language: string;
  profileId: ApexId;
  /** The user's role (`User.UserRoleId`), null or absent when the user has none. */
  roleId?: ApexId | null;
  organizationId: ApexId;
  currency: string;
}
