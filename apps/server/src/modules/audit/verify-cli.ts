/**
 * `npm run audit:verify [-- --anchor <table>:<seq>:<hash> … | --backup <folder>]`: recomputes the
 * hash chains of audit_events and dossier_actions from the stored rows and prints, per chain, how
 * many entries it checked and either "chain intact" (with the head hash, worth keeping outside
 * the database) or the first broken entry. Exits 1 on a break.
 *
 * Anchors are head hashes kept outside the database: given as `--anchor`, or read from a backup's
 * manifest with `--backup`. Each must still be in the chain with its hash, which catches the
 * deletion of the newest entries since then (an intact chain alone cannot show it).
 *
 * Same database as the server (config.ts): DATABASE_URL, or the embedded database in DATA_DIR
 * (stop the server first: the embedded database is opened by one process at a time). Reads only.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config';
import { embeddedDatabaseDir, openConfiguredDatabase } from '../../db/database';
import { readManifest } from '../backup';
import { checkAnchor, describeReport, verifyChains, type ChainAnchor } from './chain';

function anchorsFrom(args: string[]): ChainAnchor[] {
  const anchors: ChainAnchor[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === '--anchor' && value) {
      const match = /^([a-z_]+):(\d+):([0-9a-f]{64})$/.exec(value);
      if (!match) throw new Error(`--anchor ${value}: expected <table>:<chain_seq>:<sha256 hex>`);
      anchors.push({ table: match[1]!, chainSeq: Number(match[2]), hash: match[3]! });
      i++;
    } else if (args[i] === '--backup' && value) {
      const manifest = readManifest(resolve(value));
      for (const chain of manifest.chains)
        if (chain.head && !chain.broken)
          anchors.push({ table: chain.table, chainSeq: chain.entries, hash: chain.head });
      i++;
    } else throw new Error(`unknown argument ${args[i]}`);
  }
  return anchors;
}

async function main(): Promise<number> {
  const config = loadConfig();
  const anchors = anchorsFrom(process.argv.slice(2));
  const dir = embeddedDatabaseDir(config);
  if (!config.databaseUrl && !existsSync(dir)) {
    console.error(`No database: DATABASE_URL is not set and ${dir} does not exist.`);
    return 2;
  }
  const handle = await openConfiguredDatabase(config, { poolSize: 1 });
  try {
    console.log(`Verifying the history chains of ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : dir}`);
    const reports = await verifyChains(handle.db);
    for (const report of reports) console.log(describeReport(report));
    let failed = reports.some((report) => report.broken);
    for (const anchor of anchors) {
      const problem = await checkAnchor(handle.db, anchor);
      console.log(
        problem ?? `${anchor.table}: anchor ${anchor.chainSeq} ${anchor.hash.slice(0, 16)}… present`,
      );
      if (problem) failed = true;
    }
    return failed ? 1 : 0;
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
