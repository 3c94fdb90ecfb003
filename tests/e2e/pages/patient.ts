/** The patient portal's pages for the accessibility sweep (tests/e2e/accessibility.test.ts). */
import type { A11yPage } from '../../support/e2e';

export const patientPages: A11yPage[] = [];
