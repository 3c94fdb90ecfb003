/**
 * GET /api/admin/patients/:id: one patient's profile with status and appointment counts (API.md "Admin"). The
 * read is audited with the patient, so their access log shows the admin. Another kind of user's id answers as
 * an unknown one.
 */
import { loadAdminPatient } from '../../shared/admin/patients';
import { auditRead } from '../../shared/db/audit';
import { requestSource } from '../../shared/http/client-address';
import { hasMfa } from '../../shared/auth/mfa';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AdminPatientDetail } from '../../shared/schemas/admin';

const app = newFunction().get(
  '/admin/patients/:id',
  describe({ summary: 'Get a patient', operationId: 'adminGetPatient', responses: { 200: AdminPatientDetail }, errors: { 404: 'not_found: no such patient' } }),
  requireRole('admin'),
  async (c) => {
    const { db, clock } = c.env.deps;
    const admin = c.var.user;
    const id = c.req.param('id');
    const [patient, counts, mfaEnabled] = await Promise.all([
      loadAdminPatient(db, id),
      db.selectFrom('appointments').select(['status', (eb) => eb.fn.countAll().as('n')]).where('patient_id', '=', id).groupBy('status').execute(),
      hasMfa(db, id),
    ]);
    await auditRead(db, {
      at: clock(),
      actorId: admin.id,
      actorRole: 'admin',
      patientId: patient ? id : null,
      action: 'patient_read',
      entity: 'patient',
      entityId: id,
      outcome: patient ? 'ok' : 'not_found',
      ...requestSource(c),
    });
    if (!patient) throw notFound('That patient');
    const by = Object.fromEntries(counts.map((r) => [r.status, Number(r.n)]));
    const appointments = { booked: by.booked ?? 0, completed: by.completed ?? 0, cancelled: by.cancelled ?? 0, total: 0 };
    appointments.total = appointments.booked + appointments.completed + appointments.cancelled;
    return c.json({ ...patient, appointments, mfaEnabled } satisfies AdminPatientDetail, 200);
  },
);

export default app;
