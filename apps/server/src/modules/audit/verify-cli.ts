/**
 * `npm run audit:verify`: recomputes the hash chains of audit_events and dossier_actions from the
 * stored rows and prints, per chain, how many entries it checked and either "chain intact" (with the
 * head hash, worth keeping outside the database) or the first broken entry. Exits 1 on a break.
 *
 * Same database as the server (config.ts): DATABASE_URL, or the embedded database in DATA_DIR
 * (stop the server first: the embedded database is opened by one process at a time). Reads only.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config';
import { openPGlite, openPostgres } from '../../db/database';
import { describeReport, verifyChains } from './chain';

async function main(): Promise<number> {
  const config = loadConfig();
  const dir = resolve(config.dataDir, 'pglite');
  if (!config.databaseUrl && !existsSync(dir)) {
    console.error(`No database: DATABASE_URL is not set and ${dir} does not exist.`);
    return 2;
  }
  const handle = config.databaseUrl
    ? await openPostgres({ url: config.databaseUrl, poolSize: 1 })
    : await openPGlite(dir);
  try {
    console.log(`Verifying the history chains of ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : dir}`);
    const reports = await verifyChains(handle.db);
    for (const report of reports) console.log(describeReport(report));
    return reports.some((report) => report.broken) ? 1 : 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('audit:verify failed:', error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
