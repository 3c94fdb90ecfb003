/**
 * GET /api/settings: what the web app shows of the hospital's own settings, its name and time zone
 * (HOSPITAL_NAME, HOSPITAL_TIMEZONE), the idle timeout (SESSION_IDLE_MINUTES) it warns a minute before,
 * and the booking rules a patient is told before acting (the cut-off for changes, the notice, the cap).
 * Public, and cacheable for a few minutes: it holds no patient data.
 */
import { newFunction } from '../../shared/http/define-function';
import { describe } from '../../shared/http/route-meta';
import { SettingsResponse } from '../../shared/schemas/settings';

const app = newFunction().get(
  '/settings',
  describe({ summary: "The hospital's name and time zone", operationId: 'getSettings', responses: { 200: SettingsResponse } }),
  (c) => {
    const { config } = c.env.deps;
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(
      {
        hospitalName: config.hospitalName,
        timeZone: config.hospitalTimeZone,
        sessionIdleMinutes: Math.round(config.session.idleMs / 60_000),
        booking: { ...config.booking },
      } satisfies SettingsResponse,
      200,
    );
  },
);

export default app;
