/**
 * Backup and restore carry the evidence log: the backup's manifest names its latest checkpoint,
 * the restore verifies the whole log against it, and the restored platform goes on sealing
 * (its entries put under the new cluster's transaction ids), including an entry that was
 * written but not yet sealed when the backup was taken.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LocalFileStore } from '../../lib/file-store';
import { acceptDossier, submitPermit } from '../../test/dossier-fixtures';
import { emptyDatabase } from '../../test/empty-database';
import { login } from '../../test/harness';
import { recordAudit, SYSTEM_ACTOR } from '../audit';
import { createBackup, restoreBackup } from '../backup';
import { openSealingKit } from './job';
import { sealUntilCaughtUp } from './seal';
import { startEvidenceTestApp, type EvidenceTestContext } from './testing';
import { verifyEvidence } from './verify';

let ctx: EvidenceTestContext;
let work: string;
beforeAll(async () => {
  ctx = await startEvidenceTestApp();
  work = mkdtempSync(join(tmpdir(), 'tn-evidence-backup-'));
  const citizen = await login(ctx.app, 'congdan');
  await acceptDossier(ctx.app, await login(ctx.app, 'tiepnhan'), await submitPermit(ctx.app, citizen));
  await ctx.sealAll();
  // Written after the last seal: in the backup, not yet in a checkpoint.
  await recordAudit(ctx.handle.db, SYSTEM_ACTOR, {
    action: 'test.pending',
    entityType: 'test',
    entityId: 'pending',
  });
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

it('restores a log that verifies against the backup, and seals on after the restore', async () => {
  const files = new LocalFileStore(join(work, 'files'));
  const out = join(work, 'backup');
  const manifest = await createBackup({ db: ctx.handle.db, kind: ctx.handle.kind, files, out });
  const source = await verifyEvidence(ctx.handle.db);
  expect(manifest.evidence).toEqual(source.latest);

  const target = await emptyDatabase(ctx.handle.kind);
  try {
    const lines: string[] = [];
    await restoreBackup({
      db: target.db,
      files: new LocalFileStore(join(work, 'restored')),
      dir: out,
      log: (l) => lines.push(l),
    });
    expect(lines.join('\n')).toMatch(
      /Nhật ký chứng cứ: \d+ điểm kiểm, \d+ mục đã niêm phong, [1-9]\d* mục chờ niêm phong — kiểm chứng đạt/,
    );
    const restored = await verifyEvidence(target.db, {
      anchors: [{ checkpoint: source.latest!.checkpoint, rootHash: source.latest!.rootHash }],
    });
    expect(restored.problems).toEqual([]);
    expect(restored.latest).toEqual(source.latest);
    expect(restored.unsealed).toBeGreaterThanOrEqual(2); // the pending entry and the restore's own
    // The restored platform seals what waits, with the restored keys.
    const opened = await openSealingKit(target.db, target.kind, ctx.config);
    if (!opened.kit) throw new Error(opened.reason);
    const rounds = await sealUntilCaughtUp(target.db, opened.kit);
    expect(rounds[0]!.checkpoint).toBe(source.latest!.checkpoint + 1);
    const after = await verifyEvidence(target.db, {
      anchors: [{ checkpoint: source.latest!.checkpoint, rootHash: source.latest!.rootHash }],
    });
    expect(after.problems).toEqual([]);
    expect(after.unsealed).toBe(0);
  } finally {
    await target.close();
  }
});
