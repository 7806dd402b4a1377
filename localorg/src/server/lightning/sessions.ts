/**
 * Browser sessions for the Lightning shell. `frontdoor.jsp` trades the org's access token for a session whose id
 * travels only in an HttpOnly, SameSite=Strict cookie named `sid`, as on Salesforce; pages and their calls read it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'sid';

export interface BrowserSession {
  id: string;
  createdAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, BrowserSession>();

  constructor(private readonly accessToken: string) {}

  /** True when `given` is the org's access token (constant-time). */
  acceptsToken(given: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(this.accessToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  create(now = Date.now()): BrowserSession {
    const session = { id: randomBytes(24).toString('base64url'), createdAt: now };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session named by the request's cookie, or null. */
  of(req: IncomingMessage): BrowserSession | null {
    const id = cookieValue(req.headers.cookie, SESSION_COOKIE);
    return id ? (this.sessions.get(id) ?? null) : null;
  }
}

export function sessionCookie(session: BrowserSession, secure: boolean): string {
  return `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
