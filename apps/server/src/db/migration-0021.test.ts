/**
 * Migration 0021 on a database whose two global history chains already hold entries (the demo
 * seed's audit events and a dossier's history, written under migration 0011): they stay
 * verifiable as the legacy streams, each gets its evidence entry, and the first checkpoint seals
 * them all; entries written afterwards go into streams of their own.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { historyRows, recordAudit, SYSTEM_ACTOR, verifyChains } from '../modules/audit';
import { importDossiers } from '../modules/dossiers';
import { compareWithSource, openSealingKit, sealUntilCaughtUp, verifyEvidence } from '../modules/evidence';
import { loadConfig } from '../config';
import { emptyDatabase } from '../test/empty-database';
import type { DatabaseHandle } from './database';
import { migrate } from './migrate';
import { seedDemoPki } from './seed/pki';
import { seedDemo } from './seed/seed';

const KEK = Buffer.alloc(32, 21).toString('base64');
let handle: DatabaseHandle;
let legacyHeads: Record<string, { chainSeq: number; hash: string }>;

beforeAll(async () => {
  handle = await emptyDatabase(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  await migrate(handle.db, undefined, { upTo: 20 });
  await seedDemo(handle.db, { password: 'khong-dung-den', documents: false });
  const ids = await sql<{ version: number; unit: number; citizen: number }>`
    select (select min(id) from procedure_versions) as version,
           (select id from units where agency_code = '000.00.16.H53') as unit,
           (select id from users where username = 'congdan') as citizen`.execute(handle.db);
  const { version, unit, citizen } = ids.rows[0]!;
  const iso = '2026-11-02T02:00:00.000Z';
  await importDossiers(handle.db, [
    {
      code: '000.00.16.H53-261102-0001',
      versionId: Number(version),
      procedureCode: '1.013236',
      receivingUnitId: Number(unit),
      handlingUnitId: Number(unit),
      applicantUserId: Number(citizen),
      applicant: { fullName: 'Nguyễn Văn An' },
      channel: 'online',
      createdBy: Number(citizen),
      submittedAt: new Date(iso),
      actions: [
        {
          action: { type: 'submitted', at: iso, channel: 'online' },
          actor: { userId: Number(citizen), unitId: null },
        },
        {
          action: { type: 'accepted', at: iso, dueAt: '2026-11-20T10:00:00.000Z' },
          actor: { userId: null, unitId: Number(unit) },
        },
      ],
    },
  ]);
  const { rows } = await sql<{ table: string; chain_seq: number; hash: string }>`
    (select 'audit_events' as table, chain_seq::int, encode(hash, 'hex') as hash from audit_events order by chain_seq desc limit 1)
    union all
    (select 'dossier_actions', chain_seq::int, encode(hash, 'hex') from dossier_actions order by chain_seq desc limit 1)`.execute(
    handle.db,
  );
  legacyHeads = Object.fromEntries(rows.map((r) => [r.table, { chainSeq: r.chain_seq, hash: r.hash }]));
  await migrate(handle.db);
}, 180_000);
afterAll(async () => handle?.close());

it('keeps the global chains as legacy streams, intact, each row with its evidence entry', async () => {
  expect(legacyHeads.dossier_actions!.chainSeq).toBe(2);
  const streams = await sql<{ table: string; stream: string; entries: number; last: number }>`
    select 'audit_events' as table, chain_stream as stream, count(*)::int as entries, max(chain_seq)::int as last
      from audit_events group by chain_stream
    union all
    select 'dossier_actions', chain_stream, count(*)::int, max(chain_seq)::int from dossier_actions group by chain_stream`.execute(
    handle.db,
  );
  expect(streams.rows).toEqual([
    {
      table: 'audit_events',
      stream: 'legacy:audit_events',
      entries: legacyHeads.audit_events!.chainSeq,
      last: legacyHeads.audit_events!.chainSeq,
    },
    { table: 'dossier_actions', stream: 'legacy:dossier_actions', entries: 2, last: 2 },
  ]);
  for (const report of await verifyChains(handle.db)) expect(report.broken).toBeNull();
  for (const table of ['audit_events', 'dossier_actions'] as const)
    expect(await compareWithSource(handle.db, table, historyRows(handle.db, table))).toEqual([]);
});

it('seals the histories written before into the first checkpoint; later entries go to their streams', async () => {
  await seedDemoPki(handle.db, { env: { TRUST_KEK: KEK }, embedded: null });
  const config = { ...loadConfig({}), trustKek: KEK };
  const opened = await openSealingKit(handle.db, handle.kind, config);
  if (!opened.kit) throw new Error(opened.reason);
  const [sealed] = await sealUntilCaughtUp(handle.db, opened.kit);
  expect(sealed).toMatchObject({ checkpoint: 1 });
  // Every entry of the migration is in it (the demo PKI's audit entry may come a round later,
  // when another transaction of the cluster was open).
  const legacy = await sql<{ stream: string; entries: number; in_first: number }>`
    select e.stream, count(*)::int as entries, count(*) filter (where l.checkpoint_seq = 1)::int as in_first
    from evidence_entries e left join evidence_leaves l on l.entry_id = e.id
    where e.stream like 'legacy:%' group by e.stream order by e.stream`.execute(handle.db);
  expect(legacy.rows).toEqual([
    {
      stream: 'legacy:audit_events',
      entries: legacyHeads.audit_events!.chainSeq,
      in_first: legacyHeads.audit_events!.chainSeq,
    },
    { stream: 'legacy:dossier_actions', entries: 2, in_first: 2 },
  ]);
  // The legacy entries are the first leaves, in their chains' order.
  const first = await sql<{ stream: string; stream_seq: number }>`
    select e.stream, e.stream_seq::int from evidence_leaves l join evidence_entries e on e.id = l.entry_id
    where l.leaf_index = 0`.execute(handle.db);
  expect(first.rows[0]).toEqual({ stream: 'legacy:audit_events', stream_seq: 1 });
  await recordAudit(handle.db, SYSTEM_ACTOR, { action: 'test.after', entityType: 'test', entityId: 21 });
  const after = await handle.db
    .selectFrom('audit_events')
    .select(['chain_stream', 'chain_seq'])
    .where('action', '=', 'test.after')
    .executeTakeFirstOrThrow();
  expect(after).toEqual({ chain_stream: 'audit:test:21', chain_seq: 1 });
  expect((await sealUntilCaughtUp(handle.db, opened.kit)).length).toBeGreaterThan(0);
  const report = await verifyEvidence(handle.db);
  expect(report.problems).toEqual([]);
  expect(report.unsealed).toBe(0);
});
