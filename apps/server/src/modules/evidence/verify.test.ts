/**
 * The verifier catches what an owner of the database could do to the evidence log: a changed
 * row or entry, the newest entries deleted, a checkpoint forged (its tree rewritten and signed
 * with another key of the PKI), the newest checkpoint deleted with everything under it (caught by
 * a kept anchor). `npm run audit:verify` runs the same checks (on PostgreSQL it is run here).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema';
import { signCms } from '../../lib/keystore';
import { acceptDossier, submitPermit } from '../../test/dossier-fixtures';
import { login } from '../../test/harness';
import { CHAIN_TABLES, historyRows } from '../audit';
import { openPlatformSeal } from '../trust';
import { headBytes, parseHead } from './head';
import { startEvidenceTestApp, TEST_KEK, type EvidenceTestContext } from './testing';
import { compareWithSource, verifyEvidence } from './verify';

const run = promisify(execFile);
let ctx: EvidenceTestContext;
beforeAll(async () => {
  ctx = await startEvidenceTestApp();
  const citizen = await login(ctx.app, 'congdan');
  const officer = await login(ctx.app, 'tiepnhan');
  for (let i = 0; i < 3; i++) await acceptDossier(ctx.app, officer, await submitPermit(ctx.app, citizen));
  await ctx.sealAll();
  await acceptDossier(ctx.app, officer, await submitPermit(ctx.app, citizen));
  await ctx.sealAll();
}, 120_000);
afterAll(async () => ctx?.close());

const EVIDENCE_TABLES = ['evidence_entries', 'evidence_checkpoints', 'evidence_leaves', 'evidence_nodes'];

/** Runs `body` as the owner with the append-only triggers off, in a transaction always rolled back. */
async function tampered(
  body: (trx: Kysely<Database>) => Promise<void>,
  check: (trx: Kysely<Database>) => Promise<void>,
) {
  const undo = new Error('rollback');
  await ctx.handle.db
    .transaction()
    .execute(async (trx) => {
      for (const table of EVIDENCE_TABLES)
        await sql.raw(`alter table ${table} disable trigger user`).execute(trx);
      await body(trx);
      for (const table of EVIDENCE_TABLES)
        await sql.raw(`alter table ${table} enable trigger user`).execute(trx);
      await check(trx);
      throw undo;
    })
    .catch((error: unknown) => {
      if (error !== undo) throw error;
    });
}

describe('verifying the evidence log', () => {
  it('finds the untouched log intact', async () => {
    const report = await verifyEvidence(ctx.handle.db);
    expect(report.problems).toEqual([]);
    expect(report.checkpoints).toBeGreaterThanOrEqual(2);
    expect(report.unsealed).toBe(0);
    expect(report.leaves).toBe(report.entries);
    for (const table of CHAIN_TABLES)
      expect(await compareWithSource(ctx.handle.db, table, historyRows(ctx.handle.db, table))).toEqual([]);
  });

  it('catches an entry whose hash was changed', async () => {
    await tampered(
      (trx) =>
        sql`update evidence_entries set hash = sha256(hash) where id = (select min(id) + 3 from evidence_entries)`
          .execute(trx)
          .then(),
      async (trx) => {
        const report = await verifyEvidence(trx);
        expect(report.problems.join('\n')).toMatch(/leaf \d+ is not the hash of its entry/);
        const problems = await compareWithSource(trx, 'audit_events', historyRows(trx, 'audit_events'));
        const actions = await compareWithSource(trx, 'dossier_actions', historyRows(trx, 'dossier_actions'));
        expect([...problems, ...actions].join('\n')).toMatch(/records another stream, position or hash/);
      },
    );
  });

  it('catches the newest entries deleted with their leaves', async () => {
    await tampered(
      async (trx) => {
        const newest = await sql<{ id: number }>`
          select id::int from evidence_entries where source = 'dossier_actions' order by id desc limit 1`.execute(
          trx,
        );
        const { id } = newest.rows[0]!;
        await sql`delete from evidence_leaves where entry_id = ${id}`.execute(trx);
        await sql`delete from evidence_entries where id = ${id}`.execute(trx);
      },
      async (trx) => {
        const report = await verifyEvidence(trx);
        expect(report.problems.join('\n')).toMatch(
          /leaf \d+ is missing|tree size \d+ after \d+, with \d+ leaves stored/,
        );
        // …and the history row now lacks its entry.
        const problems = await compareWithSource(trx, 'dossier_actions', historyRows(trx, 'dossier_actions'));
        expect(problems.join('\n')).toMatch(/dossier_actions \d+: no evidence entry/);
      },
    );
  });

  it('catches a forged checkpoint: another root, signed with a key of the PKI that is not a seal', async () => {
    const seq = (await verifyEvidence(ctx.handle.db)).latest!.checkpoint;
    await tampered(
      async (trx) => {
        const latest = await trx
          .selectFrom('evidence_checkpoints')
          .selectAll()
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow();
        const head = parseHead(latest.head);
        const forgedRoot = 'ab'.repeat(32);
        const forgedHead = headBytes({ ...head, rootHash: forgedRoot });
        const ocsp = await openPlatformSeal(trx, Buffer.from(TEST_KEK, 'base64'), 'demo-ocsp');
        const signature = await signCms({
          content: forgedHead,
          detached: false,
          signer: ocsp!.signer,
          certificate: ocsp!.certificate,
          chain: ocsp!.chain,
        });
        await sql`update evidence_checkpoints set head = ${forgedHead}, root_hash = ${Buffer.from(forgedRoot, 'hex')},
          signature = ${signature} where seq = ${latest.seq}`.execute(trx);
      },
      async (trx) => {
        const problems = (await verifyEvidence(trx)).problems.join('\n');
        expect(problems).toMatch(
          new RegExp(`checkpoint ${seq}: root abababababababab… is not the root of its \\d+ leaves`),
        );
        expect(problems).toMatch(`checkpoint ${seq}: seal certificate refused`);
        expect(problems).toMatch(`checkpoint ${seq}: timestamp does not verify`);
      },
    );
  });

  it('catches the newest checkpoint deleted with everything under it, given a kept anchor', async () => {
    const before = await verifyEvidence(ctx.handle.db);
    const anchor = { checkpoint: before.latest!.checkpoint, rootHash: before.latest!.rootHash };
    await tampered(
      async (trx) => {
        const last = await sql<{ id: number }>`
          select e.id::int from evidence_entries e join evidence_leaves l on l.entry_id = e.id
          where l.checkpoint_seq = ${anchor.checkpoint}`.execute(trx);
        const size = await sql<{
          size: number;
        }>`select tree_size::int as size from evidence_checkpoints where seq = ${anchor.checkpoint - 1}`.execute(
          trx,
        );
        await sql`delete from evidence_nodes where (node_index + 1) * (1::bigint << level) > ${size.rows[0]!.size}`.execute(
          trx,
        );
        await sql`delete from evidence_leaves where checkpoint_seq = ${anchor.checkpoint}`.execute(trx);
        await sql`delete from evidence_checkpoints where seq = ${anchor.checkpoint}`.execute(trx);
        for (const row of last.rows)
          await sql`delete from evidence_entries where id = ${row.id}`.execute(trx);
      },
      async (trx) => {
        // Without the anchor nothing shows (the log is a shorter one that verifies)…
        expect((await verifyEvidence(trx)).problems).toEqual([]);
        // …with it, the deletion does.
        expect((await verifyEvidence(trx, { anchors: [anchor] })).problems).toEqual([
          `anchor: checkpoint ${anchor.checkpoint} is gone (the newest checkpoints were deleted)`,
        ]);
      },
    );
  });

  it.runIf(process.env.DATABASE_URL)(
    'npm run audit:verify prints the latest checkpoint and exits 0, 1 on a bad anchor',
    async () => {
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(ctx.handle.db);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${rows[0]!.name}`;
      const env = { ...process.env, DATABASE_URL: url.toString() };
      const cli = ['tsx', 'apps/server/src/modules/evidence/verify-cli.ts'];
      const ok = await run('npx', cli, { env });
      expect(ok.stdout).toMatch(/evidence log intact/);
      const latest = /--anchor (checkpoint:\d+:[0-9a-f]{64})/.exec(ok.stdout)![1]!;
      await run('npx', [...cli, '--anchor', latest], { env });
      const bad = await run(
        'npx',
        [...cli, '--anchor', latest.replace(/:[0-9a-f]{64}$/, `:${'0'.repeat(64)}`)],
        { env },
      ).catch((error: { code: number; stdout: string }) => error);
      expect((bad as { code: number }).code).toBe(1);
      expect((bad as { stdout: string }).stdout).toMatch(/the log was rewritten/);
    },
    120_000,
  );
});
