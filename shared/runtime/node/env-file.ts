/** Loads `.env` from the working directory when there is one; variables already set win. */
import { existsSync } from 'node:fs';

export function environment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}
