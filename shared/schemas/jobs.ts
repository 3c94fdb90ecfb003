/** The job queue as an admin sees it (API.md "Admin": `GET /api/admin/jobs`). Pure valibot. */
import * as v from 'valibot';

export const QueueCountsDto = v.object({
  name: v.string(),
  waiting: v.number(),
  active: v.number(),
  delayed: v.number(),
  failed: v.number(),
  completed: v.number(),
});

/** A job that ran out of attempts: kept four weeks so an admin can read why and retry it. */
export const JobFailureDto = v.object({
  id: v.string(),
  name: v.string(),
  reason: v.string(),
  attempts: v.number(),
  failedAt: v.string(),
});

export const AdminJobs = v.object({ queues: v.array(QueueCountsDto), failures: v.array(JobFailureDto) });
export type AdminJobs = v.InferOutput<typeof AdminJobs>;

/** What a retry answers (202): the job is waiting in the queue again. */
export const RetriedJob = v.object({ id: v.string(), state: v.literal('waiting') });
export type RetriedJob = v.InferOutput<typeof RetriedJob>;
