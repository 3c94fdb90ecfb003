import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JOBS } from '../../shared/jobs/names';
import { gatherReport } from '../../jobs/monthly-report';
import { insertAppointment } from '../../tests/support/booking';
import { createDoctor } from '../../tests/support/doctors';
import { createPatient } from '../../tests/support/doctor-work';
import { readQueue, type QueueReader } from '../../tests/support/queue';
import { useTestWorld, type TestWorld } from '../../tests/support/test-deps';
import monthlyReports from './monthly-reports';

/** The report jobs in the queue, as `doctorId month` (and their ids checked). */
async function reportJobs(reader: QueueReader): Promise<string[]> {
  const jobs = await reader.jobsNamed(JOBS.monthlyReport);
  return jobs
    .map((job) => {
      expect(job.id).toBe(`report.${job.data.doctorId}.${job.data.month}`);
      return `${job.data.doctorId} ${job.data.month}`;
    })
    .sort();
}

async function doctors(world: TestWorld) {
  return {
    active: (await createDoctor(world.deps)).id,
    blacklisted: (await createDoctor(world.deps, { status: 'blacklisted' })).id,
    removed: (await createDoctor(world.deps, { deleted: true })).id,
  };
}

describe('monthly-reports east of UTC (Asia/Tokyo)', () => {
  const world = useTestWorld({ HOSPITAL_TIMEZONE: 'Asia/Tokyo' });
  let reader: QueueReader;
  beforeAll(() => {
    reader = readQueue(world().config);
  });
  afterAll(async () => reader?.close());

  test('06:00 on 1 December in Tokyo (still 30 November in UTC) reports November, to active doctors only; twice enqueues once', async () => {
    const d = await doctors(world());
    const now = new Date('2026-11-30T21:00:00.000Z');
    const first = await monthlyReports.run(world().deps, now);
    expect(first.enqueued).toBe(1);
    expect(await reportJobs(reader)).toEqual([`${d.active} 2026-11`]);
    await monthlyReports.run(world().deps, now);
    expect(await reportJobs(reader)).toEqual([`${d.active} 2026-11`]);
  });

  test("a report counts the month by Tokyo's calendar: 00:30 on 1 December (30 November in UTC) is December's", async () => {
    const doctorId = (await createDoctor(world().deps)).id;
    const at = async (start: string, status: 'booked' | 'completed' | 'cancelled') =>
      insertAppointment(world().deps, { doctorId, patientId: (await createPatient(world().deps)).id, start, status });
    await at('2026-10-31T15:00:00.000Z', 'completed'); // 00:00 on 1 November in Tokyo: November's first minute
    await at('2026-11-30T14:30:00.000Z', 'completed'); // 23:30 on 30 November in Tokyo
    await at('2026-11-30T15:30:00.000Z', 'completed'); // 00:30 on 1 December in Tokyo: not November's
    await at('2026-10-31T14:59:00.000Z', 'completed'); // 23:59 on 31 October: not November's
    await at('2026-11-10T01:00:00.000Z', 'cancelled');
    await at('2026-11-10T02:00:00.000Z', 'booked');
    const report = await gatherReport(world().deps, doctorId, 'Dr Tokyo', '2026-11');
    expect(report.byStatus).toEqual({ booked: 1, completed: 2, cancelled: 1 });
    expect(report.visitsPerDay).toHaveLength(30);
    expect(report.visitsPerDay.filter((d) => d.visits > 0)).toEqual([
      { date: '2026-11-01', visits: 1 },
      { date: '2026-11-30', visits: 1 },
    ]);
  });
});

describe('monthly-reports west of UTC (America/Los_Angeles)', () => {
  const world = useTestWorld({ HOSPITAL_TIMEZONE: 'America/Los_Angeles' });
  let reader: QueueReader;
  beforeAll(() => {
    reader = readQueue(world().config);
  });
  afterAll(async () => reader?.close());

  test('06:00 on 1 January reports December of the year before', async () => {
    const d = await doctors(world());
    await monthlyReports.run(world().deps, new Date('2027-01-01T14:00:00.000Z'));
    expect(await reportJobs(reader)).toEqual([`${d.active} 2026-12`]);
  });

  test("a report counts the month by Los Angeles' calendar: 23:30 on 30 November (1 December in UTC) is November's", async () => {
    const doctorId = (await createDoctor(world().deps)).id;
    const at = async (start: string) => insertAppointment(world().deps, { doctorId, patientId: (await createPatient(world().deps)).id, start, status: 'completed' });
    await at('2026-12-01T07:30:00.000Z'); // 23:30 PST on 30 November
    await at('2026-11-01T06:59:00.000Z'); // 23:59 PDT on 31 October: not November's
    await at('2026-12-01T08:00:00.000Z'); // 00:00 PST on 1 December: not November's
    const report = await gatherReport(world().deps, doctorId, 'Dr LA', '2026-11');
    expect(report.byStatus).toEqual({ booked: 0, completed: 1, cancelled: 0 });
    expect(report.visitsPerDay.filter((d) => d.visits > 0)).toEqual([{ date: '2026-11-30', visits: 1 }]);
  });

  test('the cron is MONTHLY_REPORT_TIME on the 1st', () => {
    expect(monthlyReports.cron(world().config)).toBe('0 6 1 * *');
  });
});
