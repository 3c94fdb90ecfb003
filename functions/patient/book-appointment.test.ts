import { sql } from 'kysely';
import { beforeEach, describe, expect, test } from 'vitest';
import { buildOpenApi } from '../../shared/http/openapi';
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

/** Tuesday 1 December 2026, 08:00 in the hospital's zone (UTC here): the booking window is 1–7 December. */
const NOW = '2026-12-01T08:00:00.000Z';
const HOUR = 3_600_000;
const PATH = '/api/patient/appointments';

beforeEach(() => world().clock.set(NOW));

let addresses = 0;
async function signedIn(role: 'patient' | 'doctor' | 'admin' = 'patient') {
  const user = await createUser(deps(), { role });
  const c = testClient(deps(), [book, cancel], { clientAddress: `198.51.100.${(addresses++ % 250) + 1}` });
  c.cookie = await sessionCookie(deps(), user.id);
  return { c, user };
}

const appointmentsOf = (patientId: string) => deps().db.selectFrom('appointments').selectAll().where('patient_id', '=', patientId).execute();
const liveAt = (doctorId: string, start: string) =>
  deps().db.selectFrom('appointments').selectAll().where('doctor_id', '=', doctorId).where('start_at', '=', start).where(sql.ref('status'), '<>', 'cancelled').execute();

describe('POST /api/patient/appointments', () => {
  test('a patient books a free slot and gets the appointment back, stored and audited', async () => {
    const doctor = await createDoctor(deps(), { name: 'Dr Ada Quill' });
    const { c, user } = await signedIn();
    const start = at(deps(), '2026-12-02', '09:30');
    const res = await c.post(PATH, { json: { doctorId: doctor.id, start, reason: 'A cough that will not go' }, headers: { 'user-agent': 'booking-test' } });
    expect(res.status).toBe(201);
    const department = await deps().db.selectFrom('departments').select('name').where('id', '=', doctor.departmentId).executeTakeFirstOrThrow();
    expect(res.body).toEqual({
      id: expect.any(String),
      doctorId: doctor.id,
      doctorName: 'Dr Ada Quill',
      departmentName: department.name,
      start,
      end: '2026-12-02T10:00:00.000Z',
      status: 'booked',
      reason: 'A cough that will not go',
      cancelReason: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
    const rows = await appointmentsOf(user.id);
    expect(rows).toEqual([
      expect.objectContaining({ id: res.body.id, doctor_id: doctor.id, start_at: start, end_at: res.body.end, status: 'booked', reason: 'A cough that will not go', cancelled_by: null }),
    ]);
    const audit = await deps().db.selectFrom('audit_log').selectAll().where('entity_id', '=', res.body.id).execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor_id: user.id,
        actor_role: 'patient',
        patient_id: user.id,
        action: 'appointment_book',
        entity: 'appointment',
        outcome: 'ok',
        ip: expect.stringMatching(/^198\.51\.100\./),
        user_agent: 'booking-test',
      }),
    ]);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ doctorId: doctor.id, start });
    expect(audit[0]!.detail).not.toContain('cough');
    // One outbox row for the confirmation email: the job and the appointment's id, nothing else.
    expect((await outboxRows(deps(), res.body.id)).map(({ job, payload }) => ({ job, payload }))).toEqual([
      { job: JOBS.appointmentBooked, payload: { appointmentId: res.body.id } },
    ]);
  });

  test('any ISO-8601 spelling of the slot start books it, and the answer is in UTC', async () => {
    const doctor = await createDoctor(deps());
    const { c } = await signedIn();
    const res = await c.post(PATH, { json: { doctorId: doctor.id, start: '2026-12-03T10:00:00+01:00' } });
    expect(res.status).toBe(201);
    expect(res.body.start).toBe('2026-12-03T09:00:00.000Z');
    expect(res.body.reason).toBeNull();
  });

  test('signed out gets 401; a doctor and an admin get 403; nothing is written', async () => {
    const doctor = await createDoctor(deps());
    const json = { doctorId: doctor.id, start: at(deps(), '2026-12-02', '09:00') };
    const outboxBefore = await outboxCount(deps());
    const anonymous = testClient(deps(), [book]);
    expect((await anonymous.post(PATH, { json })).status).toBe(401);
    expect((await anonymous.post(PATH, { json })).body.error.code).toBe('unauthenticated');
    for (const role of ['doctor', 'admin'] as const) {
      const { c } = await signedIn(role);
      const res = await c.post(PATH, { json });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await liveAt(doctor.id, json.start)).toEqual([]);
    expect(await outboxCount(deps())).toBe(outboxBefore);
  });

  test('bad input is 400 naming each field, and nothing is written', async () => {
    const doctor = await createDoctor(deps());
    const { c, user } = await signedIn();
    const start = at(deps(), '2026-12-02', '09:00');
    const outboxBefore = await outboxCount(deps());
    const cases: Array<[unknown, string]> = [
      [{ start }, 'doctorId'],
      [{ doctorId: '', start }, 'doctorId'],
      [{ doctorId: 'x'.repeat(101), start }, 'doctorId'],
      [{ doctorId: doctor.id }, 'start'],
      [{ doctorId: doctor.id, start: 'tomorrow at nine' }, 'start'],
      [{ doctorId: doctor.id, start: '2026-12-02' }, 'start'],
      [{ doctorId: doctor.id, start, reason: 'x'.repeat(501) }, 'reason'],
      [{ doctorId: doctor.id, start, reason: 'pain\u202eniap' }, 'reason'],
      [{ doctorId: doctor.id, start, reason: '   ' }, 'reason'],
    ];
    for (const [json, field] of cases) {
      const res = await c.post(PATH, { json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
    expect(await appointmentsOf(user.id)).toEqual([]);
    expect(await outboxCount(deps())).toBe(outboxBefore);
  });

  describe('the booking window and the minimum notice', () => {
    test('today and today + 6 are bookable; today + 7 is not_bookable', async () => {
      const doctor = await createDoctor(deps());
      const { c } = await signedIn();
      expect((await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-01', '13:00') } })).status).toBe(201);
      expect((await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-07', '16:30') } })).status).toBe(201);
      const late = await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-08', '09:00') } });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('not_bookable');
    });

    test('a slot exactly the minimum notice ahead is bookable; one inside it, or in the past, is not_bookable', async () => {
      const doctor = await createDoctor(deps());
      const { c, user } = await signedIn();
      world().clock.set('2026-12-01T10:00:00.000Z');
      c.cookie = await sessionCookie(deps(), user.id);
      for (const start of ['09:00', '10:00', '10:30']) {
        const res = await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-01', start) } });
        expect(res.status, start).toBe(409);
        expect(res.body.error.code).toBe('not_bookable');
      }
      // Yesterday is outside the window too.
      expect((await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-11-30', '13:00') } })).body.error.code).toBe('not_bookable');
      expect((await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-01', '11:00') } })).status).toBe(201);
      expect(await appointmentsOf(user.id)).toHaveLength(1);
    });

    test('a time that is not a slot start, or outside the doctor\'s hours, is not_bookable', async () => {
      const doctor = await createDoctor(deps(), { weekly: [{ weekday: 3, windows: [{ start: '09:00', end: '12:00' }] }] });
      const { c } = await signedIn();
      for (const [date, clock] of [
        ['2026-12-02', '09:10'],
        ['2026-12-02', '12:00'],
        ['2026-12-02', '08:30'],
        ['2026-12-03', '09:00'],
      ] as const) {
        const res = await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), date, clock) } });
        expect(res.status, `${date} ${clock}`).toBe(409);
        expect(res.body.error.code).toBe('not_bookable');
      }
      expect((await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '11:30') } })).status).toBe(201);
    });

    test('a missing doctor, a blacklisted one and a removed one are not_bookable', async () => {
      const blacklisted = await createDoctor(deps(), { status: 'blacklisted' });
      const removed = await createDoctor(deps(), { deleted: true });
      const patientUser = await createUser(deps());
      const { c } = await signedIn();
      const start = at(deps(), '2026-12-02', '09:00');
      for (const doctorId of ['no-such-doctor', blacklisted.id, removed.id, patientUser.id]) {
        const res = await c.post(PATH, { json: { doctorId, start } });
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('not_bookable');
      }
    });
  });

  describe('one live appointment per doctor and start, and per patient and start', () => {
    test('a slot someone holds is 409 slot_taken', async () => {
      const doctor = await createDoctor(deps());
      const first = await signedIn();
      const second = await signedIn();
      const json = { doctorId: doctor.id, start: at(deps(), '2026-12-02', '14:00') };
      expect((await first.c.post(PATH, { json })).status).toBe(201);
      const outboxBefore = await outboxCount(deps());
      const res = await second.c.post(PATH, { json });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('slot_taken');
      expect(await appointmentsOf(second.user.id)).toEqual([]);
      expect(await outboxCount(deps())).toBe(outboxBefore);
    });

    test('a patient who holds an appointment at that start with another doctor gets 409 slot_taken', async () => {
      const [one, two] = [await createDoctor(deps()), await createDoctor(deps())];
      const { c, user } = await signedIn();
      const start = at(deps(), '2026-12-04', '10:00');
      expect((await c.post(PATH, { json: { doctorId: one.id, start } })).status).toBe(201);
      const res = await c.post(PATH, { json: { doctorId: two.id, start } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('slot_taken');
      expect(await appointmentsOf(user.id)).toHaveLength(1);
    });

    test('the database decides: a row that slipped past the checks still makes the insert 409 slot_taken', async () => {
      const doctor = await createDoctor(deps());
      const { c, user } = await signedIn();
      const other = await createUser(deps());
      const start = at(deps(), '2026-12-05', '09:00');
      // The booking's checks pass; then, as another request's insert would between those checks and this
      // booking's transaction, a row for the same slot appears.
      const real = deps().db;
      let slipped = false;
      const db = new Proxy(real, {
        get(target, prop) {
          if (prop === 'transaction' && !slipped) {
            slipped = true;
            return () => ({
              // eslint-disable-next-line @typescript-eslint/no-explicit-any
              execute: async (fn: any) => {
                await insertAppointment(deps(), { doctorId: doctor.id, patientId: other.id, start });
                return target.transaction().execute(fn);
              },
            });
          }
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const raced = testClient({ ...deps(), db }, [book]);
      raced.cookie = c.cookie;
      const outboxBefore = await outboxCount(deps());
      const res = await raced.post(PATH, { json: { doctorId: doctor.id, start } });
      expect(slipped).toBe(true);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('slot_taken');
      expect(await appointmentsOf(user.id)).toEqual([]);
      expect(await liveAt(doctor.id, start)).toHaveLength(1);
      // The insert's transaction rolled back, and its outbox row with it.
      expect(await outboxCount(deps())).toBe(outboxBefore);
    });

    test('two patients booking one slot at once: one 201, one slot_taken, one row', async () => {
      const doctor = await createDoctor(deps());
      const [a, b] = [await signedIn(), await signedIn()];
      const json = { doctorId: doctor.id, start: at(deps(), '2026-12-03', '15:00') };
      const statuses = (await Promise.all([a.c.post(PATH, { json }), b.c.post(PATH, { json })])).map((r) => r.body.error?.code ?? r.status);
      expect(statuses.sort()).toEqual([201, 'slot_taken']);
      expect(await liveAt(doctor.id, json.start)).toHaveLength(1);
    });
  });

  test('past MAX_OPEN_APPOINTMENTS booked appointments is 409 limit_reached; after a cancel the patient books again', async () => {
    const doctor = await createDoctor(deps());
    const { c, user } = await signedIn();
    const max = deps().config.booking.maxOpenAppointments;
    expect(max).toBe(5);
    const ids: string[] = [];
    for (const clock of ['09:00', '09:30', '10:00', '10:30', '11:00'].slice(0, max)) {
      const res = await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-03', clock) } });
      expect(res.status, clock).toBe(201);
      ids.push(res.body.id);
    }
    // A cancelled appointment is not open: it does not count.
    await insertAppointment(deps(), { doctorId: doctor.id, patientId: user.id, start: at(deps(), '2026-12-04', '09:00'), status: 'cancelled' });
    const over = await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-04', '13:00') } });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('limit_reached');
    expect((await c.post(`${PATH}/${ids[0]}/cancel`, { json: {} })).status).toBe(200);
    expect((await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-04', '13:00') } })).status).toBe(201);
    expect((await appointmentsOf(user.id)).filter((a) => a.status === 'booked')).toHaveLength(max);
  });

  test('booked appointments already past do not count towards the cap', async () => {
    const doctor = await createDoctor(deps());
    const { c, user } = await signedIn();
    for (let day = 1; day <= 5; day++) {
      await insertAppointment(deps(), { doctorId: doctor.id, patientId: user.id, start: at(deps(), `2026-11-2${day}`, '09:00') });
    }
    expect((await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '09:00') } })).status).toBe(201);
  });

  test('a blacklisted patient whose session somehow lives on gets 403 account_disabled and books nothing', async () => {
    const doctor = await createDoctor(deps());
    const user = await createUser(deps(), { status: 'blacklisted' });
    // Blacklisting ends the sessions and the session check reads the status; this is the handler's own check behind them.
    const lingering = { ...deps(), sessions: { ...deps().sessions, validate: async () => ({ id: user.id, role: 'patient' as const, name: 'Test patient', email: user.email }) } };
    const c = testClient(lingering, [book]);
    const res = await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '09:00') }, cookie: 'wardline_session=lingering' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('account_disabled');
    expect(await appointmentsOf(user.id)).toEqual([]);
  });

  describe('Idempotency-Key', () => {
    test('a repeat answers the first answer again, status and body, and books nothing more', async () => {
      const doctor = await createDoctor(deps());
      const { c, user } = await signedIn();
      const request = { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '10:00'), reason: 'Check-up' }, headers: { 'Idempotency-Key': 'book-1 of Tuesday' } };
      const first = await c.post(PATH, request);
      expect(first.status).toBe(201);
      expect(first.headers.get('Idempotent-Replayed')).toBeNull();
      world().clock.advance(HOUR);
      c.cookie = await sessionCookie(deps(), user.id);
      const again = await c.post(PATH, request);
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
      expect(again.headers.get('Idempotent-Replayed')).toBe('true');
      expect(await appointmentsOf(user.id)).toHaveLength(1);
      expect(await deps().db.selectFrom('audit_log').select('id').where('action', '=', 'appointment_book').where('actor_id', '=', user.id).execute()).toHaveLength(1);
      // The replay wrote no second outbox row: one confirmation email.
      expect((await outboxRows(deps(), first.body.id)).map((r) => r.job)).toEqual([JOBS.appointmentBooked]);
      // The same body with its keys in another order and the same instant spelled otherwise is the same request.
      const reordered = await c.post(PATH, { json: { reason: 'Check-up', start: '2026-12-02T11:00:00+01:00', doctorId: doctor.id }, headers: request.headers });
      expect(reordered.text).toBe(first.text);
    });

    test('the same key with a different body is 409 idempotency_key_reused, and nothing is booked', async () => {
      const doctor = await createDoctor(deps());
      const { c, user } = await signedIn();
      const headers = { 'Idempotency-Key': 'key-a' };
      expect((await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '10:00') }, headers })).status).toBe(201);
      const res = await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '10:30') }, headers });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('idempotency_key_reused');
      expect(await appointmentsOf(user.id)).toHaveLength(1);
    });

    test('the same key sent twice at once books once; both get the same 201', async () => {
      const doctor = await createDoctor(deps());
      const { c, user } = await signedIn();
      const request = { json: { doctorId: doctor.id, start: at(deps(), '2026-12-06', '09:00') }, headers: { 'Idempotency-Key': 'twice-at-once' } };
      const answers = await Promise.all([c.post(PATH, request), c.post(PATH, request), c.post(PATH, request)]);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
      expect(await appointmentsOf(user.id)).toHaveLength(1);
      expect((await outboxRows(deps(), answers[0]!.body.id)).map((r) => r.job)).toEqual([JOBS.appointmentBooked]);
      expect(await deps().db.selectFrom('idempotency_keys').select('key').where('user_id', '=', user.id).execute()).toEqual([{ key: 'twice-at-once' }]);
    });

    test('keys belong to their user: another patient\'s same key is a request of its own', async () => {
      const doctor = await createDoctor(deps());
      const [a, b] = [await signedIn(), await signedIn()];
      const headers = { 'Idempotency-Key': 'shared-key' };
      const first = await a.c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '13:00') }, headers });
      const second = await b.c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '13:30') }, headers });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).not.toBe(first.body.id);
    });

    test('a refused request is not remembered: the same key and body are judged afresh', async () => {
      const doctor = await createDoctor(deps());
      const holder = await signedIn();
      const { c, user } = await signedIn();
      const start = at(deps(), '2026-12-02', '16:00');
      const held = await holder.c.post(PATH, { json: { doctorId: doctor.id, start } });
      const request = { json: { doctorId: doctor.id, start }, headers: { 'Idempotency-Key': 'retry-me' } };
      expect((await c.post(PATH, request)).body.error.code).toBe('slot_taken');
      expect((await holder.c.post(`${PATH}/${held.body.id}/cancel`, { json: {} })).status).toBe(200);
      const retried = await c.post(PATH, request);
      expect(retried.status).toBe(201);
      expect(await appointmentsOf(user.id)).toHaveLength(1);
    });

    test('after 24 hours a key is new again', async () => {
      const doctor = await createDoctor(deps());
      const { c, user } = await signedIn();
      const headers = { 'Idempotency-Key': 'daily' };
      expect((await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-07', '09:00') }, headers })).status).toBe(201);
      world().clock.set('2026-12-02T08:00:00.001Z');
      c.cookie = await sessionCookie(deps(), user.id);
      const later = await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-07', '09:30') }, headers });
      expect(later.status).toBe(201);
      expect(await appointmentsOf(user.id)).toHaveLength(2);
      const stored = await deps().db.selectFrom('idempotency_keys').select(['key', 'created_at']).where('user_id', '=', user.id).execute();
      expect(stored).toEqual([{ key: 'daily', created_at: '2026-12-02T08:00:00.001Z' }]);
    });

    test('the OpenAPI document names the header', () => {
      const doc = buildOpenApi([book], { title: 't', version: '0' });
      const operation = doc.paths['/api/patient/appointments']!.post as { parameters: Array<{ name: string; in: string }> };
      expect(operation.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    });

    test('a key that is empty, too long or not printable ASCII is 400 naming Idempotency-Key; nothing is written', async () => {
      const doctor = await createDoctor(deps());
      const { c, user } = await signedIn();
      for (const key of ['', 'k'.repeat(101), 'caf\u00e9', 'tab\tkey']) {
        const res = await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '09:00') }, headers: { 'Idempotency-Key': key } });
        expect(res.status, JSON.stringify(key)).toBe(400);
        expect(res.body.error.code).toBe('invalid_input');
        expect(Object.keys(res.body.error.fields)).toEqual(['Idempotency-Key']);
      }
      expect(await appointmentsOf(user.id)).toEqual([]);
      expect(await deps().db.selectFrom('idempotency_keys').select('key').where('user_id', '=', user.id).execute()).toEqual([]);
      // 100 printable characters, spaces inside included, are a key.
      const long = `${'k'.repeat(49)} ${'~'.repeat(50)}`;
      expect((await c.post(PATH, { json: { doctorId: doctor.id, start: at(deps(), '2026-12-02', '09:00') }, headers: { 'Idempotency-Key': long } })).status).toBe(201);
    });
  });
});
