/**
 * For the appointment emails' tests in jobs/: a background world (real SMTP listener, real BullMQ worker)
 * in a hospital zone that is not UTC, a patient and a doctor with signed-in clients on the real endpoints,
 * handing an outbox row to the queue as the relay will (job id = outbox id), waiting for a job to finish,
 * and reading an `.ics` attachment back with ical.js.
 */
import ICAL from 'ical.js';
import { beforeAll, expect } from 'vitest';
import type { Job, Worker } from 'bullmq';
import bookFn from '../../functions/patient/book-appointment';
import rescheduleFn from '../../functions/patient/reschedule-appointment';
import cancelFn from '../../functions/patient/cancel-appointment';
import doctorCancelFn from '../../functions/doctor/cancel-appointment';
import completeFn from '../../functions/doctor/complete-appointment';
import calendarFn from '../../functions/patient/get-appointment-calendar';
import type { CaughtAttachment } from '../../shared/runtime/node/mail-inbox';
import { at, sessionCookie } from './booking';
import { useBackgroundWorld, until, type BackgroundWorld } from './background';
import { createDoctor } from './doctors';
import { testClient } from './http';
import { outboxRows, type OutboxEntry } from './outbox';
import { createUser } from './users';

export const ZONE = 'America/New_York';
export const WEB = 'https://wardline.example';
export const HOSPITAL = 'St Mary & "All" Saints';
/** A name that must arrive escaped in HTML and as it is in plain text. */
export const NASTY_NAME = '<b>Eve</b> & "Co"';

const FUNCTIONS = [bookFn, rescheduleFn, cancelFn, calendarFn, doctorCancelFn, completeFn];

export interface MailWorld {
  bg: BackgroundWorld;
  worker: Worker;
  /** Resolves when the job with this id has completed (throws on its first failure, with the reason). */
  finished(jobId: string): Promise<void>;
}

/** The background world with a started worker, for one test file. */
export function useMailWorld(): () => MailWorld {
  const background = useBackgroundWorld({ HOSPITAL_TIMEZONE: ZONE, WEB_ORIGIN: WEB, HOSPITAL_NAME: HOSPITAL });
  let state: MailWorld | undefined;
  beforeAll(async () => {
    const bg = background();
    // No relay: each test hands the one outbox row it is about to the queue itself, so a mail it does not
    // look at (the booking's confirmation, in a reschedule test) is never sent behind its back.
    const { worker } = await bg.startWorker({ relay: false });
    const completed = new Set<string>();
    const failed = new Map<string, string>();
    worker.on('completed', (job: Job) => completed.add(String(job.id)));
    worker.on('failed', (job: Job | undefined, err: Error) => job && failed.set(String(job.id), err.message));
    state = {
      bg,
      worker,
      finished: (jobId) =>
        until(() => {
          const reason = failed.get(jobId);
          if (reason) throw new Error(`job ${jobId} failed: ${reason}`);
          return completed.has(jobId);
        }, 20_000, `job ${jobId} to finish`),
    };
  });
  return () => {
    if (!state) throw new Error('the mail world is made in beforeAll');
    return state;
  };
}

/** A patient (named `name`) and a doctor, each with a signed-in client on the real endpoints. */
export async function patientAndDoctor(w: MailWorld, fields: { patientName?: string; doctorName?: string } = {}) {
  const deps = w.bg.world.deps;
  const doctor = await createDoctor(deps, { name: fields.doctorName ?? 'Dr Ada Quill' });
  const department = await deps.db.selectFrom('departments').select('name').where('id', '=', doctor.departmentId).executeTakeFirstOrThrow();
  const patient = await createUser(deps, { name: fields.patientName ?? NASTY_NAME });
  const patientC = testClient(deps, FUNCTIONS);
  patientC.cookie = await sessionCookie(deps, patient.id);
  const doctorC = testClient(deps, FUNCTIONS);
  doctorC.cookie = await sessionCookie(deps, doctor.id);
  /** New sessions for both, after the test moved the clock (a session made at another time may not pass). */
  const resign = async () => {
    patientC.cookie = await sessionCookie(deps, patient.id);
    doctorC.cookie = await sessionCookie(deps, doctor.id);
  };
  return { doctor, department: department.name, patient, patientC, doctorC, resign };
}

/** Books `date` at `clock` (hospital time) through POST /api/patient/appointments; answers the appointment. */
export async function bookThroughApi(w: MailWorld, c: ReturnType<typeof testClient>, doctorId: string, date: string, clock: string) {
  const res = await c.post('/api/patient/appointments', { json: { doctorId, start: at(w.bg.world.deps, date, clock), reason: 'A cough that will not go' } });
  expect(res.status).toBe(201);
  return res.body as { id: string; start: string; end: string; createdAt: string; updatedAt: string };
}

/** The one outbox row of `job` about the appointment (there must be exactly one). */
export async function outboxRow(w: MailWorld, appointmentId: string, job: string): Promise<OutboxEntry> {
  const rows = (await outboxRows(w.bg.world.deps, appointmentId)).filter((r) => r.job === job);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** Hands a row to the queue as the relay does (job id = outbox id) and waits for its job to finish. */
export async function relay(w: MailWorld, row: OutboxEntry, jobId = row.id): Promise<void> {
  await w.bg.world.deps.jobs.enqueue(row.job, row.payload, { jobId });
  await w.finished(jobId);
}

/** An `.ics` read back the way a calendar app reads it (ical.js, its own VTIMEZONE only). */
export function readInvitation(file: CaughtAttachment) {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(file.content, 'base64').toString('utf8')));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  const vevent = events[0]!;
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.uid,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status'),
    tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    text: Buffer.from(file.content, 'base64').toString('utf8'),
  };
}

/** What no appointment email may contain: the booking reason and any clinical value the tests use. */
export const NEVER_IN_MAIL = ['A cough that will not go', 'Acute bronchitis', 'Paracetamol', 'Review if fever'];
