/** UserInfo: the running user of the local org (data platform seed, default America/Los_Angeles, en_US). */
import { NativeDefinitions } from '../runtime/natives.js';
import { unsupported } from '../values/errors.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

natives.defineClass({
  name: 'UserInfo',
  statics: {
    getuserid: (ctx) => ctx.user.id,
    getusername: (ctx) => ctx.user.userName,
    getname: (ctx) => ctx.user.name,
    getfirstname: (ctx) => ctx.user.firstName,
    getlastname: (ctx) => ctx.user.lastName,
    getuseremail: (ctx) => ctx.user.email,
    getlocale: (ctx) => ctx.user.locale,
    getlanguage: (ctx) => ctx.user.language,
    getprofileid: (ctx) => ctx.user.profileId,
    getuserroleid: (ctx) => ctx.user.roleId ?? null,
    getorganizationid: (ctx) => ctx.user.organizationId,
    getdefaultcurrency: (ctx) => ctx.user.currency,
    getusertype: () => 'Standard',
    getuithemedisplayed: () => 'Theme4d',
    ismulticurrencyorganization: () => false,
    getorganizationname: () => 'localorg',
    gettimezone(ctx, args) {
      const tz = ctx.natives.classFor('timezone')?.statics?.['gettimezone'];
      if (!tz) return unsupported('UserInfo', 'getTimeZone', args);
      return tz(ctx, [ctx.user.timeZone], null);
    }
  }
});
