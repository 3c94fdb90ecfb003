/**
 * GET /api/doctor/patients?q=&page=&pageSize=: the signed-in doctor's patients (API.md "Doctor"): everyone
 * with a booked or completed appointment with this doctor, by name, `{ items, total }`. `q` matches a part of
 * the name, ignoring case. `lastVisit` is the latest completed visit with this doctor, `nextVisit` the soonest
 * booked one still to come (instants, null when none). The read is audited (one row for the list).
 */
import { sql } from 'kysely';
import { containsIgnoringCase } from '../../shared/booking/catalog';
import { auditRead } from '../../shared/db/audit';
import { requestSource } from '../../shared/http/client-address';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { DoctorPatientDto, DoctorPatientsQuery } from '../../shared/schemas/doctor';
import { ListOf, pageWindow } from '../../shared/schemas/lists';

const app = newFunction().get(
  '/doctor/patients',
  describe({
    summary: 'My patients',
    operationId: 'listDoctorPatients',
    description: 'Everyone with a booked or completed appointment with this doctor, by name; `q` matches a part of the name, ignoring case.',
    responses: { 200: ListOf(DoctorPatientDto) },
    needs: ['database', 'redis'],
  }),
  requireRole('doctor'),
  query(DoctorPatientsQuery),
  async (c) => {
    const { db, clock } = c.env.deps;
    const doctorId = c.var.user.id;
    const filters = c.req.valid('query');
    const { offset, limit } = pageWindow(filters);
    const now = clock();
    const nowIso = now.toISOString();

    const mine = db
      .selectFrom('appointments as a')
      .select([
        'a.patient_id',
        sql<string | null>`max(case when a.status = 'completed' then a.start_at end)`.as('last_visit'),
        sql<string | null>`min(case when a.status = 'booked' and a.start_at >= ${nowIso} then a.start_at end)`.as('next_visit'),
      ])
      .where('a.doctor_id', '=', doctorId)
      .where('a.status', '<>', 'cancelled')
      .groupBy('a.patient_id')
      .as('m');
    let page = db
      .selectFrom(mine)
      .innerJoin('users as u', 'u.id', 'm.patient_id')
      .leftJoin('patients as p', 'p.user_id', 'm.patient_id')
      .select(['u.id', 'u.name', 'u.email', 'p.phone', 'p.date_of_birth', 'p.gender', 'm.last_visit', 'm.next_visit']);
    let count = db.selectFrom(mine).innerJoin('users as u', 'u.id', 'm.patient_id').select((eb) => eb.fn.countAll().as('n'));
    if (filters.q) {
      page = page.where(containsIgnoringCase('u.name', filters.q));
      count = count.where(containsIgnoringCase('u.name', filters.q));
    }
    const [rows, counted] = await Promise.all([
      page.orderBy('u.name').orderBy('u.id').limit(limit).offset(offset).execute(),
      count.executeTakeFirstOrThrow(),
    ]);
    await auditRead(db, {
      at: now,
      actorId: doctorId,
      actorRole: 'doctor',
      action: 'doctor_patients_list',
      entity: 'patient',
      detail: { count: rows.length },
      ...requestSource(c),
    });
    const items: DoctorPatientDto[] = rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      phone: row.phone ?? null,
      dateOfBirth: row.date_of_birth ?? null,
      gender: (row.gender ?? null) as DoctorPatientDto['gender'],
      lastVisit: row.last_visit ?? null,
      nextVisit: row.next_visit ?? null,
    }));
    return c.json({ items, total: Number(counted.n) }, 200);
  },
);

export default app;
