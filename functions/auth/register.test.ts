import { describe, expect, test } from 'vitest';
import { useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import register from './register';
import me from './me';

const world = useTestWorld();

const client = () => testClient(world().deps, [register, me]);
let n = 0;
const fresh = () => `patient${++n}.${Date.now()}@example.org`;

async function countUsers() {
  const row = await world().deps.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /api/auth/register', () => {
  test('a new patient is created, signed in, and can ask who they are', async () => {
    const c = client();
    const email = fresh();
    const res = await c.post('/api/auth/register', {
      json: { name: '  Ada Lovelace ', email: email.toUpperCase(), password: 'analytical engine 1843', phone: '+44 20 7946 0958', dateOfBirth: '1990-12-10', gender: 'female' },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({ id: expect.any(String), role: 'patient', name: 'Ada Lovelace', email });
    expect(res.setCookie).toMatch(/^wardline_session=[a-z2-7]{32}; /);
    expect(res.setCookie).toContain('HttpOnly');
    expect(res.setCookie).toContain('SameSite=Lax');
    expect(res.setCookie).not.toContain('Secure');

    const who = await c.get('/api/auth/me');
    expect(who.status).toBe(200);
    expect(who.body.user.email).toBe(email);

    const patient = await world().deps.db.selectFrom('patients').selectAll().where('user_id', '=', res.body.user.id).executeTakeFirstOrThrow();
    expect(patient).toMatchObject({ phone: '+44 20 7946 0958', date_of_birth: '1990-12-10', gender: 'female' });
    const user = await world().deps.db.selectFrom('users').selectAll().where('id', '=', res.body.user.id).executeTakeFirstOrThrow();
    expect(user.role).toBe('patient');
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const audit = await world().deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).execute();
    expect(audit.map((a) => a.action)).toContain('register');
  });

  test('the same email again, in any letter case, gets 409 email_taken and writes nothing', async () => {
    const email = fresh();
    expect((await client().post('/api/auth/register', { json: { name: 'First', email, password: 'first person here' } })).status).toBe(201);
    const before = await countUsers();
    const res = await client().post('/api/auth/register', { json: { name: 'Second', email: ` ${email.toUpperCase()} `, password: 'second person here' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('email_taken');
    expect(res.setCookie).toBeNull();
    expect(await countUsers()).toBe(before);
  });

  test('bad input gets 400 naming each field, never echoing what was sent, and writes nothing', async () => {
    const before = await countUsers();
    const res = await client().post('/api/auth/register', {
      json: { name: '', email: 'not-an-email-SECRETVALUE', password: 'short', dateOfBirth: '31/12/1990', phone: 'call me maybe' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['dateOfBirth', 'email', 'name', 'password', 'phone']);
    expect(res.text).not.toContain('SECRETVALUE');
    expect(res.text).not.toContain('short');
    expect(res.text).not.toContain('call me maybe');
    expect(await countUsers()).toBe(before);
  });

  test('missing fields are named as required', async () => {
    const res = await client().post('/api/auth/register', { json: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ name: 'is required', email: 'is required', password: 'is required' });
  });

  test('passwords of 8 and 128 characters are accepted, 129 is refused', async () => {
    expect((await client().post('/api/auth/register', { json: { name: 'Eight', email: fresh(), password: 'q7#Lm2!z' } })).status).toBe(201);
    expect((await client().post('/api/auth/register', { json: { name: 'Long', email: fresh(), password: 'x'.repeat(127) + 'y' } })).status).toBe(201);
    const res = await client().post('/api/auth/register', { json: { name: 'Too long', email: fresh(), password: 'x'.repeat(129) } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.password).toBe('must be at most 128 characters');
  });

  test('one of the most common passwords is refused on the password field', async () => {
    const res = await client().post('/api/auth/register', { json: { name: 'Lazy', email: fresh(), password: 'password123' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.password).toMatch(/common/);
  });

  test('a date of birth in the future is refused', async () => {
    const res = await client().post('/api/auth/register', { json: { name: 'Unborn', email: fresh(), password: 'not born yet, clearly', dateOfBirth: '2030-01-01' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ dateOfBirth: 'must not be in the future' });
  });

  test('registration can never make an admin or a doctor', async () => {
    const email = fresh();
    const res = await client().post('/api/auth/register', { json: { name: 'Sneaky', email, password: 'let me be admin please', role: 'admin' } });
    expect(res.status).toBe(201);
    expect(res.body.user.role).toBe('patient');
  });

  test('a body that is not JSON gets 415, malformed JSON gets 400, and neither writes anything', async () => {
    const before = await countUsers();
    const form = await client().post('/api/auth/register', { body: 'name=a&email=b', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    const broken = await client().post('/api/auth/register', { body: '{"name": ', contentType: 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_input');
    const array = await client().post('/api/auth/register', { json: [1, 2] });
    expect(array.status).toBe(400);
    expect(await countUsers()).toBe(before);
  });

  test('a body over 100 KB gets 413', async () => {
    const res = await client().post('/api/auth/register', { json: { name: 'Big', email: fresh(), password: 'big body here', gender: 'x'.repeat(101 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  test('two registrations of one email at the same moment make one account', async () => {
    const email = fresh();
    const results = await Promise.all(
      [1, 2, 3].map(() => client().post('/api/auth/register', { json: { name: 'Racer', email, password: 'racing to sign up' } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const rows = await world().deps.db.selectFrom('users').select('id').where('email', '=', email).execute();
    expect(rows).toHaveLength(1);
  });
});
