/**
 * The export with real parts (issue 9, item 4): a real BullMQ worker on the world's Redis prefix and a
 * real SMTP listener. The request writes an outbox row; the test hands it to the queue as the relay would.
 */
import { parse } from 'csv-parse/sync';
import type { Job } from 'bullmq';
import { beforeAll, describe, expect, test } from 'vitest';
import createExport from '../functions/patient/create-export';
import downloadExport from '../functions/patient/download-export';
import getExport from '../functions/patient/get-export';
import listExports from '../functions/patient/list-exports';
import { JOBS } from '../shared/jobs/names';
import { until, useBackgroundWorld } from '../tests/support/background';
import { sessionCookie } from '../tests/support/booking';
import { createDepartment, createDoctor } from '../tests/support/doctors';
import { relayExport } from '../tests/support/exports';
import { fhirSchemaErrors } from '../tests/support/fhir-schema';
import { auditRowsOf, createAppointment, createTreatment, signedIn } from '../tests/support/patient-records';
import { process as exportHistory } from './export-history';

const TTL_HOURS = 48;
const background = useBackgroundWorld({ EXPORT_TTL_HOURS: String(TTL_HOURS), HOSPITAL_TIMEZONE: 'Europe/London' });
const FUNCTIONS = [createExport, getExport, listExports, downloadExport];
const NASTY = 'Flu, "bad" one\nthen =HYPERLINK("http://x","y")';

let doctors: { patel: { id: string }; novak: { id: string } };
/** Each patient's visits on days of their own: a doctor has one appointment per start. */
let firstDay = 0;

beforeAll(async () => {
  const deps = background().world.deps;
  const cardiology = await createDepartment(deps, { name: 'Cardiology' });
  const dermatology = await createDepartment(deps, { name: 'Dermatology' });
  doctors = {
    patel: await createDoctor(deps, { departmentId: cardiology.id, name: 'Dr Mina Patel' }),
    novak: await createDoctor(deps, { departmentId: dermatology.id, name: 'Dr Ivan Novak' }),
  };
});

async function patientWithVisits(count: number, name = 'Ada Lovelace') {
  const deps = background().world.deps;
  const patient = await signedIn(deps, FUNCTIONS, 'patient', { name });
  const day0 = firstDay;
  firstDay += count;
  for (let i = 0; i < count; i++) {
    const doctor = i % 2 === 0 ? doctors.patel : doctors.novak;
    const start = new Date(Date.parse('2026-01-05T10:00:00.000Z') + (day0 + i) * 86_400_000).toISOString();
    const appointment = await createAppointment(deps, { patientId: patient.user.id, doctorId: doctor.id, start, status: 'completed' });
    await createTreatment(deps, {
      appointmentId: appointment.id,
      doctorId: doctor.id,
      patientId: patient.user.id,
      diagnosis: i === 0 ? NASTY : `Diagnosis ${i}`,
      prescription: i % 3 === 0 ? `Prescription ${i}` : null,
      notes: i === 1 ? '=1+1' : null,
      nextVisit: i === 0 ? '2026-02-01' : null,
    });
  }
  return patient;
}

const fakeJob = (attemptsMade: number) => ({ attemptsMade, opts: { attempts: 5 } }) as unknown as Job;

describe('the patient export, end to end', () => {
  test('POST queues it; the worker writes the CSV and the FHIR Bundle, the patient is mailed once; it expires', async () => {
    const { world, inbox, startWorker } = background();
    const deps = world.deps;
    const patient = await patientWithVisits(5);
    // A booked visit and another patient's visit are not in the export.
    await createAppointment(deps, { patientId: patient.user.id, doctorId: doctors.patel.id, start: '2026-12-20T10:00:00.000Z' });
    const other = await patientWithVisits(1, 'Someone Else');

    const created = await patient.c.post('/api/patient/exports');
    expect(created.status).toBe(202);
    expect(created.body).toEqual({ id: expect.any(String), status: 'queued' });
    const id = created.body.id as string;

    // One at a time: a second export while this one is queued is 409 state.
    const second = await patient.c.post('/api/patient/exports');
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'state', exportId: id });

    expect((await patient.c.get(`/api/patient/exports/${id}`)).body).toMatchObject({ id, status: 'queued', progress: 0, total: null, finishedAt: null, expiresAt: null });
    // Not done yet: the download is 409 state.
    const early = await patient.c.get(`/api/patient/exports/${id}/download?format=csv`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('state');

    const { worker } = await startWorker();
    const completed = new Set<string>();
    worker.on('completed', (job) => completed.add(job.id!));
    await relayExport(deps, id);
    await until(async () => (await patient.c.get(`/api/patient/exports/${id}`)).body.status === 'done', 20_000, 'the export to be done');

    const status = (await patient.c.get(`/api/patient/exports/${id}`)).body;
    const now = world.clock();
    expect(status).toEqual({ id, status: 'done', createdAt: expect.any(String), finishedAt: now.toISOString(), expiresAt: new Date(now.getTime() + TTL_HOURS * 3_600_000).toISOString(), progress: 5, total: 5 });

    const csv = await patient.c.get(`/api/patient/exports/${id}/download?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="wardline-export-2026-12-01.csv"');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const rows = parse(csv.text) as string[][];
    expect(rows[0]).toEqual(['Patient id', 'Patient name', 'Doctor', 'Department', 'Appointment date (Europe/London)', 'Diagnosis', 'Prescription', 'Notes', 'Next visit suggested']);
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual([patient.user.id, 'Ada Lovelace', 'Dr Mina Patel', 'Cardiology', '2026-01-05 10:00', NASTY, 'Prescription 0', '', '2026-02-01']);
    expect(rows[2]).toEqual([patient.user.id, 'Ada Lovelace', 'Dr Ivan Novak', 'Dermatology', '2026-01-06 10:00', 'Diagnosis 1', '', "'=1+1", '']);
    expect(csv.text).not.toContain('Someone Else');

    const fhir = await patient.c.get(`/api/patient/exports/${id}/download?format=fhir`);
    expect(fhir.status).toBe(200);
    expect(fhir.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(fhir.headers.get('content-disposition')).toBe('attachment; filename="wardline-export-2026-12-01.fhir.json"');
    expect(fhir.headers.get('cache-control')).toBe('no-store');
    expect(fhir.body).toMatchObject({ resourceType: 'Bundle', type: 'collection', id });
    expect(fhirSchemaErrors(fhir.body)).toEqual([]);
    const kinds = (fhir.body.entry as Array<{ resource: { resourceType: string } }>).map((e) => e.resource.resourceType);
    expect(kinds.filter((k) => k === 'Patient')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'Practitioner')).toHaveLength(2);
    for (const kind of ['Appointment', 'Encounter', 'Condition']) expect(kinds.filter((k) => k === kind), kind).toHaveLength(5);
    expect(kinds.filter((k) => k === 'MedicationRequest')).toHaveLength(2);
    expect(fhir.text).not.toContain('Someone Else');

    // The mail: once, with a link to the export's page and nothing clinical.
    // (Signing in from a new browser sent that patient a new-device notice too: ADR 029.)
    const mail = await inbox.waitFor((m) => m.to.includes(patient.user.email) && m.subject.includes('Your export is ready'));
    expect(mail.subject).toContain('Your export is ready');
    expect(mail.text).toContain(`${world.config.webOrigins[0]}/patient/exports/${id}`);
    expect(mail.html).toContain(`/patient/exports/${id}`);
    for (const clinical of ['Diagnosis', 'Prescription', 'HYPERLINK', 'Flu']) {
      expect(mail.text).not.toContain(clinical);
      expect(mail.html).not.toContain(clinical);
    }
    // A re-run of the done export (a retried job) builds nothing and mails nothing more.
    const before = await deps.db.selectFrom('export_files').select(['format', 'content']).where('export_id', '=', id).orderBy('format').execute();
    await deps.jobs.enqueue(JOBS.exportHistory, { exportId: id }, { jobId: `export.${id}.again` });
    await until(() => completed.has(`export.${id}.again`), 10_000, 'the re-run');
    expect(background().mailTo(patient.user.email).filter((m) => m.subject.includes('Your export is ready'))).toHaveLength(1);
    expect(await deps.db.selectFrom('export_files').select(['format', 'content']).where('export_id', '=', id).orderBy('format').execute()).toEqual(before);

    // Another patient's export is 404, exactly like a missing id.
    const theirs = await other.c.get(`/api/patient/exports/${id}`);
    const missing = await other.c.get('/api/patient/exports/0190a1b2-0000-7000-8000-000000000000');
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
    expect((await other.c.get(`/api/patient/exports/${id}/download?format=csv`)).body).toEqual(
      (await other.c.get('/api/patient/exports/0190a1b2-0000-7000-8000-000000000000/download?format=csv')).body,
    );

    // Past its expiry the files are gone: 410.
    world.clock.advance(TTL_HOURS * 3_600_000);
    // Two days on, the old session has timed out: the patient signs in again.
    patient.c.cookie = await sessionCookie(deps, patient.user.id);
    const expired = await patient.c.get(`/api/patient/exports/${id}/download?format=fhir`);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('gone');
    world.clock.set(now);

    // Done, the next export may be asked for.
    expect((await patient.c.post('/api/patient/exports')).status).toBe(202);
  });

  test('a re-run of a half-done export starts again cleanly', async () => {
    const deps = background().world.deps;
    const patient = await patientWithVisits(3, 'Half Done');
    const id = (await patient.c.post('/api/patient/exports')).body.id as string;
    // An earlier attempt died mid-way: running, some progress, a stray file.
    await deps.db.updateTable('exports').set({ status: 'running', progress: 2, total: 3 }).where('id', '=', id).execute();
    await deps.db.insertInto('export_files').values({ export_id: id, format: 'csv', content: 'half a file', bytes: 11 }).execute();
    await exportHistory(deps, { exportId: id }, fakeJob(1));
    const row = await deps.db.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', error: null });
    expect([Number(row.progress), Number(row.total)]).toEqual([3, 3]);
    // The worker's read of the whole record is in the patient's audit trail, by the system.
    const audit = await auditRowsOf(deps, patient.user.id);
    expect(audit.filter((r) => r.action === 'export_build').map((r) => [r.actor_id, r.entity_id, r.outcome, r.detail])).toEqual([[null, id, 'ok', '{"visits":3}']]);
    const csv = (await patient.c.get(`/api/patient/exports/${id}/download?format=csv`)).text;
    expect(csv).not.toContain('half a file');
    expect(parse(csv)).toHaveLength(4);
    await background().inbox.waitFor((m) => m.to.includes(patient.user.email));
  });

  test('after the last failed attempt the export is failed with a short error, and a new one may be asked for', async () => {
    const deps = background().world.deps;
    const patient = await patientWithVisits(2, 'Unlucky');
    const id = (await patient.c.post('/api/patient/exports')).body.id as string;
    // A zone that does not exist makes every attempt throw while writing the rows.
    const broken = { ...deps, config: { ...deps.config, hospitalTimeZone: 'Nowhere/Nothing' } };
    await expect(exportHistory(broken, { exportId: id }, fakeJob(0))).rejects.toThrow();
    expect((await patient.c.get(`/api/patient/exports/${id}`)).body.status).toBe('running');
    await expect(exportHistory(broken, { exportId: id }, fakeJob(4))).rejects.toThrow();
    const row = await deps.db.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/^The export could not be made/);
    expect(row.error!.length).toBeLessThanOrEqual(200);
    expect((await patient.c.get(`/api/patient/exports/${id}/download?format=csv`)).status).toBe(409);
    expect((await patient.c.post('/api/patient/exports')).status).toBe(202);
    expect(background().mailTo(patient.user.email).filter((m) => !m.subject.includes('new device'))).toEqual([]);
  });
});
