/**
 * The Worker's pure-JS argon2id and the Node adapter's native one must read each other's PHC strings:
 * a user registered through one runtime signs in through the other. Runs under Node, where both load.
 */
import { hash as nativeHash, verify as nativeVerify } from '@node-rs/argon2';
import { describe, expect, test } from 'vitest';
import { argon2Hasher } from '../../shared/runtime/node/argon2-hasher';
import { nobleArgon2Hasher, parsePhc } from '../../shared/runtime/worker/noble-argon2-hasher';

const PASSWORD = 'Grüße, ward 7 — cañón';
const PHC_SHAPE = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

describe('argon2id PHC strings between Node and the Worker', () => {
  test('a hash made in the Worker has the standard PHC shape with OWASP parameters', async () => {
    expect(await nobleArgon2Hasher.hash(PASSWORD)).toMatch(PHC_SHAPE);
  });

  test('a hash made by @node-rs/argon2 verifies in the Worker, and a wrong password does not', async () => {
    const phc = await nativeHash(PASSWORD);
    expect(phc).toMatch(PHC_SHAPE);
    expect(await nobleArgon2Hasher.verify(phc, PASSWORD)).toBe(true);
    expect(await nobleArgon2Hasher.verify(phc, `${PASSWORD}!`)).toBe(false);
  });

  test('a hash made in the Worker verifies with @node-rs/argon2 and the Node adapter', async () => {
    const phc = await nobleArgon2Hasher.hash(PASSWORD);
    expect(await nativeVerify(phc, PASSWORD)).toBe(true);
    expect(await argon2Hasher.verify(phc, PASSWORD)).toBe(true);
    expect(await argon2Hasher.verify(phc, 'not the password')).toBe(false);
  });

  test('a malformed or unsupported hash is a plain false, never an exception', async () => {
    const phc = await nativeHash(PASSWORD);
    for (const bad of [
      '',
      'not a hash',
      phc.replace('$argon2id$', '$argon2i$'),
      phc.replace('v=19', 'v=16'),
      phc.replace('m=19456', 'm=4194304'), // 4 GiB: refused before any memory is allocated
      phc.slice(0, -10),
      `${phc}$extra`,
    ]) {
      expect(await nobleArgon2Hasher.verify(bad, PASSWORD)).toBe(false);
    }
  });

  test('parsing keeps the parameters and the salt and hash lengths of the string', async () => {
    const parsed = parsePhc(await nativeHash(PASSWORD));
    expect(parsed).toMatchObject({ m: 19456, t: 2, p: 1 });
    expect(parsed?.salt.length).toBe(16);
    expect(parsed?.hash.length).toBe(32);
  });
});
