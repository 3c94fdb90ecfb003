/**
 * Every setting of Wardline, read from the environment and validated once at start-up.
 * Nothing else reads `process.env`: entry points call `loadConfig` and pass the result in Deps.
 * Each variable is documented in `.env.example` and the README's configuration table.
 */
import * as v from 'valibot';
import { parseTrustProxy, type TrustProxy } from './net/trust-proxy';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from './auth/password-policy';

const port = (fallback: number) =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.regex(/^\d{1,5}$/, 'a port number from 1 to 65535'),
    v.transform(Number),
    v.minValue(1, 'a port number from 1 to 65535'),
    v.maxValue(65535, 'a port number from 1 to 65535'),
  );

const minutes = (fallback: number) =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.regex(/^\d+$/, 'a whole number of minutes'),
    v.transform(Number),
    v.minValue(1, 'a whole number of minutes, at least 1'),
  );

const count = (fallback: number, what: string, min: number) =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.regex(/^\d+$/, `a whole number of ${what}`),
    v.transform(Number),
    v.minValue(min, `a whole number of ${what}, at least ${min}`),
  );

const url = (protocols: string[], what: string) =>
  v.pipe(
    v.string(),
    v.check((s) => {
      try {
        return protocols.includes(new URL(s).protocol);
      } catch {
        return false;
      }
    }, what),
  );

const timeZone = v.pipe(
  v.optional(v.string(), 'UTC'),
  v.check((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone name such as Europe/London'),
);

/** A comma-separated list of origins; unset, the caller falls back to `localOrigins(port)`. */
const origins = v.pipe(
  v.string(),
  v.transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  v.check(
    (list) =>
      list.length > 0 &&
      list.every((o) => {
        try {
          const u = new URL(o);
          return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o.replace(/\/$/, '');
        } catch {
          return false;
        }
      }),
    'a comma-separated list of origins such as https://wardline.example.org',
  ),
  v.transform((list) => list.map((o) => o.replace(/\/$/, ''))),
);

/** Where a browser on this machine reaches a port of ours. */
const localOrigins = (port: number) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`];

/** `HH:MM` on a 24-hour clock, in the hospital's zone. */
const clockTime = (fallback: string) =>
  v.optional(v.pipe(v.string(), v.trim(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour clock)')), fallback);

const email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('an email address'));

const EnvSchema = v.object({
  NODE_ENV: v.optional(v.picklist(['development', 'production', 'test'], 'development, production or test'), 'development'),
  API_PORT: port(5000),
  WEB_PORT: port(3000),
  DATABASE_URL: v.optional(
    v.pipe(
      v.string(),
      v.check(
        (s) => s.startsWith('postgres://') || s.startsWith('postgresql://') || s.startsWith('sqlite:') || !s.includes('://'),
        'a SQLite file path (or sqlite:PATH) or a postgres:// URL',
      ),
    ),
    'data/wardline.db',
  ),
  DATA_DIR: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'a folder path')), 'data'),
  REDIS_URL: v.optional(url(['redis:', 'rediss:'], 'a redis:// URL'), 'redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: v.optional(v.pipe(v.string(), v.regex(/^[\w:.-]*$/, 'letters, digits, colons, dots, dashes')), 'wardline:'),
  SMTP_URL: v.optional(url(['smtp:', 'smtps:'], 'an smtp:// or smtps:// URL'), 'smtp://127.0.0.1:1025'),
  MAIL_FROM: v.optional(v.pipe(v.string(), v.minLength(3, 'a sender address')), 'Wardline <no-reply@wardline.local>'),
  MAIL_INBOX_PORT: port(8025),
  MAIL_INBOX_SMTP_PORT: port(1025),
  HOSPITAL_TIMEZONE: timeZone,
  HOSPITAL_NAME: v.optional(v.pipe(v.string(), v.minLength(1, 'a name')), 'Wardline General Hospital'),
  ADMIN_EMAIL: v.optional(email, 'admin@hospital.local'),
  ADMIN_PASSWORD: v.optional(v.pipe(v.string(), v.minLength(8, 'at least 8 characters'), v.maxLength(128, 'at most 128 characters'))),
  ADMIN_NAME: v.optional(v.pipe(v.string(), v.minLength(1, 'a name')), 'Administrator'),
  SESSION_IDLE_MINUTES: minutes(30),
  SESSION_ABSOLUTE_MINUTES: minutes(720),
  WEB_ORIGIN: v.optional(origins),
  API_ORIGIN: v.optional(origins),
  TRUST_PROXY: v.optional(
    v.pipe(
      v.string(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const parsed = parseTrustProxy(dataset.value);
        if (parsed) return parsed;
        addIssue({ message: 'false, a number of proxy hops (1 = one proxy in front), or a comma-separated list of proxy addresses or CIDR ranges' });
        return NEVER;
      }),
    ),
    'false',
  ),
  SECRET_KEY: v.optional(v.pipe(v.string(), v.trim(), v.minLength(32, 'at least 32 characters of random text (openssl rand -base64 32)'))),
  BOOKING_MIN_NOTICE_MINUTES: count(60, 'minutes', 0),
  PATIENT_CHANGE_CUTOFF_HOURS: count(2, 'hours', 0),
  MAX_OPEN_APPOINTMENTS: count(5, 'appointments', 1),
  REMINDER_TIME: clockTime('08:00'),
  MONTHLY_REPORT_TIME: clockTime('06:00'),
  EXPORT_TTL_HOURS: count(72, 'hours', 1),
  JOB_STALL_SECONDS: count(30, 'seconds', 1),
  MAIL_CLAIM_STALE_SECONDS: count(60, 'seconds', 1),
  WORKER_SHUTDOWN_SECONDS: count(20, 'seconds', 0),
  REQUIRE_STAFF_MFA: v.optional(v.picklist(['true', 'false'], 'true or false'), 'false'),
  WEB_CONCURRENCY: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[1-9]\d{0,2}$/, 'a whole number of API processes from 1 to 999'))),
  RUN_JOBS: v.optional(v.picklist(['true', 'false'], 'true or false'), 'true'),
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent'], 'debug, info, warn, error or silent'), 'info'),
});

/** The name of every setting (for the checks that each is documented). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.entries);

export type Env = Record<string, string | undefined>;

export interface Config {
  env: 'development' | 'production' | 'test';
  apiPort: number;
  webPort: number;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  /** Where the runner keeps files of its own (the data of a redis-server it starts). */
  dataDir: string;
  redisUrl: string;
  redisKeyPrefix: string;
  smtpUrl: string;
  mailFrom: string;
  mailInbox: { httpPort: number; smtpPort: number };
  hospitalTimeZone: string;
  hospitalName: string;
  admin: { email: string; password: string | undefined; name: string };
  session: { idleMs: number; absoluteMs: number; secureCookie: boolean; cookieName: string };
  webOrigins: string[];
  /** The API's own origins: state-changing requests may come from these too (never from the request's Host). */
  apiOrigins: string[];
  /** Which proxies in front of us to believe about the client's address (shared/net/trust-proxy.ts). */
  trustProxy: TrustProxy;
  /**
   * Signs the long-lived device cookie and encrypts secrets at rest (TOTP secrets: shared/auth/secret-box.ts). Required in production;
   * in development the runner keeps one in DATA_DIR, and without one a process makes its own for itself.
   */
  secretKey: string;
  /** The booking rules of API.md that a hospital may tune. */
  booking: {
    /** A patient books at least this long ahead. */
    minNoticeMinutes: number;
    /** A patient cannot cancel or reschedule this close to the start (409 too_late); staff are exempt. */
    changeCutoffHours: number;
    /** Booked appointments a patient may hold at once (409 limit_reached). */
    maxOpenAppointments: number;
  };
  /** Background work (issue 9): when the scheduled functions run, and how long an export is kept. */
  background: {
    /** `HH:MM` in the hospital's zone: daily-reminders runs then, for the next day's visits. */
    reminderTime: string;
    /** `HH:MM` in the hospital's zone on the 1st of each month: monthly-reports runs then. */
    monthlyReportTime: string;
    /** A finished export can be downloaded for this long (410 after). */
    exportTtlHours: number;
    /**
     * A job whose worker died (SIGKILL, power) runs again after about this long: BullMQ's lock duration
     * and stall-check interval (default 30 s, BullMQ's own). Lower only in tests: a live worker renews
     * its lock every half of it, so a busy event loop longer than that makes a live job look stalled.
     */
    jobStallMs: number;
    /**
     * A delivery-log claim older than this belongs to an attempt that died and is taken over
     * (shared/mail/deliver-once.ts). It must exceed the longest an SMTP send can take; lower only in tests.
     */
    mailClaimStaleMs: number;
    /** On SIGTERM the worker finishes the jobs in hand within this long, else hands them back as stalled. */
    workerShutdownMs: number;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Admins and doctors without a second factor reach only /api/auth/* (403 mfa_setup_required elsewhere). */
  requireStaffMfa: boolean;
  /**
   * API processes the runner starts on API_PORT (WEB_CONCURRENCY). null when unset: the runner then starts
   * one a core in production and 1 otherwise (it knows the cores; this file also runs in a Worker). They
   * share the database and Redis; the job worker stays one process.
   */
  webConcurrency: number | null;
  /**
   * Whether the runner also runs the job worker and the schedulers (RUN_JOBS, default true). false when
   * `jobs/main.ts` runs them as processes of their own (docs/deploy.md).
   */
  runJobs: boolean;
}

/** Thrown for a bad setting; `message` is the one line printed at start-up. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`Configuration error: ${variable} must be ${expected}`);
  }
}

/** Reads and validates the settings; throws `ConfigError` naming the first bad variable. */
export function loadConfig(env: Env): Config {
  // Blank values (empty or only spaces) count as unset, so `FOO=` in a .env file falls back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = v.safeParse(EnvSchema, present);
  if (!result.success) {
    const issue = result.issues[0];
    throw new ConfigError(v.getDotPath(issue) ?? 'environment', issue.message);
  }
  const e = result.output;
  const webOrigins = e.WEB_ORIGIN ?? localOrigins(e.WEB_PORT);
  const secure = webOrigins[0]!.startsWith('https://');
  if (e.ADMIN_PASSWORD !== undefined) {
    // The admin sees every patient: their password follows the same policy as everyone's.
    const problem = passwordProblem(e.ADMIN_PASSWORD, { email: e.ADMIN_EMAIL, name: e.ADMIN_NAME, hospitalName: e.HOSPITAL_NAME });
    if (problem) throw new ConfigError('ADMIN_PASSWORD', `a password that passes the password policy (it ${PASSWORD_PROBLEM_MESSAGES[problem].replaceAll('your', "the admin's")})`);
  }
  if (e.SECRET_KEY === undefined && e.NODE_ENV === 'production') {
    throw new ConfigError('SECRET_KEY', 'set in production: at least 32 characters of random text (openssl rand -base64 32)');
  }
  return {
    env: e.NODE_ENV,
    apiPort: e.API_PORT,
    webPort: e.WEB_PORT,
    database: e.DATABASE_URL.includes('://') && !e.DATABASE_URL.startsWith('sqlite:')
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', path: e.DATABASE_URL.replace(/^sqlite:/, '') },
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailInbox: { httpPort: e.MAIL_INBOX_PORT, smtpPort: e.MAIL_INBOX_SMTP_PORT },
    hospitalTimeZone: e.HOSPITAL_TIMEZONE,
    hospitalName: e.HOSPITAL_NAME,
    admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, name: e.ADMIN_NAME },
    session: {
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.SESSION_ABSOLUTE_MINUTES * 60_000,
      secureCookie: secure,
      // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
      cookieName: secure ? '__Host-wardline_session' : 'wardline_session',
    },
    webOrigins,
    apiOrigins: e.API_ORIGIN ?? localOrigins(e.API_PORT),
    trustProxy: e.TRUST_PROXY,
    secretKey: e.SECRET_KEY ?? randomSecret(),
    booking: {
      minNoticeMinutes: e.BOOKING_MIN_NOTICE_MINUTES,
      changeCutoffHours: e.PATIENT_CHANGE_CUTOFF_HOURS,
      maxOpenAppointments: e.MAX_OPEN_APPOINTMENTS,
    },
    background: {
      reminderTime: e.REMINDER_TIME,
      monthlyReportTime: e.MONTHLY_REPORT_TIME,
      exportTtlHours: e.EXPORT_TTL_HOURS,
      jobStallMs: e.JOB_STALL_SECONDS * 1000,
      mailClaimStaleMs: e.MAIL_CLAIM_STALE_SECONDS * 1000,
      workerShutdownMs: e.WORKER_SHUTDOWN_SECONDS * 1000,
    },
    logLevel: e.LOG_LEVEL,
    requireStaffMfa: e.REQUIRE_STAFF_MFA === 'true',
    webConcurrency: e.WEB_CONCURRENCY === undefined ? null : Number(e.WEB_CONCURRENCY),
    runJobs: e.RUN_JOBS === 'true',
  };
}

/** A secret for this process only: device cookies it signs stop counting when it restarts. */
function randomSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
