/**
 * `npm run audit:verify` (scripts/audit-verify.ts) in a child process on this run's database: it seals and
 * passes on an honest trail, and names the row edited by hand.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { writeAudit } from '../shared/db/audit';
import { isPostgres } from '../shared/db/dialect';
import { useTestWorld } from '../tests/support/test-deps';

const world = useTestWorld();
const ROOT = join(import.meta.dirname, '..');

async function runVerify(): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: world().database.url, SECRET_KEY: 'a test secret that is long enough to sign', LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run audit:verify', () => {
  test('passes on an honest trail (sealing what was unsealed), and exits 1 naming the id and seq of a row edited by hand', async () => {
    const db = world().deps.db;
    for (let i = 0; i < 5; i++) await writeAudit(db, { at: world().clock(), actorId: null, action: 'login_failed', entity: 'user', entityId: `u-${i}` });
    const first = await runVerify();
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/holds: \d+ row\(s\) checked \(\d+ sealed now\)/) });

    const victim = await db.selectFrom('audit_log').select(['id', 'seq']).where('entity_id', '=', 'u-3').executeTakeFirstOrThrow();
    if (isPostgres(db)) await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
    await db.updateTable('audit_log').set({ action: 'login' }).where('id', '=', victim.id).execute();
    if (isPostgres(db)) await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);

    const second = await runVerify();
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`BROKEN at row ${victim.id} (seq ${Number(victim.seq)})`);
  }, 60_000);
});
