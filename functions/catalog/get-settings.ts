/**
 * GET /api/settings: what the web app shows of the hospital's own settings, its name and time zone
 * (HOSPITAL_NAME, HOSPITAL_TIMEZONE). Public, and cacheable for a few minutes: it holds no patient data.
 */
import { newFunction } from '../../shared/http/define-function';

const app = newFunction().get('/settings', (c) => {
  const { config } = c.env.deps;
  c.header('Cache-Control', 'public, max-age=300');
  return c.json({ hospitalName: config.hospitalName, timeZone: config.hospitalTimeZone }, 200);
});

export default app;
