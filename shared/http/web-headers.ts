/**
 * The security headers of the web app's pages, kept in one place. The Content-Security-Policy goes into
 * the built index.html as a meta tag (web/vite.config.ts) and is sent as a header by the runner's web
 * server (shared/runtime/node/http-server.ts), which adds what a meta tag cannot carry: `frame-ancestors`.
 * No I/O here: the Vite config imports it too.
 */

/** The built app loads its own script and stylesheet and talks to its own origin only. */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Powerful browser features the app never uses, switched off for it and for anything it might embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** A year, subdomains too: sent only when the app is served over HTTPS (a browser ignores it on http). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * The headers of every page and file of the web app (not its `/api`, which has its own), for the
 * configured origins: HSTS only when the first WEB_ORIGIN is https. Computed once per server.
 */
export function webSecurityHeaders(webOrigins: readonly string[]): ReadonlyArray<readonly [string, string]> {
  const headers: Array<[string, string]> = [
    ['Content-Security-Policy', `${WEB_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'same-origin'],
  ];
  if (webOrigins[0]?.startsWith('https://')) headers.push(['Strict-Transport-Security', STRICT_TRANSPORT_SECURITY]);
  return headers;
}
