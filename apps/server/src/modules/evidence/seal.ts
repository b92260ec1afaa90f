/**
 * One round of the sealing job: every entry whose transaction has ended since the last
 * checkpoint goes into the Merkle tree, in (txid, id) order; the new tree head is signed (CMS
 * SignedData encapsulating the head, by the platform's seal) and timestamped (RFC 3161 over the
 * root), and written with the new leaves and nodes in one transaction.
 *
 * Why txid < xmin: an entry is visible to the job only once its transaction has committed, and
 * transactions commit in any order. The job takes the xmin of its snapshot (every transaction
 * with a lower id has ended: committed, and so visible, or rolled back) and seals exactly the
 * entries below it and at or above the previous round's xmin. An entry committed later than a
 * newer one is sealed in the next round, never skipped; no writer ever waits for the job.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { signCms } from '../../lib/keystore';
import { CompactRange, fromHex, leafHash, toHex, type Hash } from '../../lib/merkle';
import type { PlatformSeal, Timestamper } from '../trust';
import { headBytes, headHash, ZERO_HASH } from './head';
import {
  insertCheckpoint,
  insertLeaves,
  insertNodes,
  latestCheckpoint,
  lockState,
  pendingPage,
  PENDING_PAGE,
  saveState,
  snapshotXmin,
  anyUnsealed,
  type PendingEntry,
} from './store';

export interface SealingKit {
  seal: PlatformSeal;
  timestamper: Timestamper;
  /** Releases what the kit holds (a PKCS#11 session's module). */
  close?: () => void;
}

export interface SealResult {
  checkpoint: number;
  treeSize: number;
  entries: number;
  rootHash: string;
  /** Oldest entry sealed now: how long it waited (commit-to-seal, upper bound). */
  oldestRecordedAt: Date;
  sealedAt: Date;
}

function xidLess(a: string, b: string): boolean {
  return BigInt(a) < BigInt(b);
}

/** Reads every pending entry, a page at a time. */
async function pendingEntries(
  db: Kysely<Database>,
  range: { from: string | null; below: string },
): Promise<PendingEntry[]> {
  const all: PendingEntry[] = [];
  let after: { txid: string; id: number } | null = null;
  for (;;) {
    const page = await pendingPage(db, range, after);
    for (const entry of page) all.push(entry);
    if (page.length < PENDING_PAGE) return all;
    const last = page[page.length - 1]!;
    after = { txid: last.txid, id: last.id };
  }
}

/** Seals what is pending; null when nothing was (the position still moves on). */
export async function sealRound(
  db: Kysely<Database>,
  kit: SealingKit,
  now: () => Date = () => new Date(),
): Promise<SealResult | null> {
  return db.transaction().execute(async (trx) => {
    const below = await snapshotXmin(trx);
    const from = await lockState(trx);
    if (from !== null && !xidLess(from, below)) return null;
    const pending = await pendingEntries(trx, { from, below });
    if (pending.length === 0) {
      await saveState(trx, below);
      return null;
    }
    const previous = await latestCheckpoint(trx);
    const range = previous ? CompactRange.fromJSON(previous.frontier) : CompactRange.empty();
    const start = range.size;
    const leaves: Array<{ leafIndex: number; entryId: number; leafHash: Hash }> = [];
    const nodes: Array<{ level: number; index: number; hash: Hash }> = [];
    let oldest = pending[0]!.recordedAt;
    for (const [i, entry] of pending.entries()) {
      const leaf = leafHash(entry.hash);
      leaves.push({ leafIndex: start + i, entryId: entry.id, leafHash: leaf });
      range.append(leaf, (level, index, hash) => {
        if (level > 0) nodes.push({ level, index, hash });
      });
      if (entry.recordedAt < oldest) oldest = entry.recordedAt;
    }
    const root = range.root();
    const seq = (previous ? Number(previous.seq) : 0) + 1;
    const sealedAt = now();
    const previousHash = previous ? headHash(previous.head) : ZERO_HASH;
    const head = headBytes({
      checkpoint: seq,
      treeSize: range.size,
      rootHash: toHex(root),
      sealedAt: sealedAt.toISOString(),
      previous: previousHash,
    });
    const signature = await signCms({
      content: head,
      detached: false,
      signer: kit.seal.signer,
      certificate: kit.seal.certificate,
      chain: kit.seal.chain,
      signingTime: sealedAt,
    });
    const stamp = await kit.timestamper.timestamp(root);
    await insertCheckpoint(trx, {
      seq,
      treeSize: range.size,
      rootHash: root,
      previousHeadHash: fromHex(previousHash),
      sealedAt,
      head,
      signature,
      signerFingerprint: kit.seal.fingerprint,
      timestampToken: stamp.token,
      timestampAt: stamp.genTime,
      frontier: range.toJSON(),
      entries: pending.length,
      oldestRecordedAt: oldest,
    });
    await insertLeaves(trx, seq, leaves);
    await insertNodes(trx, nodes);
    await saveState(trx, below);
    return {
      checkpoint: seq,
      treeSize: range.size,
      entries: pending.length,
      rootHash: toHex(root),
      oldestRecordedAt: oldest,
      sealedAt,
    };
  });
}

/**
 * Rounds until no entry waits (or the time limit): on PostgreSQL a write transaction still open
 * anywhere in the cluster holds the snapshot's xmin back, and with it the entries written after
 * it began, for as long as it runs — so one round may not seal everything yet. For commands
 * (before a backup, at the end of a drill) and tests.
 */
export async function sealUntilCaughtUp(
  db: Kysely<Database>,
  kit: SealingKit,
  timeoutMs = 20_000,
): Promise<SealResult[]> {
  const results: SealResult[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const sealed = await sealRound(db, kit);
    if (sealed) results.push(sealed);
    if (!(await anyUnsealed(db))) return results;
    if (Date.now() > until) throw new Error('evidence: entries still wait to be sealed after the time limit');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
