/**
 * Departments and doctors straight in the database for tests (admins create doctors through the API in a
 * later issue). A doctor gets a weekly template; by default every day 09:00–12:00 and 13:00–17:00, so a
 * test on any date finds slots.
 */
import { replaceWeekly } from '../../shared/booking/availability-store';
import type { WeeklyDay } from '../../shared/domain/slots';
import { newId } from '../../shared/ids';
import type { Deps } from '../../shared/runtime/deps';
import { createUser } from './users';

export const EVERY_DAY: WeeklyDay[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  windows: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '17:00' },
  ],
}));

export async function createDepartment(deps: Deps, fields: { name?: string; description?: string } = {}) {
  const id = newId();
  const at = deps.clock().toISOString();
  const name = fields.name ?? `Department ${id.slice(-8)}`;
  await deps.db
    .insertInto('departments')
    .values({ id, name, description: fields.description ?? null, created_at: at, updated_at: at })
    .execute();
  return { id, name };
}

export async function createDoctor(
  deps: Deps,
  fields: {
    departmentId?: string;
    name?: string;
    email?: string;
    password?: string;
    specialization?: string;
    slotMinutes?: number;
    weekly?: WeeklyDay[];
    status?: 'active' | 'blacklisted';
    deleted?: boolean;
  } = {},
) {
  const departmentId = fields.departmentId ?? (await createDepartment(deps)).id;
  const user = await createUser(deps, { role: 'doctor', name: fields.name ?? 'Dr Test Doctor', email: fields.email, password: fields.password, status: fields.status });
  const at = deps.clock().toISOString();
  await deps.db
    .insertInto('doctors')
    .values({
      user_id: user.id,
      department_id: departmentId,
      specialization: fields.specialization ?? 'General practice',
      experience_years: 10,
      bio: null,
      slot_minutes: fields.slotMinutes ?? 30,
      deleted_at: fields.deleted ? at : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await replaceWeekly(deps.db, user.id, fields.weekly ?? EVERY_DAY, at);
  return { ...user, departmentId };
}
