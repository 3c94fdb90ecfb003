/** Job name → processor. Each processor lives in its own file in jobs/ and must be idempotent. */
import type { Job } from 'bullmq';
import type { Deps } from '../shared/runtime/deps';

export type Processor = (deps: Deps, payload: Record<string, string | number>, job: Job) => Promise<void>;

export const processors: Record<string, Processor> = {};
