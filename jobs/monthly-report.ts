/**
 * Processor for JOBS.monthlyReport { doctorId, month: 'YYYY-MM' }: the doctor's report of that month in
 * the hospital's zone, as an HTML mail with a plain-text part and a PDF copy attached, sent once per
 * (doctor, month) through the delivery log (kind `monthly_report`, subject `<doctorId>.<month>`).
 * A job run twice finds the delivery `sent` and mails nothing.
 */
import { datesBetween, addDays } from '../shared/domain/zoned-time';
import type { AppointmentStatus } from '../shared/db/schema';
import { monthRange, localDateAt, nextMonth } from '../shared/jobs/scheduled';
import { deliverOnce } from '../shared/mail/deliver-once';
import { monthlyReportEmail, type MonthlyReport } from '../shared/mail/messages/monthly-report';
import type { Deps } from '../shared/runtime/deps';
import type { Processor } from './processors';

export const process: Processor = async (deps, payload) => {
  const doctorId = String(payload.doctorId ?? '');
  const month = String(payload.month ?? '');
  // A malformed payload cannot get better with retries: fail it so an admin sees it in the failed list.
  if (!doctorId || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`monthly report: bad payload ${JSON.stringify(payload)}`);
  const doctor = await deps.db
    .selectFrom('users')
    .innerJoin('doctors', 'doctors.user_id', 'users.id')
    .select(['users.name', 'users.email'])
    .where('users.id', '=', doctorId)
    .executeTakeFirst();
  if (!doctor) {
    deps.log.warn('monthly report for a doctor who does not exist; skipped', { doctorId, month });
    return;
  }
  const report = await gatherReport(deps, doctorId, doctor.name, month);
  const mail = monthlyReportEmail(deps.config, report);
  // Loaded when a report is made, not with the worker: pdfkit reads its font and colour files relative to
  // its own module, which a Worker bundle (whose queue consumer imports every processor) cannot even load.
  const { monthlyReportPdf } = await import('./monthly-report-pdf');
  const pdf = await monthlyReportPdf(deps.config.hospitalName, report);
  await deliverOnce(deps, {
    kind: 'monthly_report',
    subjectId: `${doctorId}.${month}`,
    message: { to: doctor.email, ...mail, attachments: [{ filename: `wardline-report-${month}.pdf`, content: pdf, contentType: 'application/pdf' }] },
  });
};

/** The month's numbers: appointments that START in the month (hospital zone), by status, per day, diagnoses. */
export async function gatherReport(deps: Pick<Deps, 'db' | 'config'>, doctorId: string, doctorName: string, month: string): Promise<MonthlyReport> {
  const zone = deps.config.hospitalTimeZone;
  const { from, to } = monthRange(month, zone);
  const inMonth = { from: from.toISOString(), to: to.toISOString() };

  const statusRows = await deps.db
    .selectFrom('appointments')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('doctor_id', '=', doctorId)
    .where('start_at', '>=', inMonth.from)
    .where('start_at', '<', inMonth.to)
    .groupBy('status')
    .execute();
  const byStatus: Record<AppointmentStatus, number> = { booked: 0, completed: 0, cancelled: 0 };
  for (const row of statusRows) byStatus[row.status] = Number(row.n);

  // A month holds at most a few hundred visits of one doctor: bucket them by local day here.
  const visits = await deps.db
    .selectFrom('appointments')
    .select('start_at')
    .where('doctor_id', '=', doctorId)
    .where('status', '=', 'completed')
    .where('start_at', '>=', inMonth.from)
    .where('start_at', '<', inMonth.to)
    .execute();
  const perDay = new Map<string, number>();
  for (const { start_at } of visits) {
    const day = localDateAt(new Date(start_at), zone);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const days = datesBetween(`${month}-01`, addDays(`${nextMonth(month)}-01`, -1));

  const diagnoses = await deps.db
    .selectFrom('treatments')
    .innerJoin('appointments', 'appointments.id', 'treatments.appointment_id')
    .select(['treatments.diagnosis', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('appointments.doctor_id', '=', doctorId)
    .where('appointments.start_at', '>=', inMonth.from)
    .where('appointments.start_at', '<', inMonth.to)
    .groupBy('treatments.diagnosis')
    .orderBy('n', 'desc')
    .orderBy('treatments.diagnosis')
    .limit(5)
    .execute();

  return {
    doctorName,
    month,
    timeZone: zone,
    byStatus,
    visitsPerDay: days.map((date) => ({ date, visits: perDay.get(date) ?? 0 })),
    topDiagnoses: diagnoses.map((d) => ({ diagnosis: d.diagnosis, count: Number(d.n) })),
  };
}
