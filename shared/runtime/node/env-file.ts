/**
 * The environment of a Node entry point: `.env` from the working directory when there is one
 * (variables already set win), plus, outside production, a SECRET_KEY kept in DATA_DIR when none is
 * set, so device cookies signed before a restart still count after it (production must set its own).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function environment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return withDevelopmentSecret({ ...process.env });
}

export function withDevelopmentSecret(env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (env.SECRET_KEY?.trim() || env.NODE_ENV === 'production') return env;
  const file = join(env.DATA_DIR?.trim() || 'data', 'secret-key');
  try {
    if (!existsSync(file)) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    }
    return { ...env, SECRET_KEY: readFileSync(file, 'utf8').trim() };
  } catch {
    // An unwritable DATA_DIR: the process makes a secret of its own (shared/config.ts).
    return env;
  }
}
