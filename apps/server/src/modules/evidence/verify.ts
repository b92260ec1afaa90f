/**
 * Verifies the evidence log from its stored rows, trusting none of them: every leaf against its
 * entry, the whole tree recomputed (each checkpoint's root and frontier, every stored node), the
 * checkpoints' chain, their heads, CMS signatures (signature, seal certificate path at the time
 * of sealing) and RFC 3161 tokens (over the root, the TSA's path), and kept anchors. Whether the
 * entries match the history rows they stand for is checked by `compareWithSource` (the history
 * tables are the audit and dossiers modules'; `npm run audit:verify` feeds their rows in).
 */
import type { Kysely } from 'kysely';
import type { Database, EvidenceSource } from '../../db/schema';
import { verifyCms } from '../../lib/keystore';
import { verifyTimestampToken } from '../../lib/tsp';
import { CompactRange, equalHashes, leafHash, nodeHash, toHex, type Hash } from '../../lib/merkle';
import { DEFAULT_REVOCATION_POLICY, pathOptionsOf, validatePath, type PathOptions } from '../trust';
import { headHash, parseHead, ZERO_HASH } from './head';

type Db = Kysely<Database>;

export interface EvidenceReport {
  entries: number;
  leaves: number;
  unsealed: number;
  checkpoints: number;
  latest: { checkpoint: number; treeSize: number; rootHash: string } | null;
  problems: string[];
}

/** A checkpoint kept outside the database: `checkpoint:<seq>:<root hash hex>`. */
export interface CheckpointAnchor {
  checkpoint: number;
  rootHash: string;
}

const PAGE = 20_000;

async function allLeaves(
  db: Db,
): Promise<Array<{ index: number; checkpoint: number; leaf: Hash; entryHash: Hash }>> {
  const out: Array<{ index: number; checkpoint: number; leaf: Hash; entryHash: Hash }> = [];
  for (let from = 0; ; from += PAGE) {
    const rows = await db
      .selectFrom('evidence_leaves as l')
      .innerJoin('evidence_entries as e', 'e.id', 'l.entry_id')
      .select(['l.leaf_index', 'l.checkpoint_seq', 'l.leaf_hash', 'e.hash'])
      .where('l.leaf_index', '>=', from)
      .where('l.leaf_index', '<', from + PAGE)
      .orderBy('l.leaf_index')
      .execute();
    for (const row of rows)
      out.push({
        index: Number(row.leaf_index),
        checkpoint: Number(row.checkpoint_seq),
        leaf: row.leaf_hash,
        entryHash: row.hash,
      });
    if (rows.length === 0) {
      const more = await db
        .selectFrom('evidence_leaves')
        .select('leaf_index')
        .where('leaf_index', '>=', from)
        .limit(1)
        .executeTakeFirst();
      if (!more) return out;
    }
  }
}

/** Every complete inner node of a tree of these leaves, level by level (level 1 first). */
function completeNodes(leaves: readonly Hash[]): Hash[][] {
  const levels: Hash[][] = [];
  let below = leaves;
  while (below.length >= 2) {
    const level: Hash[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) level.push(nodeHash(below[i]!, below[i + 1]!));
    levels.push(level);
    below = level;
  }
  return levels;
}

async function checkNodes(db: Db, leaves: readonly Hash[], problems: string[]): Promise<void> {
  const expected = completeNodes(leaves);
  let stored = 0;
  let lastKey: [number, number] = [0, -1];
  for (;;) {
    const rows = await db
      .selectFrom('evidence_nodes')
      .select(['level', 'node_index', 'hash'])
      .where((eb) =>
        eb.or([
          eb('level', '>', lastKey[0]),
          eb.and([eb('level', '=', lastKey[0]), eb('node_index', '>', lastKey[1])]),
        ]),
      )
      .orderBy('level')
      .orderBy('node_index')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      stored += 1;
      const want = expected[row.level - 1]?.[Number(row.node_index)];
      if (!want) problems.push(`node (${row.level}, ${row.node_index}) is stored but is not in the tree`);
      else if (!equalHashes(want, row.hash))
        problems.push(
          `node (${row.level}, ${row.node_index}) differs from the tree recomputed from the leaves`,
        );
      lastKey = [row.level, Number(row.node_index)];
    }
    if (rows.length < PAGE) break;
  }
  const total = expected.reduce((sum, level) => sum + level.length, 0);
  if (stored !== total) problems.push(`${total} inner nodes expected, ${stored} stored (proofs would fail)`);
}

export async function verifyEvidence(
  db: Db,
  options: { anchors?: CheckpointAnchor[] } = {},
): Promise<EvidenceReport> {
  const problems: string[] = [];
  const { entries } = await db
    .selectFrom('evidence_entries')
    .select((eb) => eb.fn.countAll<number>().as('entries'))
    .executeTakeFirstOrThrow();
  const leaves = await allLeaves(db);
  const leafHashes = leaves.map((l) => l.leaf);
  for (const [i, leaf] of leaves.entries()) {
    if (leaf.index !== i) {
      problems.push(`leaf ${i} is missing (the next stored leaf is ${leaf.index})`);
      break;
    }
    if (!equalHashes(leaf.leaf, leafHash(leaf.entryHash)))
      problems.push(`leaf ${i} is not the hash of its entry (the entry or the leaf was changed)`);
  }
  const checkpoints = await db.selectFrom('evidence_checkpoints').selectAll().orderBy('seq').execute();
  const trust = await sealTrust(db);
  const range = CompactRange.empty();
  let previousHead = ZERO_HASH;
  let previousSize = 0;
  for (const [i, row] of checkpoints.entries()) {
    const seq = Number(row.seq);
    const size = Number(row.tree_size);
    const name = `checkpoint ${seq}`;
    if (seq !== i + 1) problems.push(`${name}: expected checkpoint ${i + 1} here (one is missing)`);
    if (size <= previousSize || size > leaves.length) {
      problems.push(`${name}: tree size ${size} after ${previousSize}, with ${leaves.length} leaves stored`);
      break;
    }
    for (let k = previousSize; k < size; k++) {
      range.append(leafHashes[k]!);
      if (leaves[k]!.checkpoint !== seq)
        problems.push(`leaf ${k} says checkpoint ${leaves[k]!.checkpoint}, it is in ${seq}`);
    }
    if (Number(row.entries) !== size - previousSize)
      problems.push(`${name}: says ${row.entries} new entries, its tree adds ${size - previousSize}`);
    const root = range.root();
    if (!equalHashes(root, row.root_hash))
      problems.push(
        `${name}: root ${toHex(row.root_hash).slice(0, 16)}… is not the root of its ${size} leaves`,
      );
    if (JSON.stringify(range.toJSON()) !== JSON.stringify(row.frontier))
      problems.push(`${name}: stored frontier differs from the tree`);
    if (toHex(row.previous_head_hash) !== previousHead)
      problems.push(`${name}: not chained to checkpoint ${seq - 1}`);
    let sealedAt = new Date(row.sealed_at);
    try {
      const head = parseHead(row.head);
      sealedAt = new Date(head.sealedAt);
      if (
        head.checkpoint !== seq ||
        head.treeSize !== size ||
        head.rootHash !== toHex(row.root_hash) ||
        head.previous !== previousHead
      )
        problems.push(`${name}: the signed head does not say what the row says`);
    } catch (error) {
      problems.push(`${name}: head unreadable (${(error as Error).message})`);
    }
    await checkSignatures(trust, row, sealedAt, name, problems);
    previousHead = headHash(row.head);
    previousSize = size;
  }
  if (previousSize < leaves.length)
    problems.push(`${leaves.length - previousSize} leaves are stored beyond the last checkpoint`);
  await checkNodes(db, leafHashes.slice(0, previousSize), problems);
  for (const anchor of options.anchors ?? []) {
    const row = checkpoints.find((c) => Number(c.seq) === anchor.checkpoint);
    if (!row)
      problems.push(`anchor: checkpoint ${anchor.checkpoint} is gone (the newest checkpoints were deleted)`);
    else if (toHex(row.root_hash) !== anchor.rootHash)
      problems.push(
        `anchor: checkpoint ${anchor.checkpoint} has root ${toHex(row.root_hash).slice(0, 16)}…, the anchor says ${anchor.rootHash.slice(0, 16)}… (the log was rewritten)`,
      );
  }
  const last = checkpoints[checkpoints.length - 1];
  return {
    entries: Number(entries),
    leaves: leaves.length,
    unsealed: Number(entries) - leaves.length,
    checkpoints: checkpoints.length,
    latest: last
      ? { checkpoint: Number(last.seq), treeSize: Number(last.tree_size), rootHash: toHex(last.root_hash) }
      : null,
    problems,
  };
}

/** The seal's trust material, read once for every checkpoint; only the time changes. */
interface SealTrust {
  options: PathOptions;
  anchors: Uint8Array[];
  intermediates: Uint8Array[];
}

async function sealTrust(db: Db): Promise<SealTrust> {
  // Offline: the verifier reads only (held CRLs and the answers stored when the seal was used).
  const options = await pathOptionsOf(db, 'seal', new Date(), [], {
    ...DEFAULT_REVOCATION_POLICY,
    online: false,
  });
  return {
    options,
    anchors: options.anchors.map((a) => new Uint8Array(a.rawData)),
    intermediates: options.intermediates.map((c) => new Uint8Array(c.rawData)),
  };
}

async function checkSignatures(
  trust: SealTrust,
  row: { signature: Uint8Array; head: Uint8Array; timestamp_token: Uint8Array; root_hash: Uint8Array },
  sealedAt: Date,
  name: string,
  problems: string[],
): Promise<void> {
  const { anchors, intermediates } = trust;
  const options = { ...trust.options, at: sealedAt };
  try {
    const verified = await verifyCms(row.signature, { trustAnchors: anchors, intermediates, at: sealedAt });
    if (Buffer.compare(Buffer.from(verified.content), Buffer.from(row.head)) !== 0)
      problems.push(`${name}: the signature covers another head`);
    const path = await validatePath(verified.signerCertificate, options);
    if (!path.ok) problems.push(`${name}: seal certificate refused: ${path.messageEn}`);
  } catch (error) {
    problems.push(`${name}: signature does not verify (${(error as Error).message})`);
  }
  try {
    await verifyTimestampToken(row.timestamp_token, {
      digest: row.root_hash,
      trustAnchors: anchors,
      intermediates,
    });
  } catch (error) {
    problems.push(`${name}: timestamp does not verify (${(error as Error).message})`);
  }
}

/**
 * Whether the entries of `source` are exactly the history rows given (in id order): each row
 * has its entry with the same stream, position and hash, and no entry lacks its row.
 */
export async function compareWithSource(
  db: Db,
  source: EvidenceSource,
  rows: AsyncIterable<{ id: number; stream: string; seq: number; hash: string }>,
): Promise<string[]> {
  const problems: string[] = [];
  let after = 0;
  let buffer: Array<{ source_id: number; stream: string; stream_seq: number; hash: Uint8Array }> = [];
  let at = 0;
  const next = async () => {
    if (at >= buffer.length) {
      buffer = (
        await db
          .selectFrom('evidence_entries')
          .select(['source_id', 'stream', 'stream_seq', 'hash'])
          .where('source', '=', source)
          .where('source_id', '>', after)
          .orderBy('source_id')
          .limit(PAGE)
          .execute()
      ).map((r) => ({ ...r, source_id: Number(r.source_id), stream_seq: Number(r.stream_seq) }));
      at = 0;
      if (buffer.length === 0) return null;
    }
    const entry = buffer[at++]!;
    after = entry.source_id;
    return entry;
  };
  let entry = await next();
  for await (const row of rows) {
    while (entry && entry.source_id < row.id) {
      problems.push(`${source} ${entry.source_id}: has an evidence entry but no row (the row was deleted)`);
      entry = await next();
    }
    if (!entry || entry.source_id !== row.id) problems.push(`${source} ${row.id}: no evidence entry`);
    else {
      if (entry.stream !== row.stream || entry.stream_seq !== row.seq || toHex(entry.hash) !== row.hash)
        problems.push(`${source} ${row.id}: its evidence entry records another stream, position or hash`);
      entry = await next();
    }
    if (problems.length > 20) return problems;
  }
  while (entry) {
    problems.push(`${source} ${entry.source_id}: has an evidence entry but no row (the row was deleted)`);
    entry = await next();
    if (problems.length > 20) break;
  }
  return problems;
}

/** The lines `npm run audit:verify` prints. */
export function describeEvidence(report: EvidenceReport): string[] {
  const lines = [
    `evidence log: ${report.entries} entries, ${report.leaves} sealed in ${report.checkpoints} checkpoints, ${report.unsealed} waiting for the next one`,
  ];
  if (report.latest)
    lines.push(
      `latest checkpoint ${report.latest.checkpoint}: tree ${report.latest.treeSize}, root ${report.latest.rootHash} (keep it: --anchor checkpoint:${report.latest.checkpoint}:${report.latest.rootHash})`,
    );
  for (const problem of report.problems) lines.push(`BROKEN: ${problem}`);
  if (report.problems.length === 0)
    lines.push('evidence log intact: tree, checkpoints, signatures and timestamps verify');
  return lines;
}
