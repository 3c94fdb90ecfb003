import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig, type Env } from './config';

/** Runs loadConfig and answers the ConfigError it throws (fails the test if it does not throw one). */
function configError(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  test('with nothing set it answers the documented defaults', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.apiPort).toBe(5000);
    expect(config.webPort).toBe(3000);
    expect(config.mailInbox).toEqual({ httpPort: 8025, smtpPort: 1025 });
    expect(config.database).toEqual({ kind: 'sqlite', path: 'data/wardline.db' });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.redisKeyPrefix).toBe('wardline:');
    expect(config.smtpUrl).toBe('smtp://127.0.0.1:1025');
    expect(config.hospitalTimeZone).toBe('UTC');
    expect(config.session.idleMs).toBe(30 * 60_000);
    expect(config.session.absoluteMs).toBe(12 * 60 * 60_000);
    expect(config.session.secureCookie).toBe(false);
    expect(config.session.cookieName).toBe('wardline_session');
    expect(config.webOrigins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
    expect(config.apiOrigins).toEqual(['http://localhost:5000', 'http://127.0.0.1:5000']);
    expect(config.admin).toEqual({ email: 'admin@hospital.local', password: undefined, name: 'Administrator' });
    expect(config.trustProxy).toEqual({ kind: 'none' });
    expect(config.logLevel).toBe('info');
    // No SECRET_KEY outside production: a random one for this process alone.
    expect(config.secretKey).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({}).secretKey).not.toBe(config.secretKey);
  });

  test('good values of every kind are read and converted', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      API_PORT: '8080',
      WEB_PORT: '65535',
      MAIL_INBOX_PORT: '1',
      MAIL_INBOX_SMTP_PORT: '2525',
      HOSPITAL_TIMEZONE: 'Asia/Kolkata',
      SESSION_IDLE_MINUTES: '15',
      SESSION_ABSOLUTE_MINUTES: '480',
      WEB_ORIGIN: 'http://localhost:3000/, http://127.0.0.1:3000',
      ADMIN_EMAIL: '  Chief@Hospital.Example ',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'silent',
      ADMIN_PASSWORD: 'correct horse battery staple',
      SECRET_KEY: 'k'.repeat(32),
    });
    expect(config).toMatchObject({ env: 'production', apiPort: 8080, webPort: 65535, hospitalTimeZone: 'Asia/Kolkata', logLevel: 'silent' });
    expect(config.trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(config.secretKey).toBe('k'.repeat(32));
    expect(config.mailInbox).toEqual({ httpPort: 1, smtpPort: 2525 });
    expect(config.session).toMatchObject({ idleMs: 15 * 60_000, absoluteMs: 480 * 60_000 });
    expect(config.webOrigins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
    expect(config.admin.email).toBe('chief@hospital.example');
  });

  // One bad value of each kind. The message is printed at start-up and may end up in a log or a
  // screenshot, so it names the variable and what it wants but never repeats what was given.
  const badValues: Array<[variable: string, value: string, expects: RegExp]> = [
    ['API_PORT', 'abc', /a port number from 1 to 65535/],
    ['WEB_PORT', '99999', /a port number from 1 to 65535/],
    ['MAIL_INBOX_PORT', '0', /a port number from 1 to 65535/],
    ['MAIL_INBOX_SMTP_PORT', '25x', /a port number from 1 to 65535/],
    ['HOSPITAL_TIMEZONE', 'Mars/Olympus_Mons', /an IANA time zone name/],
    ['WEB_ORIGIN', 'wardline.hospital.test', /a comma-separated list of origins/],
    ['WEB_ORIGIN', 'https://wardline.example.org/app', /a comma-separated list of origins/],
    ['WEB_ORIGIN', 'ftp://files.example.org', /a comma-separated list of origins/],
    ['WEB_ORIGIN', ' , ', /a comma-separated list of origins/],
    ['API_ORIGIN', 'api.hospital.test:5000', /a comma-separated list of origins/],
    ['API_ORIGIN', 'https://api.example.org/api', /a comma-separated list of origins/],
    ['SESSION_IDLE_MINUTES', 'ten', /a whole number of minutes/],
    ['SESSION_IDLE_MINUTES', '7.5', /a whole number of minutes/],
    ['SESSION_ABSOLUTE_MINUTES', '0', /a whole number of minutes, at least 1/],
    ['DATABASE_URL', 'mysql://wardline:hunter2-secret@db.example.org/wardline', /a SQLite file path \(or sqlite:PATH\) or a postgres:\/\/ URL/],
    ['REDIS_URL', 'http://:s3cret-token@cache.example.org:6379', /a redis:\/\/ URL/],
    ['REDIS_URL', 'not a url at all', /a redis:\/\/ URL/],
    ['SMTP_URL', 'https://mail.example.org', /an smtp:\/\/ or smtps:\/\/ URL/],
    ['NODE_ENV', 'staging', /development, production or test/],
    ['LOG_LEVEL', 'verbose', /debug, info, warn, error or silent/],
    ['REQUIRE_STAFF_MFA', 'yes', /true or false/],
    ['WEB_CONCURRENCY', '0', /whole number of API processes/],
    ['WEB_CONCURRENCY', 'two', /whole number of API processes/],
    ['RUN_JOBS', 'no', /true or false/],
    ['TRUST_PROXY', 'yes', /false, a number of proxy hops .* or a comma-separated list of proxy addresses or CIDR ranges/],
    ['TRUST_PROXY', '11', /a number of proxy hops/],
    ['TRUST_PROXY', '10.0.0.0/8, not-an-address', /a comma-separated list of proxy addresses/],
    ['SECRET_KEY', 'too-short-to-sign-anything', /at least 32 characters/],
    ['ADMIN_EMAIL', 'root-at-localhost', /an email address/],
    ['ADMIN_PASSWORD', 'short', /at least 8 characters/],
    ['ADMIN_PASSWORD', 'password123', /password policy \(it is one of the most common passwords/],
    ['ADMIN_PASSWORD', 'Administrator-2026', /password policy \(it must not contain the admin's name/],
    ['ADMIN_PASSWORD', 'general-ward-42', /password policy \(it must not contain the admin's name, the admin's email address's name or the hospital's name/],
  ];

  test.each(badValues)('a bad %s (%j) throws a ConfigError that names it and what it expects, without the value', (variable, value, expects) => {
    const err = configError({ [variable]: value });
    expect(err.variable).toBe(variable);
    expect(err.expected).toMatch(expects);
    expect(err.message).toBe(`Configuration error: ${variable} must be ${err.expected}`);
    expect(err.message).not.toContain(value.trim());
    expect(err.message.split('\n')).toHaveLength(1);
  });

  test('the first bad variable is the one reported when several are bad', () => {
    const err = configError({ API_PORT: 'abc', REDIS_URL: 'nope' });
    expect(['API_PORT', 'REDIS_URL']).toContain(err.variable);
  });

  test('a postgres:// or postgresql:// DATABASE_URL selects PostgreSQL; a path or sqlite: selects SQLite', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://app@db.example.org/wardline' }).database.kind).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: '/var/lib/wardline/wardline.db' }).database).toEqual({ kind: 'sqlite', path: '/var/lib/wardline/wardline.db' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/w.db' }).database).toEqual({ kind: 'sqlite', path: '/tmp/w.db' });
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  test('an https WEB_ORIGIN gives a Secure cookie named __Host-wardline_session', () => {
    const config = loadConfig({ WEB_ORIGIN: 'https://wardline.example.org' });
    expect(config.webOrigins).toEqual(['https://wardline.example.org']);
    expect(config.session.secureCookie).toBe(true);
    expect(config.session.cookieName).toBe('__Host-wardline_session');
  });

  test('an http WEB_ORIGIN keeps a plain cookie name, which browsers accept without HTTPS', () => {
    const config = loadConfig({ WEB_ORIGIN: 'http://wardline.lan:3000' });
    expect(config.session.secureCookie).toBe(false);
    expect(config.session.cookieName).toBe('wardline_session');
  });

  test('unset, WEB_ORIGIN and API_ORIGIN follow WEB_PORT and API_PORT (localhost and 127.0.0.1)', () => {
    const config = loadConfig({ WEB_PORT: '8080', API_PORT: '8081' });
    expect(config.webOrigins).toEqual(['http://localhost:8080', 'http://127.0.0.1:8080']);
    expect(config.apiOrigins).toEqual(['http://localhost:8081', 'http://127.0.0.1:8081']);
    expect(config.session.secureCookie).toBe(false);
  });

  test('API_ORIGIN takes a comma-separated list of origins, as WEB_ORIGIN does', () => {
    const config = loadConfig({ API_ORIGIN: 'https://api.wardline.example.org/, http://10.0.0.5:5000', API_PORT: '6000' });
    expect(config.apiOrigins).toEqual(['https://api.wardline.example.org', 'http://10.0.0.5:5000']);
    // Set explicitly, WEB_ORIGIN wins over WEB_PORT.
    expect(loadConfig({ WEB_ORIGIN: 'https://wardline.example.org', WEB_PORT: '8080' }).webOrigins).toEqual(['https://wardline.example.org']);
  });

  test('WEB_CONCURRENCY is left to the runner unless set; RUN_JOBS is on unless set to false', () => {
    expect(loadConfig({ SECRET_KEY: SECRET }).webConcurrency).toBeNull();
    expect(loadConfig({ SECRET_KEY: SECRET, WEB_CONCURRENCY: '3' }).webConcurrency).toBe(3);
    expect(loadConfig({ SECRET_KEY: SECRET }).runJobs).toBe(true);
    expect(loadConfig({ SECRET_KEY: SECRET, RUN_JOBS: 'false' }).runJobs).toBe(false);
  });

  test('REQUIRE_STAFF_MFA is off unless set to true', () => {
    expect(loadConfig({ SECRET_KEY: SECRET }).requireStaffMfa).toBe(false);
    expect(loadConfig({ SECRET_KEY: SECRET, REQUIRE_STAFF_MFA: 'true' }).requireStaffMfa).toBe(true);
  });

  test('blank values count as unset and fall back to the defaults', () => {
    const blank = Object.fromEntries(
      [
        'NODE_ENV', 'API_PORT', 'WEB_PORT', 'DATABASE_URL', 'REDIS_URL', 'REDIS_KEY_PREFIX', 'SMTP_URL', 'MAIL_FROM',
        'MAIL_INBOX_PORT', 'MAIL_INBOX_SMTP_PORT', 'HOSPITAL_TIMEZONE', 'HOSPITAL_NAME', 'ADMIN_EMAIL', 'ADMIN_PASSWORD',
        'ADMIN_NAME', 'SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_MINUTES', 'WEB_ORIGIN', 'API_ORIGIN', 'TRUST_PROXY', 'LOG_LEVEL',
      ].map((name) => [name, '']),
    );
    expect(loadConfig({ ...blank, SECRET_KEY: SECRET })).toEqual(loadConfig({ SECRET_KEY: SECRET }));
  });

  test('values of only spaces count as blank too (a .env line like "ADMIN_PASSWORD=   ")', () => {
    const config = loadConfig({ API_PORT: '   ', HOSPITAL_TIMEZONE: ' ', ADMIN_PASSWORD: '          ', HOSPITAL_NAME: '  ' });
    expect(config.apiPort).toBe(5000);
    expect(config.hospitalTimeZone).toBe('UTC');
    expect(config.admin.password).toBeUndefined();
    expect(config.hospitalName).toBe('Wardline General Hospital');
  });

  test('variables it does not know are ignored', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', SOMETHING_ELSE: 'x', SECRET_KEY: SECRET })).toEqual(loadConfig({ SECRET_KEY: SECRET }));
  });

  test('production refuses to start without a SECRET_KEY, and names it', () => {
    const err = configError({ NODE_ENV: 'production', ADMIN_PASSWORD: 'correct horse battery staple' });
    expect(err.variable).toBe('SECRET_KEY');
    expect(err.expected).toMatch(/set in production/);
  });

  test('an ADMIN_PASSWORD that passes the policy is accepted, with the admin and the hospital as context', () => {
    expect(loadConfig({ ADMIN_PASSWORD: 'correct horse battery staple' }).admin.password).toBe('correct horse battery staple');
    // The same words become refused once they are the hospital's name.
    expect(configError({ ADMIN_PASSWORD: 'correct horse battery staple', HOSPITAL_NAME: 'Battery Park Clinic' }).variable).toBe('ADMIN_PASSWORD');
    expect(configError({ ADMIN_PASSWORD: 'chief of staff 2026', ADMIN_EMAIL: 'chief@hospital.example' }).variable).toBe('ADMIN_PASSWORD');
  });

  test('TRUST_PROXY takes false, a number of hops, or addresses and CIDR ranges', () => {
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    const listed = loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7, ::1' }).trustProxy;
    expect(listed.kind).toBe('addresses');
    if (listed.kind === 'addresses') expect(listed.ranges.map(([range, bits]) => `${range.toString()}/${bits}`)).toEqual(['10.0.0.0/8', '192.0.2.7/32', '::1/128']);
  });
});

const SECRET = 's'.repeat(40);
