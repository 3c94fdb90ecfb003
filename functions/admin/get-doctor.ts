/** GET /api/admin/doctors/:id: one doctor as the admin sees them, removed or blacklisted too (API.md "Admin"). */
import { loadAdminDoctor } from '../../shared/admin/doctors';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AdminDoctorDto } from '../../shared/schemas/admin';

const app = newFunction().get(
  '/admin/doctors/:id',
  describe({ summary: 'Get a doctor', operationId: 'adminGetDoctor', responses: { 200: AdminDoctorDto }, errors: { 404: 'not_found: no such doctor' } }),
  requireRole('admin'),
  async (c) => {
    const doctor = await loadAdminDoctor(c.env.deps.db, c.req.param('id'));
    if (!doctor) throw notFound('That doctor');
    return c.json(doctor satisfies AdminDoctorDto, 200);
  },
);

export default app;
