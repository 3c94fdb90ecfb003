import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bootstrapAdmin } from '../shared/auth/bootstrap-admin';
import { loadConfig } from '../shared/config';
import { buildNodeDeps, type NodeDeps } from '../shared/runtime/node/build-deps';
import { deleteKeys } from '../tests/support/redis-keys';
import { createTestDatabase, type TestDatabase } from '../tests/support/test-database';
import { testClient } from '../tests/support/http';
import { TEST_REDIS_URL, memoryLogger } from '../tests/support/test-deps';
import login from '../functions/auth/login';
import me from '../functions/auth/me';
import { resetAdminPassword } from './admin-password';

const ADMIN_EMAIL = 'admin@hospital.local';

let database: TestDatabase;
let env: Record<string, string>;
let node: NodeDeps;

beforeAll(async () => {
  // SQLite or PostgreSQL, as this run is for; a URL, so the command in a child process opens it too.
  database = await createTestDatabase();
  env = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `test:admin-password:${Math.random().toString(36).slice(2, 10)}:`,
    ADMIN_EMAIL,
    LOG_LEVEL: 'warn',
    SECRET_KEY: 'a test secret that is long enough to sign',
  };
  node = await buildNodeDeps(loadConfig(env), { log: memoryLogger(), migrate: true });
});

afterAll(async () => {
  await node?.close();
  await deleteKeys(TEST_REDIS_URL, env.REDIS_KEY_PREFIX!);
  await database?.drop();
});

const signIn = (email: string, password: string) => {
  const c = testClient(node.deps, [login, me], { clientAddress: `10.6.0.${Math.floor(Math.random() * 250) + 1}` });
  return c.post('/api/auth/login', { json: { email, password } }).then((res) => ({ c, res }));
};

describe('npm run admin:password', () => {
  test('with no admin account yet it says to start Wardline first', async () => {
    await expect(resetAdminPassword(env)).rejects.toThrow(/run npm start once/);
  });

  test("sets a new generated password, ends the admin's sessions, and the old password stops working", async () => {
    const { generatedPassword } = await bootstrapAdmin(node.deps);
    const { c } = await signIn(ADMIN_EMAIL, generatedPassword!);
    expect((await c.get('/api/auth/me')).status).toBe(200);

    const reset = await resetAdminPassword(env);
    expect(reset.email).toBe(ADMIN_EMAIL);
    expect(reset.password).not.toBe(generatedPassword);
    expect(reset.warning).toBeUndefined();
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect((await signIn(ADMIN_EMAIL, generatedPassword!)).res.status).toBe(401);
    expect((await signIn(ADMIN_EMAIL, reset.password)).res.status).toBe(200);
  });

  test('warns when ADMIN_PASSWORD is set, since the next start sets it back', async () => {
    const reset = await resetAdminPassword({ ...env, ADMIN_PASSWORD: 'correct horse battery staple' });
    expect(reset.warning).toMatch(/ADMIN_PASSWORD is set/);
  });

  test('the command prints the account and the new password once', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'admin:password'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ...env },
    });
    const printed = /Admin account: admin@hospital\.local \/ ([a-z2-7]{20})/.exec(stdout);
    expect(printed).not.toBeNull();
    expect((await signIn(ADMIN_EMAIL, printed![1]!)).res.status).toBe(200);
  });
});
