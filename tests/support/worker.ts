/**
 * The functions as a Cloudflare Worker for a test file: the bundle scripts/build-worker.ts makes, run inside
 * workerd by Miniflare with a local D1 database and KV namespace of its own (STACK.md: `cf: false`,
 * compatibility date no later than 2026-04-26, nodejs_compat). `dispose()` stops it and removes its files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { buildWorker } from '../../scripts/build-worker';

export const WORKER_ORIGIN = 'http://localhost:8787';

export interface TestWorker {
  mf: Miniflare;
  /** The bundle's path (some tests read it). */
  outfile: string;
  call(path: string, init?: RequestInit): Promise<Response>;
  dispose(): Promise<void>;
}

export async function startWorker(options: {
  name: string;
  timeZone?: string;
  bindings?: Record<string, string>;
  /** Where the Worker's console lines go (a test reading its log). */
  onLog?: (line: { level: string; message: string }) => void;
  /** Bind the JOBS Queue (producer and this Worker as its consumer, each message tried once). */
  queues?: boolean;
}): Promise<TestWorker> {
  const dir = mkdtempSync(join(tmpdir(), `wardline-worker-${options.name}-`));
  try {
    const { outfile } = await buildWorker(join(dir, 'worker.js'));
    const mf = new Miniflare({
      modules: true,
      scriptPath: outfile,
      // Module names are paths relative to this root; the default (the cwd) would put the bundle at ../..
      modulesRoot: dir,
      compatibilityDate: '2026-04-26',
      compatibilityFlags: ['nodejs_compat'],
      cf: false,
      ...(options.onLog ? { handleStructuredLogs: options.onLog } : {}),
      d1Databases: ['DB'],
      kvNamespaces: ['CACHE'],
      ...(options.queues
        ? { queueProducers: { JOBS: 'wardline-jobs' }, queueConsumers: { 'wardline-jobs': { maxBatchTimeout: 1, maxRetries: 0 } } }
        : {}),
      bindings: {
        NODE_ENV: 'test',
        REDIS_KEY_PREFIX: 'test:',
        HOSPITAL_TIMEZONE: options.timeZone ?? 'Europe/London',
        WEB_ORIGIN: 'http://localhost:3000',
        LOG_LEVEL: 'warn',
        ...options.bindings,
      },
    });
    await mf.ready;
    return {
      mf,
      outfile,
      call: (path, init) => mf.dispatchFetch(`${WORKER_ORIGIN}${path}`, init as never) as unknown as Promise<Response>,
      async dispose() {
        await mf.dispose();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
