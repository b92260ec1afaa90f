import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/database';
import { migrate } from '../../db/migrate';
import type { Database } from '../../db/schema';
import { recordAudit, SYSTEM_ACTOR } from './audit';
import { submitPermit } from '../../test/dossier-fixtures';
import { login, startTestApp, type TestContext } from '../../test/harness';
import {
  canonicalContent,
  CHAINS,
  checkAnchor,
  describeReport,
  entryHash,
  isoMicros,
  verifyChains,
} from './chain';

/** Runs `body` as the table owner in a transaction that is always rolled back. */
async function rolledBack(db: Kysely<Database>, body: (trx: Kysely<Database>) => Promise<void>) {
  const undo = new Error('rollback');
  await db
    .transaction()
    .execute(async (trx) => {
      await body(trx);
      throw undo;
    })
    .catch((error: unknown) => {
      if (error !== undo) throw error;
    });
}

async function tamper(trx: Kysely<Database>, table: 'audit_events' | 'dossier_actions', change: string) {
  await sql.raw(`alter table ${table} disable trigger ${table}_append_only`).execute(trx);
  await sql.raw(change).execute(trx);
  await sql.raw(`alter table ${table} enable trigger ${table}_append_only`).execute(trx);
}

async function counts(db: Kysely<Database>) {
  const reports = await verifyChains(db);
  for (const report of reports) expect(report.broken, describeReport(report)).toBeNull();
  return Object.fromEntries(reports.map((r) => [r.table, r.checked]));
}

describe('history hash chains', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // One citizen submits dozens of dossiers at once here: the per-account quotas are off.
    ctx = await startTestApp({
      loginRatePerMinute: 1000,
      submissionQuotaPerHour: 0,
      submissionQuotaPerDay: 0,
    });
    // A few dossiers so both chains have entries in the middle.
    const citizen = await login(ctx.app, 'congdan');
    for (let i = 0; i < 3; i++) await submitPermit(ctx.app, citizen);
  });
  afterAll(async () => ctx.close());

  it('serialises an entry canonically', () => {
    expect(isoMicros('1764567000123456')).toBe('2025-12-01T05:30:00.123456Z');
    expect(isoMicros('-1')).toBe('1969-12-31T23:59:59.999999Z');
    const content = canonicalContent(CHAINS[0]!, '7', { id: '9', occurred_at: '0', actor_label: 'Trần Ánh' });
    expect(content).toContain('chain_seq=1:7\nid=1:9\noccurred_at=27:1970-01-01T00:00:00.000000Z\n');
    expect(content).toContain('actor_user_id=~\nactor_label=11:Trần Ánh\n');
    expect(entryHash('00'.repeat(32), '')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the trigger and the verifier agree on every entry, including the backfilled ones', async () => {
    const before = await counts(ctx.handle.db);
    expect(before.audit_events).toBeGreaterThan(0);
    expect(before.dossier_actions).toBeGreaterThanOrEqual(3);
  });

  it('stays one chain under concurrent writers', async () => {
    const before = await counts(ctx.handle.db);
    const citizen = await login(ctx.app, 'congdan');
    // 20 submissions (each appends a dossier action) and 20 sign-ins (each appends an audit event) at once.
    await Promise.all([
      ...Array.from({ length: 20 }, () => submitPermit(ctx.app, citizen)),
      ...Array.from({ length: 20 }, () => login(ctx.app, 'tiepnhan')),
    ]);
    const after = await counts(ctx.handle.db);
    expect(after.dossier_actions).toBe(before.dossier_actions! + 20);
    expect(after.audit_events).toBeGreaterThanOrEqual(before.audit_events! + 21);
  });

  it('ignores chain values supplied by a writer', async () => {
    await sql`insert into audit_events (actor_label, action, entity_type, entity_id, chain_seq, prev_hash, hash)
      values ('system', 'test.forge', 'test', '1', 1, '\\x00', '\\x00')`.execute(ctx.handle.db);
    await counts(ctx.handle.db);
  });

  it('names a changed dossier action', async () => {
    const { id, chain_seq } = await ctx.handle.db
      .selectFrom('dossier_actions')
      .select(['id', 'chain_seq'])
      .orderBy('chain_seq')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await rolledBack(ctx.handle.db, async (trx) => {
      await tamper(trx, 'dossier_actions', `update dossier_actions set reason = 'sửa lén' where id = ${id}`);
      const broken = (await verifyChains(trx)).find((r) => r.broken)!;
      expect(broken.broken).toMatchObject({
        table: 'dossier_actions',
        chainSeq: chain_seq,
        id,
        kind: 'content',
      });
      expect(describeReport(broken)).toMatch(
        /^dossier_actions: \d+ entries intact, then BROKEN at chain_seq \d+ \(id \d+\): content hash differs/,
      );
    });
    await counts(ctx.handle.db);
  });

  it('names the next entry when a changed row got a recomputed hash', async () => {
    const row = await ctx.handle.db
      .selectFrom('audit_events')
      .select(['id', 'chain_seq'])
      .orderBy('chain_seq')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    await rolledBack(ctx.handle.db, async (trx) => {
      await tamper(
        trx,
        'audit_events',
        `update audit_events set actor_label = 'ai đó' where id = ${row.id};
         update audit_events
           set hash = sha256(prev_hash || convert_to(audit_events_chain_content(audit_events), 'UTF8'))
         where id = ${row.id}`,
      );
      const report = (await verifyChains(trx)).find((r) => r.table === 'audit_events')!;
      expect(report.broken).toMatchObject({
        table: 'audit_events',
        chainSeq: row.chain_seq + 1,
        kind: 'link',
      });
    });
  });

  it('names the entry after a deleted one', async () => {
    const row = await ctx.handle.db
      .selectFrom('audit_events')
      .select(['id', 'chain_seq'])
      .orderBy('chain_seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await rolledBack(ctx.handle.db, async (trx) => {
      await tamper(trx, 'audit_events', `delete from audit_events where id = ${row.id}`);
      const report = (await verifyChains(trx)).find((r) => r.table === 'audit_events')!;
      expect(report.broken).toMatchObject({ chainSeq: row.chain_seq + 1, kind: 'missing' });
      expect(report.checked).toBe(row.chain_seq - 1);
      expect(describeReport(report)).toContain(`entry ${row.chain_seq} is missing (deleted) before it`);
    });
    await counts(ctx.handle.db);
  });

  it('catches the newest entries deleted since an anchor was kept, which the chain alone cannot', async () => {
    const [audit] = await verifyChains(ctx.handle.db);
    const anchor = { table: 'audit_events', chainSeq: audit!.head!.chainSeq, hash: audit!.head!.hash };
    expect(await checkAnchor(ctx.handle.db, anchor)).toBeNull();
    await rolledBack(ctx.handle.db, async (trx) => {
      await tamper(trx, 'audit_events', `delete from audit_events where chain_seq >= ${anchor.chainSeq - 1}`);
      // What remains is a shorter chain that verifies…
      expect((await verifyChains(trx)).every((r) => r.broken === null)).toBe(true);
      // …but the anchor's entry is gone.
      expect(await checkAnchor(trx, anchor)).toMatch(/entry \d+ of the anchor is gone/);
    });
    await rolledBack(ctx.handle.db, async (trx) => {
      await tamper(
        trx,
        'audit_events',
        `update audit_events set hash = sha256(hash) where chain_seq = ${anchor.chainSeq}`,
      );
      expect(await checkAnchor(trx, anchor)).toMatch(/the chain was rewritten/);
    });
    expect(await checkAnchor(ctx.handle.db, { ...anchor, table: 'nothing' })).toMatch(/unknown chain/);
  });

  it.runIf(process.env.DATABASE_URL)(
    'on PostgreSQL, an application role with INSERT and SELECT only on the logs starts and cannot change them',
    async () => {
      const role = `tn_app_${randomBytes(4).toString('hex')}`;
      const db = ctx.handle.db;
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
      // The grants of README, "Audit trail".
      await sql
        .raw(
          `create role ${role} login;
           grant usage on schema public to ${role};
           grant select, insert, update, delete on all tables in schema public to ${role};
           grant usage, select on all sequences in schema public to ${role};
           revoke update, delete, truncate on audit_events, dossier_actions from ${role}`,
        )
        .execute(db);
      const url = new URL(process.env.DATABASE_URL!);
      url.username = role;
      url.password = '';
      url.pathname = `/${rows[0]!.name}`;
      const app = await openPostgres({ url: url.toString(), poolSize: 2 });
      try {
        expect(await migrate(app.db)).toEqual([]);
        await recordAudit(app.db, SYSTEM_ACTOR, { action: 'test.role', entityType: 'test', entityId: 1 });
        for (const table of ['audit_events', 'dossier_actions']) {
          for (const statement of [
            `update ${table} set reason = 'x'`,
            `delete from ${table}`,
            `truncate ${table}`,
          ])
            await expect(sql.raw(statement).execute(app.db)).rejects.toThrow(/permission denied/);
          await expect(
            sql.raw(`alter table ${table} disable trigger ${table}_append_only`).execute(app.db),
          ).rejects.toThrow(/must be owner/);
        }
        await counts(app.db);
      } finally {
        await app.close();
        await sql.raw(`drop owned by ${role}; drop role ${role}`).execute(db);
      }
    },
  );
});
