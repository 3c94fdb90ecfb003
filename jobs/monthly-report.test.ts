import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JOBS } from '../shared/jobs/names';
import { insertAppointment } from '../tests/support/booking';
import { until, useBackgroundWorld } from '../tests/support/background';
import { createDoctor } from '../tests/support/doctors';
import { createPatient } from '../tests/support/doctor-work';
import { createTreatment } from '../tests/support/patient-records';
import { readQueue, type QueueReader } from '../tests/support/queue';

const background = useBackgroundWorld({ HOSPITAL_TIMEZONE: 'Europe/London', HOSPITAL_NAME: 'St Test' });
let reader: QueueReader;
let doctor: { id: string; email: string };
let blacklisted: { id: string; email: string };

/** Diagnoses of November's visits: six kinds, so the top five leaves one out. */
const DIAGNOSES = ['Asthma', 'Asthma', 'Asthma', 'Otitis <media> & co', 'Otitis <media> & co', 'Bronchitis', 'Cystitis', 'Dermatitis', 'Zoster'];

beforeAll(async () => {
  const { world, startWorker } = background();
  const { deps } = world;
  reader = readQueue(world.config);
  doctor = await createDoctor(deps, { name: 'Dr Ada Report' });
  blacklisted = await createDoctor(deps, { status: 'blacklisted' });
  for (const [i, diagnosis] of DIAGNOSES.entries()) {
    const patient = await createPatient(deps);
    // Three visits a day on 2, 3 and 4 November, at 09:00, 10:00 and 11:00 GMT.
    const day = String(2 + Math.floor(i / 3)).padStart(2, '0');
    const start = `2026-11-${day}T${String(9 + (i % 3)).padStart(2, '0')}:00:00.000Z`;
    const appointmentId = await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start, status: 'completed' });
    await createTreatment(deps, { appointmentId, doctorId: doctor.id, patientId: patient.id, diagnosis });
  }
  const patient = await createPatient(deps);
  await insertAppointment(deps, { doctorId: doctor.id, patientId: patient.id, start: '2026-11-20T10:00:00.000Z', status: 'cancelled' });
  await insertAppointment(deps, { doctorId: blacklisted.id, patientId: patient.id, start: '2026-11-21T10:00:00.000Z', status: 'completed' });
  await startWorker();
});
afterAll(async () => reader?.close());

/** Rectangles drawn in a PDF's content streams (pdfkit deflates them). */
function pdfRectangles(pdf: Buffer): number {
  let count = 0;
  for (const m of pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      count += (inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1').match(/ re\n/g) ?? []).length;
    } catch {
      // Not a deflated stream (fonts and the like): no drawing in it.
    }
  }
  return count;
}

async function completed(jobId: string): Promise<boolean> {
  const job = await reader.queue.getJob(jobId);
  if (!job) return false;
  if (await job.isFailed()) throw new Error(`job ${jobId} failed: ${job.failedReason}`);
  return job.isCompleted();
}

describe('the monthly report, through the scheduler job, the worker and SMTP', () => {
  test('the doctor gets one HTML mail with a bar chart, a plain-text part and a PDF copy', async () => {
    const { world, mailTo } = background();
    // What the job scheduler adds on 1 December at 06:00 (GMT); the payload's `now` stands for its moment.
    await world.deps.jobs.enqueue(JOBS.monthlyReports, { now: '2026-12-01T06:00:00.000Z' }, { jobId: 'monthly-run-1' });
    await until(() => mailTo(doctor.email).length === 1, 20_000, "the doctor's report");
    const [mail] = mailTo(doctor.email);
    expect(mail!.subject).toBe('Your monthly report for November 2026 · St Test');
    expect(mail!.messageId).toBe(`<monthly_report.${doctor.id}.2026-11@wardline>`);

    const body = mail!.html!;
    // The chart is table cells with inline widths and colours: what every mail client shows.
    expect(body).toContain('class="visits-chart"');
    const bars = [...body.matchAll(/<td width="(\d+)" height="12" bgcolor="#0b5394"/g)].map((m) => Number(m[1]));
    expect(bars).toEqual([320, 320, 320]); // three visits on each of 2, 3 and 4 November
    expect(body).not.toMatch(/<svg|<script|<img/i);
    expect(body).toContain('Mon 02');
    // Top five diagnoses, most frequent first, ties by name; escaped; the sixth left out.
    const items = [...body.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);
    expect(items).toEqual(['Asthma (3)', 'Otitis &lt;media&gt; &amp; co (2)', 'Bronchitis (1)', 'Cystitis (1)', 'Dermatitis (1)']);
    expect(body).not.toContain('Zoster');
    expect(body).toMatch(/Completed<\/td><td[^>]*>9</);
    expect(body).toMatch(/Cancelled<\/td><td[^>]*>1</);

    expect(mail!.text).toContain('Visits per day:');
    expect(mail!.text).toMatch(/Mon 02 {2}#{30} 3/);
    expect(mail!.text).toContain('1. Asthma (3)');

    expect(mail!.attachments).toHaveLength(1);
    const [pdf] = mail!.attachments;
    expect(pdf!.contentType).toBe('application/pdf');
    expect(pdf!.filename).toBe('wardline-report-2026-11.pdf');
    const bytes = Buffer.from(pdf!.content, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The same bar chart in the PDF: one filled rectangle (`re`) per day with visits, in its page's content.
    expect(pdfRectangles(bytes)).toBe(3);
  });

  test('run again (the same report job re-run, and the scheduler job again): still one mail', async () => {
    const { world, mailTo } = background();
    await world.deps.jobs.enqueue(JOBS.monthlyReport, { doctorId: doctor.id, month: '2026-11' }, { jobId: 'report-again' });
    await until(() => completed('report-again'), 20_000, 'the repeated report job');
    await world.deps.jobs.enqueue(JOBS.monthlyReports, { now: '2026-12-01T06:00:00.000Z' }, { jobId: 'monthly-run-2' });
    await until(() => completed('monthly-run-2'), 20_000, 'the repeated scheduler job');
    await until(() => completed(`report.${doctor.id}.2026-11`), 20_000, 'the report job');
    expect(mailTo(doctor.email)).toHaveLength(1);
    const rows = await world.deps.db.selectFrom('email_deliveries').select(['status', 'recipient']).where('kind', '=', 'monthly_report').execute();
    expect(rows).toEqual([{ status: 'sent', recipient: doctor.email }]);
  });

  test('a blacklisted doctor gets no report', async () => {
    const { mailTo } = background();
    expect(await reader.queue.getJob(`report.${blacklisted.id}.2026-11`)).toBeUndefined();
    expect(mailTo(blacklisted.email)).toEqual([]);
  });
});
