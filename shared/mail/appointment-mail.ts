/**
 * What every appointment email needs, loaded by id when the job runs (payloads carry ids only, ARCHITECTURE
 * rule 7): the appointment's times and state, its doctor and department, the patient's name and address.
 * Nothing clinical is selected, so nothing clinical can reach a template. Also the calendar attachment:
 * the same event as `GET /api/patient/appointments/:id/calendar.ics`, as an iTIP message (ADR 025).
 */
import type { Kysely } from 'kysely';
import {
  appointmentCalendar,
  calendarFileName,
  invitationContentType,
  type CalendarMethod,
} from '../booking/appointment-calendar';
import type { Config } from '../config';
import type { AppointmentStatus, Database } from '../db/schema';
import type { MailAttachment } from '../runtime/deps';

export interface AppointmentMail {
  id: string;
  status: AppointmentStatus;
  start: string;
  end: string;
  createdAt: string;
  updatedAt: string;
  doctorName: string;
  departmentName: string;
  patientId: string;
  patientName: string;
  patientEmail: string;
  /** Who cancelled it (null unless cancelled): the patient themselves, or someone at the hospital. */
  cancelledBy: string | null;
}

export type MailConfig = Pick<Config, 'hospitalName' | 'hospitalTimeZone' | 'webOrigins' | 'mailFrom'>;

/** The appointment as its emails see it, or undefined when there is no such appointment. */
export async function loadAppointmentMail(db: Kysely<Database>, appointmentId: string): Promise<AppointmentMail | undefined> {
  const row = await db
    .selectFrom('appointments as a')
    .innerJoin('users as pu', 'pu.id', 'a.patient_id')
    .innerJoin('users as du', 'du.id', 'a.doctor_id')
    .innerJoin('doctors as d', 'd.user_id', 'a.doctor_id')
    .innerJoin('departments as dep', 'dep.id', 'd.department_id')
    .select([
      'a.id',
      'a.status',
      'a.start_at',
      'a.end_at',
      'a.created_at',
      'a.updated_at',
      'a.patient_id',
      'a.cancelled_by',
      'pu.name as patient_name',
      'pu.email as patient_email',
      'du.name as doctor_name',
      'dep.name as department_name',
    ])
    .where('a.id', '=', appointmentId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    start: row.start_at,
    end: row.end_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    doctorName: row.doctor_name,
    departmentName: row.department_name,
    patientId: row.patient_id,
    patientName: row.patient_name,
    patientEmail: row.patient_email,
    cancelledBy: row.cancelled_by,
  };
}

/** `"Wardline <no-reply@wardline.local>"` → its name and address (the calendar's ORGANIZER). */
export function senderOf(config: Pick<Config, 'mailFrom' | 'hospitalName'>): { name: string; email: string } {
  const angled = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(config.mailFrom);
  if (angled) return { name: config.hospitalName, email: angled[2]!.trim() };
  return { name: config.hospitalName, email: config.mailFrom.trim() };
}

/** The `.ics` for the email: REQUEST adds or moves the calendar entry, CANCEL removes it; the UID never changes. */
export function calendarAttachment(config: MailConfig, appointment: AppointmentMail, method: CalendarMethod): MailAttachment {
  const content = appointmentCalendar(
    {
      id: appointment.id,
      doctorName: appointment.doctorName,
      departmentName: appointment.departmentName,
      start: appointment.start,
      end: appointment.end,
      status: appointment.status,
      createdAt: appointment.createdAt,
      updatedAt: appointment.updatedAt,
    },
    { hospitalName: config.hospitalName, timeZone: config.hospitalTimeZone },
    { method, organizer: senderOf(config), attendee: { name: appointment.patientName, email: appointment.patientEmail } },
  );
  return { filename: calendarFileName(appointment, config.hospitalTimeZone), content, contentType: invitationContentType(method) };
}

/** The appointment's page in the web app. */
export const appointmentPath = (appointmentId: string) => `/appointments/${encodeURIComponent(appointmentId)}`;
