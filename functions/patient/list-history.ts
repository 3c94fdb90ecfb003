/**
 * GET /api/patient/history?page=&pageSize=: the patient's own treatments, one per completed visit, most
 * recent visit first: `{ items: [{ appointmentId, date, doctorName, departmentName, diagnosis, prescription,
 * notes, nextVisit }], total }`. `date` is the visit's calendar date in the hospital's zone. The read is audited.
 */
import { auditRead } from '../../shared/db/audit';
import { historyPage } from '../../shared/patients/history';
import { newFunction } from '../../shared/http/define-function';
import { requestSource } from '../../shared/http/client-address';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { query } from '../../shared/http/validate';
import { ListOf, pageWindow } from '../../shared/schemas/lists';
import { HistoryEntry, PageOnlyQuery } from '../../shared/schemas/patient';

const app = newFunction().get(
  '/patient/history',
  describe({
    summary: 'My treatment history',
    operationId: 'listPatientHistory',
    responses: { 200: ListOf(HistoryEntry) },
  }),
  requireRole('patient'),
  query(PageOnlyQuery),
  async (c) => {
    const { db, clock, config } = c.env.deps;
    const user = c.var.user;
    const { offset, limit } = pageWindow(c.req.valid('query'));
    const history = await historyPage(db, user.id, { offset, limit }, config.hospitalTimeZone);
    await auditRead(db, {
      at: clock(),
      actorId: user.id,
      actorRole: 'patient',
      patientId: user.id,
      action: 'history_read',
      entity: 'treatment',
      ...requestSource(c),
    });
    // The patient's own view names no treatment or author ids (the doctor's view does).
    const items: HistoryEntry[] = history.items.map(({ treatmentId: _treatment, authorId: _author, ...entry }) => entry);
    return c.json({ items, total: history.total }, 200);
  },
);

export default app;
