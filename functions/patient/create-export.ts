/**
 * POST /api/patient/exports: a patient asks for an export of their whole treatment history, as CSV and as a
 * FHIR R4 Bundle (API.md "Patient", ADR 027). Answers 202 `{ id, status: 'queued' }`; the worker
 * (jobs/export-history.ts) builds the files and mails the patient when they are ready.
 *
 * The job goes through the OUTBOX, written in the same transaction as the export row: with Redis down the
 * request still succeeds and the row stays queued until the relay hands the job over (ARCHITECTURE rule 5).
 * One export at a time per patient: the check before the insert gives a friendly 409 `state` naming the
 * running export; under a race the partial unique index exports_one_running decides, and its violation is
 * the same 409. With an `Idempotency-Key` the first answer is replayed to a repeat (ADR 018).
 */
import { writeAudit } from '../../shared/db/audit';
import { isUniqueViolation } from '../../shared/db/errors';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { conflict, HttpError } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { idempotentCreate, type Answer } from '../../shared/http/idempotency';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { newId } from '../../shared/ids';
import { JOBS, writeOutbox } from '../../shared/jobs/outbox';
import { CreateExportInput, QueuedExport } from '../../shared/schemas/exports';

const oneAtATime = (exportId?: string) =>
  conflict('state', 'An export of your record is already being made. Wait until it is done, then ask again.', exportId ? { exportId } : undefined);

const app = newFunction().post(
  '/patient/exports',
  describe({
    summary: 'Export my record',
    operationId: 'createPatientExport',
    description:
      'Queues an export of the whole treatment history as CSV and as a FHIR R4 Bundle. Poll `GET /api/patient/exports/{id}` ' +
      'for its progress; an email says when it is ready. Send an `Idempotency-Key` header to make a retry safe.',
    requestHeaders: { 'Idempotency-Key': '1 to 100 printable ASCII characters; a repeat within 24 hours answers the first answer again (ADR 018)' },
    responses: { 202: QueuedExport },
    errors: {
      400: 'invalid_input: the Idempotency-Key header is not valid, or the body sends a field (it takes none)',
      409: ['state: an export of yours is queued or running (`exportId` names it when known)', 'idempotency_key_reused'],
    },
    needs: ['database'],
  }),
  requireRole('patient'),
  body(CreateExportInput),
  async (c) => {
    const { db, clock } = c.env.deps;
    const user = c.var.user;
    return idempotentCreate(c, { userId: user.id, body: {} }, async (claim) => {
      const now = clock();
      const id = newId();
      const answer: Answer = { status: 202, body: { id, status: 'queued' } satisfies QueuedExport };
      try {
        await db.transaction().execute(async (trx) => {
          // Reads first, then writes (D1 holds writes back to the commit).
          const running = await trx
            .selectFrom('exports')
            .select('id')
            .where('patient_id', '=', user.id)
            .where('status', 'in', ['queued', 'running'])
            .executeTakeFirst();
          if (running) throw oneAtATime(running.id);
          await claim.remember(trx, answer);
          await trx
            .insertInto('exports')
            .values({ id, patient_id: user.id, status: 'queued', location: null, error: null, created_at: now.toISOString(), finished_at: null, expires_at: null, progress: 0, total: null })
            .execute();
          await writeOutbox(trx, JOBS.exportHistory, { exportId: id }, now);
          await writeAudit(trx, {
            at: now,
            actorId: user.id,
            actorRole: 'patient',
            patientId: user.id,
            action: 'export_create',
            entity: 'export',
            entityId: id,
            ...requestSource(c),
          });
        });
      } catch (err) {
        if (err instanceof HttpError) throw err;
        // exports_one_running: another request of this patient started one a moment ago.
        if (isUniqueViolation(err)) throw oneAtATime();
        throw err;
      }
      return answer;
    });
  },
);

export default app;
