/**
 * The account endpoints of API.md "Auth": signing in with a second factor, password change and reset,
 * sessions, and two-step sign-in (TOTP). Types come from the API's own schemas.
 */
import type {
  ChangePasswordInput,
  DisableMfaInput,
  LoginInput,
  MeResponse,
  MfaSetupResponse,
  PasswordResetConfirmInput,
  RecoveryCodesResponse,
  SessionDto,
  SessionList,
  UserResponse,
} from '../../../shared/schemas/auth';
import { api, type User } from './api';

export type Session = SessionDto;

/** What a right password answers: the user, or "now the code" for a user with two-step sign-in on. */
export type PasswordSignIn = { user: User } | { mfaRequired: true };

export const accountApi = {
  signInWithPassword: (input: LoginInput) => api.post<PasswordSignIn>('/auth/login', input),
  async signInWithCode(code: string): Promise<User> {
    return (await api.post<UserResponse>('/auth/login/mfa', { code })).user;
  },
  me: () => api.get<MeResponse>('/auth/me'),
  changePassword: (input: ChangePasswordInput) => api.post<void>('/auth/password', input),
  requestReset: (email: string) => api.post<{ message: string }>('/auth/password-reset', { email }),
  confirmReset: (input: PasswordResetConfirmInput) => api.post<void>('/auth/password-reset/confirm', input),
  async sessions(): Promise<Session[]> {
    return (await api.get<SessionList>('/auth/sessions')).items;
  },
  endSession: (id: string) => api.delete(`/auth/sessions/${encodeURIComponent(id)}`),
  setupMfa: () => api.post<MfaSetupResponse>('/auth/mfa/setup'),
  async enableMfa(code: string): Promise<string[]> {
    return (await api.post<RecoveryCodesResponse>('/auth/mfa/enable', { code })).recoveryCodes;
  },
  disableMfa: (input: DisableMfaInput) => api.delete('/auth/mfa', input),
};

/** The secret in groups of four ("JBSW Y3DP EHPK 3PXP"), as authenticator apps ask for it to be typed. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * A code as typed, tidied for sending: an authenticator's "123 456" becomes "123456"; a recovery code keeps
 * its letters and gets its one hyphen ("ABCDE FGHIJ" → "abcde-fghij"). The server accepts either form; this
 * only keeps what is sent plain.
 */
export function tidyCode(typed: string): string {
  const plain = typed.replace(/[\s-]/g, '');
  if (/^\d{6}$/.test(plain)) return plain;
  const lower = plain.toLowerCase();
  return /^[a-z0-9]{10}$/.test(lower) ? `${lower.slice(0, 5)}-${lower.slice(5)}` : typed.trim();
}

/** The text of the recovery codes file a user downloads: what they are, and one code a line. */
export function recoveryCodesText(codes: readonly string[], hospital: string, email: string): string {
  return [
    `${hospital}: recovery codes for ${email}`,
    'Each code signs you in once if you cannot use your authenticator app. Keep them somewhere safe.',
    '',
    ...codes,
    '',
  ].join('\n');
}
