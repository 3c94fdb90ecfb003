/** Processor: the reschedule notice with the updated .ics. Not built yet (issue 9). */
import type { Processor } from './processors';

export const process: Processor = async () => {
  throw new Error('not built yet');
};
