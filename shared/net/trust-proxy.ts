/**
 * Which address a request came from, when proxies stand in front of us (TRUST_PROXY, issue 5 item 5).
 *
 * `X-Forwarded-For` is a list that every proxy appends to: `client-written…, seen-by-proxy-1, …`, and
 * the socket's peer is the last proxy. Only the entries written by proxies we trust mean anything; the
 * left-most entries are whatever the client chose to send. So we walk from the right:
 * - `TRUST_PROXY=2` (hops): the peer and the entry before it are our proxies; the address the first of
 *   them saw is the client. `true` is one hop, `false` or `0` none (the socket's peer is the client).
 * - `TRUST_PROXY=10.0.0.0/8,192.0.2.7` (addresses): skip every trusted address from the right; the
 *   first untrusted one is the client.
 * Whatever comes out is a valid IP address in canonical form (IPv4-mapped IPv6 becomes IPv4) or null:
 * nothing a client wrote ever reaches a throttling key or the audit trail unchecked.
 * Pure: no Node API, so the Worker uses it too (ipaddr.js is plain JavaScript).
 */
import ipaddr from 'ipaddr.js';

export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> };

const MAX_HOPS = 10;

/** Reads a TRUST_PROXY value; null when it is not one of the accepted forms. */
export function parseTrustProxy(value: string): TrustProxy | null {
  const text = value.trim().toLowerCase();
  if (text === 'false' || text === '0') return { kind: 'none' };
  if (text === 'true') return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= MAX_HOPS ? { kind: 'hops', hops } : null;
  }
  const ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    if (!item) return null;
    try {
      if (item.includes('/')) {
        const [address, bits] = ipaddr.parseCIDR(item);
        ranges.push([normalise(address), address.kind() === 'ipv6' && normalise(address).kind() === 'ipv4' ? bits - 96 : bits]);
      } else {
        const address = normalise(ipaddr.parse(item));
        ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      }
    } catch {
      return null;
    }
  }
  return ranges.length > 0 ? { kind: 'addresses', ranges } : null;
}

/** IPv4-mapped IPv6 (`::ffff:192.0.2.1`, how Node reports IPv4 peers on a dual-stack socket) as IPv4. */
function normalise(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

/** An address as a proxy or socket wrote it (maybe with a port or brackets), parsed; null if not an IP. */
function parseAddress(text: string | undefined | null): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!text) return null;
  let s = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  // Zone ids (fe80::1%eth0) identify an interface of the proxy, not the client.
  s = s.replace(/%.*$/, '');
  if (s.length > 45 || !ipaddr.isValid(s)) return null;
  try {
    const parsed = ipaddr.parse(s);
    // ipaddr.js also accepts "1", "0x7f.1" and other legacy IPv4 forms; a proxy writes dotted quads.
    if (parsed.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(s)) return null;
    return normalise(parsed);
  } catch {
    return null;
  }
}

/** A valid address in canonical text, or null. */
export function validAddress(text: string | undefined | null): string | null {
  return parseAddress(text)?.toString() ?? null;
}

function trusted(address: ipaddr.IPv4 | ipaddr.IPv6, trust: Extract<TrustProxy, { kind: 'addresses' }>): boolean {
  return trust.ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range as never, bits));
}

/**
 * The client's address: the socket's peer when no proxy is trusted, else the address the outermost
 * trusted proxy saw. Null when that entry is missing or not an IP address.
 */
export function resolveClientAddress(trust: TrustProxy, peer: string | undefined, forwardedFor: string | undefined): string | null {
  if (trust.kind === 'none' || forwardedFor === undefined) return validAddress(peer);
  const chain = [...forwardedFor.split(',').map((s) => s.trim()), peer ?? ''];
  if (trust.kind === 'hops') {
    // Fewer entries than hops: the request skipped a proxy; the furthest entry is the best we have.
    return validAddress(chain[Math.max(0, chain.length - 1 - trust.hops)]);
  }
  let i = chain.length - 1;
  while (i > 0) {
    const address = parseAddress(chain[i]);
    if (!address || !trusted(address, trust)) break;
    i--;
  }
  return validAddress(chain[i]);
}
