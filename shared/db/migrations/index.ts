/**
 * The list of migrations, in order. A static list (not a folder scan) so the same code runs in
 * Node, in workerd against D1, and in a bundled Worker where there is no file system.
 */
import type { Migration } from 'kysely';
import * as initialSchema from './2026-11-25-001-initial-schema';
import * as auditUserAgent from './2026-11-26-001-audit-user-agent';
import * as booking from './2026-11-26-002-booking';
import * as admin from './2026-11-27-001-admin';
import * as auditChain from './2026-12-01-001-audit-chain';
import * as patientSearchFts from './2026-12-01-002-patient-search-fts';
import * as backgroundWork from './2026-12-02-001-background-work';
import * as accounts from './2026-12-03-001-accounts';
import * as appointmentCounts from './2026-12-04-001-appointment-counts';

export const migrations: Record<string, Migration> = {
  '2026-11-25-001-initial-schema': initialSchema,
  '2026-11-26-001-audit-user-agent': auditUserAgent,
  '2026-11-26-002-booking': booking,
  '2026-11-27-001-admin': admin,
  '2026-12-01-001-audit-chain': auditChain,
  '2026-12-01-002-patient-search-fts': patientSearchFts,
  '2026-12-02-001-background-work': backgroundWork,
  '2026-12-03-001-accounts': accounts,
  '2026-12-04-001-appointment-counts': appointmentCounts,
};
