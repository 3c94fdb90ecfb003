/**
 * GET /api/admin/patients?q=&status=&page=&pageSize=: patients by name with their status (API.md "Admin"). `q`
 * finds a part of the name, email, phone or id in any letter case (ADR 022). Each patient listed is a read of
 * their record: one audit row each, so the patient's access log shows the admin.
 */
import { ADMIN_PATIENT_FIELDS, adminPatients, hasPatientSearchTable, toAdminPatientDto } from '../../shared/admin/patients';
import { auditRead } from '../../shared/db/audit';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { AdminPatientList, AdminPatientListQuery } from '../../shared/schemas/admin';
import { pageWindow } from '../../shared/schemas/lists';

const app = newFunction().get(
  '/admin/patients',
  describe({ summary: 'Find patients', operationId: 'adminListPatients', responses: { 200: AdminPatientList } }),
  requireRole('admin'),
  query(AdminPatientListQuery),
  async (c) => {
    const { db, clock } = c.env.deps;
    const admin = c.var.user;
    const filter = c.req.valid('query');
    const { offset, limit } = pageWindow(filter);
    const matching = adminPatients(db, { ...filter, trigramTable: await hasPatientSearchTable(db) });
    const [rows, count] = await Promise.all([
      matching
        .select(ADMIN_PATIENT_FIELDS)
        .orderBy((eb) => eb.fn('lower', ['u.name']))
        .orderBy('u.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      matching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    const now = clock();
    const source = requestSource(c);
    await Promise.all(
      rows.map((row) =>
        auditRead(db, { at: now, actorId: admin.id, actorRole: 'admin', patientId: row.id, action: 'patients_list', entity: 'patient', entityId: row.id, ...source }),
      ),
    );
    return c.json({ items: rows.map(toAdminPatientDto), total: Number(count.n) } satisfies AdminPatientList, 200);
  },
);

export default app;
