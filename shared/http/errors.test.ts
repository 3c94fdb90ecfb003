import { describe, expect, test } from 'vitest';
import { newFunction } from './define-function';
import { conflict, rateLimited } from './errors';

describe('rateLimited', () => {
  test('a 429 says the wait in words a person reads, while Retry-After keeps the exact seconds', async () => {
    const app = newFunction().post('/auth/login', () => {
      throw rateLimited(900);
    });
    const res = await app.request('/auth/login', { method: 'POST' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('900');
    expect(await res.json()).toEqual({ error: { code: 'rate_limited', message: 'Too many attempts. Try again in about 15 minutes.' } });
  });

  test.each([
    [1, 'Too many attempts. Try again in 1 second.'],
    [45, 'Too many attempts. Try again in 45 seconds.'],
    [60, 'Too many attempts. Try again in about 1 minute.'],
    [61, 'Too many attempts. Try again in about 2 minutes.'],
    [899, 'Too many attempts. Try again in about 15 minutes.'],
    [3540, 'Too many attempts. Try again in about 59 minutes.'],
    [3600, 'Too many attempts. Try again in about an hour.'],
    [4000, 'Too many attempts. Try again in about an hour.'],
    [7200, 'Too many attempts. Try again in about 2 hours.'],
    [86_400, 'Too many attempts. Try again in about 24 hours.'],
  ])('%i seconds: "%s"', (seconds, message) => {
    const err = rateLimited(seconds);
    expect(err.message).toBe(message);
    expect(err.headers).toEqual({ 'Retry-After': String(seconds) });
  });
});

describe('details of an error', () => {
  test('a conflict may carry fields of its own beside code and message, which cannot replace them', async () => {
    const app = newFunction().put('/doctor/availability', () => {
      throw conflict('state', 'Two booked appointments would lose their time.', { appointmentIds: ['a1', 'a2'], code: 'other' });
    });
    const res = await app.request('/doctor/availability', { method: 'PUT' });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'state', message: 'Two booked appointments would lose their time.', appointmentIds: ['a1', 'a2'] } });
  });
});
