/**
 * `npm run admin:password`: sets a new generated password for the admin account named by ADMIN_EMAIL,
 * ends the admin's sessions, and prints the password once (only its hash is stored). For the day the
 * printed password was lost. It needs the database and Redis that the runner uses.
 */
import { pathToFileURL } from 'node:url';
import { generatePassword, setAdminPassword } from '../shared/auth/bootstrap-admin';
import { ConfigError, loadConfig, type Env } from '../shared/config';
import { createNodeLogger } from '../shared/runtime/node/log-sink';
import { buildNodeDeps } from '../shared/runtime/node/build-deps';
import { environment } from '../shared/runtime/node/env-file';

export async function resetAdminPassword(env: Env): Promise<{ email: string; password: string; warning?: string }> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
  const node = await buildNodeDeps(config, { log: createNodeLogger(config.logLevel), migrate: true });
  try {
    const { db } = node.deps;
    const admin = await db.selectFrom('users').select(['id', 'role']).where('email', '=', config.admin.email).executeTakeFirst();
    if (!admin || admin.role !== 'admin') {
      throw new ConfigError('ADMIN_EMAIL', `the address of an existing admin account (there is none at ${config.admin.email}: run npm start once to create it)`);
    }
    const password = generatePassword(config);
    await setAdminPassword(node.deps, admin.id, password, 'admin_password_reset_by_command');
    return config.admin.password
      ? { email: config.admin.email, password, warning: 'ADMIN_PASSWORD is set: the next start sets the password back to it. Unset it to keep this one.' }
      : { email: config.admin.email, password };
  } finally {
    await node.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { email, password, warning } = await resetAdminPassword(environment());
    console.log(`Admin account: ${email} / ${password}\n(shown once; every session of this admin has ended)`);
    if (warning) console.log(warning);
    process.exit(0);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
}
