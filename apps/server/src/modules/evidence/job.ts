/**
 * The sealing job: an exclusive periodic job (platform/jobs.ts: one instance seals at a time,
 * whichever holds the job's lock), every EVIDENCE_SEAL_INTERVAL_MS (2 s by default); a round
 * seals everything pending, however much.
 *
 * It needs the platform's seal key (EVIDENCE_SEAL_KEY, held under TRUST_KEK) and a TSA (TSA_URL
 * or the demo one). Without them it seals nothing and says so once: entries wait, unsealed but
 * chained, until the keys are there (e.g. after `npm run pki:demo`).
 */
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { DatabaseKind } from '../../db/database';
import type { Database } from '../../db/schema';
import { startPeriodic } from '../../platform/jobs';
import type { RunningJob } from '../../platform/module';
import { existingKek, openPlatformSeal, openTimestamper } from '../trust';
import { sealRound, type SealingKit } from './seal';

/** The seal and the TSA from the configuration; null (with the reason) when either is missing. */
export async function openSealingKit(
  db: Kysely<Database>,
  dbKind: DatabaseKind,
  config: Pick<Config, 'evidence' | 'trustKek' | 'dataDir'>,
): Promise<{ kit: SealingKit } | { kit: null; reason: string }> {
  const kek = existingKek(config.trustKek, dbKind === 'pglite' ? { dataDir: resolve(config.dataDir) } : null);
  if (!kek) return { kit: null, reason: 'no TRUST_KEK (the key-encryption key of the held keys)' };
  const seal = await openPlatformSeal(db, kek, config.evidence.sealKeyLabel);
  if (!seal)
    return { kit: null, reason: `no held seal key "${config.evidence.sealKeyLabel}" (npm run pki:demo?)` };
  const timestamper = await openTimestamper(db, {
    kek,
    tsaUrl: config.evidence.tsaUrl,
    policy: config.evidence.tsaPolicy,
  });
  if (!timestamper) return { kit: null, reason: 'no TSA (set TSA_URL, or create the demo PKI)' };
  return { kit: { seal, timestamper } };
}

export function startSealingJob(context: {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  config: Config;
  log: (message: string) => void;
}): RunningJob {
  let kit: SealingKit | null = null;
  let told = false;
  return startPeriodic(
    { db: context.db, dbKind: context.dbKind, log: context.log },
    {
      name: 'evidence-seal',
      exclusive: true,
      intervalMs: context.config.evidence.sealIntervalMs,
      round: async () => {
        if (!kit) {
          const opened = await openSealingKit(context.db, context.dbKind, context.config);
          if (!opened.kit) {
            if (!told) context.log(`evidence-seal: not sealing: ${opened.reason}`);
            told = true;
            return { result: null };
          }
          kit = opened.kit;
          context.log(
            `evidence-seal: sealing with ${kit.seal.subject}, timestamps from ${kit.timestamper.source}`,
          );
        }
        const sealed = await sealRound(context.db, kit);
        if (!sealed) return { result: null };
        // No `again`: a round seals everything pending, so the next one waits its interval
        // (rounds back to back would spend the process's CPU on signatures under steady traffic).
        return {
          result: `evidence-seal: checkpoint ${sealed.checkpoint}, ${sealed.entries} entries, tree ${sealed.treeSize}`,
        };
      },
    },
  );
}
