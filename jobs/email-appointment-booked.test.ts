/**
 * The booking confirmation, end to end with real parts: a booking through POST /api/patient/appointments
 * writes its outbox row; the row is handed to the real queue (as the relay does); the real worker sends it
 * to a real SMTP listener. Once, to the patient, in the hospital's zone, escaped, with the `.ics`.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { JOBS } from '../shared/jobs/names';
import { calendarUid } from '../shared/booking/appointment-calendar';
import {
  bookThroughApi,
  HOSPITAL,
  NASTY_NAME,
  NEVER_IN_MAIL,
  outboxRow,
  patientAndDoctor,
  readInvitation,
  relay,
  useMailWorld,
  WEB,
} from '../tests/support/appointment-mail';
import { process as sendConfirmation } from './email-appointment-booked';

const mail = useMailWorld();
const NOW = '2026-12-01T08:00:00.000Z';
beforeEach(() => mail().bg.world.clock.set(NOW));

describe('email.appointment_booked', () => {
  test('arrives once, to the patient, in the hospital zone, escaped, with the .ics of the same event', async () => {
    const w = mail();
    const { doctor, department, patient, patientC } = await patientAndDoctor(w);
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-02', '09:30');
    const row = await outboxRow(w, booking.id, JOBS.appointmentBooked);
    expect(row.payload).toEqual({ appointmentId: booking.id });
    await relay(w, row);

    const got = w.bg.mailTo(patient.email);
    expect(got).toHaveLength(1);
    const message = got[0]!;
    expect(message.to).toEqual([patient.email]);
    expect(message.subject).toBe(`Your appointment is booked · ${HOSPITAL}`);
    expect(message.messageId).toBe(`<appointment_booked.${booking.id}@wardline>`);
    // 14:30 UTC is 09:30 in New York in December; the zone is named.
    const when = '2 December 2026, 09:30 (America/New_York)';
    expect(message.text).toContain(when);
    expect(message.html).toContain(when);
    // Names: escaped in HTML, as they are in the plain text.
    expect(message.html).toContain('&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(message.html).not.toContain('<b>Eve</b>');
    expect(message.text).toContain(NASTY_NAME);
    expect(message.html).toContain('St Mary &amp; &quot;All&quot; Saints');
    for (const part of [message.text, message.html!]) {
      expect(part).toContain('Dr Ada Quill');
      expect(part).toContain(department);
      expect(part).toContain(`${WEB}/appointments/${booking.id}`);
      for (const secret of NEVER_IN_MAIL) expect(part).not.toContain(secret);
    }

    expect(message.attachments).toHaveLength(1);
    const [file] = message.attachments;
    expect(file!.filename).toBe('appointment-2026-12-02.ics');
    expect(file!.contentType).toBe('text/calendar');
    const ics = readInvitation(file!);
    expect(ics).toMatchObject({ method: 'REQUEST', uid: calendarUid(booking.id), start: booking.start, end: booking.end, sequence: 0, status: 'CONFIRMED', tzid: 'America/New_York' });
    expect(ics.text).toContain(`ATTENDEE`);
    for (const secret of NEVER_IN_MAIL) expect(ics.text).not.toContain(secret);

    // The same event as GET /api/patient/appointments/:id/calendar.ics, with the iTIP lines added.
    const download = await patientC.get(`/api/patient/appointments/${booking.id}/calendar.ics`);
    expect(download.status).toBe(200);
    // Drop the iTIP lines (and their folded continuations) from the emailed copy: the rest is the download.
    const unfolded = (text: string) => text.replace(/\r\n[ \t]/g, '');
    const strip = (text: string) => unfolded(text).split('\r\n').filter((l) => !/^(METHOD|ORGANIZER|ATTENDEE)[:;]/.test(l)).join('\r\n');
    expect(strip(ics.text)).toBe(unfolded(download.text));
  });

  test('run again under a new job id, or by calling the processor twice, it sends nothing more', async () => {
    const w = mail();
    const { doctor, patient, patientC } = await patientAndDoctor(w, { patientName: 'Grace Hopper' });
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-03', '10:00');
    const row = await outboxRow(w, booking.id, JOBS.appointmentBooked);
    await relay(w, row);
    expect(w.bg.mailTo(patient.email)).toHaveLength(1);

    await relay(w, row, `${row.id}-again`);
    const fakeJob = { id: row.id } as never;
    await sendConfirmation(w.bg.world.deps, row.payload, fakeJob);
    await sendConfirmation(w.bg.world.deps, row.payload, fakeJob);
    expect(w.bg.mailTo(patient.email)).toHaveLength(1);
    const log = await w.bg.world.deps.db.selectFrom('email_deliveries').selectAll().where('kind', '=', 'appointment_booked').where('subject_id', '=', booking.id).execute();
    expect(log).toEqual([expect.objectContaining({ status: 'sent', recipient: patient.email })]);
  });

  test('a booking cancelled before its confirmation went out gets no confirmation (the cancellation notice says it)', async () => {
    const w = mail();
    const { doctor, patient, patientC } = await patientAndDoctor(w, { patientName: 'Ada Byron' });
    const booking = await bookThroughApi(w, patientC, doctor.id, '2026-12-04', '11:00');
    expect((await patientC.post(`/api/patient/appointments/${booking.id}/cancel`, { json: {} })).status).toBe(200);
    await relay(w, await outboxRow(w, booking.id, JOBS.appointmentBooked));
    expect(w.bg.mailTo(patient.email)).toEqual([]);
  });
});
