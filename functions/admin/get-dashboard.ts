/**
 * GET /api/admin/dashboard: the hospital in numbers (API.md "Admin"): doctors, patients, appointments by
 * status and today's, a chart per calendar day (30 days back to the end of the booking window) and per
 * department. Computed by a few aggregate queries (shared/admin/dashboard.ts) and kept in the cache for
 * DASHBOARD_TTL_MS, stamped with the dashboard's version: every change that moves the numbers bumps the
 * version after its commit (shared/admin/dashboard-cache.ts), so a booking shows on the next read. One round
 * trip reads both the version and the cached answer. Aggregates only, no patient's record: not audited.
 */
import { computeDashboard } from '../../shared/admin/dashboard';
import { DASHBOARD_ANSWER_KEY, DASHBOARD_TTL_MS, DASHBOARD_VERSION_KEY } from '../../shared/admin/dashboard-cache';
import { newFunction } from '../../shared/http/define-function';
import { requireRole } from '../../shared/http/guards';
import { describe } from '../../shared/http/route-meta';
import { AdminDashboard } from '../../shared/schemas/dashboard';

/** The computations under way in this process, by the dashboard version they are for. */
const inFlight = new Map<string, Promise<string>>();

const app = newFunction().get(
  '/admin/dashboard',
  describe({
    summary: 'The hospital in numbers',
    operationId: 'getAdminDashboard',
    description: 'Cached for a minute at most, and recomputed on the first read after any booking, cancellation or registration.',
    responses: { 200: AdminDashboard },
  }),
  requireRole('admin'),
  async (c) => {
    const { db, cache, clock, config } = c.env.deps;
    const [version = '0', cached] = await Promise.all([cache.get(DASHBOARD_VERSION_KEY).then((v) => v ?? '0'), cache.get(DASHBOARD_ANSWER_KEY)]);
    const stamp = `${version}\n`;
    let body: string;
    if (cached?.startsWith(stamp)) {
      body = cached.slice(stamp.length);
    } else {
      // Computed at `version`: a change committed meanwhile has bumped it already, so this answer is never
      // served in place of a newer one. Reads that miss together share one computation in this process: at a
      // million appointments it takes a second or more, and fifty admins' tabs each starting their own after a
      // booking kept the database busy for a minute (issue 12, docs/benchmarks.md).
      let computing = inFlight.get(version);
      if (!computing) {
        computing = (async () => {
          const fresh = JSON.stringify(await computeDashboard(db, clock(), config.hospitalTimeZone));
          await cache.set(DASHBOARD_ANSWER_KEY, stamp + fresh, DASHBOARD_TTL_MS);
          return fresh;
        })().finally(() => inFlight.delete(version));
        inFlight.set(version, computing);
      }
      body = await computing;
    }
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  },
);

export default app;
