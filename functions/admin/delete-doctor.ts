/**
 * DELETE /api/admin/doctors/:id: the admin removes a doctor (API.md "Admin"). A soft delete: `deleted_at` is set,
 * the account and every appointment and treatment stay (history keeps pointing at the doctor). The doctor leaves
 * the catalogue and takes no bookings, and their future booked appointments are cancelled as at a blacklisting,
 * in the same transaction, each with an outbox row that emails its patient; their sessions end. Removing a
 * removed doctor changes nothing. Answers the doctor with `status: "removed"`.
 */
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { loadAdminDoctor } from '../../shared/admin/doctors';
import { cancelForWithdrawnDoctor, futureBookedAppointments } from '../../shared/admin/users';
import { writeAudit } from '../../shared/db/audit';
import { lockDoctor } from '../../shared/db/locks';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AdminDoctorDto } from '../../shared/schemas/admin';

const app = newFunction().delete(
  '/admin/doctors/:id',
  describe({
    summary: 'Remove a doctor',
    operationId: 'adminDeleteDoctor',
    description: 'A soft delete: history stays. Future booked appointments are cancelled and their patients emailed.',
    responses: { 200: AdminDoctorDto },
    errors: { 404: 'not_found: no such doctor' },
    needs: ['database', 'redis'],
  }),
  requireRole('admin'),
  async (c) => {
    const { db, clock, sessions } = c.env.deps;
    const admin = c.var.user;
    const id = c.req.param('id');
    const now = clock();
    const at = now.toISOString();
    const source = requestSource(c);

    const doctor = await db.transaction().execute(async (trx) => {
      const current = await loadAdminDoctor(trx, id);
      if (!current) return undefined;
      await lockDoctor(trx, id);
      const cancelled = current.status === 'removed' ? [] : await futureBookedAppointments(trx, id, at);
      if (current.status !== 'removed') {
        await trx.updateTable('doctors').set({ deleted_at: at, updated_at: at }).where('user_id', '=', id).where('deleted_at', 'is', null).execute();
      }
      await cancelForWithdrawnDoctor(trx, cancelled, { adminId: admin.id, now, ...source, cause: 'doctor_removed' });
      await writeAudit(trx, {
        at: now,
        actorId: admin.id,
        actorRole: 'admin',
        action: 'doctor_delete',
        entity: 'doctor',
        entityId: id,
        detail: { appointmentsCancelled: cancelled.length },
        ...source,
      });
      return { ...current, status: 'removed' as const };
    });
    if (!doctor) throw notFound('That doctor');
    await sessions.invalidateUser(id);
    // The admin dashboard's numbers may have moved (shared/admin/dashboard-cache.ts): after the commit.
    await bumpDashboard(c.env.deps.cache);
    return c.json(doctor satisfies AdminDoctorDto, 200);
  },
);

export default app;
