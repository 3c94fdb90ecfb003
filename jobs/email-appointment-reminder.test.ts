/**
 * The reminder, end to end with real parts: a booking through the real endpoint, then the job
 * scheduled/daily-reminders would enqueue ({ appointmentId, start }) on the real queue; the reminder
 * arrives once. Not sent for an appointment cancelled or moved since the job was enqueued.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { JOBS } from '../shared/jobs/names';
import { at } from '../tests/support/booking';
import { bookThroughApi, HOSPITAL, NEVER_IN_MAIL, patientAndDoctor, useMailWorld, WEB } from '../tests/support/appointment-mail';
import { process as sendReminder } from './email-appointment-reminder';

const mail = useMailWorld();
const NOW = '2026-12-01T08:00:00.000Z';
beforeEach(() => mail().bg.world.clock.set(NOW));

let jobs = 0;
/** Enqueues a reminder as daily-reminders does and waits for its job; answers the job id. */
async function remind(w: ReturnType<typeof mail>, payload: { appointmentId: string; start: string }, jobId = `reminder-${++jobs}-${payload.appointmentId}`) {
  await w.bg.world.deps.jobs.enqueue(JOBS.appointmentReminder, payload, { jobId });
  await w.finished(jobId);
  return jobId;
}

describe('email.appointment_reminder', () => {
  test('arrives once, in the hospital zone, escaped; run again it sends nothing more', async () => {
    const w = mail();
    const { doctor, department, patient, patientC } = await patientAndDoctor(w);
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-02', '09:30');
    await remind(w, { appointmentId: booking.id, start: booking.start });

    const got = w.bg.mailTo(patient.email);
    expect(got).toHaveLength(1);
    const message = got[0]!;
    expect(message.to).toEqual([patient.email]);
    expect(message.subject).toBe(`Reminder of your appointment · ${HOSPITAL}`);
    for (const part of [message.text, message.html!]) {
      expect(part).toContain('2 December 2026, 09:30 (America/New_York)');
      expect(part).toContain('Dr Ada Quill');
      expect(part).toContain(department);
      expect(part).toContain(`${WEB}/appointments/${booking.id}`);
      for (const secret of NEVER_IN_MAIL) expect(part).not.toContain(secret);
    }
    expect(message.html).toContain('&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(message.html).not.toContain('<b>Eve</b>');

    // The same reminder again: a new job id, and the processor called twice.
    await remind(w, { appointmentId: booking.id, start: booking.start });
    await sendReminder(w.bg.world.deps, { appointmentId: booking.id, start: booking.start }, { id: 'direct' } as never);
    await sendReminder(w.bg.world.deps, { appointmentId: booking.id, start: booking.start }, { id: 'direct' } as never);
    expect(w.bg.mailTo(patient.email)).toHaveLength(1);
    const log = await w.bg.world.deps.db.selectFrom('email_deliveries').select(['subject_id', 'status']).where('kind', '=', 'appointment_reminder').where('subject_id', 'like', `${booking.id}.%`).execute();
    expect(log).toEqual([{ subject_id: `${booking.id}.${booking.start}`, status: 'sent' }]);
  });

  test('not sent for an appointment cancelled since', async () => {
    const w = mail();
    const { doctor, patient, patientC } = await patientAndDoctor(w, { patientName: 'Grace Hopper' });
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-03', '10:00');
    expect((await patientC.post(`/api/patient/appointments/${booking.id}/cancel`, { json: {} })).status).toBe(200);
    await remind(w, { appointmentId: booking.id, start: booking.start });
    expect(w.bg.mailTo(patient.email)).toEqual([]);
  });

  test('not sent for an appointment moved since; the reminder for its new start is', async () => {
    const w = mail();
    const { doctor, patient, patientC } = await patientAndDoctor(w, { patientName: 'Ada Byron' });
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-03', '11:00');
    const newStart = at(w.bg.world.deps, '2026-12-05', '11:00');
    expect((await patientC.post(`/api/patient/appointments/${booking.id}/reschedule`, { json: { start: newStart } })).status).toBe(200);
    await remind(w, { appointmentId: booking.id, start: booking.start });
    expect(w.bg.mailTo(patient.email)).toEqual([]);
    await remind(w, { appointmentId: booking.id, start: newStart });
    const got = w.bg.mailTo(patient.email);
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toContain('5 December 2026, 11:00 (America/New_York)');
  });

  test('not sent for an appointment that does not exist', async () => {
    const w = mail();
    const before = w.bg.inbox.messages.length;
    await remind(w, { appointmentId: 'no-such-appointment', start: '2026-12-02T14:30:00.000Z' });
    expect(w.bg.inbox.messages.length).toBe(before);
  });
});
