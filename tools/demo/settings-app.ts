/**
 * The demo's way into the settings app: signs in through `/secur/frontdoor.jsp` with the API token (as the admin
 * app's link does) and calls `@AuraEnabled` methods through `/lightning/apex`, one transaction each; records are
 * created through the data API with the bearer token.
 */
import type { DemoClient } from './form-submissions.js';
import type { PeerClient } from './peer-features.js';

const API = '/services/data/v62.0';

export class SettingsAppError extends Error {}

/** Trades the token for a browser session cookie (`sid=…`). */
export async function signIn(url: string, token: string): Promise<string> {
  const res = await fetch(
    `${url}/secur/frontdoor.jsp?sid=${encodeURIComponent(token)}&retURL=/lightning/n/BookingSyncAdmin`,
    {
      redirect: 'manual'
    }
  );
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (res.status !== 302 || !cookie) {
    throw new SettingsAppError(`signing in to the settings app failed (HTTP ${res.status})`);
  }
  return cookie;
}

/** A client for the peers' demo: the booking client plus the settings app's Apex and record creation. */
export async function peerClient(url: string, token: string, base: DemoClient): Promise<PeerClient> {
  const cookie = await signIn(url, token);
  return {
    ...base,
    async apex(classname, method, params) {
      const res = await fetch(`${url}/lightning/apex`, {
        method: 'POST',
        headers: { cookie, 'Content-Type': 'application/json' },
        body: JSON.stringify({ classname, method, params })
      });
      const json = (await res.json()) as { returnValue?: unknown; message?: string };
      if (res.status !== 200) {
        throw new SettingsAppError(`${classname}.${method} failed (HTTP ${res.status}): ${json.message ?? ''}`);
      }
      return json.returnValue;
    },
    async create(sobject, fields) {
      const res = await fetch(`${url}${API}/sobjects/${sobject}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(fields)
      });
      const json = (await res.json()) as { id?: string } | { message: string }[];
      if (res.status !== 201 || Array.isArray(json) || !json.id) {
        throw new SettingsAppError(`creating a ${sobject} failed (HTTP ${res.status}): ${JSON.stringify(json)}`);
      }
      return json.id;
    }
  };
}
