/** GET /api/patient/profile: the signed-in patient's own profile (API.md "Patient"). The read is audited. */
import { auditRead } from '../../shared/db/audit';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { notFound } from '../../shared/http/errors';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { loadProfile } from '../../shared/patients/profile';
import { PatientProfile } from '../../shared/schemas/patient';

const app = newFunction().get(
  '/patient/profile',
  describe({
    summary: 'My profile',
    operationId: 'getPatientProfile',
    responses: { 200: PatientProfile },
    errors: { 404: 'not_found: the account has no patient record' },
  }),
  requireRole('patient'),
  async (c) => {
    const { db, clock } = c.env.deps;
    const user = c.var.user;
    const profile = await loadProfile(db, user.id);
    await auditRead(db, {
      at: clock(),
      actorId: user.id,
      actorRole: 'patient',
      patientId: user.id,
      action: 'profile_read',
      entity: 'patient',
      entityId: user.id,
      outcome: profile ? 'ok' : 'not_found',
      ...requestSource(c),
    });
    if (!profile) throw notFound('Your patient record');
    return c.json(profile satisfies PatientProfile, 200);
  },
);

export default app;
