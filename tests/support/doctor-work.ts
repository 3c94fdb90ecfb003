/**
 * Helpers for the doctor's endpoints' tests: a signed-in client of any role (a session made directly, no
 * password round), a doctor with their client, and a patient with a name and profile.
 */
import type { Role } from '../../shared/db/schema';
import type { FunctionApp } from '../../shared/http/define-function';
import type { Deps } from '../../shared/runtime/deps';
import { sessionCookie } from './booking';
import { createDoctor } from './doctors';
import { testClient } from './http';
import { createUser } from './users';

let addresses = 0;
const nextAddress = () => `198.18.${Math.floor(addresses / 250) % 250}.${(addresses++ % 250) + 1}`;

/** A user of `role` with a client already signed in (session created directly). */
export async function clientOf(deps: Deps, functions: FunctionApp[], role: Role = 'patient', fields: { name?: string } = {}) {
  const user = await createUser(deps, { role, ...fields });
  const c = testClient(deps, functions, { clientAddress: nextAddress() });
  c.cookie = await sessionCookie(deps, user.id);
  return { c, user };
}

/** A doctor (with a department and profile) and their signed-in client. */
export async function doctorClient(deps: Deps, functions: FunctionApp[], fields: { name?: string; departmentId?: string } = {}) {
  const doctor = await createDoctor(deps, { name: fields.name ?? 'Dr Test Doctor', departmentId: fields.departmentId });
  const c = testClient(deps, functions, { clientAddress: nextAddress() });
  c.cookie = await sessionCookie(deps, doctor.id);
  return { c, doctor };
}

/** A patient straight in the database (no client). */
export async function createPatient(deps: Deps, fields: { name?: string; email?: string } = {}) {
  return createUser(deps, { role: 'patient', ...fields });
}

/** Requests that must be refused: signed out 401; a patient and an admin 403 `forbidden`. */
export async function expectRefusedToOthers(
  deps: Deps,
  functions: FunctionApp[],
  send: (c: ReturnType<typeof testClient>) => Promise<{ status: number; body: { error?: { code: string } } }>,
  expect: (actual: unknown) => { toEqual(expected: unknown): void },
) {
  const anonymous = await send(testClient(deps, functions, { clientAddress: nextAddress() }));
  const outcomes = [[anonymous.status, anonymous.body.error?.code]];
  for (const role of ['patient', 'admin'] as const) {
    const { c } = await clientOf(deps, functions, role);
    const res = await send(c);
    outcomes.push([res.status, res.body.error?.code]);
  }
  expect(outcomes).toEqual([
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [403, 'forbidden'],
  ]);
}
