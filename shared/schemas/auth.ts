/** Request and response schemas of `/api/auth`, shared by the functions and the web forms. Pure: no I/O. */
import * as v from 'valibot';
import { CalendarDate } from './dates';
import { PASSWORD_MAX, PASSWORD_MIN } from './limits';
import { Text } from './text';

export const Email = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.nonEmpty(),
  v.maxLength(254),
  v.email(),
);

export const PersonName = Text(100);

/**
 * Length, and something besides spaces: composition rules make passwords worse (NIST SP 800-63B).
 * Never trimmed. The rest of the policy needs the person and the hospital (shared/auth/password-policy.ts).
 */
export const NewPassword = v.pipe(
  v.string(),
  v.minLength(PASSWORD_MIN),
  v.maxLength(PASSWORD_MAX),
  v.check((p) => p.trim() !== '', 'must not be only spaces'),
);

export const Phone = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(30),
  v.regex(/^\+?[0-9 ()./-]{5,30}$/, 'may contain only digits, spaces and + ( ) - .'),
);

/** A real date from 1900 on; "not in the future" needs today's date, so the server checks that. */
export const DateOfBirth = v.pipe(CalendarDate, v.check((d) => d >= '1900-01-01', 'must be after 1900-01-01'));

export const GENDERS = ['female', 'male', 'non_binary', 'other', 'undisclosed'] as const;
export const Gender = v.picklist(GENDERS);

export const RegisterInput = v.object({
  name: PersonName,
  email: Email,
  password: NewPassword,
  phone: v.optional(v.nullable(Phone)),
  dateOfBirth: v.optional(v.nullable(DateOfBirth)),
  gender: v.optional(v.nullable(Gender)),
});
export type RegisterInput = v.InferOutput<typeof RegisterInput>;

export const LoginInput = v.object({
  email: Email,
  // Any length up to a bound: an old password may predate today's rules; the bound keeps hashing cheap.
  password: v.pipe(v.string(), v.nonEmpty(), v.maxLength(1024)),
});
export type LoginInput = v.InferOutput<typeof LoginInput>;

/** The public face of a user in every answer that names one (API.md `user`): never the hash, never the status. */
export const UserDto = v.object({
  id: v.string(),
  role: v.picklist(['admin', 'doctor', 'patient']),
  name: v.string(),
  email: v.string(),
});
export type UserDto = v.InferOutput<typeof UserDto>;

/** What register, login and me answer. */
export const UserResponse = v.object({ user: UserDto });
export type UserResponse = v.InferOutput<typeof UserResponse>;

/** A password the person types to prove it is them (not a new one): any length up to a bound, as at sign-in. */
const CurrentPassword = v.pipe(v.string(), v.nonEmpty(), v.maxLength(1024));

export const ChangePasswordInput = v.object({ currentPassword: CurrentPassword, newPassword: NewPassword });
export type ChangePasswordInput = v.InferOutput<typeof ChangePasswordInput>;

export const PasswordResetInput = v.object({ email: Email });
/** The same words whether or not the address has an account. */
export const PasswordResetAccepted = v.object({ message: v.string() });
export type PasswordResetInput = v.InferOutput<typeof PasswordResetInput>;

export const PasswordResetConfirmInput = v.object({
  // Any string: a wrong one is 400 invalid_token like a used or expired one, not a field error.
  token: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
  password: NewPassword,
});
export type PasswordResetConfirmInput = v.InferOutput<typeof PasswordResetConfirmInput>;

/** One of the signed-in user's sessions (`id` is not the token and cannot stand in for it). */
export const SessionDto = v.object({
  id: v.string(),
  createdAt: v.string(),
  lastSeenAt: v.string(),
  userAgent: v.nullable(v.string()),
  /** "Chrome on Linux", from the user agent. */
  device: v.string(),
  ip: v.nullable(v.string()),
  /** The session this request came with. */
  current: v.boolean(),
});
export type SessionDto = v.InferOutput<typeof SessionDto>;

export const SessionList = v.object({ items: v.array(SessionDto) });
export type SessionList = v.InferOutput<typeof SessionList>;

/** A TOTP code (6 digits, spaces allowed as apps show them) or a recovery code (`xxxxx-xxxxx`). */
export const MfaCode = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(40));

export const MfaCodeInput = v.object({ code: MfaCode });
export type MfaCodeInput = v.InferOutput<typeof MfaCodeInput>;

export const DisableMfaInput = v.object({ password: CurrentPassword, code: MfaCode });
export type DisableMfaInput = v.InferOutput<typeof DisableMfaInput>;

export const MfaSetupResponse = v.object({ secret: v.string(), otpauthUrl: v.string(), qrSvg: v.string() });
export type MfaSetupResponse = v.InferOutput<typeof MfaSetupResponse>;

export const RecoveryCodesResponse = v.object({ recoveryCodes: v.array(v.string()) });
export type RecoveryCodesResponse = v.InferOutput<typeof RecoveryCodesResponse>;

/** What a sign-in of a user with a second factor answers instead of `{ user }`. */
export const MfaRequiredResponse = v.object({ mfaRequired: v.literal(true) });
export type MfaRequiredResponse = v.InferOutput<typeof MfaRequiredResponse>;

/** What `me` answers: the user, and whether their second factor is on. */
export const MeResponse = v.object({ user: UserDto, mfaEnabled: v.boolean() });
export type MeResponse = v.InferOutput<typeof MeResponse>;
