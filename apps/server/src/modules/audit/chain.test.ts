import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/database';
import { migrate } from '../../db/migrate';
import type { Database } from '../../db/schema';
import { recordAudit, SYSTEM_ACTOR } from './audit';
import { acceptDossier, submitPermit } from '../../test/dossier-fixtures';
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

/** An entry that has a next one in its stream (so a change to it shows at the next one). */
async function entryWithSuccessor(db: Kysely<Database>, table: 'audit_events' | 'dossier_actions') {
  const { rows } = await sql<{ id: number; chain_stream: string; chain_seq: number }>`
    select t.id::int as id, t.chain_stream, t.chain_seq::int as chain_seq from ${sql.table(table)} t
    where t.chain_stream not like 'legacy:%' and exists (select 1 from ${sql.table(table)} n
      where n.chain_stream = t.chain_stream and n.chain_seq = t.chain_seq + 1)
    order by t.id limit 1`.execute(db);
  return rows[0]!;
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
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push(await submitPermit(ctx.app, citizen));
    // …with more than one action in each dossier's stream.
    const officer = await login(ctx.app, 'tiepnhan');
    for (const code of codes) await acceptDossier(ctx.app, officer, code);
  });
  afterAll(async () => ctx.close());

  it('serialises an entry canonically', () => {
    expect(isoMicros('1764567000123456')).toBe('2025-12-01T05:30:00.123456Z');
    expect(isoMicros('-1')).toBe('1969-12-31T23:59:59.999999Z');
    const row = { id: '9', occurred_at: '0', actor_label: 'Trần Ánh' };
    // An entry of the global chain written before migration 0021: hashed as it always was.
    const legacy = canonicalContent(CHAINS[0]!, 'legacy:audit_events', '7', row);
    expect(legacy).toMatch(
      /^table=12:audit_events\nchain_seq=1:7\nid=1:9\noccurred_at=27:1970-01-01T00:00:00.000000Z\n/,
    );
    expect(legacy).toContain('actor_user_id=~\nactor_label=11:Trần Ánh\n');
    // An entry of a stream names its stream.
    const content = canonicalContent(CHAINS[0]!, 'audit:user:5', '7', row);
    expect(content).toMatch(/^table=12:audit_events\nstream=12:audit:user:5\nchain_seq=1:7\nid=1:9\n/);
    expect(entryHash('00'.repeat(32), '')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the trigger and the verifier agree on every entry, including the backfilled ones', async () => {
    const before = await counts(ctx.handle.db);
    expect(before.audit_events).toBeGreaterThan(0);
    expect(before.dossier_actions).toBeGreaterThanOrEqual(3);
  });

  it('chains each dossier and each audited entity on its own', async () => {
    const { rows } = await sql<{ stream: string; entries: number; first: number; last: number }>`
      select chain_stream as stream, count(*)::int as entries, min(chain_seq)::int as first, max(chain_seq)::int as last
      from dossier_actions where chain_stream not like 'legacy:%' group by chain_stream`.execute(
      ctx.handle.db,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.stream).toMatch(/^dossier:\d+$/);
      expect([row.first, row.last]).toEqual([1, row.entries]);
    }
    const seqs = await ctx.handle.db
      .selectFrom('dossier_actions')
      .select(['seq', 'chain_seq'])
      .where('chain_stream', 'not like', 'legacy:%')
      .execute();
    // A dossier's stream position is its history's position.
    for (const row of seqs) expect(row.chain_seq).toBe(row.seq);
  });

  it('stays one chain per stream under concurrent writers', async () => {
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
    const { id, chain_seq, chain_stream } = await entryWithSuccessor(ctx.handle.db, 'dossier_actions');
    await rolledBack(ctx.handle.db, async (trx) => {
      await tamper(trx, 'dossier_actions', `update dossier_actions set reason = 'sửa lén' where id = ${id}`);
      const broken = (await verifyChains(trx)).find((r) => r.broken)!;
      expect(broken.broken).toMatchObject({
        table: 'dossier_actions',
        stream: chain_stream,
        chainSeq: chain_seq,
        id,
        kind: 'content',
      });
      expect(describeReport(broken)).toMatch(
        /^dossier_actions: \d+ entries intact, then BROKEN in stream dossier:\d+ at chain_seq \d+ \(id \d+\): content hash differs/,
      );
    });
    await counts(ctx.handle.db);
  });

  it('names the next entry when a changed row got a recomputed hash', async () => {
    const row = await entryWithSuccessor(ctx.handle.db, 'audit_events');
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
        stream: row.chain_stream,
        chainSeq: row.chain_seq + 1,
        kind: 'link',
      });
    });
  });

  it('names the entry after a deleted one', async () => {
    const row = await entryWithSuccessor(ctx.handle.db, 'audit_events');
    await rolledBack(ctx.handle.db, async (trx) => {
      await tamper(trx, 'audit_events', `delete from audit_events where id = ${row.id}`);
      const report = (await verifyChains(trx)).find((r) => r.table === 'audit_events')!;
      expect(report.broken).toMatchObject({
        stream: row.chain_stream,
        chainSeq: row.chain_seq + 1,
        kind: 'missing',
      });
      expect(describeReport(report)).toContain(`entry ${row.chain_seq} is missing (deleted) before it`);
    });
    await counts(ctx.handle.db);
  });

  it('catches the newest entries deleted since an anchor was kept, which the chain alone cannot', async () => {
    const { rows } = await sql<{ stream: string; chain_seq: number; hash: string }>`
      select chain_stream as stream, chain_seq::int as chain_seq, encode(hash, 'hex') as hash from audit_events
      where chain_stream not like 'legacy:%' and chain_seq > 1 order by id desc limit 1`.execute(
      ctx.handle.db,
    );
    const anchor = { stream: rows[0]!.stream, chainSeq: rows[0]!.chain_seq, hash: rows[0]!.hash };
    expect(await checkAnchor(ctx.handle.db, anchor)).toBeNull();
    await rolledBack(ctx.handle.db, async (trx) => {
      await tamper(
        trx,
        'audit_events',
        `delete from audit_events where chain_stream = '${anchor.stream}' and chain_seq >= ${anchor.chainSeq - 1}`,
      );
      // What remains is a shorter chain that verifies…
      expect((await verifyChains(trx)).every((r) => r.broken === null)).toBe(true);
      // …but the anchor's entry is gone.
      expect(await checkAnchor(trx, anchor)).toMatch(/entry \d+ of the anchor is gone/);
    });
    await rolledBack(ctx.handle.db, async (trx) => {
      await tamper(
        trx,
        'audit_events',
        `update audit_events set hash = sha256(hash) where chain_stream = '${anchor.stream}' and chain_seq = ${anchor.chainSeq}`,
      );
      expect(await checkAnchor(trx, anchor)).toMatch(/the chain was rewritten/);
    });
    expect(await checkAnchor(ctx.handle.db, { ...anchor, stream: 'nothing' })).toMatch(/unknown chain/);
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
           revoke update, delete, truncate on audit_events, dossier_actions, evidence_entries,
             evidence_checkpoints, evidence_leaves, evidence_nodes from ${role}`,
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
        for (const table of ['audit_events', 'dossier_actions', 'evidence_entries']) {
          for (const statement of [
            `update ${table} set id = id`,
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
