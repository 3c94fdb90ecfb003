/**
 * One process of the audit chain's race (shared/db/audit-chain.test.ts), run as
 * `node --import tsx tests/support/audit-writer.ts` with DATABASE_URL, AUDIT_TAG and AUDIT_COUNT in its
 * environment. It opens its own connection to the test world's database and then:
 *
 *   stdout `ready` once connected
 *   stdin  `go`: AUDIT_COUNT audited writes at once, alternately writeAudit inside a transaction and
 *          auditRead (a group commit), with a sealer started after every tenth
 *   stdout `done` once every write and every sealer has finished
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../shared/config';
import { auditRead, writeAudit, type AuditEntry } from '../../shared/db/audit';
import { sealAudit } from '../../shared/db/audit-chain';
import { openDatabase } from '../../shared/runtime/node/database';

const env = process.env;
const tag = env.AUDIT_TAG ?? 'audit';
const count = Number(env.AUDIT_COUNT ?? '100');
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: env.DATABASE_URL, LOG_LEVEL: 'silent' });
const db = openDatabase(config.database);
await db.selectFrom('audit_chain_head').select('seq').execute();
process.stdout.write('ready\n');

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
if ((await lines.next()).value !== 'go') throw new Error('expected go');

const entry = (i: number): AuditEntry => ({ at: new Date(Date.UTC(2026, 11, 1, 8, 0, i % 60)), actorId: null, action: i % 2 ? 'race_change' : 'race_read', entity: 'race', entityId: `${tag}-${i}` });
const work: Promise<unknown>[] = [];
for (let i = 0; i < count; i++) {
  work.push(i % 2 ? db.transaction().execute((trx) => writeAudit(trx, entry(i))) : auditRead(db, entry(i)));
  if (i % 10 === 9) work.push(sealAudit(db));
}
await Promise.all(work);
await db.destroy();
process.stdout.write('done\n');
process.exit(0);
