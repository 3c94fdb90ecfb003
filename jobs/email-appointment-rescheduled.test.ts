/**
 * The reschedule notice, end to end with real parts: a move through POST .../reschedule writes its outbox
 * row; the row goes to the real queue with its id as the job id; the notice arrives once with the updated
 * event (same UID, higher SEQUENCE). Its delivery key is the outbox id: each reschedule gets its notice.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { calendarUid } from '../shared/booking/appointment-calendar';
import { JOBS } from '../shared/jobs/names';
import { at } from '../tests/support/booking';
import {
  bookThroughApi,
  HOSPITAL,
  NEVER_IN_MAIL,
  outboxRow,
  patientAndDoctor,
  readInvitation,
  relay,
  useMailWorld,
  WEB,
} from '../tests/support/appointment-mail';
import { outboxRows } from '../tests/support/outbox';
import { process as sendNotice } from './email-appointment-rescheduled';

const mail = useMailWorld();
const NOW = '2026-12-01T08:00:00.000Z';
beforeEach(() => mail().bg.world.clock.set(NOW));

const moveTo = async (w: ReturnType<typeof mail>, c: { post: Function }, id: string, date: string, clock: string) => {
  const res = await c.post(`/api/patient/appointments/${id}/reschedule`, { json: { start: at(w.bg.world.deps, date, clock) } });
  expect(res.status).toBe(200);
  return res.body as { id: string; start: string; end: string };
};

describe('email.appointment_rescheduled', () => {
  test('arrives once with the new time in the hospital zone and the updated event: same UID, higher SEQUENCE', async () => {
    const w = mail();
    const { doctor, department, patient, patientC, resign } = await patientAndDoctor(w);
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-02', '09:30');
    await relay(w, await outboxRow(w, booking.id, JOBS.appointmentBooked));
    const booked = readInvitation(w.bg.mailTo(patient.email)[0]!.attachments[0]!);

    w.bg.world.clock.set('2026-12-01T09:15:00.000Z');
    await resign();
    const moved = await moveTo(w, patientC, booking.id, '2026-12-03', '14:00');
    const row = await outboxRow(w, booking.id, JOBS.appointmentRescheduled);
    expect(row.payload).toEqual({ appointmentId: booking.id });
    await relay(w, row);

    const got = w.bg.mailTo(patient.email);
    expect(got.map((m) => m.subject)).toEqual([`Your appointment is booked · ${HOSPITAL}`, `Your appointment has moved · ${HOSPITAL}`]);
    const notice = got[1]!;
    expect(notice.to).toEqual([patient.email]);
    const when = '3 December 2026, 14:00 (America/New_York)';
    for (const part of [notice.text, notice.html!]) {
      expect(part).toContain(when);
      expect(part).toContain('Dr Ada Quill');
      expect(part).toContain(department);
      expect(part).toContain(`${WEB}/appointments/${booking.id}`);
      for (const secret of NEVER_IN_MAIL) expect(part).not.toContain(secret);
    }
    expect(notice.html).toContain('&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(notice.html).not.toContain('<b>Eve</b>');

    expect(notice.attachments).toHaveLength(1);
    expect(notice.attachments[0]!.filename).toBe('appointment-2026-12-03.ics');
    const ics = readInvitation(notice.attachments[0]!);
    expect(ics).toMatchObject({ method: 'REQUEST', uid: calendarUid(booking.id), start: moved.start, end: moved.end, status: 'CONFIRMED' });
    expect(ics.uid).toBe(booked.uid);
    expect(ics.sequence).toBeGreaterThan(booked.sequence);
  });

  test('the same job run again (processor called twice with its id, or the same job id enqueued again) sends nothing more; a second move sends its own notice with a higher SEQUENCE still', async () => {
    const w = mail();
    const { doctor, patient, patientC, resign } = await patientAndDoctor(w, { patientName: 'Grace Hopper' });
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-02', '10:00');
    w.bg.world.clock.set('2026-12-01T08:30:00.000Z');
    await resign();
    await moveTo(w, patientC, booking.id, '2026-12-04', '10:00');
    const first = await outboxRow(w, booking.id, JOBS.appointmentRescheduled);
    await relay(w, first);
    expect(w.bg.mailTo(patient.email)).toHaveLength(1);

    const job = { id: first.id } as never;
    await sendNotice(w.bg.world.deps, first.payload, job);
    await sendNotice(w.bg.world.deps, first.payload, job);
    await w.bg.world.deps.jobs.enqueue(first.job, first.payload, { jobId: first.id });
    expect(w.bg.mailTo(patient.email)).toHaveLength(1);

    w.bg.world.clock.set('2026-12-01T08:30:01.000Z');
    await resign();
    await moveTo(w, patientC, booking.id, '2026-12-05', '10:00');
    const rows = (await outboxRows(w.bg.world.deps, booking.id)).filter((r) => r.job === JOBS.appointmentRescheduled);
    expect(rows).toHaveLength(2);
    const second = rows.find((r) => r.id !== first.id)!;
    await relay(w, second);
    const got = w.bg.mailTo(patient.email);
    expect(got).toHaveLength(2);
    const [a, b] = got.map((m) => readInvitation(m.attachments[0]!));
    expect(b!.start).toBe(at(w.bg.world.deps, '2026-12-05', '10:00'));
    expect(b!.sequence).toBeGreaterThan(a!.sequence);
    expect(b!.uid).toBe(a!.uid);
  });

  test('a notice without its job id is refused rather than risk a double', async () => {
    const w = mail();
    await expect(sendNotice(w.bg.world.deps, { appointmentId: 'x' }, {} as never)).rejects.toThrow(/job id/);
  });

  test('an appointment cancelled before its notice went out gets no reschedule notice', async () => {
    const w = mail();
    const { doctor, patient, patientC } = await patientAndDoctor(w, { patientName: 'Ada Byron' });
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-02', '11:00');
    await moveTo(w, patientC, booking.id, '2026-12-04', '11:00');
    expect((await patientC.post(`/api/patient/appointments/${booking.id}/cancel`, { json: {} })).status).toBe(200);
    await relay(w, await outboxRow(w, booking.id, JOBS.appointmentRescheduled));
    expect(w.bg.mailTo(patient.email)).toEqual([]);
  });
});
