/**
 * Times the admin's patient search (ADR 022) on 100,000 patients: `TEST_DB=sqlite|postgres npx tsx
 * scripts/time-patient-search.ts [N]`. Builds a throwaway test database (as the tests do), inserts N patients,
 * then runs the endpoint's own query (a page of 50 and the total) for a few searches, best of 5 runs each.
 */
import { adminPatients, ADMIN_PATIENT_FIELDS, hasPatientSearchTable } from '../shared/admin/patients';
import { createTestWorld } from '../tests/support/test-deps';

const N = Number(process.argv[2] ?? 100_000);
const FIRST = ['Mary', 'Omar', 'Lena', 'Jon', 'Aisha', 'Wei', 'Sofia', 'Ivan', 'Nia', 'Ravi'];
const LAST = ['Quinn', 'Haddad', 'Park', 'Smith', 'Okafor', 'Chen', 'Garcia', 'Petrov', 'Obi', 'Shah'];

async function main() {
  const world = await createTestWorld();
  const db = world.deps.db;
  try {
    const at = '2026-12-01T08:00:00.000Z';
    const t0 = performance.now();
    for (let i = 0; i < N; i += 1000) {
      const users = [];
      const patients = [];
      for (let j = i; j < Math.min(N, i + 1000); j++) {
        const id = `p${j.toString(36).padStart(6, '0')}x${(j * 7919).toString(36)}`;
        const name = `${FIRST[j % 10]} ${LAST[Math.floor(j / 10) % 10]}${j}`;
        users.push({ id, role: 'patient' as const, email: `patient${j}@example.org`, name, password_hash: 'x', status: 'active' as const, created_at: at, updated_at: at });
        patients.push({ user_id: id, phone: `+44 20 ${String(1000 + (j % 9000))} ${String(j).padStart(6, '0')}`, date_of_birth: null, gender: null, address: null, blood_group: null, created_at: at, updated_at: at });
      }
      for (let k = 0; k < users.length; k += 500) {
        await db.insertInto('users').values(users.slice(k, k + 500)).execute();
        await db.insertInto('patients').values(patients.slice(k, k + 500)).execute();
      }
    }
    console.log(`${world.database.kind}: inserted ${N} patients in ${Math.round(performance.now() - t0)} ms`);
    if (world.database.kind === 'postgres') {
      const { sql } = await import('kysely');
      await sql`analyze users`.execute(db);
      await sql`analyze patients`.execute(db);
    }
    for (const q of ['quinn4242', 'patient9999', '7946', 'p00abc', 'okafor', 'zzzz-none']) {
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run < 5; run++) {
        const start = performance.now();
        const matching = adminPatients(db, { q, trigramTable: await hasPatientSearchTable(db) });
        const [, count] = await Promise.all([
          matching.select(ADMIN_PATIENT_FIELDS).orderBy((eb) => eb.fn('lower', ['u.name'])).orderBy('u.id').limit(50).execute(),
          matching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
        ]);
        times.push(performance.now() - start);
        total = Number(count.n);
      }
      console.log(`${world.database.kind} q=${q}: ${total} matches, best ${Math.min(...times).toFixed(1)} ms, median ${times.sort((a, b) => a - b)[2]!.toFixed(1)} ms`);
    }
  } finally {
    await world.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
