/**
 * `npm run seed`: fills an empty database with the demo hospital (scripts/seed/demo-hospital.ts) and
 * prints the demo sign-ins. A database that already has departments or patients is left alone ("already
 * seeded", exit 0), so it is safe to run at every start. Refused in production: the demo accounts share a
 * published password. Needs only the database (no Redis): it applies pending migrations first.
 */
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig, type Env } from '../shared/config';
import { migrateToLatest } from '../shared/db/migrate';
import { argon2Hasher } from '../shared/runtime/node/argon2-hasher';
import { openDatabase } from '../shared/runtime/node/database';
import { environment } from '../shared/runtime/node/env-file';
import { createNodeLogger } from '../shared/runtime/node/log-sink';
import { describeCounts, describeSignIns, PATIENT_COUNT, seedDemoHospital, type SeedProgress } from './seed/demo-hospital';
import { addMorePatients } from './seed/more-patients';

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Runs the command; answers the exit code. */
/** `--patients N`: the total number of patients wanted (at least the demo's own). */
function patientsWanted(args: string[]): number | null | 'bad' {
  const i = args.indexOf('--patients');
  if (i < 0) return null;
  const n = Number(args[i + 1]);
  return Number.isInteger(n) && n >= PATIENT_COUNT && n <= 10_000_000 ? n : 'bad';
}

export async function seedCommand(env: Env, out: Output = process.stdout, err: Output = process.stderr, args: string[] = []): Promise<number> {
  const wanted = patientsWanted(args);
  if (wanted === 'bad') {
    err.write(`--patients must be a whole number from ${PATIENT_COUNT} (the demo's own) to 10,000,000.\n`);
    return 1;
  }
  let config;
  try {
    config = loadConfig({ LOG_LEVEL: 'warn', ...env });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err.write(`${e.message}\n`);
    return 1;
  }
  if (config.env === 'production') {
    err.write('Not seeding: NODE_ENV is production, and the demo hospital’s accounts share a published password.\n');
    return 1;
  }
  const db = openDatabase(config.database);
  const progress = progressReporter(out);
  try {
    await migrateToLatest(db);
    const started = performance.now();
    const result = await seedDemoHospital(
      { db, passwords: argon2Hasher, clock: () => new Date(), config, log: createNodeLogger(config.logLevel) },
      { onProgress: progress.update },
    );
    progress.stop();
    if (!result.seeded) {
      out.write(`Not seeding the demo hospital: ${result.reason}.\n`);
      return 0;
    }
    if (wanted !== null && wanted > result.counts.patients) {
      const more = wanted - result.counts.patients;
      const row = await db.selectFrom('users').select('password_hash').where('email', '=', result.signIns.patient.email).executeTakeFirstOrThrow();
      const bar = progressReporter(out);
      await addMorePatients(db, {
        count: more,
        passwordHash: row.password_hash,
        now: new Date(),
        onProgress: (done, total) => bar.update({ step: 'more patients', done, total }),
      });
      bar.stop();
      result.counts.patients += more;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out.write(`Demo hospital seeded in ${seconds} s: ${describeCounts(result.counts)}.\n\nDemo sign-ins:\n`);
    for (const line of describeSignIns(result.signIns)) out.write(`  ${line}\n`);
    return 0;
  } finally {
    progress.stop();
    await db.destroy();
  }
}

/** A progress bar on a terminal; elsewhere one plain line as each kind of row starts. */
function progressReporter(out: Output) {
  if (out.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'Seeding the demo hospital [{bar}] {percentage}% | {step}', hideCursor: true, clearOnComplete: true, stream: out as NodeJS.WriteStream },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p: SeedProgress) => {
        if (!started) bar.start(p.total, p.done, { step: p.step });
        started = true;
        bar.update(p.done, { step: p.step });
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let last = '';
  return {
    update: (p: SeedProgress) => {
      if (p.step === last) return;
      last = p.step;
      out.write(`seeding: ${p.step} (${p.done} of ${p.total} rows written)\n`);
    },
    stop: () => {},
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exit(await seedCommand(environment(), process.stdout, process.stderr, process.argv.slice(2)));
  } catch (e) {
    console.error(e);
    process.exit(1);
  }
}
