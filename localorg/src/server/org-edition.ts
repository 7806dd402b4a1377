/**
 * What kind of org localorg answers as: a Developer Edition org that is not a Dev Hub. Dev Hub objects exist in the
 * bundled schema (Apex may name them) but the API of a non-Dev-Hub org does not know them; the sf CLI decides whether
 * an org is a Dev Hub by whether `SELECT Id FROM ScratchOrgInfo` fails, so these answer `INVALID_TYPE` as such an org
 * does.
 */
import { HttpError } from './errors.js';

const DEV_HUB_ONLY = ['ScratchOrgInfo', 'ActiveScratchOrg', 'NamespaceRegistry', 'ScratchOrgSnapshot'];
const DEV_HUB_FROM = new RegExp(`\\bFROM\\s+(${DEV_HUB_ONLY.join('|')})\\b`, 'i');

export function unsupportedType(name: string): HttpError {
  return HttpError.of(
    400,
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
  );
}

export function isDevHubOnly(name: string): boolean {
  return DEV_HUB_ONLY.some((n) => n.toLowerCase() === name.toLowerCase());
}

/** Throws INVALID_TYPE when a query reads a Dev Hub object (any `FROM`, subqueries included). */
export function refuseDevHubQuery(soql: string): void {
  const m = DEV_HUB_FROM.exec(soql);
  if (m) throw unsupportedType(m[1]);
}
