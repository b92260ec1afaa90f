/**
 * The evidence log end to end: history entries sealed into signed, timestamped checkpoints that
 * OpenSSL verifies with the published anchors alone; proofs over HTTP for who may see them; an
 * entry committed after newer ones sealed at the next checkpoint, never skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, leafHash, verifyConsistency, verifyInclusion } from '../../lib/merkle';
import { acceptDossier, submitPermit } from '../../test/dossier-fixtures';
import { as, login, problem } from '../../test/harness';
import { recordAudit, SYSTEM_ACTOR } from '../audit';
import { startEvidenceTestApp, type EvidenceTestContext } from './testing';

let ctx: EvidenceTestContext;
let dir: string;
beforeAll(async () => {
  ctx = await startEvidenceTestApp();
  dir = mkdtempSync(join(tmpdir(), 'tn-evidence-'));
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Checkpoint {
  checkpoint: number;
  treeSize: number;
  rootHash: string;
  sealedAt: string;
  previous: string;
  head: string;
  signature: string;
  timestampToken: string;
}
interface Proof {
  entryId: number;
  stream: string;
  leafIndex: number;
  leafHash: string;
  entryHash: string;
  treeSize: number;
  rootHash: string;
  auditPath: string[];
}

async function latest(): Promise<Checkpoint> {
  const response = await ctx.app.inject({ method: 'GET', url: '/api/evidence/checkpoints/latest' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Checkpoint>();
}

function openssl(args: string[]) {
  const run = spawnSync('openssl', args, { cwd: dir });
  return { status: run.status, out: `${run.stdout.toString()}${run.stderr.toString()}` };
}

function provesInclusion(proof: Proof): boolean {
  return (
    proof.leafHash === Buffer.from(leafHash(fromHex(proof.entryHash))).toString('hex') &&
    verifyInclusion(
      fromHex(proof.leafHash),
      proof.leafIndex,
      proof.treeSize,
      proof.auditPath.map(fromHex),
      fromHex(proof.rootHash),
    )
  );
}

describe('the evidence log', () => {
  let code: string;
  let first: Checkpoint;

  it('has no checkpoint before the first seal, then seals every entry written so far', async () => {
    const none = await ctx.app.inject({ method: 'GET', url: '/api/evidence/checkpoints/latest' });
    expect(none.statusCode).toBe(404);
    expect(problem(none).detail).toContain('chưa được niêm phong');
    const citizen = await login(ctx.app, 'congdan');
    code = await submitPermit(ctx.app, citizen);
    await acceptDossier(ctx.app, await login(ctx.app, 'tiepnhan'), code);
    const rounds = await ctx.sealAll();
    const sealed = rounds[rounds.length - 1];
    expect(rounds[0]).toMatchObject({ checkpoint: 1 });
    const { count } = await ctx.handle.db
      .selectFrom('evidence_entries')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(sealed!.treeSize).toBe(Number(count));
    // Catching up may take more than one round when a concurrent transaction
    // holds back what a round may seal (PostgreSQL's snapshot horizon).
    first = await latest();
    expect(first).toMatchObject({ checkpoint: rounds.length, treeSize: sealed!.treeSize });
    const genesis = await ctx.app.inject({ method: 'GET', url: '/api/evidence/checkpoints/1' });
    expect(genesis.json()).toMatchObject({ checkpoint: 1, previous: '0'.repeat(64) });
    expect(JSON.parse(first.head)).toMatchObject({
      log: 'VN-TN/evidence',
      checkpoint: first.checkpoint,
      rootHash: first.rootHash,
    });
    // Nothing new: no empty checkpoint.
    expect(await ctx.seal()).toBeNull();
  });

  it('signs and timestamps each checkpoint so that openssl verifies them with the published anchors', async () => {
    const anchors = await ctx.app.inject({ method: 'GET', url: '/api/trust/anchors.pem' });
    writeFileSync(join(dir, 'anchors.pem'), anchors.body);
    writeFileSync(join(dir, 'sig.der'), Buffer.from(first.signature, 'base64'));
    writeFileSync(join(dir, 'token.der'), Buffer.from(first.timestampToken, 'base64'));
    const cms = openssl([
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      'sig.der',
      '-CAfile',
      'anchors.pem',
    ]);
    expect(cms.out).toContain('CMS Verification successful');
    expect(cms.out).toContain(first.head.trim());
    expect(cms.status).toBe(0);
    const ts = openssl([
      'ts',
      '-verify',
      '-digest',
      first.rootHash,
      '-in',
      'token.der',
      '-token_in',
      '-CAfile',
      'anchors.pem',
    ]);
    expect(ts.out).toContain('Verification: OK');
    // Another root is not what the token covers.
    const other = openssl([
      'ts',
      '-verify',
      '-digest',
      'ab'.repeat(32),
      '-in',
      'token.der',
      '-token_in',
      '-CAfile',
      'anchors.pem',
    ]);
    expect(other.status).not.toBe(0);
  });

  it('shows the applicant the proof of each step of their dossier, and nobody else', async () => {
    const citizen = await login(ctx.app, 'congdan');
    const response = await as(ctx.app, citizen)({ method: 'GET', url: `/api/evidence/dossiers/${code}` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      checkpoint: Checkpoint;
      actions: Array<{ type: string; proof: Proof | null }>;
    }>();
    expect(body.actions.map((a) => a.type)).toEqual(['submitted', 'accepted']);
    for (const action of body.actions) {
      expect(action.proof).not.toBeNull();
      expect(action.proof!.stream).toMatch(/^dossier:\d+$/);
      expect(action.proof!.rootHash).toBe(body.checkpoint.rootHash);
      expect(provesInclusion(action.proof!)).toBe(true);
    }
    // The entry proof route agrees; another citizen and an anonymous caller learn nothing.
    const entryId = body.actions[0]!.proof!.entryId;
    const own = await as(ctx.app, citizen)({ method: 'GET', url: `/api/evidence/entries/${entryId}/proof` });
    expect(own.json<Proof>()).toEqual(body.actions[0]!.proof);
    const stranger = await login(ctx.app, 'congdan2');
    expect(
      (await as(ctx.app, stranger)({ method: 'GET', url: `/api/evidence/dossiers/${code}` })).statusCode,
    ).toBe(404);
    expect(
      (await as(ctx.app, stranger)({ method: 'GET', url: `/api/evidence/entries/${entryId}/proof` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/api/evidence/entries/${entryId}/proof` })).statusCode,
    ).toBe(401);
  });

  it('gives audit entries to holders of audit.read only', async () => {
    const entry = await ctx.handle.db
      .selectFrom('evidence_entries')
      .innerJoin('evidence_leaves', 'evidence_leaves.entry_id', 'evidence_entries.id')
      .select('id')
      .where('source', '=', 'audit_events')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const admin = await login(ctx.app, 'admin');
    const ok = await as(ctx.app, admin)({ method: 'GET', url: `/api/evidence/entries/${entry.id}/proof` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(provesInclusion(ok.json<Proof>())).toBe(true);
    const citizen = await login(ctx.app, 'congdan');
    expect(
      (await as(ctx.app, citizen)({ method: 'GET', url: `/api/evidence/entries/${entry.id}/proof` }))
        .statusCode,
    ).toBe(404);
  });

  it('answers 409 for an entry not sealed yet, and 400 for a bad id', async () => {
    await recordAudit(ctx.handle.db, SYSTEM_ACTOR, {
      action: 'test.unsealed',
      entityType: 'test',
      entityId: 1,
    });
    const entry = await ctx.handle.db
      .selectFrom('evidence_entries')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const admin = await login(ctx.app, 'admin');
    const waiting = await as(
      ctx.app,
      admin,
    )({ method: 'GET', url: `/api/evidence/entries/${entry.id}/proof` });
    expect(waiting.statusCode).toBe(409);
    expect(waiting.headers['retry-after']).toBe('5');
    expect(problem(waiting).detail).toContain('chưa được niêm phong');
    expect(
      (await as(ctx.app, admin)({ method: 'GET', url: '/api/evidence/entries/abc/proof' })).statusCode,
    ).toBe(400);
  });

  it('chains checkpoints and proves each extends the one before', async () => {
    const rounds = await ctx.sealAll();
    expect(rounds[0]).toMatchObject({ checkpoint: first.checkpoint + 1 });
    const second = await latest();
    expect(second.previous).not.toBe('0'.repeat(64));
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/evidence/consistency?from=${first.checkpoint}&to=${second.checkpoint}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const proof = response.json<{
      oldSize: number;
      newSize: number;
      proof: string[];
      oldRootHash: string;
      newRootHash: string;
    }>();
    expect(proof).toMatchObject({
      oldSize: first.treeSize,
      newSize: second.treeSize,
      oldRootHash: first.rootHash,
    });
    expect(
      verifyConsistency(
        proof.oldSize,
        proof.newSize,
        proof.proof.map(fromHex),
        fromHex(first.rootHash),
        fromHex(second.rootHash),
      ),
    ).toBe(true);
    const backwards = await ctx.app.inject({
      method: 'GET',
      url: `/api/evidence/consistency?from=${second.checkpoint}&to=${first.checkpoint}`,
    });
    expect(backwards.statusCode).toBe(422);
  });

  it.runIf(process.env.DATABASE_URL)(
    'on PostgreSQL, seals an entry committed after newer ones at the next checkpoint, never skipping it',
    async () => {
      const before = await latest();
      let lateId = 0;
      await ctx.handle.db.transaction().execute(async (trx) => {
        await recordAudit(trx, SYSTEM_ACTOR, { action: 'test.late', entityType: 'test', entityId: 'late' });
        lateId = Number(
          (
            await trx
              .selectFrom('evidence_entries')
              .select('id')
              .orderBy('id', 'desc')
              .executeTakeFirstOrThrow()
          ).id,
        );
        // Meanwhile, on other connections: a newer entry commits, and the job seals.
        await recordAudit(ctx.handle.db, SYSTEM_ACTOR, {
          action: 'test.newer',
          entityType: 'test',
          entityId: 'newer',
        });
        await ctx.seal();
      });
      const late = await ctx.handle.db
        .selectFrom('evidence_leaves')
        .select('checkpoint_seq')
        .where('entry_id', '=', lateId)
        .executeTakeFirst();
      expect(late).toBeUndefined();
      expect(await ctx.sealAll()).not.toEqual([]);
      const sealedLate = await ctx.handle.db
        .selectFrom('evidence_leaves')
        .select('checkpoint_seq')
        .where('entry_id', '=', lateId)
        .executeTakeFirstOrThrow();
      expect(Number(sealedLate.checkpoint_seq)).toBeGreaterThan(before.checkpoint);
      const { unsealed } = await ctx.handle.db
        .selectFrom('evidence_entries as e')
        .leftJoin('evidence_leaves as l', 'l.entry_id', 'e.id')
        .select((eb) => eb.fn.count<number>('e.id').as('unsealed'))
        .where('l.entry_id', 'is', null)
        .executeTakeFirstOrThrow();
      expect(Number(unsealed)).toBe(0);
    },
  );
});
