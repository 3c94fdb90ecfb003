import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy } from '../../web/vite.config';
import { PERMISSIONS_POLICY, WEB_CONTENT_SECURITY_POLICY, webSecurityHeaders } from './web-headers';

const asObject = (headers: ReturnType<typeof webSecurityHeaders>) => Object.fromEntries(headers);

describe('the web app security headers', () => {
  test('the meta tag of the built page carries the same policy the web server sends (one source)', () => {
    const transform = contentSecurityPolicy.transformIndexHtml as () => Array<{ tag: string; attrs: Record<string, string> }>;
    const [meta] = transform();
    expect(meta).toMatchObject({ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: WEB_CONTENT_SECURITY_POLICY } });
    expect(asObject(webSecurityHeaders(['http://localhost:3000']))['Content-Security-Policy']).toBe(`${WEB_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  test('the policy keeps the page to its own origin and forbids framing', () => {
    const csp = asObject(webSecurityHeaders(['http://localhost:3000']))['Content-Security-Policy']!;
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"]) {
      expect(csp.split('; ')).toContain(directive);
    }
  });

  test('the Permissions-Policy turns off camera, microphone, geolocation, payment and usb, among others', () => {
    const policy = asObject(webSecurityHeaders(['http://localhost:3000']))['Permissions-Policy']!;
    expect(policy).toBe(PERMISSIONS_POLICY);
    const features = policy.split(', ');
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(features).toContain(`${feature}=()`);
    expect(features.every((f) => /^[a-z-]+=\(\)$/.test(f))).toBe(true);
  });

  test('HSTS only when the first WEB_ORIGIN is https', () => {
    expect(asObject(webSecurityHeaders(['http://localhost:3000', 'http://127.0.0.1:3000']))['Strict-Transport-Security']).toBeUndefined();
    expect(asObject(webSecurityHeaders(['http://wardline.lan:3000', 'https://wardline.example.org']))['Strict-Transport-Security']).toBeUndefined();
    expect(asObject(webSecurityHeaders(['https://wardline.example.org']))['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
  });
});
