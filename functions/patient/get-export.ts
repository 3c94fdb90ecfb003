/**
 * GET /api/patient/exports/:id: one of the patient's own exports, to poll its status and progress:
 * `{ id, status, createdAt, finishedAt, expiresAt, progress, total }`. Another patient's export answers
 * exactly as a missing one: 404. The read is audited either way (outcome `not_found` for the 404).
 */
import { auditRead } from '../../shared/db/audit';
import { findOwnExport, toPatientExport } from '../../shared/exports/own-export';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { requestedId } from '../../shared/patients/own-appointment';
import { PatientExport } from '../../shared/schemas/exports';

const app = newFunction().get(
  '/patient/exports/:id',
  describe({
    summary: 'One of my exports',
    operationId: 'getPatientExport',
    responses: { 200: PatientExport },
    errors: { 404: 'not_found: no such export of yours' },
  }),
  requireRole('patient'),
  async (c) => {
    const { db, clock } = c.env.deps;
    const user = c.var.user;
    const id = c.req.param('id');
    const row = await findOwnExport(db, user.id, id);
    await auditRead(db, {
      at: clock(),
      actorId: user.id,
      actorRole: 'patient',
      patientId: user.id,
      action: 'export_read',
      entity: 'export',
      entityId: row ? row.id : requestedId(id),
      outcome: row ? 'ok' : 'not_found',
      ...requestSource(c),
    });
    if (!row) throw notFound('The export');
    return c.json(toPatientExport(row), 200);
  },
);

export default app;
