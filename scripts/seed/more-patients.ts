/**
 * `npm run seed -- --patients N`: the demo hospital with N patients in all (issue 8: the admin's search is
 * measured on 100,000). The demo's own 200 come with their visits; the rest are records only (a name, an
 * email, a phone, a birth date), deterministic from a seeded random source like the demo, written in
 * batched multi-row inserts inside one transaction, with progress.
 */
import { SimpleFaker } from '@faker-js/faker';
import type { Kysely } from 'kysely';
import type { Database } from '../../shared/db/schema';
import { newId } from '../../shared/ids';
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, PATIENT_EMAIL_DOMAINS } from './catalogue-data';

/** Users and patients rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 1000;

export async function addMorePatients(
  db: Kysely<Database>,
  options: { count: number; passwordHash: string; now: Date; seed?: number; onProgress?: (done: number, total: number) => void },
): Promise<number> {
  const random = new SimpleFaker({ seed: options.seed ?? 100_000 });
  const at = options.now.toISOString();
  let done = 0;
  await db.transaction().execute(async (trx) => {
    while (done < options.count) {
      const size = Math.min(BATCH, options.count - done);
      const users = [];
      const patients = [];
      for (let i = 0; i < size; i++) {
        const n = done + i;
        const female = random.datatype.boolean();
        const first = random.helpers.arrayElement(female ? FEMALE_NAMES : MALE_NAMES);
        const family = random.helpers.arrayElement(FAMILY_NAMES);
        const id = newId();
        users.push({
          id,
          role: 'patient' as const,
          // The number keeps every email unique however the names repeat.
          email: `${first}.${family}.${n}@${random.helpers.arrayElement(PATIENT_EMAIL_DOMAINS)}`.toLowerCase(),
          name: `${first} ${family}`,
          password_hash: options.passwordHash,
          status: 'active' as const,
          created_at: at,
          updated_at: at,
        });
        patients.push({
          user_id: id,
          phone: `07700 ${String(random.number.int({ min: 100000, max: 999999 }))}`,
          date_of_birth: random.date.birthdate({ refDate: options.now }).toISOString().slice(0, 10),
          gender: female ? 'female' : 'male',
          address: null,
          blood_group: null,
          created_at: at,
          updated_at: at,
        });
      }
      await trx.insertInto('users').values(users).execute();
      await trx.insertInto('patients').values(patients).execute();
      done += size;
      options.onProgress?.(done, options.count);
    }
  });
  return done;
}
