/**
 * Reading and writing cookies without trusting the rest of the header. Browsers send every cookie of
 * the site, ours and others' (`analytics=50%` from some script): one malformed pair must never stop us
 * finding ours, and never throw (it gave a 500 on every session endpoint, issue 5 item 3).
 */

/** The value of the first cookie called `name`, or null when absent or not decodable. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      // Ours is never percent-encoded badly; a mangled one counts as none.
      return null;
    }
  }
  return null;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
}

/** A Set-Cookie value for one of our cookies: HttpOnly, SameSite=Lax, Path=/, Secure behind HTTPS. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'HttpOnly', `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`, 'Path=/', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
