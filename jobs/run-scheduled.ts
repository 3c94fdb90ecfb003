/** Processor: the job schedulers' jobs: runs the scheduled function for the job's moment. Not built yet (issue 9). */
import type { Processor } from './processors';

export const process: Processor = async () => {
  throw new Error('not built yet');
};
