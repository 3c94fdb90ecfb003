/**
 * Background work for a test file, with real parts: a test world whose SMTP_URL points at a real SMTP
 * listener of its own (shared/runtime/node/mail-inbox.ts on a free port) and, on demand, a real BullMQ
 * worker on the world's Redis prefix. `useBackgroundWorld()` registers beforeAll/afterAll.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Worker } from 'bullmq';
import type { Env } from '../../shared/config';
import { connectRedis } from '../../shared/runtime/node/build-deps';
import { startMailInbox, type CaughtMail, type MailInbox } from '../../shared/runtime/node/mail-inbox';
import { startWorker } from '../../jobs/worker';
import { createTestWorld, type TestWorld } from './test-deps';

export interface BackgroundWorld {
  world: TestWorld;
  inbox: MailInbox;
  /**
   * Starts a worker on this world's queue (stopped in afterAll, or by the answer's `stop`). It runs the
   * outbox relay as production does, unless `relay: false` (tests that hand each row over themselves).
   */
  startWorker(options?: { relay?: boolean }): Promise<{ worker: Worker; stop(): Promise<void> }>;
  /** Mails to this address, oldest first. */
  mailTo(address: string): CaughtMail[];
}

export function useBackgroundWorld(env: Env = {}): () => BackgroundWorld {
  let state: BackgroundWorld | undefined;
  const stops: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    const inbox = await startMailInbox({ smtpPort: 0 });
    const world = await createTestWorld({ SMTP_URL: `smtp://127.0.0.1:${inbox.smtpPort}`, ...env });
    state = {
      world,
      inbox,
      async startWorker(options = {}) {
        const connection = connectRedis(world.config.redisUrl, { forWorker: true });
        const worker = startWorker(world.deps, connection, options);
        await worker.waitUntilReady();
        let stopped = false;
        const stop = async () => {
          if (stopped) return;
          stopped = true;
          await worker.close();
          connection.disconnect();
        };
        stops.push(stop);
        return { worker, stop };
      },
      mailTo: (address) => inbox.messages.filter((m) => m.to.includes(address)).reverse(),
    };
  });
  afterAll(async () => {
    for (const stop of stops.splice(0)) await stop();
    await state?.world.cleanup();
    await state?.inbox.close();
  });
  return () => {
    if (!state) throw new Error('the background world is made in beforeAll; use it inside a test');
    return state;
  };
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 15_000, what = 'the condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
