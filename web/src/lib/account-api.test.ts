/**
 * The small text helpers of the account pages (codes as typed, the setup key, the recovery codes file), and
 * the app noticing that the API wants two-step sign-in set up first.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { groupSecret, recoveryCodesText, tidyCode } from './account-api';
import { api } from './api';
import { session } from './session';

describe('tidyCode', () => {
  test('an authenticator code loses the space apps show it with', () => {
    expect(tidyCode('123 456')).toBe('123456');
    expect(tidyCode(' 123456 ')).toBe('123456');
    expect(tidyCode('123-456')).toBe('123456');
  });

  test('a recovery code is lower case with its one hyphen, however it was typed', () => {
    expect(tidyCode('ABCDE FGHIJ')).toBe('abcde-fghij');
    expect(tidyCode('abcdefghij')).toBe('abcde-fghij');
    expect(tidyCode(' abcde-fghij ')).toBe('abcde-fghij');
  });

  test('anything else is sent as typed (trimmed), for the server to refuse in its own words', () => {
    expect(tidyCode(' 12345 ')).toBe('12345');
    expect(tidyCode('not a code')).toBe('not a code');
  });
});

test('groupSecret shows the key in groups of four', () => {
  expect(groupSecret('JBSWY3DPEHPK3PXPJBSW')).toBe('JBSW Y3DP EHPK 3PXP JBSW');
  expect(groupSecret('JBSWY3')).toBe('JBSW Y3');
});

test('the recovery codes file says what it is and holds one code a line', () => {
  const text = recoveryCodesText(['aaaaa-bbbbb', 'ccccc-ddddd'], 'St Brigid', 'ada@example.com');
  expect(text.split('\n')).toEqual([
    'St Brigid: recovery codes for ada@example.com',
    'Each code signs you in once if you cannot use your authenticator app. Keep them somewhere safe.',
    '',
    'aaaaa-bbbbb',
    'ccccc-ddddd',
    '',
  ]);
});

describe('403 mfa_setup_required (REQUIRE_STAFF_MFA)', () => {
  const user = { id: 'u1', role: 'doctor' as const, name: 'Helen Okafor', email: 'helen@hospital.local' };
  afterEach(() => vi.unstubAllGlobals());

  test('marks the session as needing two-step sign-in, which turning it on clears', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: { code: 'mfa_setup_required', message: 'Set up two-step sign-in first.' } }), { status: 403 })),
    );
    session.signedIn(user);
    expect(session.mfaSetupRequired()).toBe(false);
    await expect(api.get('/doctor/dashboard')).rejects.toMatchObject({ status: 403, code: 'mfa_setup_required' });
    expect(session.mfaSetupRequired()).toBe(true);
    session.mfaSetUp();
    expect(session.mfaSetupRequired()).toBe(false);
  });

  test('another 403 does not', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'forbidden', message: 'No.' } }), { status: 403 })));
    session.signedIn(user);
    await expect(api.get('/admin/users')).rejects.toMatchObject({ code: 'forbidden' });
    expect(session.mfaSetupRequired()).toBe(false);
  });
});
