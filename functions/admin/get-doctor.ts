/**
 * GET /api/admin/doctors/:id: one doctor as the admin sees them, removed or blacklisted too (API.md "Admin"),
 * and whether their two-step sign-in is on (`mfaEnabled`, an addition).
 */
import { loadAdminDoctor } from '../../shared/admin/doctors';
import { hasMfa } from '../../shared/auth/mfa';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AdminDoctorDetail } from '../../shared/schemas/admin';

const app = newFunction().get(
  '/admin/doctors/:id',
  describe({ summary: 'Get a doctor', operationId: 'adminGetDoctor', responses: { 200: AdminDoctorDetail }, errors: { 404: 'not_found: no such doctor' } }),
  requireRole('admin'),
  async (c) => {
    const { db } = c.env.deps;
    const id = c.req.param('id');
    const [doctor, mfaEnabled] = await Promise.all([loadAdminDoctor(db, id), hasMfa(db, id)]);
    if (!doctor) throw notFound('That doctor');
    return c.json({ ...doctor, mfaEnabled } satisfies AdminDoctorDetail, 200);
  },
);

export default app;
