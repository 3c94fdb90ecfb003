/**
 * The baselines, in a process of their own: a bare Hono app on @hono/node-server, with nothing of ours.
 * - GET /hello: the floor of any request through Hono and the Node adapter.
 * - POST /verify: argon2id verify alone (the same parameters and PHC string as Wardline's, the same
 *   UV_THREADPOOL_SIZE), the floor of sign-in.
 * With BENCH_DATABASE (the SQLite file Wardline runs on, opened with the same pragmas):
 * - GET /range?doctors=a,b&from=&to=: the raw range query of a department's slots alone (the live
 *   appointments of those doctors between two instants), the floor of `GET /api/departments/:id/slots`.
 * - POST /book: the raw booking transaction alone (BEGIN IMMEDIATE, the appointment, its audit row, the
 *   idempotency row, COMMIT, each statement prepared once), the floor of `POST /api/patient/appointments`.
 * Prints `listening <port>` when ready.
 */
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { hash, verify } from '@node-rs/argon2';
import SQLite from 'better-sqlite3';
import { Hono } from 'hono';

const PASSWORD = 'bench password for argon2 only';
const stored = await hash(PASSWORD);

const app = new Hono();
app.get('/hello', (c) => c.text('Hello'));
app.post('/verify', async (c) => {
  const { password } = await c.req.json<{ password: string }>();
  return c.json({ ok: await verify(stored, password) }, 200);
});

const file = process.env.BENCH_DATABASE;
if (file && /^postgres(ql)?:\/\//.test(file)) {
  await postgresBaselines(file);
} else if (file) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const range = new Map<number, SQLite.Statement>();
  app.get('/range', (c) => {
    const doctors = (c.req.query('doctors') ?? '').split(',');
    let statement = range.get(doctors.length);
    if (!statement) {
      statement = db.prepare(
        `select id, doctor_id, start_at, end_at from appointments where doctor_id in (${doctors.map(() => '?').join(',')}) and start_at >= ? and start_at < ? and status <> 'cancelled' order by start_at`,
      );
      range.set(doctors.length, statement);
    }
    return c.json({ items: statement.all(...doctors, c.req.query('from'), c.req.query('to')) });
  });

  // The booking transaction's writes, for a doctor and patient of the baseline's own (made here once).
  const at = new Date().toISOString();
  const doctorId = randomUUID();
  const patientId = randomUUID();
  const department = db.prepare('select id from departments limit 1').get() as { id: string } | undefined;
  if (department) {
    const user = db.prepare("insert into users (id, role, email, name, password_hash, status, created_at, updated_at) values (?, ?, ?, ?, 'x', 'active', ?, ?)");
    user.run(doctorId, 'doctor', `raw.doctor.${doctorId}@bench.local`, 'Raw Doctor', at, at);
    user.run(patientId, 'patient', `raw.patient.${patientId}@bench.local`, 'Raw Patient', at, at);
    db.prepare('insert into doctors (user_id, department_id, specialization, slot_minutes, created_at, updated_at) values (?, ?, ?, 5, ?, ?)').run(doctorId, department.id, 'Bench', at, at);
  }
  const insertAppointment = db.prepare(
    "insert into appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, created_at, updated_at) values (?, ?, ?, ?, ?, 'booked', null, ?, ?)",
  );
  const insertAudit = db.prepare(
    "insert into audit_log (id, at, actor_id, actor_role, patient_id, outcome, action, entity, entity_id, ip, user_agent, detail) values (?, ?, ?, 'patient', ?, 'ok', 'appointment_book', 'appointment', ?, '127.0.0.1', 'bench', ?)",
  );
  const insertKey = db.prepare('insert into idempotency_keys (user_id, key, request_hash, status, body, created_at) values (?, ?, ?, 201, ?, ?)');
  const book = db.transaction((id: string, start: string, end: string, body: string) => {
    insertKey.run(patientId, id, 'hash', body, at);
    insertAppointment.run(id, doctorId, patientId, start, end, at, at);
    insertAudit.run(randomUUID(), at, patientId, patientId, id, JSON.stringify({ doctorId, start }));
  });
  const nextBooking = rawBookings(doctorId);
  app.post('/book', async (c) => {
    const { id, start, end, body } = nextBooking(await c.req.json<{ reason?: string }>());
    // better-sqlite3's transaction() begins DEFERRED; Wardline's begin IMMEDIATE: the same here.
    book.immediate(id, start, end, body);
    return c.body(body, 201, { 'content-type': 'application/json' });
  });
}

/**
 * The same two raw baselines on PostgreSQL (the bench's database is a postgres:// URL): one pool of 10 as
 * Wardline's, the same SQL, the booking's three inserts in one transaction (committed with PostgreSQL's
 * default synchronous_commit, as Wardline's are).
 */
async function postgresBaselines(url: string) {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  app.get('/range', async (c) => {
    const doctors = (c.req.query('doctors') ?? '').split(',');
    const placeholders = doctors.map((_, i) => `$${i + 1}`).join(',');
    const n = doctors.length;
    const result = await pool.query({
      name: `range-${n}`,
      text: `select id, doctor_id, start_at, end_at from appointments where doctor_id in (${placeholders}) and start_at >= $${n + 1} and start_at < $${n + 2} and status <> 'cancelled' order by start_at`,
      values: [...doctors, c.req.query('from'), c.req.query('to')],
    });
    return c.json({ items: result.rows });
  });
  const at = new Date().toISOString();
  const doctorId = randomUUID();
  const patientId = randomUUID();
  const department = (await pool.query('select id from departments limit 1')).rows[0] as { id: string } | undefined;
  if (department) {
    const user = "insert into users (id, role, email, name, password_hash, status, created_at, updated_at) values ($1, $2, $3, $4, 'x', 'active', $5, $5)";
    await pool.query(user, [doctorId, 'doctor', `raw.doctor.${doctorId}@bench.local`, 'Raw Doctor', at]);
    await pool.query(user, [patientId, 'patient', `raw.patient.${patientId}@bench.local`, 'Raw Patient', at]);
    await pool.query('insert into doctors (user_id, department_id, specialization, slot_minutes, created_at, updated_at) values ($1, $2, $3, 5, $4, $4)', [doctorId, department.id, 'Bench', at]);
  }
  const nextBooking = rawBookings(doctorId);
  app.post('/book', async (c) => {
    const { id, start, end, body } = nextBooking(await c.req.json<{ reason?: string }>());
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query({ name: 'key', text: 'insert into idempotency_keys (user_id, key, request_hash, status, body, created_at) values ($1, $2, $3, 201, $4, $5)', values: [patientId, id, 'hash', body, at] });
      await client.query({
        name: 'appointment',
        text: "insert into appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, created_at, updated_at) values ($1, $2, $3, $4, $5, 'booked', null, $6, $6)",
        values: [id, doctorId, patientId, start, end, at],
      });
      await client.query({
        name: 'audit',
        text: "insert into audit_log (id, at, actor_id, actor_role, patient_id, outcome, action, entity, entity_id, ip, user_agent, detail) values ($1, $2, $3, 'patient', $3, 'ok', 'appointment_book', 'appointment', $4, '127.0.0.1', 'bench', $5)",
        values: [randomUUID(), at, patientId, id, JSON.stringify({ doctorId, start })],
      });
      await client.query('commit');
    } catch (err) {
      await client.query('rollback');
      throw err;
    } finally {
      client.release();
    }
    return c.body(body, 201, { 'content-type': 'application/json' });
  });
}

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening ${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

/** The raw booking baselines' bookings, one after another: 5-minute slots from 2100 on (never taken), and the answer's JSON. */
function rawBookings(doctorId: string) {
  let minute = 0;
  return (input: { reason?: string }) => {
    const id = randomUUID();
    const startMs = Date.UTC(2100, 0, 1) + minute++ * 300_000;
    const start = new Date(startMs).toISOString();
    const end = new Date(startMs + 300_000).toISOString();
    return { id, start, end, body: JSON.stringify({ id, doctorId, start, end, status: 'booked', reason: input.reason ?? null }) };
  };
}
