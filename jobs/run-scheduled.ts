/**
 * Processor for the job schedulers' jobs (JOBS.dailyReminders, JOBS.monthlyReports): runs the scheduled
 * function for the moment the job stands for. That is the moment the scheduler meant (its `prevMillis`,
 * also in the job id `repeat:<scheduler>:<millis>`), not when a worker got round to it: a worker that was
 * down at 08:00 and picks the job up at 08:20 still reminds for the day after the 08:00 one. A payload
 * `now` (ISO) overrides it (a job added by hand). Idempotent: the functions enqueue with stable ids.
 */
import type { Job } from 'bullmq';
import type { Processor } from './processors';
import { scheduledByJob } from './scheduled-functions';

/** The instant a scheduler job was due, or undefined for a job not made by a scheduler. */
export function schedulerMoment(job: Pick<Job, 'id' | 'opts'>): number | undefined {
  const prev = (job.opts as { prevMillis?: unknown }).prevMillis;
  if (typeof prev === 'number' && Number.isFinite(prev)) return prev;
  const fromId = /^repeat:[^:]+:(\d+)$/.exec(job.id ?? '');
  return fromId ? Number(fromId[1]) : undefined;
}

export const process: Processor = async (deps, payload, job) => {
  const fn = scheduledByJob(job.name);
  if (!fn) throw new Error(`no scheduled function for job "${job.name}"`);
  let moment: number;
  if (payload.now !== undefined) {
    moment = Date.parse(String(payload.now));
    if (Number.isNaN(moment)) throw new Error(`job ${job.id}: payload now "${payload.now}" is not an instant`);
  } else {
    moment = schedulerMoment(job) ?? job.timestamp;
  }
  const { enqueued } = await fn.run(deps, new Date(moment));
  deps.log.info('scheduled function ran', { name: fn.name, at: new Date(moment).toISOString(), enqueued });
};
