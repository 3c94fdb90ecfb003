/**
 * The admin dashboard's cache (functions/admin/get-dashboard.ts): its answer lives in the cache for a short
 * while, stamped with the version it was computed at; `bumpDashboard` gives the version a new value after any
 * change that moves the numbers (a booking, reschedule or cancellation, a registration, a doctor added or
 * removed …), so the next read recomputes instead of waiting for the expiry. Call it AFTER the change's commit:
 * a read between the bump and the commit would cache the old numbers under the new version.
 */
import type { Cache } from '../runtime/deps';

export const DASHBOARD_VERSION_KEY = 'dashboard:version';
export const DASHBOARD_ANSWER_KEY = 'dashboard:answer';
/** How long a computed answer is kept at most, even when nothing bumps the version. */
export const DASHBOARD_TTL_MS = 60_000;

let bumps = 0;

/**
 * Makes every cached dashboard stale. A failure (Redis down just after the commit) is swallowed: the change
 * itself is done and must not answer an error; the stale numbers then last until the short expiry at most.
 */
export async function bumpDashboard(cache: Cache): Promise<void> {
  bumps += 1;
  try {
    await cache.set(DASHBOARD_VERSION_KEY, `${bumps}.${Math.random().toString(36).slice(2, 12)}`);
  } catch {
    // See above: the expiry bounds how long the old answer is served.
  }
}
