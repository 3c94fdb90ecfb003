/**
 * The cancellation notice, end to end with real parts: a cancel (the patient's, the doctor's) writes its
 * outbox row; the real worker sends the notice once, with a METHOD:CANCEL `.ics` (STATUS:CANCELLED, the
 * same UID) that removes the entry the confirmation put in the calendar.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { calendarUid } from '../shared/booking/appointment-calendar';
import { JOBS } from '../shared/jobs/names';
import {
  bookThroughApi,
  HOSPITAL,
  NEVER_IN_MAIL,
  outboxRow,
  patientAndDoctor,
  readInvitation,
  relay,
  useMailWorld,
} from '../tests/support/appointment-mail';
import { process as sendNotice } from './email-appointment-cancelled';

const mail = useMailWorld();
const NOW = '2026-12-01T08:00:00.000Z';
beforeEach(() => mail().bg.world.clock.set(NOW));

describe('email.appointment_cancelled', () => {
  test("the patient's cancel: once, with METHOD:CANCEL and STATUS:CANCELLED under the confirmation's UID", async () => {
    const w = mail();
    const { doctor, department, patient, patientC, resign } = await patientAndDoctor(w);
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-02', '09:30');
    await relay(w, await outboxRow(w, booking.id, JOBS.appointmentBooked));
    const booked = readInvitation(w.bg.mailTo(patient.email)[0]!.attachments[0]!);

    w.bg.world.clock.set('2026-12-01T08:20:00.000Z');
    await resign();
    expect((await patientC.post(`/api/patient/appointments/${booking.id}/cancel`, { json: { reason: 'Feeling better now' } })).status).toBe(200);
    const row = await outboxRow(w, booking.id, JOBS.appointmentCancelled);
    expect(row.payload).toEqual({ appointmentId: booking.id });
    await relay(w, row);

    const got = w.bg.mailTo(patient.email);
    expect(got.map((m) => m.subject)).toEqual([`Your appointment is booked · ${HOSPITAL}`, `Your appointment is cancelled · ${HOSPITAL}`]);
    const notice = got[1]!;
    const when = '2 December 2026, 09:30 (America/New_York)';
    for (const part of [notice.text, notice.html!]) {
      expect(part).toContain(when);
      expect(part).toContain('as you asked');
      expect(part).toContain('Dr Ada Quill');
      expect(part).toContain(department);
      expect(part).not.toContain('Feeling better');
      for (const secret of NEVER_IN_MAIL) expect(part).not.toContain(secret);
    }
    expect(notice.html).toContain('&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(notice.html).not.toContain('<b>Eve</b>');

    expect(notice.attachments).toHaveLength(1);
    const ics = readInvitation(notice.attachments[0]!);
    expect(ics).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: calendarUid(booking.id), start: booking.start, end: booking.end });
    expect(ics.uid).toBe(booked.uid);
    expect(ics.sequence).toBeGreaterThan(booked.sequence);
  });

  test("the doctor's cancel: the notice says the hospital cancelled it, and never the doctor's reason", async () => {
    const w = mail();
    const { doctor, patient, patientC, doctorC } = await patientAndDoctor(w, { patientName: 'Grace Hopper' });
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-03', '10:00');
    expect((await doctorC.post(`/api/doctor/appointments/${booking.id}/cancel`, { json: { reason: 'Suspected pneumonia follow-up moved' } })).status).toBe(200);
    await relay(w, await outboxRow(w, booking.id, JOBS.appointmentCancelled));
    const [notice] = w.bg.mailTo(patient.email);
    expect(notice!.text).toContain(`${HOSPITAL} had to cancel your appointment with Dr Ada Quill`);
    expect(notice!.text).not.toContain('pneumonia');
    expect(notice!.html).not.toContain('pneumonia');
    expect(readInvitation(notice!.attachments[0]!)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: calendarUid(booking.id) });
  });

  test('run again under a new job id, or by calling the processor twice, it sends nothing more', async () => {
    const w = mail();
    const { doctor, patient, patientC } = await patientAndDoctor(w, { patientName: 'Ada Byron' });
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-04', '11:00');
    expect((await patientC.post(`/api/patient/appointments/${booking.id}/cancel`, { json: {} })).status).toBe(200);
    const row = await outboxRow(w, booking.id, JOBS.appointmentCancelled);
    await relay(w, row);
    expect(w.bg.mailTo(patient.email)).toHaveLength(1);
    await relay(w, row, `${row.id}-again`);
    await sendNotice(w.bg.world.deps, row.payload, { id: row.id } as never);
    await sendNotice(w.bg.world.deps, row.payload, { id: row.id } as never);
    expect(w.bg.mailTo(patient.email)).toHaveLength(1);
  });
});
