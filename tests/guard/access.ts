/**
 * Who may call what: ONE table for every route the runner mounts (issue 8, item 5). The guard walk
 * (guard-walk.test.ts) calls each route with no session and as each role and holds the answers to this
 * table; a mounted route missing here fails the walk, so a new endpoint cannot ship without saying who
 * may use it.
 *
 * - `anyone`: no session needed (a session is ignored);
 * - `signed-in`: any role;
 * - a list of roles: those roles only (the rest 403, no session 401).
 * `others` names, for a route whose id belongs to someone, whose object a caller of an allowed role must
 * never reach: the walk calls it with another user's object and expects the very 404 of a missing id.
 */
import type { Role } from '../../shared/db/schema';

export type Who = 'anyone' | 'signed-in' | Role[];

/** Kinds of object that belong to one user, for which the walk makes another user's. */
export type Owned = 'patient-appointment' | 'patient-export' | 'doctor-appointment' | 'doctor-patient' | 'doctor-treatment';

export interface Access {
  who: Who;
  others?: Owned;
  /** A body that passes validation, so a call reaches the check of whose object it is (else `{}`). */
  body?: unknown;
  /** A query string that passes validation (`format=csv`), for the same reason; added to every call. */
  query?: string;
}

const patient: Role[] = ['patient'];
const doctor: Role[] = ['doctor'];
const admin: Role[] = ['admin'];

export const ACCESS: Record<string, Access> = {
  'GET /api/health': { who: 'anyone' },
  'GET /api/settings': { who: 'anyone' },
  'GET /api/openapi.json': { who: 'anyone' },
  'GET /api/docs': { who: 'anyone' },
  'GET /api/docs/init.js': { who: 'anyone' },
  'GET /api/docs/assets/{package}/{file}': { who: 'anyone' },

  'POST /api/auth/register': { who: 'anyone' },
  'POST /api/auth/login': { who: 'anyone' },
  'POST /api/auth/logout': { who: 'signed-in' },
  'GET /api/auth/me': { who: 'signed-in' },
  'POST /api/auth/password': { who: 'signed-in' },
  'POST /api/auth/password-reset': { who: 'anyone' },
  'POST /api/auth/password-reset/confirm': { who: 'anyone' },
  'GET /api/auth/sessions': { who: 'signed-in' },
  'DELETE /api/auth/sessions/{id}': { who: 'signed-in' },
  'POST /api/auth/mfa/setup': { who: 'signed-in' },
  'POST /api/auth/mfa/enable': { who: 'signed-in' },
  'DELETE /api/auth/mfa': { who: 'signed-in' },
  'POST /api/auth/login/mfa': { who: 'anyone' },

  'GET /api/departments': { who: 'anyone' },
  'GET /api/departments/{id}': { who: 'anyone' },
  'GET /api/departments/{id}/slots': { who: 'anyone' },
  'GET /api/doctors': { who: 'anyone' },
  'GET /api/doctors/{id}': { who: 'anyone' },
  'GET /api/doctors/{id}/slots': { who: 'anyone' },

  'GET /api/patient/profile': { who: patient },
  'PATCH /api/patient/profile': { who: patient },
  'GET /api/patient/appointments': { who: patient },
  'POST /api/patient/appointments': { who: patient },
  'GET /api/patient/appointments/{id}': { who: patient, others: 'patient-appointment' },
  'GET /api/patient/appointments/{id}/calendar.ics': { who: patient, others: 'patient-appointment' },
  'POST /api/patient/appointments/{id}/reschedule': { who: patient, others: 'patient-appointment', body: { start: '2026-12-03T10:00:00.000Z' } },
  'POST /api/patient/appointments/{id}/cancel': { who: patient, others: 'patient-appointment' },
  'GET /api/patient/history': { who: patient },
  'GET /api/patient/access-log': { who: patient },
  'POST /api/patient/exports': { who: patient },
  'GET /api/patient/exports': { who: patient },
  'GET /api/patient/exports/{id}': { who: patient, others: 'patient-export' },
  'GET /api/patient/exports/{id}/download': { who: patient, others: 'patient-export', query: 'format=csv' },

  'GET /api/doctor/dashboard': { who: doctor },
  'GET /api/doctor/appointments': { who: doctor },
  'POST /api/doctor/appointments/{id}/complete': { who: doctor, others: 'doctor-appointment', body: { diagnosis: 'Seasonal rhinitis' } },
  'POST /api/doctor/appointments/{id}/cancel': { who: doctor, others: 'doctor-appointment' },
  'GET /api/doctor/patients': { who: doctor },
  'GET /api/doctor/patients/{id}/history': { who: doctor, others: 'doctor-patient' },
  'PATCH /api/doctor/treatments/{id}': { who: doctor, others: 'doctor-treatment', body: { notes: 'Reviewed' } },
  'GET /api/doctor/availability': { who: doctor },
  'PUT /api/doctor/availability': { who: doctor },
  'DELETE /api/doctor/availability/{date}': { who: doctor },
  'GET /api/doctor/availability/weekly': { who: doctor },
  'PUT /api/doctor/availability/weekly': { who: doctor },

  'GET /api/admin/dashboard': { who: admin },
  'GET /api/admin/departments': { who: admin },
  'POST /api/admin/departments': { who: admin },
  'PATCH /api/admin/departments/{id}': { who: admin },
  'DELETE /api/admin/departments/{id}': { who: admin },
  'GET /api/admin/doctors': { who: admin },
  'POST /api/admin/doctors': { who: admin },
  'GET /api/admin/doctors/{id}': { who: admin },
  'PATCH /api/admin/doctors/{id}': { who: admin },
  'DELETE /api/admin/doctors/{id}': { who: admin },
  'GET /api/admin/patients': { who: admin },
  'GET /api/admin/patients/{id}': { who: admin },
  'PATCH /api/admin/patients/{id}': { who: admin },
  'POST /api/admin/users/{id}/blacklist': { who: admin },
  'DELETE /api/admin/users/{id}/blacklist': { who: admin },
  'POST /api/admin/users/{id}/sessions/end': { who: admin },
  'POST /api/admin/users/{id}/password-reset': { who: admin },
  'DELETE /api/admin/users/{id}/mfa': { who: admin },
  'GET /api/admin/appointments': { who: admin },
  'GET /api/admin/audit': { who: admin },
  'GET /api/admin/audit/verify': { who: admin },
  'GET /api/admin/jobs': { who: admin },
  'POST /api/admin/jobs/{id}/retry': { who: admin },
};
