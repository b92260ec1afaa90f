/**
 * The hash chains of the history tables (migrations 0011 and 0021), checked from the outside:
 * every entry's hash is recomputed here in TypeScript from the stored fields, independently of
 * the SQL trigger that wrote it, and compared in chain order within its stream.
 *
 * Streams: `dossier:<dossier id>` (one dossier's history), `audit:<entity type>:<entity id>` (the
 * audit of one entity), and the two global chains written before migration 0021,
 * `legacy:audit_events` and `legacy:dossier_actions`. Entry n of a stream: chain_seq = n,
 * prev_hash = hash of entry n - 1 (32 zero bytes for n = 1), hash = sha256(prev_hash ||
 * utf8(content)); content is one line per field, in the order below, `name=~` for NULL or
 * `name=<UTF-8 byte length>:<text>`, timestamps ISO 8601 UTC with microseconds, jsonb as
 * PostgreSQL prints it; a stream's entries (not the legacy ones) carry `stream=` after `table=`.
 *
 * A chain shows a changed or removed entry inside a stream; the newest entries of a stream
 * deleted, or a stream rewritten whole, show in the evidence log (modules/evidence), which holds
 * every entry's hash under signed checkpoints.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';

type FieldKind = 'text' | 'time';

export type ChainTable = 'audit_events' | 'dossier_actions' | 'document_actions';

interface ChainDefinition {
  table: ChainTable;
  /** The streams' prefix: `<prefix>:…` (migration 0021's trigger). */
  prefix: string;
  /** Fields after `table`, `stream` and `chain_seq`, in hashing order; each read back as text. */
  fields: Array<[name: string, kind: FieldKind]>;
  /** The stream an entry of this table belongs to, from its fields. */
  streamOf(row: Record<string, string | null>): string;
}

/**
 * The history of a case (a dossier, a document): the same columns, one stream per case, named
 * by the case's key (the *_chain_content functions of migrations 0011 and 0023).
 */
function actionHistory(table: ChainTable, key: string, prefix: string): ChainDefinition {
  return {
    table,
    prefix,
    fields: [
      ['id', 'text'],
      [key, 'text'],
      ['seq', 'text'],
      ['type', 'text'],
      ['at', 'time'],
      ['actor_user_id', 'text'],
      ['actor_unit_id', 'text'],
      ['reason', 'text'],
      ['payload', 'text'],
      ['idempotency_key', 'text'],
    ],
    streamOf: (row) => `${prefix}:${row[key] ?? ''}`,
  };
}

export const CHAINS: ChainDefinition[] = [
  {
    table: 'audit_events',
    prefix: 'audit',
    fields: [
      ['id', 'text'],
      ['occurred_at', 'time'],
      ['actor_user_id', 'text'],
      ['actor_label', 'text'],
      ['ip_address', 'text'],
      ['action', 'text'],
      ['entity_type', 'text'],
      ['entity_id', 'text'],
      ['reason', 'text'],
      ['before', 'text'],
      ['after', 'text'],
    ],
    streamOf: (row) => `audit:${row.entity_type ?? ''}:${row.entity_id ?? ''}`,
  },
  actionHistory('dossier_actions', 'dossier_id', 'dossier'),
  // Migration 0023: each official document's history.
  actionHistory('document_actions', 'document_id', 'document'),
];

/** The history tables whose entries are chained and recorded in the evidence log. */
export const CHAIN_TABLES: readonly ChainTable[] = CHAINS.map((chain) => chain.table);

export const GENESIS_HASH = '0'.repeat(64);
const LEGACY = 'legacy:';

export function isLegacyStream(stream: string): boolean {
  return stream.startsWith(LEGACY);
}

function field(name: string, value: string | null): string {
  return value === null ? `${name}=~\n` : `${name}=${Buffer.byteLength(value, 'utf8')}:${value}\n`;
}

/** Microseconds since the epoch (as PostgreSQL stores them) → 2026-12-01T05:30:00.123456Z. */
export function isoMicros(micros: string): string {
  const value = BigInt(micros);
  let ms = value / 1000n;
  let rest = value % 1000n;
  if (rest < 0n) {
    rest += 1000n;
    ms -= 1n;
  }
  return new Date(Number(ms)).toISOString().replace('Z', `${String(rest).padStart(3, '0')}Z`);
}

/** The canonical serialisation of one entry; `row` holds each field as text (times as epoch µs). */
export function canonicalContent(
  chain: ChainDefinition,
  stream: string,
  chainSeq: string,
  row: Record<string, string | null>,
) {
  let content = field('table', chain.table);
  if (!isLegacyStream(stream)) content += field('stream', stream);
  content += field('chain_seq', chainSeq);
  for (const [name, kind] of chain.fields) {
    const value = row[name] ?? null;
    content += field(name, value !== null && kind === 'time' ? isoMicros(value) : value);
  }
  return content;
}

export function entryHash(prevHashHex: string, content: string): string {
  return createHash('sha256').update(Buffer.from(prevHashHex, 'hex')).update(content, 'utf8').digest('hex');
}

export interface ChainBreak {
  table: string;
  stream: string;
  chainSeq: number;
  id: number;
  kind: 'content' | 'link' | 'missing' | 'stream';
  detail: string;
}

export interface ChainReport {
  table: string;
  /** Entries found intact (before the break, if any). */
  checked: number;
  streams: number;
  /**
   * The table's state: SHA-256 over `<stream> <chain_seq> <hash>\n` of every stream's last entry,
   * streams in byte order — equal before and after a faithful copy (backup and restore).
   */
  head: { entries: number; digest: string } | null;
  broken: ChainBreak | null;
}

const BATCH = 5000;

type ChainRow = Record<string, string | null> & {
  chain_stream: string;
  chain_seq: string;
  prev_hash: string;
  hash: string;
};

/** Recomputes one table's streams in order and stops at the first entry that does not hold. */
export async function verifyChain(db: Kysely<Database>, chain: ChainDefinition): Promise<ChainReport> {
  const columns = chain.fields.map(([name, kind]) =>
    kind === 'time'
      ? sql`(extract(epoch from ${sql.ref(`t.${name}`)}) * 1000000)::bigint::text as ${sql.ref(name)}`
      : sql`${sql.ref(`t.${name}`)}::text as ${sql.ref(name)}`,
  );
  let checked = 0;
  let streams = 0;
  const heads = createHash('sha256');
  let stream: string | null = null;
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  const closeStream = () => {
    if (stream !== null) heads.update(`${stream} ${prevSeq} ${prevHash}\n`, 'utf8');
  };
  for (;;) {
    // Keyset pagination over the (chain_stream, chain_seq) index; chain_stream is COLLATE "C", so
    // streams come in byte order.
    const after: RawBuilder<unknown> =
      stream === null ? sql`true` : sql`(t.chain_stream, t.chain_seq) > (${stream}, ${prevSeq})`;
    const result: { rows: ChainRow[] } = await sql<ChainRow>`
      select t.chain_stream, t.chain_seq::text as chain_seq, encode(t.prev_hash, 'hex') as prev_hash,
        encode(t.hash, 'hex') as hash, ${sql.join(columns)}
      from ${sql.table(chain.table)} as t
      where ${after}
      order by t.chain_stream, t.chain_seq
      limit ${BATCH}`.execute(db);
    const rows = result.rows;
    for (const row of rows) {
      const seq = Number(row.chain_seq);
      if (row.chain_stream !== stream) {
        closeStream();
        stream = row.chain_stream;
        streams += 1;
        prevSeq = 0;
        prevHash = GENESIS_HASH;
      }
      const current: string = row.chain_stream;
      const at = { table: chain.table, stream: current, chainSeq: seq, id: Number(row.id) };
      const broken = (kind: ChainBreak['kind'], detail: string): ChainReport => ({
        table: chain.table,
        checked,
        streams,
        head: null,
        broken: { ...at, kind, detail },
      });
      if (!isLegacyStream(current) && chain.streamOf(row) !== current)
        return broken('stream', `the entry belongs to ${chain.streamOf(row)}, not to the stream ${current}`);
      if (seq !== prevSeq + 1)
        return broken(
          'missing',
          seq - prevSeq - 1 === 1
            ? `entry ${prevSeq + 1} is missing (deleted) before it`
            : `entries ${prevSeq + 1}…${seq - 1} are missing (deleted) before it`,
        );
      if (row.prev_hash !== prevHash)
        return broken(
          'link',
          `prev_hash ${row.prev_hash.slice(0, 16)}… is not the hash ${prevHash.slice(0, 16)}… of entry ${prevSeq}`,
        );
      const recomputed = entryHash(row.prev_hash, canonicalContent(chain, current, row.chain_seq, row));
      if (recomputed !== row.hash)
        return broken(
          'content',
          `content hash differs: stored ${row.hash.slice(0, 16)}…, recomputed ${recomputed.slice(0, 16)}… (the row was changed after it was written)`,
        );
      checked += 1;
      prevSeq = seq;
      prevHash = row.hash;
    }
    if (rows.length < BATCH) break;
  }
  closeStream();
  return {
    table: chain.table,
    checked,
    streams,
    head: checked === 0 ? null : { entries: checked, digest: heads.digest('hex') },
    broken: null,
  };
}

export async function verifyChains(db: Kysely<Database>): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const chain of CHAINS) reports.push(await verifyChain(db, chain));
  return reports;
}

/** One line per table, as `npm run audit:verify` prints it. */
export function describeReport(report: ChainReport): string {
  if (report.broken) {
    const b = report.broken;
    return `${b.table}: ${report.checked} entries intact, then BROKEN in stream ${b.stream} at chain_seq ${b.chainSeq} (id ${b.id}): ${b.detail}`;
  }
  return report.head
    ? `${report.table}: ${report.checked} entries in ${report.streams} streams checked, chains intact; heads ${report.head.digest}`
    : `${report.table}: 0 entries, chains intact (empty)`;
}

/** The hash of one entry kept outside the database: `<stream>:<chain_seq>:<hash>`. */
export interface ChainAnchor {
  /** A stream; a bare table name means its legacy chain (anchors printed before migration 0021). */
  stream: string;
  chainSeq: number;
  hash: string;
}

function tableOfStream(stream: string): { table: ChainTable; stream: string } | null {
  if (stream === 'audit_events' || stream === 'dossier_actions')
    return { table: stream, stream: `${LEGACY}${stream}` };
  const chain = CHAINS.find((c) => stream === `${LEGACY}${c.table}` || stream.startsWith(`${c.prefix}:`));
  return chain ? { table: chain.table, stream } : null;
}

/**
 * Whether the stream still holds the entry an anchor names, with that hash: catches the newest
 * entries of a stream deleted, or the stream rewritten, since the anchor was taken.
 */
export async function checkAnchor(db: Kysely<Database>, anchor: ChainAnchor): Promise<string | null> {
  const target = tableOfStream(anchor.stream);
  if (!target) return `unknown chain ${anchor.stream}`;
  if (anchor.chainSeq === 0) return null;
  const { rows } = await sql<{ hash: string }>`
    select encode(hash, 'hex') as hash from ${sql.table(target.table)}
    where chain_stream = ${target.stream} and chain_seq = ${anchor.chainSeq}`.execute(db);
  const row = rows[0];
  if (!row)
    return `${target.stream}: entry ${anchor.chainSeq} of the anchor is gone (the newest entries were deleted)`;
  if (row.hash !== anchor.hash)
    return `${target.stream}: entry ${anchor.chainSeq} has hash ${row.hash.slice(0, 16)}…, the anchor says ${anchor.hash.slice(0, 16)}… (the chain was rewritten)`;
  return null;
}

/** Every row of a history table in id order, as the evidence log records it (stream, position, hash). */
export async function* historyRows(
  db: Kysely<Database>,
  table: ChainTable,
): AsyncGenerator<{ id: number; stream: string; seq: number; hash: string }> {
  let after = 0;
  for (;;) {
    const { rows } = await sql<{
      id: string | number;
      chain_stream: string;
      chain_seq: string | number;
      hash: string;
    }>`
      select t.id, t.chain_stream, t.chain_seq, encode(t.hash, 'hex') as hash
      from ${sql.table(table)} as t where t.id > ${after} order by t.id limit ${BATCH}`.execute(db);
    for (const row of rows)
      yield { id: Number(row.id), stream: row.chain_stream, seq: Number(row.chain_seq), hash: row.hash };
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}
