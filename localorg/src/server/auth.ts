/**
 * Bearer-token check. A real org accepts `Authorization: Bearer <session>` and the older `OAuth <session>`; both are
 * honoured so that every client library works.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { invalidSession } from './errors.js';

/** A token shaped like a Salesforce session id (`00D…!…`), so client-side validators accept it. */
export function generateToken(): string {
  return '00DLOCAL0000001!' + randomBytes(24).toString('base64url');
}

export function bearerTokenOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}

/** Throws the platform's 401 unless the request carries `token`; compares in constant time. */
export function requireToken(req: IncomingMessage, token: string): void {
  const given = bearerTokenOf(req);
  if (given === null) throw invalidSession();
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw invalidSession();
}
