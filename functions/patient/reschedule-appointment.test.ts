import { beforeEach, describe, expect, test } from 'vitest';
import { at, insertAppointment, sessionCookie } from '../../tests/support/booking';
import { createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import { outboxCount, outboxRows } from '../../tests/support/outbox';
import { JOBS } from '../../shared/jobs/names';
import book from './book-appointment';
import reschedule from './reschedule-appointment';

const world = useTestWorld();
const deps = () => world().deps;

/** Tuesday 1 December 2026, 08:00 (UTC is the hospital's zone here): the booking window is 1–7 December. */
const NOW = '2026-12-01T08:00:00.000Z';
const BOOK = '/api/patient/appointments';
const move = (id: string) => `/api/patient/appointments/${id}/reschedule`;

beforeEach(() => world().clock.set(NOW));

let addresses = 0;
async function signedIn(role: 'patient' | 'doctor' | 'admin' = 'patient') {
  const user = await createUser(deps(), { role });
  const c = testClient(deps(), [book, reschedule], { clientAddress: `203.0.113.${(addresses++ % 250) + 1}` });
  c.cookie = await sessionCookie(deps(), user.id);
  return { c, user };
}

const appointment = (id: string) => deps().db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** A doctor and a patient holding one appointment with them on 2 December at 09:00. */
async function booked() {
  const doctor = await createDoctor(deps(), { name: 'Dr Rhea Mott' });
  const patient = await signedIn();
  const res = await patient.c.post(BOOK, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '09:00'), reason: 'Knee' } });
  expect(res.status).toBe(201);
  return { doctor, ...patient, booking: res.body };
}

describe('POST /api/patient/appointments/:id/reschedule', () => {
  test('the appointment moves to the new slot with the same id, and the slot it left can be booked by someone else', async () => {
    const { doctor, c, user, booking } = await booked();
    world().clock.set('2026-12-01T08:05:00.000Z');
    c.cookie = await sessionCookie(deps(), user.id);
    const target = at(deps(), '2026-12-03', '14:30');
    const res = await c.post(move(booking.id), { json: { start: target }, headers: { 'user-agent': 'reschedule-test' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...booking, start: target, end: '2026-12-03T15:00:00.000Z', updatedAt: '2026-12-01T08:05:00.000Z' });
    expect(await appointment(booking.id)).toEqual(expect.objectContaining({ start_at: target, end_at: '2026-12-03T15:00:00.000Z', status: 'booked', reason: 'Knee' }));

    const audit = await deps().db.selectFrom('audit_log').selectAll().where('entity_id', '=', booking.id).where('action', '=', 'appointment_reschedule').execute();
    expect(audit).toEqual([
      expect.objectContaining({ actor_id: user.id, actor_role: 'patient', patient_id: user.id, entity: 'appointment', outcome: 'ok', user_agent: 'reschedule-test', ip: expect.stringMatching(/^203\.0\.113\./) }),
    ]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ doctorId: doctor.id, start: target, previousStart: booking.start });
    // Exactly one outbox row for the notice (besides the booking's confirmation), carrying the id only.
    expect((await outboxRows(deps(), booking.id)).map(({ job, payload }) => ({ job, payload }))).toEqual([
      { job: JOBS.appointmentBooked, payload: { appointmentId: booking.id } },
      { job: JOBS.appointmentRescheduled, payload: { appointmentId: booking.id } },
    ]);

    const other = await signedIn();
    expect((await other.c.post(BOOK, { json: { doctorId: doctor.id, start: booking.start } })).status).toBe(201);
  });

  test('signed out gets 401; a doctor and an admin get 403; the appointment stays', async () => {
    const { booking } = await booked();
    const json = { start: at(deps(), '2026-12-03', '09:00') };
    const outboxBefore = await outboxCount(deps());
    expect((await testClient(deps(), [reschedule]).post(move(booking.id), { json })).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(role);
      const res = await c.post(move(booking.id), { json });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await appointment(booking.id)).start_at).toBe(booking.start);
    expect(await outboxCount(deps())).toBe(outboxBefore);
  });

  test("another patient's appointment answers 404 exactly as a missing id does, and both attempts are audited", async () => {
    const { booking } = await booked();
    const stranger = await signedIn();
    const json = { start: at(deps(), '2026-12-03', '09:00') };
    const outboxBefore = await outboxCount(deps());
    const theirs = await stranger.c.post(move(booking.id), { json });
    const missing = await stranger.c.post(move('no-such-appointment'), { json });
    expect(theirs.status).toBe(404);
    expect(theirs.text).toBe(missing.text);
    expect(theirs.body.error.code).toBe('not_found');
    expect((await appointment(booking.id)).start_at).toBe(booking.start);
    expect(await outboxCount(deps())).toBe(outboxBefore);
    const audit = await deps().db.selectFrom('audit_log').select(['entity_id', 'outcome', 'action', 'patient_id']).where('actor_id', '=', stranger.user.id).orderBy('at').execute();
    expect(audit).toEqual([
      { entity_id: booking.id, outcome: 'not_found', action: 'appointment_reschedule', patient_id: stranger.user.id },
      { entity_id: 'no-such-appointment', outcome: 'not_found', action: 'appointment_reschedule', patient_id: stranger.user.id },
    ]);
  });

  test('bad input is 400 naming start, and the appointment stays', async () => {
    const { c, booking } = await booked();
    const outboxBefore = await outboxCount(deps());
    for (const json of [{}, { start: 'soon' }, { start: 42 }, { start: '2026-12-03 09:00' }]) {
      const res = await c.post(move(booking.id), { json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['start']);
    }
    expect(await appointment(booking.id)).toEqual(expect.objectContaining({ start_at: booking.start, updated_at: NOW }));
    expect(await outboxCount(deps())).toBe(outboxBefore);
  });

  test('a cancelled, completed or already started appointment is 409 state', async () => {
    const doctor = await createDoctor(deps());
    const { c, user } = await signedIn();
    const cancelled = await insertAppointment(deps(), { doctorId: doctor.id, patientId: user.id, start: at(deps(), '2026-12-02', '09:00'), status: 'cancelled' });
    const completed = await insertAppointment(deps(), { doctorId: doctor.id, patientId: user.id, start: at(deps(), '2026-11-30', '09:00'), status: 'completed' });
    const started = await insertAppointment(deps(), { doctorId: doctor.id, patientId: user.id, start: at(deps(), '2026-12-01', '07:45') });
    for (const id of [cancelled, completed, started]) {
      const res = await c.post(move(id), { json: { start: at(deps(), '2026-12-04', '09:00') } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('state');
    }
  });

  test('within PATIENT_CHANGE_CUTOFF_HOURS of the current start it is 409 too_late; just outside it moves', async () => {
    const { c, user, booking } = await booked();
    // 09:00 start, 2 hours' cut-off: 07:00 is the last moment.
    world().clock.set('2026-12-02T07:00:00.001Z');
    c.cookie = await sessionCookie(deps(), user.id);
    const late = await c.post(move(booking.id), { json: { start: at(deps(), '2026-12-04', '09:00') } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('too_late');
    world().clock.set('2026-12-02T07:00:00.000Z');
    c.cookie = await sessionCookie(deps(), user.id);
    expect((await c.post(move(booking.id), { json: { start: at(deps(), '2026-12-04', '09:00') } })).status).toBe(200);
  });

  test('the cut-off is about the current start: a new slot inside it (but past the minimum notice) is fine', async () => {
    const { c, booking } = await booked();
    const res = await c.post(move(booking.id), { json: { start: at(deps(), '2026-12-01', '09:00') } });
    expect(res.status).toBe(200);
    expect(res.body.start).toBe('2026-12-01T09:00:00.000Z');
  });

  test('the new start must be a free slot of the same doctor: not_bookable outside the window or the hours, slot_taken when held', async () => {
    const { doctor, c, user, booking } = await booked();
    for (const [date, clock] of [
      ['2026-12-08', '09:00'],
      ['2026-12-03', '12:00'],
      ['2026-12-03', '09:15'],
      ['2026-12-01', '08:30'],
    ] as const) {
      const res = await c.post(move(booking.id), { json: { start: at(deps(), date, clock) } });
      expect(res.status, `${date} ${clock}`).toBe(409);
      expect(res.body.error.code).toBe('not_bookable');
    }
    const other = await createUser(deps());
    const held = at(deps(), '2026-12-03', '10:00');
    await insertAppointment(deps(), { doctorId: doctor.id, patientId: other.id, start: held });
    const taken = await c.post(move(booking.id), { json: { start: held } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('slot_taken');

    // The patient's own appointment with another doctor at that time.
    const elsewhere = await createDoctor(deps());
    const mine = at(deps(), '2026-12-03', '11:00');
    await insertAppointment(deps(), { doctorId: elsewhere.id, patientId: user.id, start: mine });
    const own = await c.post(move(booking.id), { json: { start: mine } });
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('slot_taken');
    expect(await appointment(booking.id)).toEqual(expect.objectContaining({ start_at: booking.start, end_at: booking.end }));
    // Refused every time: no notice was queued.
    expect((await outboxRows(deps(), booking.id)).map((r) => r.job)).toEqual([JOBS.appointmentBooked]);
  });

  test('moving to the start it already has changes nothing but answers 200', async () => {
    const { c, booking } = await booked();
    const res = await c.post(move(booking.id), { json: { start: booking.start } });
    expect(res.status).toBe(200);
    expect(res.body.start).toBe(booking.start);
    // Nothing moved, so no "your appointment has moved" email.
    expect((await outboxRows(deps(), booking.id)).map((r) => r.job)).toEqual([JOBS.appointmentBooked]);
  });

  test('a doctor blacklisted since the booking takes no new slot: not_bookable', async () => {
    const { doctor, c, booking } = await booked();
    await deps().db.updateTable('users').set({ status: 'blacklisted' }).where('id', '=', doctor.id).execute();
    const res = await c.post(move(booking.id), { json: { start: at(deps(), '2026-12-04', '09:00') } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_bookable');
  });

  test('a blacklisted patient whose session somehow lives on gets 403 account_disabled', async () => {
    const { user, booking } = await booked();
    await deps().db.updateTable('users').set({ status: 'blacklisted' }).where('id', '=', user.id).execute();
    const lingering = { ...deps(), sessions: { ...deps().sessions, validate: async () => ({ id: user.id, role: 'patient' as const, name: 'Test patient', email: user.email }) } };
    const res = await testClient(lingering, [reschedule]).post(move(booking.id), { json: { start: at(deps(), '2026-12-04', '09:00') }, cookie: 'wardline_session=lingering' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('account_disabled');
    expect((await appointment(booking.id)).start_at).toBe(booking.start);
  });
});
