/**
 * GET /api/doctors/:id: one doctor who takes bookings (API.md "Public catalogue"). A blacklisted or
 * removed doctor answers the same 404 as an id that never existed. Anyone.
 */
import { catalogDoctors, DOCTOR_FIELDS, toDoctorDto } from '../../shared/booking/catalog';
import { newFunction } from '../../shared/http/define-function';
import { notFound } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { DoctorDto } from '../../shared/schemas/catalog';

const app = newFunction().get(
  '/doctors/:id',
  describe({
    summary: 'Get a doctor',
    operationId: 'getDoctor',
    responses: { 200: DoctorDto },
    errors: { 404: 'not_found' },
    needs: ['database'],
  }),
  async (c) => {
    const { db } = c.env.deps;
    const row = await catalogDoctors(db).where('doctors.user_id', '=', c.req.param('id')).select(DOCTOR_FIELDS).executeTakeFirst();
    if (!row) throw notFound('That doctor');
    return c.json(toDoctorDto(row) satisfies DoctorDto, 200);
  },
);

export default app;
