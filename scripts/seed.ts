/**
 * `npm run seed`: fills an empty database with the demo hospital (scripts/seed/demo-hospital.ts) and
 * prints the demo sign-ins. A database that already has departments or patients is left alone ("already
 * seeded", exit 0), so it is safe to run at every start. Refused in production: the demo accounts share a
 * published password. Needs only the database (no Redis): it applies pending migrations first.
 */
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import type { Env } from '../shared/config';
import { commandConfig } from './command-config';
import { migrateToLatest } from '../shared/db/migrate';
import { argon2Hasher } from '../shared/runtime/node/argon2-hasher';
import { openDatabase } from '../shared/runtime/node/database';
import { environment } from '../shared/runtime/node/env-file';
import { createNodeLogger } from '../shared/runtime/node/log-sink';
import { describeCounts, describeSignIns, PATIENT_COUNT, seedDemoHospital, type SeedProgress } from './seed/demo-hospital';
import { addMorePatients } from './seed/more-patients';
import { addLargeHospital, SCALES, type ScaleSizes } from './seed/large-hospital';

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

/** `--scale NAME`: the sizes to grow the demo to (null: the demo alone); 'bad' for an unknown name. */
function scaleWanted(args: string[]): ScaleSizes | null | 'bad' {
  const i = args.indexOf('--scale');
  if (i < 0) return null;
  const name = args[i + 1] ?? '';
  return Object.hasOwn(SCALES, name) ? SCALES[name]! : 'bad';
}

export async function seedCommand(env: Env, out: Output = process.stdout, err: Output = process.stderr, args: string[] = []): Promise<number> {
  const wanted = patientsWanted(args);
  if (wanted === 'bad') {
    err.write(`--patients must be a whole number from ${PATIENT_COUNT} (the demo's own) to 10,000,000.\n`);
    return 1;
  }
  const scale = scaleWanted(args);
  if (scale === 'bad') {
    err.write(`--scale must be one of: ${Object.keys(SCALES).join(', ')}.\n`);
    return 1;
  }
  if (scale && wanted !== null) {
    err.write('--scale sets the number of patients; give --patients or --scale, not both.\n');
    return 1;
  }
  const config = commandConfig(env, err);
  if (!config) return 1;
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
    if (scale) {
      const row = await db.selectFrom('users').select('password_hash').where('email', '=', result.signIns.patient.email).executeTakeFirstOrThrow();
      const bar = progressReporter(out);
      const added = await addLargeHospital(db, {
        sizes: scale,
        passwordHash: row.password_hash,
        now: new Date(),
        timeZone: config.hospitalTimeZone,
        staffDomain: config.admin.email.split('@')[1] ?? 'hospital.local',
        sqlite: config.database.kind === 'sqlite',
        onProgress: bar.update,
      });
      bar.stop();
      result.counts.doctors += added.doctors;
      result.counts.patients += added.patients;
      out.write(`Grown to scale: ${added.doctors.toLocaleString('en')} more doctors, ${added.patients.toLocaleString('en')} more patients, ${added.appointments.toLocaleString('en')} more appointments (${added.treatments.toLocaleString('en')} with treatments).\n`);
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

/** A progress bar on a terminal (its total follows each step); elsewhere a plain line as each step starts and at each tenth of it. */
function progressReporter(out: Output) {
  if (out.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'Seeding [{bar}] {percentage}% | {value}/{total} | {step}', hideCursor: true, clearOnComplete: true, stream: out as NodeJS.WriteStream },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let step = '';
    return {
      update: (p: SeedProgress) => {
        if (!started) bar.start(p.total, p.done, { step: p.step });
        else if (p.step !== step) bar.setTotal(p.total);
        started = true;
        step = p.step;
        bar.update(p.done, { step: p.step });
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let last = '';
  let tenth = -1;
  return {
    update: (p: SeedProgress) => {
      const now = p.total > 0 ? Math.floor((p.done / p.total) * 10) : 10;
      if (p.step === last && now === tenth) return;
      if (p.step === last && (now === 10 || p.total < 10_000)) return;
      out.write(`seeding: ${p.step} (${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} rows written)\n`);
      last = p.step;
      tenth = now;
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
