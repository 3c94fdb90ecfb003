import { describe, expect, test } from 'vitest';
import { createTestWorld, useTestWorld } from '../../tests/support/test-deps';
import { testClient } from '../../tests/support/http';
import { REGISTER_LIMIT } from '../../shared/auth/throttle';
import { createUser } from '../../tests/support/users';
import login from './login';
import register from './register';
import me from './me';

const world = useTestWorld();

let address = 0;
/** Each client registers from an address of its own: registration is limited per address. */
const client = (clientAddress = `10.7.${++address >> 8}.${address & 255}`) => testClient(world().deps, [register, me, login], { clientAddress });
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
    expect((await client().post('/api/auth/register', { json: { name: 'First', email, password: 'one person here' } })).status).toBe(201);
    const before = await countUsers();
    const res = await client().post('/api/auth/register', { json: { name: 'Second', email: ` ${email.toUpperCase()} `, password: 'another person here' } });
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

  test('registration can never make an admin or a doctor: a role (or any field it does not take) is 400 naming it, nothing made', async () => {
    const email = fresh();
    const before = await countUsers();
    for (const extra of [{ role: 'admin' }, { status: 'active' }, { id: 'chosen-id' }]) {
      const res = await client().post('/api/auth/register', { json: { name: 'Sneaky', email, password: 'let me be admin please', ...extra } });
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: 'invalid_input', message: expect.any(String), fields: { [Object.keys(extra)[0]!]: 'is not a field that can be sent here' } });
    }
    expect(await countUsers()).toBe(before);
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

  test('registration is limited per address: the 11th in an hour gets 429 with Retry-After and writes nothing', async () => {
    const c = () => client('203.0.113.40');
    for (let i = 0; i < REGISTER_LIMIT.limit; i++) {
      expect((await c().post('/api/auth/register', { json: { name: `Family member ${i}`, email: fresh(), password: 'a shared kitchen table' } })).status).toBe(201);
    }
    const before = await countUsers();
    const res = await c().post('/api/auth/register', { json: { name: 'One too many', email: fresh(), password: 'a shared kitchen table' } });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(55 * 60);
    expect(await countUsers()).toBe(before);
    // Another address is not affected, and an hour later this one may register again.
    expect((await client().post('/api/auth/register', { json: { name: 'Next door', email: fresh(), password: 'a shared kitchen table' } })).status).toBe(201);
  });

  test('registering ends the session the browser already had, as signing in does', async () => {
    const someone = await createUser(world().deps);
    const c = client();
    await c.post('/api/auth/login', { json: { email: someone.email, password: someone.password } });
    const theirs = c.cookie!;
    const res = await c.post('/api/auth/register', { json: { name: 'New Patient', email: fresh(), password: 'my very own account' } });
    expect(res.status).toBe(201);
    expect(c.cookie).not.toBe(theirs);
    expect((await c.get('/api/auth/me', { cookie: theirs })).status).toBe(401);
    expect((await c.get('/api/auth/me')).body.user.name).toBe('New Patient');
  });

  test('a password of spaces only, or one containing the name, the email name or the hospital name, is refused', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ name: 'Spacey', password: '          ' }, 'must not be only spaces'],
      [{ name: 'Ada Lovelace', password: 'lovelace-1843!' }, "must not contain your name, your email address's name or the hospital's name"],
      [{ name: 'Ada Lovelace', password: 'Love Lace rules' }, "must not contain your name, your email address's name or the hospital's name"],
      [{ name: 'Grace', email: 'hopper.grace@example.org', password: 'navy hopper 1906' }, "must not contain your name, your email address's name or the hospital's name"],
      [{ name: 'Alan', password: 'wardline general 99' }, "must not contain your name, your email address's name or the hospital's name"],
    ];
    const before = await countUsers();
    for (const [fields, message] of cases) {
      const res = await client().post('/api/auth/register', { json: { email: fresh(), ...fields } });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.body.error.fields).toEqual({ password: message });
      expect(res.text).not.toContain(fields.password!.trim() || 'x'.repeat(9));
    }
    expect(await countUsers()).toBe(before);
  });

  test('a name with control characters, a text-direction override, or nothing visible is refused', async () => {
    const before = await countUsers();
    for (const name of ['Ada\u0000Lovelace', 'Ada\nLovelace', 'Ada \u202eecalevoL', 'Ada \u2066x\u2069', '\u200b\u200b', '\u00a0\u3000', '\u0007']) {
      const res = await client().post('/api/auth/register', { json: { name, email: fresh(), password: 'a sensible passphrase' } });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['name']);
    }
    expect(await countUsers()).toBe(before);
    // Names in any script, with accents and apostrophes, are welcome.
    for (const name of ["Siobhán O'Brien", 'محمد الأحمد', '李小龍', 'Zoë Saldaña-Nazario']) {
      expect((await client().post('/api/auth/register', { json: { name, email: fresh(), password: 'a sensible passphrase' } })).status, name).toBe(201);
    }
  });

  test('a date of birth must exist: 2026-02-30 and 2023-02-29 are refused, 2024-02-29 is a birthday', async () => {
    for (const dateOfBirth of ['2026-02-30', '2023-02-29', '1990-13-01', '1990-04-31']) {
      const res = await client().post('/api/auth/register', { json: { name: 'Leap', email: fresh(), password: 'a sensible passphrase', dateOfBirth } });
      expect(res.status, dateOfBirth).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['dateOfBirth']);
    }
    expect((await client().post('/api/auth/register', { json: { name: 'Leap', email: fresh(), password: 'a sensible passphrase', dateOfBirth: '2024-02-29' } })).status).toBe(201);
  });

  test('gender is one of female, male, non_binary, other, undisclosed', async () => {
    for (const gender of ['female', 'male', 'non_binary', 'other', 'undisclosed']) {
      expect((await client().post('/api/auth/register', { json: { name: 'Person', email: fresh(), password: 'a sensible passphrase', gender } })).status, gender).toBe(201);
    }
    for (const gender of ['Female', 'non-binary', 'attack helicopter', '']) {
      const res = await client().post('/api/auth/register', { json: { name: 'Person', email: fresh(), password: 'a sensible passphrase', gender } });
      expect(res.status, gender).toBe(400);
      expect(res.body.error.fields.gender).toMatch(/must be one of/);
    }
  });

  test("today's date in the hospital's zone is a valid date of birth, tomorrow's is not", async () => {
    const kiribati = await createTestWorld({ HOSPITAL_TIMEZONE: 'Pacific/Kiritimati' });
    // At noon UTC on 1 December it is already 02:00 on 2 December in Pacific/Kiritimati (UTC+14).
    kiribati.clock.set('2026-12-01T12:00:00.000Z');
    try {
      const c = testClient(kiribati.deps, [register]);
      const born = await c.post('/api/auth/register', { json: { name: 'Newborn', email: fresh(), password: 'a sensible passphrase', dateOfBirth: '2026-12-02' } });
      expect(born.status, born.text).toBe(201);
      const res = await c.post('/api/auth/register', { json: { name: 'Unborn', email: fresh(), password: 'a sensible passphrase', dateOfBirth: '2026-12-03' } });
      expect(res.body.error.fields).toEqual({ dateOfBirth: 'must not be in the future' });
    } finally {
      await kiribati.cleanup();
    }
  });
});
