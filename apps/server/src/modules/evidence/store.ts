/**
 * The evidence log's tables (migration 0021): reads for the sealing job, the proofs and the
 * verifier, and the sealing job's writes — the only writer of checkpoints, leaves, nodes and the
 * job's position (entries are written by the history tables' trigger).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, EvidenceCheckpointsTable, EvidenceSource, FrontierJson } from '../../db/schema';
import type { Hash } from '../../lib/merkle';

type Db = Kysely<Database>;
export type CheckpointRow = Selectable<EvidenceCheckpointsTable>;

export interface PendingEntry {
  id: number;
  txid: string;
  hash: Uint8Array;
  recordedAt: Date;
}

/** The oldest running transaction of the cluster (every older one has ended), as xid8 text. */
export async function snapshotXmin(db: Db): Promise<string> {
  const { rows } = await sql<{ xmin: string }>`
    select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(db);
  return rows[0]!.xmin;
}

/** The job's position, locked for the round (one sealer at a time, whatever the job runner does). */
export async function lockState(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('evidence_state')
    .select('sealed_below')
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.sealed_below === null ? null : String(row.sealed_below);
}

export async function saveState(db: Db, sealedBelow: string | null): Promise<void> {
  await sql`update evidence_state set sealed_below = ${sealedBelow}::xid8 where id = 1`.execute(db);
}

const PAGE = 10_000;

/**
 * Entries to seal, in (txid, id) order, a page after `after`: those of ended transactions
 * (txid < xmin) at or above the position, or — position unknown (first round here) — every
 * entry without a leaf.
 */
export async function pendingPage(
  db: Db,
  range: { from: string | null; below: string },
  after: { txid: string; id: number } | null,
): Promise<PendingEntry[]> {
  const lower =
    range.from === null
      ? sql`not exists (select 1 from evidence_leaves l where l.entry_id = e.id)`
      : sql`e.txid >= ${range.from}::xid8`;
  const keyset = after ? sql`(e.txid, e.id) > (${after.txid}::xid8, ${after.id})` : sql`true`;
  const { rows } = await sql<{ id: string | number; txid: string; hash: Uint8Array; recorded_at: Date }>`
    select e.id, e.txid::text as txid, e.hash, e.recorded_at from evidence_entries e
    where e.txid < ${range.below}::xid8 and ${lower} and ${keyset}
    order by e.txid, e.id
    limit ${PAGE}`.execute(db);
  return rows.map((row) => ({
    id: Number(row.id),
    txid: row.txid,
    hash: row.hash,
    recordedAt: new Date(row.recorded_at),
  }));
}

export const PENDING_PAGE = PAGE;

export async function latestCheckpoint(db: Db): Promise<CheckpointRow | null> {
  return (
    (await db
      .selectFrom('evidence_checkpoints')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

export async function checkpointBySeq(db: Db, seq: number): Promise<CheckpointRow | null> {
  return (
    (await db.selectFrom('evidence_checkpoints').selectAll().where('seq', '=', seq).executeTakeFirst()) ??
    null
  );
}

/** The first checkpoint whose tree holds leaf `leafIndex`. */
export async function checkpointCovering(db: Db, leafIndex: number): Promise<CheckpointRow | null> {
  return (
    (await db
      .selectFrom('evidence_checkpoints')
      .selectAll()
      .where('tree_size', '>', leafIndex)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

export interface NewCheckpoint {
  seq: number;
  treeSize: number;
  rootHash: Uint8Array;
  previousHeadHash: Uint8Array;
  sealedAt: Date;
  head: Uint8Array;
  signature: Uint8Array;
  signerFingerprint: string;
  timestampToken: Uint8Array;
  timestampAt: Date;
  frontier: FrontierJson;
  entries: number;
  oldestRecordedAt: Date;
}

export async function insertCheckpoint(db: Db, c: NewCheckpoint): Promise<void> {
  await db
    .insertInto('evidence_checkpoints')
    .values({
      seq: c.seq,
      tree_size: c.treeSize,
      root_hash: c.rootHash,
      previous_head_hash: c.previousHeadHash,
      sealed_at: c.sealedAt,
      head: c.head,
      signature: c.signature,
      signer_fingerprint: c.signerFingerprint,
      timestamp_token: c.timestampToken,
      timestamp_at: c.timestampAt,
      frontier: JSON.stringify(c.frontier),
      entries: c.entries,
      oldest_recorded_at: c.oldestRecordedAt,
    })
    .execute();
}

/**
 * Rows per statement. Leaves and nodes go in as three arrays unnested by PostgreSQL (array
 * literals built here, hashes as hex): one statement per 20,000 rows, far cheaper than as many
 * bound VALUES (sealing a million entries writes about two million rows).
 */
const CHUNK = 20_000;

const intArray = (values: readonly number[]) => `{${values.join(',')}}`;
const hexArray = (values: readonly Hash[]) =>
  `{${values.map((h) => Buffer.from(h).toString('hex')).join(',')}}`;

export async function insertLeaves(
  db: Db,
  checkpointSeq: number,
  leaves: Array<{ leafIndex: number; entryId: number; leafHash: Hash }>,
): Promise<void> {
  for (let i = 0; i < leaves.length; i += CHUNK) {
    const chunk = leaves.slice(i, i + CHUNK);
    await sql`
      insert into evidence_leaves (leaf_index, entry_id, checkpoint_seq, leaf_hash)
      select t.i, t.e, ${checkpointSeq}, decode(t.h, 'hex')
      from unnest(${intArray(chunk.map((l) => l.leafIndex))}::bigint[], ${intArray(chunk.map((l) => l.entryId))}::bigint[],
        ${hexArray(chunk.map((l) => l.leafHash))}::text[]) as t(i, e, h)`.execute(db);
  }
}

export async function insertNodes(
  db: Db,
  nodes: Array<{ level: number; index: number; hash: Hash }>,
): Promise<void> {
  for (let i = 0; i < nodes.length; i += CHUNK) {
    const chunk = nodes.slice(i, i + CHUNK);
    await sql`
      insert into evidence_nodes (level, node_index, hash)
      select t.l, t.i, decode(t.h, 'hex')
      from unnest(${intArray(chunk.map((n) => n.level))}::smallint[], ${intArray(chunk.map((n) => n.index))}::bigint[],
        ${hexArray(chunk.map((n) => n.hash))}::text[]) as t(l, i, h)`.execute(db);
  }
}

/** Stored hashes of the given nodes (level 0: leaves), in one query; missing ones absent. */
export async function nodesAt(
  db: Db,
  nodes: ReadonlyArray<{ level: number; index: number }>,
): Promise<Map<string, Hash>> {
  const found = new Map<string, Hash>();
  const leaves = nodes.filter((n) => n.level === 0).map((n) => n.index);
  const inner = nodes.filter((n) => n.level > 0);
  if (leaves.length > 0) {
    const rows = await db
      .selectFrom('evidence_leaves')
      .select(['leaf_index', 'leaf_hash'])
      .where('leaf_index', 'in', leaves)
      .execute();
    for (const row of rows) found.set(`0/${Number(row.leaf_index)}`, row.leaf_hash);
  }
  if (inner.length > 0) {
    const rows = await db
      .selectFrom('evidence_nodes')
      .select(['level', 'node_index', 'hash'])
      .where((eb) =>
        eb.or(inner.map((n) => eb.and([eb('level', '=', n.level), eb('node_index', '=', n.index)]))),
      )
      .execute();
    for (const row of rows) found.set(`${row.level}/${Number(row.node_index)}`, row.hash);
  }
  return found;
}

export interface EntryLocation {
  entryId: number;
  source: string;
  sourceId: number;
  stream: string;
  streamSeq: number;
  hash: Uint8Array;
  recordedAt: Date;
  leafIndex: number | null;
}

function location(row: {
  id: number | string;
  source: string;
  source_id: number | string;
  stream: string;
  stream_seq: number | string;
  hash: Uint8Array;
  recorded_at: Date;
  leaf_index: number | string | null;
}): EntryLocation {
  return {
    entryId: Number(row.id),
    source: row.source,
    sourceId: Number(row.source_id),
    stream: row.stream,
    streamSeq: Number(row.stream_seq),
    hash: row.hash,
    recordedAt: new Date(row.recorded_at),
    leafIndex: row.leaf_index === null ? null : Number(row.leaf_index),
  };
}

const entryColumns = [
  'e.id',
  'e.source',
  'e.source_id',
  'e.stream',
  'e.stream_seq',
  'e.hash',
  'e.recorded_at',
  'l.leaf_index',
] as const;

export async function entryById(db: Db, id: number): Promise<EntryLocation | null> {
  const row = await db
    .selectFrom('evidence_entries as e')
    .leftJoin('evidence_leaves as l', 'l.entry_id', 'e.id')
    .select(entryColumns)
    .where('e.id', '=', id)
    .executeTakeFirst();
  return row ? location(row) : null;
}

/** The entries of the given rows of a history table (e.g. a dossier's actions), by source id. */
export async function entriesOfRows(
  db: Db,
  source: EvidenceSource,
  ids: readonly number[],
): Promise<EntryLocation[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('evidence_entries as e')
    .leftJoin('evidence_leaves as l', 'l.entry_id', 'e.id')
    .select(entryColumns)
    .where('e.source', '=', source)
    .where('e.source_id', 'in', [...ids])
    .orderBy('e.stream')
    .orderBy('e.stream_seq')
    .execute();
  return rows.map(location);
}

/** The latest checkpoint in brief, e.g. for a backup's manifest; null before the first seal. */
export async function latestCheckpointSummary(
  db: Db,
): Promise<{ checkpoint: number; treeSize: number; rootHash: string } | null> {
  const row = await latestCheckpoint(db);
  return row
    ? {
        checkpoint: Number(row.seq),
        treeSize: Number(row.tree_size),
        rootHash: Buffer.from(row.root_hash).toString('hex'),
      }
    : null;
}

/** Whether some entry has no leaf yet. */
export async function anyUnsealed(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('evidence_entries as e')
    .leftJoin('evidence_leaves as l', 'l.entry_id', 'e.id')
    .select('e.id')
    .where('l.entry_id', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
