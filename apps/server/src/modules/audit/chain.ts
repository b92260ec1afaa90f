/**
 * The hash chains of the history tables (migration 0011), checked from the outside: every entry's
 * hash is recomputed here in TypeScript from the stored fields, independently of the SQL trigger
 * that wrote it, and compared in chain order.
 *
 * Entry n: chain_seq = n, prev_hash = hash of entry n - 1 (32 zero bytes for n = 1),
 * hash = sha256(prev_hash || utf8(content)); content is one line per field, in the order below,
 * `name=~` for NULL or `name=<UTF-8 byte length>:<text>`, timestamps ISO 8601 UTC with
 * microseconds, jsonb as PostgreSQL prints it.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type FieldKind = 'text' | 'time';

interface ChainDefinition {
  table: 'audit_events' | 'dossier_actions';
  /** Fields after `table` and `chain_seq`, in hashing order; each read back as text. */
  fields: Array<[name: string, kind: FieldKind]>;
}

export const CHAINS: ChainDefinition[] = [
  {
    table: 'audit_events',
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
  },
  {
    table: 'dossier_actions',
    fields: [
      ['id', 'text'],
      ['dossier_id', 'text'],
      ['seq', 'text'],
      ['type', 'text'],
      ['at', 'time'],
      ['actor_user_id', 'text'],
      ['actor_unit_id', 'text'],
      ['reason', 'text'],
      ['payload', 'text'],
      ['idempotency_key', 'text'],
    ],
  },
];

export const GENESIS_HASH = '0'.repeat(64);

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
  chainSeq: string,
  row: Record<string, string | null>,
) {
  let content = field('table', chain.table) + field('chain_seq', chainSeq);
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
  chainSeq: number;
  id: number;
  kind: 'content' | 'link' | 'missing';
  detail: string;
}

export interface ChainReport {
  table: string;
  /** Entries found intact (before the break, if any). */
  checked: number;
  head: { chainSeq: number; hash: string } | null;
  broken: ChainBreak | null;
}

const BATCH = 5000;

/** Recomputes one chain in order and stops at the first entry that does not hold. */
export async function verifyChain(db: Kysely<Database>, chain: ChainDefinition): Promise<ChainReport> {
  const columns = chain.fields.map(([name, kind]) =>
    kind === 'time'
      ? sql`(extract(epoch from ${sql.ref(`t.${name}`)}) * 1000000)::bigint::text as ${sql.ref(name)}`
      : sql`${sql.ref(`t.${name}`)}::text as ${sql.ref(name)}`,
  );
  let checked = 0;
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const { rows } = await sql<
      Record<string, string | null> & { chain_seq: string; prev_hash: string; hash: string }
    >`
      select t.chain_seq::text as chain_seq, encode(t.prev_hash, 'hex') as prev_hash, encode(t.hash, 'hex') as hash,
        ${sql.join(columns)}
      from ${sql.table(chain.table)} as t
      where t.chain_seq > ${prevSeq}
      order by t.chain_seq
      limit ${BATCH}`.execute(db);
    for (const row of rows) {
      const seq = Number(row.chain_seq);
      const at = { table: chain.table, chainSeq: seq, id: Number(row.id) };
      const broken = (kind: ChainBreak['kind'], detail: string): ChainReport => ({
        table: chain.table,
        checked,
        head: null,
        broken: { ...at, kind, detail },
      });
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
      const recomputed = entryHash(row.prev_hash, canonicalContent(chain, row.chain_seq, row));
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
  return {
    table: chain.table,
    checked,
    head: prevSeq === 0 ? null : { chainSeq: prevSeq, hash: prevHash },
    broken: null,
  };
}

export async function verifyChains(db: Kysely<Database>): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const chain of CHAINS) reports.push(await verifyChain(db, chain));
  return reports;
}

/** One line per chain, as `npm run audit:verify` prints it. */
export function describeReport(report: ChainReport): string {
  if (report.broken) {
    const b = report.broken;
    return `${b.table}: ${report.checked} entries intact, then BROKEN at chain_seq ${b.chainSeq} (id ${b.id}): ${b.detail}`;
  }
  return report.head
    ? `${report.table}: ${report.checked} entries checked, chain intact; head ${report.head.chainSeq} ${report.head.hash}`
    : `${report.table}: 0 entries, chain intact (empty)`;
}

/** A head hash kept outside the database (printed by audit:verify, recorded in a backup). */
export interface ChainAnchor {
  table: string;
  chainSeq: number;
  hash: string;
}

/**
 * Whether the chain still holds the entry an anchor names, with that hash. Together with an
 * intact chain this catches what the chain alone cannot: the newest entries deleted (or the
 * whole chain rewritten by someone able to recompute it) since the anchor was taken.
 */
export async function checkAnchor(db: Kysely<Database>, anchor: ChainAnchor): Promise<string | null> {
  const chain = CHAINS.find((c) => c.table === anchor.table);
  if (!chain) return `unknown chain ${anchor.table}`;
  if (anchor.chainSeq === 0) return null;
  const { rows } = await sql<{ hash: string }>`
    select encode(hash, 'hex') as hash from ${sql.table(chain.table)}
    where chain_seq = ${anchor.chainSeq}`.execute(db);
  const row = rows[0];
  if (!row)
    return `${anchor.table}: entry ${anchor.chainSeq} of the anchor is gone (the newest entries were deleted)`;
  if (row.hash !== anchor.hash)
    return `${anchor.table}: entry ${anchor.chainSeq} has hash ${row.hash.slice(0, 16)}…, the anchor says ${anchor.hash.slice(0, 16)}… (the chain was rewritten)`;
  return null;
}
