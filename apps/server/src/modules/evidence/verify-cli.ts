/**
 * `npm run audit:verify [-- --anchor <anchor> … | --backup <folder>]` checks, from the stored rows
 * and trusting none of them:
 * - every history stream (audit/chain.ts): each entry's hash recomputed, links, no gap;
 * - that the evidence entries are exactly the history rows (same stream, position, hash);
 * - the evidence log (verify.ts): leaves, the tree recomputed, every checkpoint's root, chain,
 *   head, CMS signature (seal certificate path) and RFC 3161 timestamp, the stored nodes;
 * - anchors kept outside the database: `checkpoint:<seq>:<root hex>` (printed by this command and
 *   recorded in every backup's manifest), or `<stream>:<chain_seq>:<hash>` for one entry (the
 *   form printed before migration 0021, e.g. audit_events:120:<hash>, is read as its legacy chain).
 * Exits 1 on any break, 2 when it cannot run.
 *
 * Same database as the server (config.ts): DATABASE_URL, or the embedded database in DATA_DIR
 * (stop the server first: the embedded database is opened by one process at a time). Reads only.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config';
import { embeddedDatabaseDir, openConfiguredDatabase } from '../../db/database';
import {
  CHAIN_TABLES,
  checkAnchor,
  describeReport,
  historyRows,
  verifyChains,
  type ChainAnchor,
} from '../audit';
import { readManifest } from '../backup';
import { compareWithSource, describeEvidence, verifyEvidence, type CheckpointAnchor } from './verify';

interface Anchors {
  entries: ChainAnchor[];
  checkpoints: CheckpointAnchor[];
}

function parseAnchor(value: string, anchors: Anchors): void {
  const match = /^(.+):(\d+):([0-9a-f]{64})$/.exec(value);
  if (!match)
    throw new Error(`--anchor ${value}: expected checkpoint:<seq>:<root hex> or <stream>:<chain_seq>:<hash>`);
  const [, name, seq, hash] = match as unknown as [string, string, string, string];
  if (name === 'checkpoint') anchors.checkpoints.push({ checkpoint: Number(seq), rootHash: hash });
  else anchors.entries.push({ stream: name, chainSeq: Number(seq), hash });
}

function anchorsFrom(args: string[]): Anchors {
  const anchors: Anchors = { entries: [], checkpoints: [] };
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === '--anchor' && value) {
      parseAnchor(value, anchors);
      i++;
    } else if (args[i] === '--backup' && value) {
      const manifest = readManifest(resolve(value));
      if (manifest.evidence)
        anchors.checkpoints.push({
          checkpoint: manifest.evidence.checkpoint,
          rootHash: manifest.evidence.rootHash,
        });
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
    console.log(
      `Verifying the history and the evidence log of ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : dir}`,
    );
    const reports = await verifyChains(handle.db);
    for (const report of reports) console.log(describeReport(report));
    let failed = reports.some((report) => report.broken);
    for (const table of CHAIN_TABLES) {
      const problems = await compareWithSource(handle.db, table, historyRows(handle.db, table));
      for (const problem of problems) console.log(`BROKEN: ${problem}`);
      if (problems.length > 0) failed = true;
      else console.log(`${table}: every row has its evidence entry, and no entry lacks its row`);
    }
    const evidence = await verifyEvidence(handle.db, { anchors: anchors.checkpoints });
    for (const line of describeEvidence(evidence)) console.log(line);
    if (evidence.problems.length > 0) failed = true;
    for (const anchor of anchors.entries) {
      const problem = await checkAnchor(handle.db, anchor);
      console.log(
        problem ?? `${anchor.stream}: anchor ${anchor.chainSeq} ${anchor.hash.slice(0, 16)}… present`,
      );
      if (problem) failed = true;
    }
    for (const anchor of anchors.checkpoints)
      if (!evidence.problems.some((p) => p.startsWith(`anchor: checkpoint ${anchor.checkpoint} `)))
        console.log(`anchor: checkpoint ${anchor.checkpoint} ${anchor.rootHash.slice(0, 16)}… present`);
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
