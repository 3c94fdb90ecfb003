/** `npm run migrate`: applies pending migrations to the configured database and lists what it applied. */
import { environment } from '../shared/runtime/node/env-file';
import { ConfigError, loadConfig } from '../shared/config';
import { migrateToLatest } from '../shared/db/migrate';
import { openDatabase } from '../shared/runtime/node/database';

try {
  const config = loadConfig(environment());
  const db = openDatabase(config.database);
  const applied = await migrateToLatest(db);
  await db.destroy();
  console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'The database is up to date.');
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
