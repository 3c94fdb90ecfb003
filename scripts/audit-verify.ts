/**
 * `npm run audit:verify`: seals any unsealed audit rows, then walks the hash chain of the configured
 * database (ADR 023). Exit 0 when it holds; exit 1 naming the first broken row's id and seq otherwise
 * (2 when the database cannot be read at all).
 */
import { environment } from '../shared/runtime/node/env-file';
import { ConfigError, loadConfig } from '../shared/config';
import { sealAudit, verifyAudit } from '../shared/db/audit-chain';
import { openDatabase } from '../shared/runtime/node/database';

let code = 2;
try {
  const config = loadConfig(environment());
  const db = openDatabase(config.database);
  try {
    const sealed = await sealAudit(db);
    const report = await verifyAudit(db);
    if (report.ok) {
      console.log(`The audit chain holds: ${report.checked} row(s) checked${sealed ? ` (${sealed} sealed now)` : ''}.`);
      code = 0;
    } else {
      const row = report.firstBrokenId ? `row ${report.firstBrokenId} (seq ${report.firstBrokenSeq})` : `the rows from seq ${report.firstBrokenSeq} on are missing`;
      console.error(`The audit chain is BROKEN at ${row}; ${report.checked} row(s) before it check out.`);
      code = 1;
    }
  } finally {
    await db.destroy();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
}
process.exit(code);
