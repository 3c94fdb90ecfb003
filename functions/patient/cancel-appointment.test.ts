import { beforeEach, describe, expect, test } from 'vitest';
import { at, insertAppointment, sessionCookie } from '../../tests/support/booking';
import { createDoctor } from '../../tests/support/doctors';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import { createUser } from '../../tests/support/users';
import { outboxCount, outboxRows } from '../../tests/support/outbox';
import { JOBS } from '../../shared/jobs/names';
import book from './book-appointment';
import cancel from './cancel-appointment';

const world = useTestWorld();
const deps = () => world().deps;

/** Tuesday 1 December 2026, 08:00 (UTC is the hospital's zone here). */
const NOW = '2026-12-01T08:00:00.000Z';
const BOOK = '/api/patient/appointments';
const cancelOf = (id: string) => `/api/patient/appointments/${id}/cancel`;

beforeEach(() => world().clock.set(NOW));

let addresses = 0;
async function signedIn(role: 'patient' | 'doctor' | 'admin' = 'patient') {
  const user = await createUser(deps(), { role });
  const c = testClient(deps(), [book, cancel], { clientAddress: `192.0.2.${(addresses++ % 250) + 1}` });
  c.cookie = await sessionCookie(deps(), user.id);
  return { c, user };
}

const appointment = (id: string) => deps().db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function booked(start = at(deps(), '2026-12-02', '09:00')) {
  const doctor = await createDoctor(deps());
  const patient = await signedIn();
  const res = await patient.c.post(BOOK, { json: { doctorId: doctor.id, start } });
  expect(res.status).toBe(201);
  return { doctor, ...patient, booking: res.body };
}

describe('POST /api/patient/appointments/:id/cancel', () => {
  test('the patient cancels: status cancelled with the reason, cancelled by them, audited without the reason text', async () => {
    const { doctor, c, user, booking } = await booked();
    world().clock.set('2026-12-01T08:10:00.000Z');
    c.cookie = await sessionCookie(deps(), user.id);
    const res = await c.post(cancelOf(booking.id), { json: { reason: 'Feeling better now' }, headers: { 'user-agent': 'cancel-test' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...booking, status: 'cancelled', cancelReason: 'Feeling better now', updatedAt: '2026-12-01T08:10:00.000Z' });
    expect(await appointment(booking.id)).toEqual(
      expect.objectContaining({ status: 'cancelled', cancel_reason: 'Feeling better now', cancelled_by: user.id, start_at: booking.start }),
    );
    const audit = await deps().db.selectFrom('audit_log').selectAll().where('entity_id', '=', booking.id).where('action', '=', 'appointment_cancel').execute();
    expect(audit).toEqual([
      expect.objectContaining({ actor_id: user.id, actor_role: 'patient', patient_id: user.id, entity: 'appointment', outcome: 'ok', user_agent: 'cancel-test', ip: expect.stringMatching(/^192\.0\.2\./) }),
    ]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ doctorId: doctor.id, start: booking.start });
    expect(audit[0]!.detail).not.toContain('better');
    // One outbox row for the cancellation notice (after the booking's confirmation): the id only, no reason.
    expect((await outboxRows(deps(), booking.id)).map(({ job, payload }) => ({ job, payload }))).toEqual([
      { job: JOBS.appointmentBooked, payload: { appointmentId: booking.id } },
      { job: JOBS.appointmentCancelled, payload: { appointmentId: booking.id } },
    ]);
  });

  test('without a reason the cancel reason is null', async () => {
    const { c, booking } = await booked();
    const res = await c.post(cancelOf(booking.id), {});
    expect(res.status).toBe(200);
    expect(res.body.cancelReason).toBeNull();
  });

  test('a cancelled slot can be booked again, by someone else or by the same patient', async () => {
    const { doctor, c, booking } = await booked();
    expect((await c.post(cancelOf(booking.id), { json: {} })).status).toBe(200);
    const other = await signedIn();
    const again = await other.c.post(BOOK, { json: { doctorId: doctor.id, start: booking.start } });
    expect(again.status).toBe(201);
    expect((await other.c.post(cancelOf(again.body.id), { json: {} })).status).toBe(200);
    const mine = await c.post(BOOK, { json: { doctorId: doctor.id, start: booking.start } });
    expect(mine.status).toBe(201);
    expect(mine.body.id).not.toBe(booking.id);
    const rows = await deps().db.selectFrom('appointments').select('status').where('doctor_id', '=', doctor.id).where('start_at', '=', booking.start).orderBy('created_at').orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'booked']);
  });

  test('signed out gets 401; a doctor and an admin get 403; the appointment stays booked', async () => {
    const { booking } = await booked();
    const outboxBefore = await outboxCount(deps());
    expect((await testClient(deps(), [cancel]).post(cancelOf(booking.id), { json: {} })).status).toBe(401);
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(role);
      const res = await c.post(cancelOf(booking.id), { json: {} });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await appointment(booking.id)).status).toBe('booked');
    expect(await outboxCount(deps())).toBe(outboxBefore);
  });

  test("another patient's appointment answers 404 exactly as a missing id does, and both attempts are audited", async () => {
    const { booking } = await booked();
    const stranger = await signedIn();
    const outboxBefore = await outboxCount(deps());
    const theirs = await stranger.c.post(cancelOf(booking.id), { json: {} });
    const missing = await stranger.c.post(cancelOf('0190aaaa-0000-7000-8000-000000000000'), { json: {} });
    expect(theirs.status).toBe(404);
    expect(theirs.text).toBe(missing.text);
    expect((await appointment(booking.id)).status).toBe('booked');
    expect(await outboxCount(deps())).toBe(outboxBefore);
    const audit = await deps().db.selectFrom('audit_log').select(['entity_id', 'outcome', 'action']).where('actor_id', '=', stranger.user.id).orderBy('at').execute();
    expect(audit).toEqual([
      { entity_id: booking.id, outcome: 'not_found', action: 'appointment_cancel' },
      { entity_id: '0190aaaa-0000-7000-8000-000000000000', outcome: 'not_found', action: 'appointment_cancel' },
    ]);
  });

  test('bad input is 400 naming reason, and the appointment stays booked', async () => {
    const { c, booking } = await booked();
    const outboxBefore = await outboxCount(deps());
    for (const json of [{ reason: 'x'.repeat(501) }, { reason: 'bad\u0007bell' }, { reason: ' ' }, { reason: 7 }]) {
      const res = await c.post(cancelOf(booking.id), { json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['reason']);
    }
    expect((await appointment(booking.id)).status).toBe('booked');
    expect(await outboxCount(deps())).toBe(outboxBefore);
  });

  test('only a booked appointment can be cancelled: a second cancel, or a completed visit, is 409 state', async () => {
    const { doctor, c, user, booking } = await booked();
    expect((await c.post(cancelOf(booking.id), { json: {} })).status).toBe(200);
    const twice = await c.post(cancelOf(booking.id), { json: { reason: 'again' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('state');
    expect((await appointment(booking.id)).cancel_reason).toBeNull();
    // The refused second cancel queued no second notice.
    expect((await outboxRows(deps(), booking.id)).map((r) => r.job)).toEqual([JOBS.appointmentBooked, JOBS.appointmentCancelled]);
    const completed = await insertAppointment(deps(), { doctorId: doctor.id, patientId: user.id, start: at(deps(), '2026-11-28', '09:00'), status: 'completed' });
    expect((await c.post(cancelOf(completed), { json: {} })).body.error.code).toBe('state');
  });

  test('within PATIENT_CHANGE_CUTOFF_HOURS of the start it is 409 too_late; just outside it cancels', async () => {
    const { c, user, booking } = await booked(at(deps(), '2026-12-01', '11:00'));
    world().clock.set('2026-12-01T09:00:00.001Z');
    c.cookie = await sessionCookie(deps(), user.id);
    const late = await c.post(cancelOf(booking.id), { json: {} });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('too_late');
    expect((await appointment(booking.id)).status).toBe('booked');
    expect((await outboxRows(deps(), booking.id)).map((r) => r.job)).toEqual([JOBS.appointmentBooked]);
    world().clock.set('2026-12-01T09:00:00.000Z');
    c.cookie = await sessionCookie(deps(), user.id);
    expect((await c.post(cancelOf(booking.id), { json: {} })).status).toBe(200);
  });

  test('a booked appointment already past is too_late, not cancellable', async () => {
    const doctor = await createDoctor(deps());
    const { c, user } = await signedIn();
    const past = await insertAppointment(deps(), { doctorId: doctor.id, patientId: user.id, start: at(deps(), '2026-11-30', '09:00') });
    expect((await c.post(cancelOf(past), { json: {} })).body.error.code).toBe('too_late');
  });

  test('a blacklisted patient whose session somehow lives on gets 403 account_disabled', async () => {
    const { user, booking } = await booked();
    await deps().db.updateTable('users').set({ status: 'blacklisted' }).where('id', '=', user.id).execute();
    const lingering = { ...deps(), sessions: { ...deps().sessions, validate: async () => ({ id: user.id, role: 'patient' as const, name: 'Test patient', email: user.email }) } };
    const res = await testClient(lingering, [cancel]).post(cancelOf(booking.id), { json: {}, cookie: 'wardline_session=lingering' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('account_disabled');
    expect((await appointment(booking.id)).status).toBe('booked');
  });
});
