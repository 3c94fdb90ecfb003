import { describe, expect, test } from 'vitest';
import { testClient } from '../../tests/support/http';
import { useTestWorld } from '../../tests/support/test-deps';
import getSettings from './get-settings';

const world = useTestWorld({ HOSPITAL_NAME: "St Brigid's Infirmary", HOSPITAL_TIMEZONE: 'Asia/Kolkata', SESSION_IDLE_MINUTES: '20', PATIENT_CHANGE_CUTOFF_HOURS: '4' });

describe('GET /api/settings', () => {
  test("answers the hospital's configured name, time zone, idle timeout and booking rules to anyone, without a session", async () => {
    const res = await testClient(world().deps, [getSettings]).get('/api/settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ hospitalName: "St Brigid's Infirmary", timeZone: 'Asia/Kolkata', sessionIdleMinutes: 20, booking: { minNoticeMinutes: 60, changeCutoffHours: 4, maxOpenAppointments: 5 } });
    expect(res.setCookie).toBeNull();
  });

  test('may be cached for five minutes: it holds no patient data', async () => {
    const res = await testClient(world().deps, [getSettings]).get('/api/settings');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  });

  test('a POST is no endpoint: the JSON 404', async () => {
    const res = await testClient(world().deps, [getSettings]).post('/api/settings', { json: { hospitalName: 'Other' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
