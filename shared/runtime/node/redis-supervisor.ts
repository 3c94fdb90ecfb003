/**
 * Makes sure Redis answers before anything needs it. If nothing answers at a local REDIS_URL and
 * `redis-server` is installed, start one with its data under `data/redis` (append-only file on, so
 * queued jobs and sessions survive a restart) and stop it on exit; otherwise say how to get one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../deps';

export class RedisUnavailable extends Error {}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1500, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const howToGetOne = (url: string) =>
  `Redis is not answering at ${url}. Install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) ` +
  `and run npm start again, or start one with "docker compose up -d redis", or point REDIS_URL at a running server.`;

/** Answers a stop function when it started a server of its own, or null when one was already there. */
export async function ensureRedis(url: string, dataDir: string, log: Logger): Promise<null | (() => Promise<void>)> {
  if (await answers(url)) return null;
  const { hostname, port } = new URL(url);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname);
  const installed = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!local || !installed) throw new RedisUnavailable(howToGetOne(url));

  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  log.info('starting redis-server', { port: port || '6379', dir });
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', port || '6379', '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'],
    // Its own process group: Ctrl-C in the terminal must not stop Redis while requests still drain;
    // the runner stops it last, itself.
    { stdio: 'ignore', detached: true },
  );
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) {
      return async () => {
        // Already gone (it exited, or a signal ended it: then exitCode stays null and 'exit' never comes again).
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailable(`redis-server was started but did not answer at ${url}. ${howToGetOne(url)}`);
}
