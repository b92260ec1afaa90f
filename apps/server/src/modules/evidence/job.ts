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
import { Pkcs11KeyStore } from '../../lib/keystore';
import { existingKek, openPlatformSeal, openTimestamper, openTokenSeal, type PlatformSeal } from '../trust';
import { sealRound, type SealingKit } from './seal';

/** The seal and the TSA from the configuration; null (with the reason) when either is missing. */
export async function openSealingKit(
  db: Kysely<Database>,
  dbKind: DatabaseKind,
  config: Pick<Config, 'evidence' | 'trustKek' | 'dataDir'> & Partial<Pick<Config, 'pkcs11'>>,
): Promise<{ kit: SealingKit } | { kit: null; reason: string }> {
  const kek = existingKek(config.trustKek, dbKind === 'pglite' ? { dataDir: resolve(config.dataDir) } : null);
  const label = config.evidence.sealKeyLabel;
  let token: Pkcs11KeyStore | null = null;
  let seal: PlatformSeal | null;
  if (config.pkcs11) {
    // The seal key on the token (PKCS11_*): signing goes through it, the key never leaves it.
    token = new Pkcs11KeyStore(config.pkcs11);
    seal = await openTokenSeal(db, token, label);
    if (!seal) {
      token.close();
      return {
        kit: null,
        reason: `no key "${label}" with a registered seal certificate on the PKCS#11 token`,
      };
    }
  } else {
    if (!kek) return { kit: null, reason: 'no TRUST_KEK (the key-encryption key of the held keys)' };
    seal = await openPlatformSeal(db, kek, label);
    if (!seal) return { kit: null, reason: `no held seal key "${label}" (npm run pki:demo?)` };
  }
  const timestamper = await openTimestamper(db, {
    kek,
    tsaUrl: config.evidence.tsaUrl,
    policy: config.evidence.tsaPolicy,
  });
  if (!timestamper) {
    token?.close();
    return { kit: null, reason: 'no TSA (set TSA_URL, or create the demo PKI)' };
  }
  return { kit: { seal, timestamper, close: () => token?.close() } };
}

export function startSealingJob(context: {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  config: Config;
  log: (message: string) => void;
}): RunningJob {
  let kit: SealingKit | null = null;
  let told = false;
  const job = startPeriodic(
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
  return {
    stop: async () => {
      await job.stop();
      kit?.close?.();
    },
  };
}
