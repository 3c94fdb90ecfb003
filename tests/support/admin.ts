/** For tests of the administrator's endpoints: signed-in clients and the audit rows an admin wrote. */
import type { Role } from '../../shared/db/schema';
import type { FunctionApp } from '../../shared/http/define-function';
import type { Deps } from '../../shared/runtime/deps';
import { signedIn } from './patient-records';
import { testClient } from './http';

/** A signed-in admin, and a client for each role that must be refused (doctor, patient: 403; nobody: 401). */
export async function adminAndOthers(deps: Deps, functions: FunctionApp[], name = 'Ada Admin') {
  const admin = await signedIn(deps, functions, 'admin', { name });
  const others: { role: Role | 'anonymous'; c: ReturnType<typeof testClient> }[] = [
    { role: 'doctor', c: (await signedIn(deps, functions, 'doctor')).c },
    { role: 'patient', c: (await signedIn(deps, functions, 'patient')).c },
    { role: 'anonymous', c: testClient(deps, functions, { clientAddress: '198.51.100.200' }) },
  ];
  return { admin, others };
}

/** Expects each of `others` to be refused with 401 (signed out) or 403 (another role). */
export async function expectRefused(
  others: { role: Role | 'anonymous'; c: ReturnType<typeof testClient> }[],
  method: string,
  path: string,
  json?: unknown,
) {
  const results: string[] = [];
  for (const { role, c } of others) {
    const res = await c.call(method, path, json === undefined ? {} : { json });
    results.push(`${role} ${res.status} ${res.body?.error?.code}`);
  }
  return results;
}

export const REFUSED = ['doctor 403 forbidden', 'patient 403 forbidden', 'anonymous 401 unauthenticated'];

/** The audit rows with this action, oldest first. */
export async function auditRows(deps: Deps, action: string) {
  return deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('at').orderBy('id').execute();
}
