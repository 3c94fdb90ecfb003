/** Departments as the admin changes them: a name is unique in any letter case (index `departments_name_lower`). */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { conflict } from '../http/errors';

type Db = Kysely<Database> | Transaction<Database>;

export const nameTaken = () => conflict('name_taken', 'A department with this name already exists.');

/** The id of another department with this name in any letter case, if there is one. */
export async function departmentNamed(db: Db, name: string, except?: string): Promise<string | undefined> {
  let query = db.selectFrom('departments').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (except) query = query.where('id', '<>', except);
  return (await query.executeTakeFirst())?.id;
}
