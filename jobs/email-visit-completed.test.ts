/**
 * The visit-completed email, end to end with real parts: the doctor completes the visit through POST
 * .../complete; its outbox row goes to the real queue; the patient is told, once, that the notes are in the
 * portal. Not one clinical value (diagnosis, prescription, notes) is in the mail.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { JOBS } from '../shared/jobs/names';
import {
  bookThroughApi,
  HOSPITAL,
  NEVER_IN_MAIL,
  outboxRow,
  patientAndDoctor,
  relay,
  useMailWorld,
  WEB,
} from '../tests/support/appointment-mail';
import { process as sendEmail } from './email-visit-completed';

const mail = useMailWorld();
const NOW = '2026-12-01T08:00:00.000Z';
beforeEach(() => mail().bg.world.clock.set(NOW));

async function completedVisit(w: ReturnType<typeof mail>, patientName?: string) {
  const parties = await patientAndDoctor(w, { patientName });
  const booking = await bookThroughApi(w, parties.patientC, parties.doctor.id, '2026-12-02', '09:30');
  // Ten minutes into the visit, the doctor records it.
  w.bg.world.clock.set(new Date(Date.parse(booking.start) + 10 * 60_000));
  await parties.resign();
  const res = await parties.doctorC.post(`/api/doctor/appointments/${booking.id}/complete`, {
    json: { diagnosis: 'Acute bronchitis', prescription: 'Paracetamol 500 mg', notes: 'Review if fever', nextVisit: '2026-12-20' },
  });
  expect(res.status).toBe(200);
  return { ...parties, booking };
}

describe('email.visit_completed', () => {
  test('arrives once, says the notes are in the portal, and holds no clinical value', async () => {
    const w = mail();
    const { patient, department, booking } = await completedVisit(w);
    const row = await outboxRow(w, booking.id, JOBS.visitCompleted);
    expect(row.payload).toEqual({ appointmentId: booking.id });
    await relay(w, row);

    const got = w.bg.mailTo(patient.email);
    expect(got).toHaveLength(1);
    const message = got[0]!;
    expect(message.to).toEqual([patient.email]);
    expect(message.subject).toBe(`Your visit notes are ready · ${HOSPITAL}`);
    for (const part of [message.text, message.html!]) {
      expect(part).toContain('2 December 2026, 09:30 (America/New_York)');
      expect(part).toContain('Dr Ada Quill');
      expect(part).toContain(department);
      expect(part).toMatch(/notes from the visit are in your patient portal/);
      expect(part).toContain(`${WEB}/appointments/${booking.id}`);
      for (const secret of [...NEVER_IN_MAIL, '2026-12-20', '20 December']) expect(part).not.toContain(secret);
    }
    expect(message.html).toContain('&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(message.html).not.toContain('<b>Eve</b>');
    expect(message.attachments).toEqual([]);
  });

  test('run again under a new job id, or by calling the processor twice, it sends nothing more', async () => {
    const w = mail();
    const { patient, booking } = await completedVisit(w, 'Grace Hopper');
    const row = await outboxRow(w, booking.id, JOBS.visitCompleted);
    await relay(w, row);
    await relay(w, row, `${row.id}-again`);
    await sendEmail(w.bg.world.deps, row.payload, { id: row.id } as never);
    await sendEmail(w.bg.world.deps, row.payload, { id: row.id } as never);
    expect(w.bg.mailTo(patient.email)).toHaveLength(1);
  });
});
