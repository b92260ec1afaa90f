/**
 * The evidence log after a drill: the servers sealed while they ran (and were killed); what was
 * still waiting when they stopped is sealed here with the same keys, then everything is verified
 * as `npm run audit:verify` does — streams, entries against rows, tree, checkpoints, signatures,
 * timestamps — and the commit-to-seal delays of the checkpoints made during the drill reported.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../apps/server/src/config';
import type { Database } from '../../apps/server/src/db/schema';
import { seedDemoPki } from '../../apps/server/src/db/seed/pki';
import { CHAIN_TABLES, historyRows, verifyChains } from '../../apps/server/src/modules/audit';
import {
  compareWithSource,
  openSealingKit,
  sealUntilCaughtUp,
  verifyEvidence,
} from '../../apps/server/src/modules/evidence';
import type { Check } from './checks';

/** A key-encryption key for the drill's servers (TRUST_KEK) and its demo PKI. */
export const DRILL_KEK = randomBytes(32).toString('base64');

/** The demo PKI on a PostgreSQL database (as `npm run pki:demo` makes it). */
export async function seedDrillPki(db: Kysely<Database>): Promise<void> {
  await seedDemoPki(db, { env: { TRUST_KEK: DRILL_KEK }, embedded: null });
}

export async function checkEvidence(
  db: Kysely<Database>,
  kind: 'pglite' | 'postgres',
  since: Date,
): Promise<{ checks: Check[]; figures: string[] }> {
  const delays = await db
    .selectFrom('evidence_checkpoints')
    .select(['seq', 'sealed_at', 'oldest_recorded_at', 'entries'])
    .where('sealed_at', '>=', since)
    .orderBy('seq')
    .execute();
  const opened = await openSealingKit(db, kind, { ...loadConfig({}), trustKek: DRILL_KEK });
  if (!opened.kit)
    return {
      checks: [{ name: 'evidence log: sealing kit', count: 0, violations: [opened.reason] }],
      figures: [],
    };
  const atStop = await sealUntilCaughtUp(db, opened.kit);
  const chains = await verifyChains(db);
  const sources: string[] = [];
  for (const table of CHAIN_TABLES)
    sources.push(...(await compareWithSource(db, table, historyRows(db, table))));
  const report = await verifyEvidence(db);
  const waits = delays
    .map((d) => new Date(d.sealed_at).getTime() - new Date(d.oldest_recorded_at).getTime())
    .sort((a, b) => a - b);
  const sealedByServers = delays.reduce((sum, d) => sum + Number(d.entries), 0);
  const p = (q: number) =>
    waits.length ? waits[Math.min(waits.length - 1, Math.floor(q * waits.length))]! : 0;
  return {
    checks: [
      {
        name: `history streams intact (${chains.map((c) => `${c.table} ${c.checked} in ${c.streams} streams`).join(', ')})`,
        count: chains.reduce((sum, c) => sum + c.checked, 0),
        violations: chains.filter((c) => c.broken).map((c) => `${c.table}: ${c.broken!.detail}`),
      },
      {
        name: 'every history row has its evidence entry, and no entry lacks its row',
        count: report.entries,
        violations: sources,
      },
      {
        name: `evidence log verifies: ${report.checkpoints} checkpoints (tree, chain, CMS signatures, RFC 3161 timestamps), ${report.leaves} leaves, none waiting`,
        count: report.leaves,
        violations: [
          ...report.problems,
          ...(report.unsealed > 0 ? [`${report.unsealed} entries unsealed`] : []),
        ],
      },
    ],
    figures: [
      `evidence: ${delays.length} checkpoints sealed by the servers during the drill (${sealedByServers} entries), ${atStop.length} more at the stop; oldest entry's wait per checkpoint p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${waits[waits.length - 1] ?? 0} ms`,
    ],
  };
}
