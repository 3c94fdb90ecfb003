/**
 * How the patient's own record reads in the browser: the audit trail's actions in plain words, and an
 * export's state (an export past its expiry is "expired", which the API says only by 410 on download).
 */
import type { PatientExport } from '../../../shared/schemas/exports';

const ACTIONS: Record<string, string> = {
  access_log_read: 'Looked at who has seen your record',
  access_refused: 'Was refused access to your record',
  appointment_book: 'Booked an appointment',
  appointment_calendar: 'Downloaded an appointment to a calendar',
  appointment_cancel: 'Cancelled an appointment',
  appointment_complete: 'Recorded a visit’s treatment',
  appointment_read: 'Looked at an appointment',
  appointment_reschedule: 'Moved an appointment',
  appointments_list: 'Looked at your appointments',
  export_build: 'Made an export of your record',
  export_create: 'Asked for an export of your record',
  export_download: 'Downloaded an export of your record',
  export_list: 'Looked at your exports',
  export_read: 'Looked at an export',
  history_read: 'Looked at your treatment history',
  login: 'Signed in',
  login_failed: 'A sign-in failed',
  logout: 'Signed out',
  patient_history_read: 'Looked at your treatment history',
  patient_read: 'Looked at your details',
  patients_list: 'Listed patients',
  profile_read: 'Looked at your profile',
  profile_update: 'Changed your profile',
  register: 'Created your account',
  reminder_sent: 'Sent you a reminder',
  treatment_update: 'Changed a treatment record',
  user_blacklist: 'Blocked your account',
  user_restore: 'Unblocked your account',
};

/** `appointment_book` → "Booked an appointment"; an action we have no words for is spelled out. */
export function actionLabel(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  const words = action.replace(/[_.]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : action;
}

const ROLES: Record<string, string> = { admin: 'Administrator', doctor: 'Doctor', patient: 'Patient (you)' };

export function actorLabel(entry: { actorName: string | null; actorRole: string | null }): { name: string; role: string } {
  return {
    name: entry.actorName ?? 'Wardline (automatic)',
    role: entry.actorRole ? (ROLES[entry.actorRole] ?? entry.actorRole) : 'System',
  };
}

export type ExportView = PatientExport['status'] | 'expired';

export function exportView(item: Pick<PatientExport, 'status' | 'expiresAt'>, now = new Date()): ExportView {
  if (item.status === 'done' && item.expiresAt !== null && Date.parse(item.expiresAt) <= now.getTime()) return 'expired';
  return item.status;
}

/** Whether the page should keep asking (every 2 s) how an export is getting on. */
export function stillWorking(items: ReadonlyArray<Pick<PatientExport, 'status'>>): boolean {
  return items.some((item) => item.status === 'queued' || item.status === 'running');
}

/** "12 of 40 visits" once the worker has counted them. */
export function progressText(item: Pick<PatientExport, 'progress' | 'total'>): string | null {
  if (item.total === null) return null;
  return `${item.progress} of ${item.total} ${item.total === 1 ? 'visit' : 'visits'}`;
}

/** How often a page asks again while an export is being made. */
export const EXPORT_POLL_MS = 2_000;
