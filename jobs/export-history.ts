/** Processor: a patient's export (CSV and FHIR), then the email that it is ready. Not built yet (issue 9). */
import type { Processor } from './processors';

export const process: Processor = async () => {
  throw new Error('not built yet');
};
