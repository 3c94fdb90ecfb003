/**
 * The nightly clean-up (functions/scheduled/clean-up.ts → jobs/clean-up.ts), on SQLite and PostgreSQL: what has
 * outlived its use goes, everything else stays.
 */
import { describe, expect, test } from 'vitest';
import cleanUpScheduled from '../functions/scheduled/clean-up';
import { newId } from '../shared/ids';
import { JOBS } from '../shared/jobs/names';
import { readQueue } from '../tests/support/queue';
import { createUser } from '../tests/support/users';
import { useTestWorld } from '../tests/support/test-deps';
import { cleanUp } from './clean-up';

const world = useTestWorld();
const deps = () => world().deps;
const NOW = new Date('2026-12-10T02:30:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

async function anExport(patientId: string, expiresAt: string | null) {
  const id = newId();
  await deps()
    .db.insertInto('exports')
    .values({ id, patient_id: patientId, status: expiresAt ? 'done' : 'running', location: null, error: null, created_at: hoursAgo(100), finished_at: expiresAt ? hoursAgo(99) : null, expires_at: expiresAt, progress: 0, total: null })
    .execute();
  await deps()
    .db.insertInto('export_files')
    .values([
      { export_id: id, format: 'csv', content: 'date,diagnosis\n', bytes: 15 },
      { export_id: id, format: 'fhir', content: '{}', bytes: 2 },
    ])
    .execute();
  return id;
}

describe('the nightly clean-up', () => {
  test('deletes idempotency keys past 24 hours, expired reset links and expired exports’ files; keeps the rest and the export rows', async () => {
    const patient = await createUser(deps(), { role: 'patient' });
    const other = await createUser(deps(), { role: 'patient' });
    await deps()
      .db.insertInto('idempotency_keys')
      .values([
        { user_id: patient.id, key: 'old', request_hash: 'h', status: 201, body: '{}', created_at: hoursAgo(25) },
        { user_id: patient.id, key: 'fresh', request_hash: 'h', status: 201, body: '{}', created_at: hoursAgo(23) },
      ])
      .execute();
    await deps()
      .db.insertInto('password_resets')
      .values([
        { id: newId(), user_id: patient.id, token_hash: `expired-${newId()}`, created_at: hoursAgo(2), expires_at: hoursAgo(1.5), used_at: null },
        { id: newId(), user_id: patient.id, token_hash: `used-${newId()}`, created_at: hoursAgo(2), expires_at: hoursAgo(1.5), used_at: hoursAgo(1.9) },
        { id: newId(), user_id: other.id, token_hash: `live-${newId()}`, created_at: hoursAgo(0.1), expires_at: new Date(NOW.getTime() + 20 * 60_000).toISOString(), used_at: null },
      ])
      .execute();
    const expired = await anExport(patient.id, hoursAgo(1));
    const live = await anExport(other.id, new Date(NOW.getTime() + 3_600_000).toISOString());
    const running = await anExport(other.id, null);

    expect(await cleanUp(deps(), NOW)).toEqual({ idempotencyKeys: 1, passwordResets: 2, exportFiles: 2 });

    expect((await deps().db.selectFrom('idempotency_keys').select('key').where('user_id', '=', patient.id).execute()).map((r) => r.key)).toEqual(['fresh']);
    expect((await deps().db.selectFrom('password_resets').select('user_id').execute()).map((r) => r.user_id)).toEqual([other.id]);
    const files = await deps().db.selectFrom('export_files').select('export_id').execute();
    expect(new Set(files.map((f) => f.export_id))).toEqual(new Set([live, running]));
    // The expired export stays listed (as expired); only its files are gone.
    expect(await deps().db.selectFrom('exports').select('id').where('id', '=', expired).executeTakeFirst()).toEqual({ id: expired });
    // A second run that night has nothing left to do.
    expect(await cleanUp(deps(), NOW)).toEqual({ idempotencyKeys: 0, passwordResets: 0, exportFiles: 0 });
  });

  test('the scheduled function runs at 03:30 and enqueues one job for the night; a second run that night adds nothing', async () => {
    expect(cleanUpScheduled.cron(world().config)).toBe('30 3 * * *');
    const reader = readQueue(world().config);
    try {
      expect(await cleanUpScheduled.run(deps(), NOW)).toEqual({ enqueued: 1 });
      expect(await cleanUpScheduled.run(deps(), NOW)).toEqual({ enqueued: 1 });
      const night = new Intl.DateTimeFormat('en-CA', { timeZone: world().config.hospitalTimeZone }).format(NOW);
      const jobs = await reader.jobsNamed(JOBS.cleanUp);
      expect(jobs.map((j) => ({ id: j.id, data: j.data }))).toEqual([{ id: `clean-up.${night}`, data: { now: NOW.toISOString() } }]);
    } finally {
      await reader.close();
    }
  });
});
