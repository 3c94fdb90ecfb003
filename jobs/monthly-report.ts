/** Processor: a doctor's monthly report, HTML with a PDF copy. Not built yet (issue 9). */
import type { Processor } from './processors';

export const process: Processor = async () => {
  throw new Error('not built yet');
};
