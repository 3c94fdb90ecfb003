/**
 * POST /api/admin/users/:id/blacklist: the admin blacklists a patient or a doctor (API.md "Admin"). The account
 * can no longer sign in (login answers 403 `account_disabled`) and every session of it ends at once. A
 * blacklisted doctor leaves the catalogue, and their future booked appointments are cancelled in the same
 * transaction as the status change, each with an outbox row that emails its patient. An admin cannot be
 * blacklisted (not themself, not another admin): 409 `state`. Blacklisting a blacklisted user changes nothing.
 */
import { bumpDashboard } from '../../shared/admin/dashboard-cache';
import { cancelForWithdrawnDoctor, futureBookedAppointments, loadUser, toAdminUserDto } from '../../shared/admin/users';
import { writeAudit } from '../../shared/db/audit';
import { lockDoctor } from '../../shared/db/locks';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { conflict, notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AdminUserDto } from '../../shared/schemas/admin';

const app = newFunction().post(
  '/admin/users/:id/blacklist',
  describe({
    summary: 'Blacklist a user',
    operationId: 'blacklistUser',
    description:
      'The user can no longer sign in and every session of theirs ends now. For a doctor, every future booked ' +
      'appointment is cancelled ("The doctor is no longer available") and its patient is emailed.',
    responses: { 200: AdminUserDto },
    errors: {
      404: 'not_found: no such user',
      409: 'state: an administrator cannot be blacklisted (neither oneself nor another admin)',
    },
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

    const user = await db.transaction().execute(async (trx) => {
      // Every read before the first write (D1).
      const target = await loadUser(trx, id);
      if (!target) return undefined;
      if (target.role === 'admin') return target;
      if (target.role === 'doctor') await lockDoctor(trx, target.id);
      const cancelled = target.role === 'doctor' ? await futureBookedAppointments(trx, target.id, at) : [];
      if (target.status !== 'blacklisted') {
        await trx.updateTable('users').set({ status: 'blacklisted', updated_at: at }).where('id', '=', target.id).execute();
      }
      await cancelForWithdrawnDoctor(trx, cancelled, { adminId: admin.id, now, ...source, cause: 'doctor_blacklisted' });
      await writeAudit(trx, {
        at: now,
        actorId: admin.id,
        actorRole: 'admin',
        patientId: target.role === 'patient' ? target.id : null,
        action: 'user_blacklist',
        entity: 'user',
        entityId: target.id,
        detail: { role: target.role, appointmentsCancelled: cancelled.length },
        ...source,
      });
      return { ...target, status: 'blacklisted' as const };
    });
    if (!user) {
      await writeAudit(db, { at: now, actorId: admin.id, actorRole: 'admin', action: 'user_blacklist', entity: 'user', entityId: id, outcome: 'not_found', ...source });
      throw notFound('That user');
    }
    if (user.role === 'admin') {
      await writeAudit(db, { at: now, actorId: admin.id, actorRole: 'admin', action: 'user_blacklist', entity: 'user', entityId: id, outcome: 'state', ...source });
      throw conflict(
        'state',
        user.id === admin.id
          ? 'You cannot blacklist yourself: the hospital would lose its administrator.'
          : 'An administrator cannot be blacklisted: administrators are managed outside the application.',
      );
    }
    // After the commit: a sign-in racing with this one cannot outlive it (a session of a blacklisted account
    // no longer validates either: shared/auth/session-store.ts reads only active users).
    await sessions.invalidateUser(user.id);
    // The admin dashboard's numbers may have moved (shared/admin/dashboard-cache.ts): after the commit.
    await bumpDashboard(c.env.deps.cache);
    return c.json(toAdminUserDto(user) satisfies AdminUserDto, 200);
  },
);

export default app;
