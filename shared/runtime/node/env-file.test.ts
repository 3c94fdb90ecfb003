/**
 * `.env.example` is read two ways: by a shell (`set -a; . ./.env; set +a`, as its header suggests) and by
 * Node's `process.loadEnvFile` (env-file.ts, when it is copied to `.env`). Both must see the same values,
 * and those values must be the documented defaults.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../config';
import { withDevelopmentSecret } from './env-file';

const ROOT = join(import.meta.dirname, '../../..');
const EXAMPLE = readFileSync(join(ROOT, '.env.example'), 'utf8');
const NAMES = [...EXAMPLE.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
/** Prints the environment as JSON, so that values with spaces or newlines come through whole. */
const PRINT_ENV = 'process.stdout.write(JSON.stringify(process.env))';

async function run(file: string, args: string[]): Promise<Record<string, string>> {
  // Only PATH is inherited: whatever else shows up came from the file.
  const { stdout } = await promisify(execFile)(file, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, timeout: 20_000 });
  return JSON.parse(stdout) as Record<string, string>;
}

const sourcedBy = (shell: string) => run(shell, ['-c', `set -a; . ./.env.example; set +a; exec "${process.execPath}" -e '${PRINT_ENV}'`]);
const loadedByNode = () => run(process.execPath, ['-e', `process.loadEnvFile('.env.example'); ${PRINT_ENV}`]);
const pick = (env: Record<string, string>) => Object.fromEntries(NAMES.map((name) => [name, env[name]]));

describe('.env.example', () => {
  test('it names every setting, and the README configuration table does too', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const name of CONFIG_VARIABLES) {
      expect(NAMES, name).toContain(name);
      // A row of the table: `| \`NAME\` | default | meaning |` (two settings may share a row).
      expect(readme, name).toMatch(new RegExp(`^\\|[^\\n]*\`${name}\``, 'm'));
    }
  });

  test.each([['/bin/sh'], ['/bin/bash'], ['/bin/dash']])('%s can source it (set -a; . ./.env.example; set +a) and gets what Node reads', async (shell) => {
    const [shellEnv, nodeEnv] = await Promise.all([sourcedBy(shell), loadedByNode()]);
    expect(pick(shellEnv)).toEqual(pick(nodeEnv));
    expect(shellEnv.MAIL_FROM).toBe('Wardline <no-reply@wardline.local>');
    expect(shellEnv.HOSPITAL_NAME).toBe('Wardline General Hospital');
  });

  test('what Node reads from it validates, and is exactly the defaults', async () => {
    const values = pick(await loadedByNode());
    expect(Object.values(values).every((value) => value !== undefined)).toBe(true);
    // SECRET_KEY is blank there (development keeps its own); a random one per call would differ.
    const secret = { SECRET_KEY: 'x'.repeat(32) };
    expect(loadConfig({ ...values, ...secret })).toEqual(loadConfig(secret));
  });
});

describe('the development SECRET_KEY', () => {
  test('is made once in DATA_DIR, readable by its owner only, and the same at the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wardline-secret-'));
    try {
      const first = withDevelopmentSecret({ DATA_DIR: dir });
      expect(first.SECRET_KEY).toMatch(/^[\w-]{43}$/);
      expect(loadConfig(first).secretKey).toBe(first.SECRET_KEY);
      expect(statSync(join(dir, 'secret-key')).mode & 0o777).toBe(0o600);
      expect(withDevelopmentSecret({ DATA_DIR: dir }).SECRET_KEY).toBe(first.SECRET_KEY);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a SECRET_KEY that is set wins, and production never gets one made for it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wardline-secret-'));
    try {
      expect(withDevelopmentSecret({ DATA_DIR: dir, SECRET_KEY: 'mine' }).SECRET_KEY).toBe('mine');
      expect(withDevelopmentSecret({ DATA_DIR: dir, NODE_ENV: 'production' }).SECRET_KEY).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
