import { randomBytes } from 'node:crypto';

/** The cookie that binds an OAuth `state` to the browser that asked for it (a CSRF defence). */
export const browserSessionCookie = 'qzsync_oauth_session';

const sessionPattern = /^[A-Za-z0-9_-]{43}$/;

export const newBrowserSession = () => randomBytes(32).toString('base64url');

/** The session id from a Cookie header, if it holds a well-formed one. */
export function readBrowserSession(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    const candidate = value.join('=');
    if (name === browserSessionCookie && sessionPattern.test(candidate)) return candidate;
  }
  return null;
}

/**
 * Set-Cookie for the session: HttpOnly (no script reads it), SameSite=Lax (sent on Intuit's top-level redirect back,
 * not on cross-site subrequests), scoped to the OAuth paths, Secure whenever the service is served over HTTPS.
 */
export function browserSessionSetCookie(session: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  const attributes = [
    `${browserSessionCookie}=${session}`,
    'Path=/oauth/qbo',
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}
