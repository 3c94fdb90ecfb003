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
