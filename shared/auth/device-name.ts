/**
 * "Chrome on Linux": the browser and system a User-Agent names, for the sessions list and the new-device
 * email. ua-parser-js 1 (MIT; version 2 is AGPL: ADR 029). Pure, runs in workerd too.
 */
import UAParser from 'ua-parser-js';

export function deviceName(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown device';
  const parsed = new UAParser(userAgent.slice(0, 256));
  const browser = parsed.getBrowser().name;
  const os = parsed.getOS().name;
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  if (os) return `A browser on ${os}`;
  // A script (curl/8.5.0): its own first word says more than "unknown".
  const first = userAgent.split(/[\s/]/)[0]?.slice(0, 40);
  return first ? first : 'Unknown device';
}
