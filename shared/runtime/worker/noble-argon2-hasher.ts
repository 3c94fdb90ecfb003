/**
 * argon2id in pure JavaScript (@noble/hashes) for workerd, where the native @node-rs/argon2 cannot load.
 * Same OWASP parameters as the Node adapter (m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte hash) and
 * the same PHC string, `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` in unpadded standard base64,
 * so a hash written by either runtime verifies in the other (tests/worker/argon2-phc.test.ts).
 *
 * Portable on purpose (no Workers types, no Node API): the Node round-trip test imports it directly.
 */
import { argon2id } from '@noble/hashes/argon2.js';
import { decodeBase64IgnorePadding, encodeBase64NoPadding } from '@oslojs/encoding';
import type { PasswordHasher } from '../../auth/passwords';

export const ARGON2_PARAMS = { m: 19456, t: 2, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const VERSION = 0x13; // the "v=19" of the PHC string

/**
 * Upper bounds for parameters read back from a stored hash. A hash made elsewhere with stronger
 * settings still verifies, but a corrupted or hostile row cannot make one request allocate
 * gigabytes or spin for minutes (a Worker has 128 MB of memory).
 */
const LIMITS = { m: 65536, t: 10, p: 4, saltBytes: 64, hashBytes: 64 } as const;

const PHC = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

interface Parsed {
  m: number;
  t: number;
  p: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

export function formatPhc(params: { m: number; t: number; p: number }, salt: Uint8Array, hash: Uint8Array): string {
  return `$argon2id$v=19$m=${params.m},t=${params.t},p=${params.p}$${encodeBase64NoPadding(salt)}$${encodeBase64NoPadding(hash)}`;
}

/** The parts of a PHC argon2id string, or null for anything we will not verify against. */
export function parsePhc(phc: string): Parsed | null {
  const match = PHC.exec(phc);
  if (!match) return null;
  const [, m, t, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
  const parsed = { m: Number(m), t: Number(t), p: Number(p) };
  if (parsed.t < 1 || parsed.t > LIMITS.t || parsed.p < 1 || parsed.p > LIMITS.p) return null;
  if (parsed.m < 8 * parsed.p || parsed.m > LIMITS.m) return null;
  try {
    const saltBytes = decodeBase64IgnorePadding(salt);
    const hashBytes = decodeBase64IgnorePadding(hash);
    if (saltBytes.length < 8 || saltBytes.length > LIMITS.saltBytes) return null;
    if (hashBytes.length < 4 || hashBytes.length > LIMITS.hashBytes) return null;
    return { ...parsed, salt: saltBytes, hash: hashBytes };
  } catch {
    return null;
  }
}

function derive(password: string, salt: Uint8Array, params: { m: number; t: number; p: number }, dkLen: number): Uint8Array {
  // The synchronous variant on purpose: one 19 MiB block matrix at a time per isolate. The async one
  // would let concurrent requests each hold their own matrix, and workerd's frozen Date.now() keeps
  // its time-based yielding from ever firing anyway.
  return argon2id(password, salt, { ...params, version: VERSION, dkLen });
}

function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export const nobleArgon2Hasher: PasswordHasher = {
  async hash(password) {
    const salt = new Uint8Array(SALT_BYTES);
    crypto.getRandomValues(salt);
    return formatPhc(ARGON2_PARAMS, salt, derive(password, salt, ARGON2_PARAMS, HASH_BYTES));
  },

  async verify(phc, password) {
    const parsed = parsePhc(phc);
    if (!parsed) return false;
    try {
      return equalInConstantTime(derive(password, parsed.salt, parsed, parsed.hash.length), parsed.hash);
    } catch {
      return false;
    }
  },
};
