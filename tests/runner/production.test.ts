/**
 * Production runs compiled code (ADR 014): `npm start` with NODE_ENV=production execs node on the bundle
 * `npm run build` made, with one thread-pool thread a core; development keeps tsx. The bundle itself is
 * built here into a temp folder and started as a real process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { buildServer } from '../../scripts/build-server';
import { freePorts } from '../support/net';
import { deleteKeys } from '../support/redis-keys';

const ROOT = join(import.meta.dirname, '../..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const dirs: string[] = [];
const children: ChildProcess[] = [];
const prefix = `test:production:${Math.random().toString(36).slice(2, 8)}:`;

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-production-'));
  dirs.push(dir);
  return dir;
};

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await deleteKeys(REDIS_URL, prefix);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of scripts/start.sh in a folder of its own, with a stand-in bundle that reports how it was run. */
function startScriptSandbox(withBuild: boolean) {
  const root = tempDir();
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(ROOT, 'scripts/start.sh'), join(root, 'scripts/start.sh'));
  if (withBuild) {
    mkdirSync(join(root, 'dist/node'), { recursive: true });
    mkdirSync(join(root, 'web/dist'), { recursive: true });
    writeFileSync(join(root, 'web/dist/index.html'), '<!doctype html>');
    writeFileSync(
      join(root, 'dist/node/local-runner.js'),
      'console.log(JSON.stringify({ execArgv: process.execArgv, argv: process.argv.slice(2), threads: process.env.UV_THREADPOOL_SIZE }));',
    );
  }
  return root;
}

const sh = (root: string, env: Record<string, string>) =>
  promisify(execFile)('sh', [join(root, 'scripts/start.sh'), '--flag'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });

describe('npm start in production', () => {
  test('runs the bundle under plain node, with source maps and one thread-pool thread a core', async () => {
    const root = startScriptSandbox(true);
    const { stdout } = await sh(root, { NODE_ENV: 'production' });
    expect(JSON.parse(stdout)).toEqual({ execArgv: ['--enable-source-maps', '--max-semi-space-size=8'], argv: ['--flag'], threads: String(availableParallelism()) });
    // NODE_ENV from .env counts too, and a thread-pool size that is set wins.
    writeFileSync(join(root, '.env'), 'HOSPITAL_NAME="x"\nNODE_ENV=production\n');
    expect(JSON.parse((await sh(root, { UV_THREADPOOL_SIZE: '7' })).stdout).threads).toBe('7');
  });

  test('without a build it says to run npm run build, and starts nothing', async () => {
    const root = startScriptSandbox(false);
    const failed = await sh(root, { NODE_ENV: 'production' }).catch((err: { code: number; stderr: string }) => err);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('run npm run build first') });
  });

  test('the bundle starts, mounts every function file, signs in, and imports no TypeScript', async () => {
    // Inside the project, so that the bundle finds node_modules as dist/node does.
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    const outdir = mkdtempSync(join(ROOT, '.tmp', 'bundle-'));
    dirs.push(outdir);
    const built = await buildServer(outdir);
    expect(built.files.map((f) => f.path.split('/').at(-1))).toEqual(expect.arrayContaining(['local-runner.js', 'jobs.js']));
    const data = tempDir();
    const [api, web] = (await freePorts(2)) as [number, number];
    const child = spawn(process.execPath, ['--enable-source-maps', join(outdir, 'local-runner.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        API_PORT: String(api),
        WEB_PORT: String(web),
        DATABASE_URL: join(data, 'wardline.db'),
        DATA_DIR: data,
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        ADMIN_EMAIL: 'chief@hospital.example',
        ADMIN_PASSWORD: 'quiet corridor at midnight',
        SECRET_KEY: 'a production secret that is long enough',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c));
    child.stderr!.on('data', (c: Buffer) => (output += c));
    let healthy = false;
    for (let i = 0; i < 300 && !healthy && child.exitCode === null; i++) {
      healthy = await fetch(`http://127.0.0.1:${api}/api/health`).then((r) => r.status === 200, () => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 50));
    }
    expect(healthy, output).toBe(true);
    const doc = (await (await fetch(`http://127.0.0.1:${api}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/me', '/api/health', '/api/settings']));
    const login = await fetch(`http://127.0.0.1:${api}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'chief@hospital.example', password: 'quiet corridor at midnight' }),
    });
    expect(login.status).toBe(200);
    // Our code is all inside the bundle: what it imports is packages and node: built-ins, never a .ts file.
    const bundle = readFileSync(join(outdir, 'local-runner.js'), 'utf8');
    const imported = [...bundle.matchAll(/(?:^|\n)import[^'"]*?["']([^"']+)["']|import\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? m[2]!);
    expect(imported.length).toBeGreaterThan(5);
    expect(imported.filter((i) => (i.startsWith('.') && !/^\.\/chunks\/[\w-]+\.js$/.test(i)) || i.endsWith('.ts') || i === 'tsx')).toEqual([]);
    // What production never uses is not loaded at start: the development inbox and Vite wait in chunks.
    expect(imported.filter((i) => /smtp-server|mailparser|^vite$/.test(i))).toEqual([]);
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    expect(child.exitCode).toBe(0);
  });
});
