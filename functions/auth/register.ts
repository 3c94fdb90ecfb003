/** POST /api/auth/register: a patient signs themself up and is signed in (API.md "Auth"). Patients only. */
import { isCommonPassword } from '../../shared/auth/password-policy';
import { toUserDto } from '../../shared/auth/user-dto';
import { writeAudit } from '../../shared/db/audit';
import { isUniqueViolation } from '../../shared/db/errors';
import { newFunction } from '../../shared/http/define-function';
import { clientAddress } from '../../shared/http/client-address';
import { conflict, invalidInput } from '../../shared/http/errors';
import { describe } from '../../shared/http/route-meta';
import { body } from '../../shared/http/validate';
import { newId } from '../../shared/ids';
import { RegisterInput, UserResponse } from '../../shared/schemas/auth';

const emailTaken = () => conflict('email_taken', 'An account with this email already exists. Try signing in.');

const app = newFunction().post('/auth/register', describe({ summary: 'Register as a patient', operationId: 'register', responses: { 201: { schema: UserResponse, headers: { 'Set-Cookie': 'the new session cookie' } } }, errors: { 409: 'email_taken', 429: 'rate_limited' }, needs: ['database', 'redis'] }), body(RegisterInput), async (c) => {
  const { db, passwords, sessions, clock } = c.env.deps;
  const input = c.req.valid('json');
  const now = clock();
  if (isCommonPassword(input.password)) {
    throw invalidInput({ password: 'is one of the most common passwords; choose another' });
  }
  if (input.dateOfBirth && input.dateOfBirth > now.toISOString().slice(0, 10)) {
    throw invalidInput({ dateOfBirth: 'must not be in the future' });
  }
  // A friendly early answer; the unique index on users.email is what really decides.
  if (await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst()) throw emailTaken();

  const passwordHash = await passwords.hash(input.password);
  const user = { id: newId(), role: 'patient' as const, name: input.name, email: input.email };
  const at = now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values({ ...user, password_hash: passwordHash, status: 'active', created_at: at, updated_at: at }).execute();
      await trx
        .insertInto('patients')
        .values({
          user_id: user.id,
          phone: input.phone ?? null,
          date_of_birth: input.dateOfBirth ?? null,
          gender: input.gender ?? null,
          address: null,
          blood_group: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await writeAudit(trx, { at: now, actorId: user.id, action: 'register', entity: 'user', entityId: user.id, ip: clientAddress(c) });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }

  const session = await sessions.create(user.id);
  c.header('Set-Cookie', session.cookie);
  return c.json({ user: toUserDto(user) }, 201);
});

export default app;
