/**
 * For the evidence log's tests: a test app with the demo PKI (a fixed test key-encryption key),
 * the sealing kit opened from it, and a round of sealing on demand.
 */
import { seedDemoPki } from '../../db/seed/pki';
import { startTestApp, type TestContext } from '../../test/harness';
import { openSealingKit } from './job';
import { sealRound, sealUntilCaughtUp, type SealingKit, type SealResult } from './seal';

export const TEST_KEK = Buffer.alloc(32, 7).toString('base64');

export interface EvidenceTestContext extends TestContext {
  kit: SealingKit;
  seal(): Promise<SealResult | null>;
  /** Seals until no entry waits. */
  sealAll(): Promise<SealResult[]>;
}

export async function startEvidenceTestApp(): Promise<EvidenceTestContext> {
  const ctx = await startTestApp({
    trustKek: TEST_KEK,
    loginRatePerMinute: 1000,
    submissionQuotaPerHour: 0,
    submissionQuotaPerDay: 0,
  });
  await seedDemoPki(ctx.handle.db, { env: { TRUST_KEK: TEST_KEK }, embedded: null });
  const opened = await openSealingKit(ctx.handle.db, ctx.handle.kind, ctx.config);
  if (!opened.kit) throw new Error(`no sealing kit: ${opened.reason}`);
  const kit = opened.kit;
  return {
    ...ctx,
    kit,
    seal: () => sealRound(ctx.handle.db, kit),
    sealAll: () => sealUntilCaughtUp(ctx.handle.db, kit),
  };
}
