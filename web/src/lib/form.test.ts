import { describe, expect, test } from 'vitest';
import { LoginInput, RegisterInput } from '../../../shared/schemas/auth';
import { ApiError } from './api';
import { formatWait, localToday, safeNext, sentence, serverProblems, summaryMessage, validate } from './form';

describe('validate', () => {
  test('a too-short password is named with the shared message and never echoes the value', () => {
    const result = validate(RegisterInput, { name: 'Ada', email: 'ada@example.com', password: 'abc' });
    expect(result).toEqual({ ok: false, fields: { password: 'must be at least 8 characters' } });
    expect(JSON.stringify(result)).not.toContain('abc');
  });

  test('every bad field gets its first message', () => {
    const result = validate(LoginInput, { email: 'nope', password: '' });
    expect(result).toEqual({ ok: false, fields: { email: 'must be an email address', password: 'must not be empty' } });
  });

  test('a valid form answers the parsed output (email trimmed and lower-cased)', () => {
    const result = validate(LoginInput, { email: '  Ada@Example.COM ', password: ' x ' });
    expect(result).toEqual({ ok: true, output: { email: 'ada@example.com', password: ' x ' } });
  });
});

describe('wording', () => {
  test('a short field message becomes a sentence that starts with the label', () => {
    expect(sentence('Password', 'must be at least 8 characters')).toBe('Password must be at least 8 characters.');
  });

  test('a message that is already a sentence is kept as it is', () => {
    expect(sentence('Email address', 'An account with this email already exists. Try signing in.')).toBe(
      'An account with this email already exists. Try signing in.',
    );
  });

  test('waits read as seconds under a minute and as whole minutes above', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(42)).toBe('42 seconds');
    expect(formatWait(60)).toBe('about 1 minute');
    expect(formatWait(900)).toBe('about 15 minutes');
    expect(formatWait(61)).toBe('about 2 minutes');
  });

  test('a 429 summary names the wait from Retry-After', () => {
    const err = new ApiError(429, 'rate_limited', 'Too many attempts. Try again in 900 seconds.', {}, 900);
    expect(summaryMessage(err, 'sign you in')).toBe('Too many attempts. Please wait about 15 minutes and try again.');
  });

  test('other API errors are summarised with the server message', () => {
    const err = new ApiError(403, 'account_disabled', 'This account is disabled. Please contact the hospital.');
    expect(summaryMessage(err, 'sign you in')).toBe('This account is disabled. Please contact the hospital.');
    expect(summaryMessage(new Error('boom'), 'sign you in')).toBe('Something went wrong while trying to sign you in. Please try again.');
  });

  test("today's date is the browser's local calendar date", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describe('safeNext', () => {
  test('only paths on this site are destinations after sign-in', () => {
    expect(safeNext('/patient/appointments?x=1')).toBe('/patient/appointments?x=1');
    expect(safeNext('//evil.example/')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext(undefined)).toBeNull();
  });
});

describe('serverProblems', () => {
  test('field errors the form has go to those fields, with no summary', () => {
    const err = new ApiError(400, 'invalid_input', 'Some fields are not valid.', { password: 'is too common' });
    expect(serverProblems(err, ['email', 'password'], 'sign up')).toEqual({ fields: { password: 'is too common' }, summary: null });
  });

  test('a field the form does not have still gets a summary line', () => {
    const err = new ApiError(400, 'invalid_input', 'Some fields are not valid.', { password: 'is too common', role: 'is not valid' });
    const { fields, summary } = serverProblems(err, ['password'], 'sign up');
    expect(fields).toEqual({ password: 'is too common' });
    expect(summary).toBe('Some fields are not valid.');
  });

  test('an error about no field is a summary only', () => {
    const err = new ApiError(401, 'unauthenticated', 'The email or password is not right.');
    expect(serverProblems(err, ['email', 'password'], 'sign you in')).toEqual({ fields: {}, summary: 'The email or password is not right.' });
    expect(serverProblems(new TypeError('fetch failed'), ['email'], 'sign you in').summary).toMatch(/Something went wrong while trying to sign you in/);
  });
});
