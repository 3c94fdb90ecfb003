import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JOBS } from '../../shared/jobs/names';
import { insertAppointment } from '../../tests/support/booking';
import { createDoctor } from '../../tests/support/doctors';
import { createPatient } from '../../tests/support/doctor-work';
import { readQueue, type QueueReader } from '../../tests/support/queue';
import { useTestWorld, type TestWorld } from '../../tests/support/test-deps';
import dailyReminders, { enqueueReminders } from './daily-reminders';

/**
 * Puts appointments at the given UTC instants (each with its own patient, so any number may share a
 * start) and answers their ids by label.
 */
async function appointmentsAt(world: TestWorld, doctorId: string, rows: Array<[label: string, start: string, status?: 'booked' | 'cancelled' | 'completed']>) {
  const ids: Record<string, string> = {};
  for (const [label, start, status] of rows) {
    const patient = await createPatient(world.deps);
    ids[label] = await insertAppointment(world.deps, { doctorId, patientId: patient.id, start, status });
  }
  return ids;
}

/** The reminder job ids a run put in the queue for these appointments (by label), sorted. */
async function remindedLabels(reader: QueueReader, ids: Record<string, string>): Promise<string[]> {
  const jobs = await reader.jobsNamed(JOBS.appointmentReminder);
  const byAppointment = new Map(Object.entries(ids).map(([label, id]) => [id, label]));
  return jobs
    .filter((job) => byAppointment.has(String(job.data.appointmentId)))
    .map((job) => {
      const label = byAppointment.get(String(job.data.appointmentId))!;
      // The id names the appointment and its start; the payload carries both.
      expect(job.id).toBe(`reminder.${job.data.appointmentId}.${Date.parse(String(job.data.start))}`);
      expect(job.id).not.toContain(':');
      return label;
    })
    .sort();
}

/** Runs the function twice for `now`: both runs hand the same jobs over, the queue holds them once. */
async function runTwice(world: TestWorld, reader: QueueReader, now: string, ids: Record<string, string>) {
  const first = await dailyReminders.run(world.deps, new Date(now));
  const afterFirst = await remindedLabels(reader, ids);
  const second = await dailyReminders.run(world.deps, new Date(now));
  const afterSecond = await remindedLabels(reader, ids);
  expect(second.enqueued).toBe(first.enqueued);
  expect(afterSecond).toEqual(afterFirst);
  return afterSecond;
}

describe('daily-reminders in Europe/London', () => {
  const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Europe/London' });
  let reader: QueueReader;
  let doctorId: string;
  beforeAll(async () => {
    reader = readQueue(world().config);
    doctorId = (await createDoctor(world().deps)).id;
  });
  afterAll(async () => reader?.close());

  test('on the eve of the autumn change the next day is 25 hours: 00:00 BST to 24:00 GMT', async () => {
    // 2026-10-25 in London runs from 2026-10-24T23:00Z (00:00 BST) to 2026-10-26T00:00Z (00:00 GMT).
    const ids = await appointmentsAt(world(), doctorId, [
      ['before', '2026-10-24T22:59:00.000Z'],
      ['first minute', '2026-10-24T23:00:00.000Z'],
      ['01:30 BST', '2026-10-25T00:30:00.000Z'],
      ['01:30 GMT, the repeated hour', '2026-10-25T01:30:00.000Z'],
      ['cancelled', '2026-10-25T10:00:00.000Z', 'cancelled'],
      ['completed', '2026-10-25T11:00:00.000Z', 'completed'],
      ['last minute', '2026-10-25T23:59:00.000Z'],
      ['after', '2026-10-26T00:00:00.000Z'],
    ]);
    // 08:00 BST on the 24th.
    expect(await runTwice(world(), reader, '2026-10-24T07:00:00.000Z', ids)).toEqual(['01:30 BST', '01:30 GMT, the repeated hour', 'first minute', 'last minute']);
  });

  test('on the eve of the spring change the next day is 23 hours: 00:00 GMT to 24:00 BST', async () => {
    // 2027-03-28 in London runs from 2027-03-28T00:00Z (00:00 GMT) to 2027-03-28T23:00Z (00:00 BST).
    const ids = await appointmentsAt(world(), doctorId, [
      ['before', '2027-03-27T23:59:00.000Z'],
      ['first minute', '2027-03-28T00:00:00.000Z'],
      ['02:30 BST, just after the gap', '2027-03-28T01:30:00.000Z'],
      ['cancelled', '2027-03-28T09:00:00.000Z', 'cancelled'],
      ['completed', '2027-03-28T10:00:00.000Z', 'completed'],
      ['last minute', '2027-03-28T22:59:00.000Z'],
      ['after', '2027-03-28T23:00:00.000Z'],
    ]);
    // 08:00 GMT on the 27th.
    expect(await runTwice(world(), reader, '2027-03-27T08:00:00.000Z', ids)).toEqual(['02:30 BST, just after the gap', 'first minute', 'last minute']);
  });

  test('a run late in the evening still picks the next calendar day in London, not in UTC', async () => {
    // 23:30 BST on 2026-07-01 is already 2026-07-01T22:30Z; at 00:30 BST on the 2nd it is still the 1st in UTC.
    const ids = await appointmentsAt(world(), doctorId, [
      ['the 2nd', '2026-07-02T09:00:00.000Z'],
      ['the 3rd', '2026-07-03T09:00:00.000Z'],
    ]);
    await dailyReminders.run(world().deps, new Date('2026-07-01T22:30:00.000Z'));
    expect(await remindedLabels(reader, ids)).toEqual(['the 2nd']);
    await dailyReminders.run(world().deps, new Date('2026-07-01T23:30:00.000Z'));
    expect(await remindedLabels(reader, ids)).toEqual(['the 2nd', 'the 3rd']);
  });

  test('keyset pages cross appointments that share a start without losing or repeating one', async () => {
    const rows: Array<[string, string]> = [];
    for (let i = 0; i < 7; i++) rows.push([`a${i}`, i < 5 ? '2026-08-02T09:00:00.000Z' : '2026-08-02T10:00:00.000Z']);
    const doctors = [];
    // One live appointment per doctor and start: five doctors for the five sharing 09:00.
    for (let i = 0; i < 5; i++) doctors.push((await createDoctor(world().deps)).id);
    const ids: Record<string, string> = {};
    for (const [i, [label, start]] of rows.entries()) Object.assign(ids, await appointmentsAt(world(), doctors[i % 5]!, [[label, start]]));
    const { enqueued } = await enqueueReminders(world().deps, new Date('2026-08-01T07:00:00.000Z'), 2);
    expect(enqueued).toBe(7);
    expect(await remindedLabels(reader, ids)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
  });

  test('the cron is REMINDER_TIME every day', () => {
    expect(dailyReminders.cron(world().config)).toBe('0 8 * * *');
    expect(dailyReminders.cron({ background: { ...world().config.background, reminderTime: '07:45' } })).toBe('45 7 * * *');
  });
});

describe('daily-reminders in America/New_York', () => {
  const world = useTestWorld({ HOSPITAL_TIMEZONE: 'America/New_York' });
  let reader: QueueReader;
  beforeAll(() => {
    reader = readQueue(world().config);
  });
  afterAll(async () => reader?.close());

  test('the day the clocks go back (2026-11-01) is 25 hours: 04:00Z to 05:00Z the day after', async () => {
    const doctorId = (await createDoctor(world().deps)).id;
    const ids = await appointmentsAt(world(), doctorId, [
      ['before', '2026-11-01T03:59:00.000Z'],
      ['first minute', '2026-11-01T04:00:00.000Z'],
      ['cancelled', '2026-11-01T15:00:00.000Z', 'cancelled'],
      ['completed', '2026-11-01T16:00:00.000Z', 'completed'],
      ['last minute', '2026-11-02T04:59:00.000Z'],
      ['after', '2026-11-02T05:00:00.000Z'],
    ]);
    // 08:00 EDT on 2026-10-31.
    expect(await runTwice(world(), reader, '2026-10-31T12:00:00.000Z', ids)).toEqual(['first minute', 'last minute']);
  });

  test('the day the clocks go forward (2027-03-14) is 23 hours: 05:00Z to 04:00Z the day after', async () => {
    const doctorId = (await createDoctor(world().deps)).id;
    const ids = await appointmentsAt(world(), doctorId, [
      ['before', '2027-03-14T04:59:00.000Z'],
      ['first minute', '2027-03-14T05:00:00.000Z'],
      ['last minute', '2027-03-15T03:59:00.000Z'],
      ['after', '2027-03-15T04:00:00.000Z'],
    ]);
    // 08:00 EST on 2027-03-13.
    expect(await runTwice(world(), reader, '2027-03-13T13:00:00.000Z', ids)).toEqual(['first minute', 'last minute']);
  });
});
