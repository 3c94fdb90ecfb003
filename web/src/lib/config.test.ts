import { afterEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_NAME, settings } from './config';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('settings', () => {
  test("until the API answers, and when it cannot, the app is called Wardline", async () => {
    expect(settings.hospitalName()).toBe(DEFAULT_NAME);
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('fetch failed'); }));
    await settings.load();
    expect(settings.hospitalName()).toBe(DEFAULT_NAME);
    expect(settings.timeZone()).toBeNull();
  });

  test("load() asks GET /api/settings once and takes the hospital's name, time zone and idle timeout from it", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ hospitalName: "St Brigid's Infirmary", timeZone: 'Asia/Kolkata', sessionIdleMinutes: 20, booking: { minNoticeMinutes: 30, changeCutoffHours: 6, maxOpenAppointments: 3 } }), { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    await settings.load();
    expect(fetch).toHaveBeenCalledOnce();
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/settings');
    expect(init.method).toBe('GET');
    expect(settings.hospitalName()).toBe("St Brigid's Infirmary");
    expect(settings.timeZone()).toBe('Asia/Kolkata');
    expect(settings.sessionIdleMinutes()).toBe(20);
    expect(settings.booking().changeCutoffHours).toBe(6);
  });
});
