/** Processor: the booking confirmation with its .ics. Not built yet (issue 9). */
import type { Processor } from './processors';

export const process: Processor = async () => {
  throw new Error('not built yet');
};
