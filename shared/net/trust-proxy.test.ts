import { describe, expect, test } from 'vitest';
import { parseTrustProxy, resolveClientAddress, validAddress, type TrustProxy } from './trust-proxy';

const trust = (value: string) => parseTrustProxy(value) as TrustProxy;

describe('the client address behind TRUST_PROXY', () => {
  test('without trusted proxies the socket peer is the client and X-Forwarded-For is ignored', () => {
    expect(resolveClientAddress(trust('false'), '203.0.113.5', '1.2.3.4')).toBe('203.0.113.5');
    expect(resolveClientAddress(trust('0'), '::ffff:203.0.113.5', undefined)).toBe('203.0.113.5');
  });

  test('with one hop, the address our proxy saw wins over whatever the client wrote to the left', () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; our proxy appended the address it saw.
    expect(resolveClientAddress(trust('1'), '10.0.0.2', '6.6.6.6, 198.51.100.23')).toBe('198.51.100.23');
    expect(resolveClientAddress(trust('true'), '10.0.0.2', '6.6.6.6, 198.51.100.23')).toBe('198.51.100.23');
  });

  test('with two hops (a CDN, then a load balancer) the address the first of them saw is the client', () => {
    expect(resolveClientAddress(trust('2'), '10.0.0.2', '6.6.6.6, 198.51.100.23, 172.16.0.9')).toBe('198.51.100.23');
    // A request that skipped a proxy has fewer entries: the furthest one is the best there is.
    expect(resolveClientAddress(trust('2'), '10.0.0.2', '198.51.100.23')).toBe('198.51.100.23');
  });

  test('with trusted addresses, every trusted entry from the right is skipped', () => {
    const t = trust('10.0.0.0/8, 172.16.0.9');
    expect(resolveClientAddress(t, '10.0.0.2', '6.6.6.6, 198.51.100.23, 172.16.0.9')).toBe('198.51.100.23');
    expect(resolveClientAddress(t, '10.0.0.2', '10.1.1.1')).toBe('10.1.1.1');
    // The peer itself is not trusted: the header means nothing.
    expect(resolveClientAddress(t, '198.51.100.99', '6.6.6.6')).toBe('198.51.100.99');
    expect(resolveClientAddress(trust('::1, 2001:db8::/32'), '::1', '2001:db8::7, 2001:0db8:0:0:0:0:0:9')).toBe('2001:db8::7');
  });

  test('what comes out is a valid address in canonical form, or null; never text the client chose', () => {
    expect(resolveClientAddress(trust('1'), '10.0.0.2', 'evil, <script>')).toBeNull();
    expect(resolveClientAddress(trust('1'), '10.0.0.2', "1.2.3.4'; drop table users")).toBeNull();
    expect(resolveClientAddress(trust('1'), '10.0.0.2', '')).toBeNull();
    expect(resolveClientAddress(trust('false'), undefined, undefined)).toBeNull();
    expect(resolveClientAddress(trust('1'), '10.0.0.2', '198.51.100.23:443')).toBe('198.51.100.23');
    expect(resolveClientAddress(trust('1'), '10.0.0.2', '[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(resolveClientAddress(trust('1'), '10.0.0.2', '::ffff:198.51.100.23')).toBe('198.51.100.23');
  });

  test('validAddress refuses legacy and out-of-range forms', () => {
    for (const bad of ['1', '0x7f.1', '256.1.1.1', '1.2.3', '1.2.3.4.5', 'localhost', 'x'.repeat(100), ' ']) expect(validAddress(bad), bad).toBeNull();
    expect(validAddress(' 192.0.2.1 ')).toBe('192.0.2.1');
    expect(validAddress('fe80::1%eth0')).toBe('fe80::1');
  });

  test('TRUST_PROXY values that are not accepted', () => {
    for (const bad of ['yes', '-1', '11', '10.0.0.0/33', '10.0.0.0/8,,', 'proxy.example.org', '']) expect(parseTrustProxy(bad), bad).toBeNull();
  });
});
