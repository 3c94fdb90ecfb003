/**
 * argon2id through @node-rs/argon2 with its defaults, which are OWASP's (m=19456 KiB, t=2, p=1).
 * We pass no `algorithm`: the library's const enum is undefined at run time under tsx/esbuild (STACK.md),
 * and its default already is argon2id.
 */
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../auth/passwords';

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password),
  async verify(passwordHash, password) {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  },
};
