/**
 * The tree head a checkpoint signs: one line of JSON, keys in a fixed order, then a newline —
 * what `openssl cms -verify` prints when it checks the checkpoint's signature.
 *
 *   {"log":"VN-TN/evidence","checkpoint":7,"treeSize":1234,"rootHash":"<hex>",
 *    "sealedAt":"2026-12-03T10:00:02.123Z","previous":"<hex SHA-256 of checkpoint 6's head>"}
 *
 * `previous` chains the checkpoints (64 zeros for the first); `rootHash` is the RFC 6962 root of
 * the first treeSize leaves, which the checkpoint's RFC 3161 token also covers.
 */
import { createHash } from 'node:crypto';

export const LOG_ID = 'VN-TN/evidence';
export const ZERO_HASH = '0'.repeat(64);

export interface TreeHead {
  log: string;
  checkpoint: number;
  treeSize: number;
  rootHash: string;
  sealedAt: string;
  previous: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

export function headBytes(head: Omit<TreeHead, 'log'>): Uint8Array {
  const ordered: TreeHead = {
    log: LOG_ID,
    checkpoint: head.checkpoint,
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    sealedAt: head.sealedAt,
    previous: head.previous,
  };
  return new Uint8Array(Buffer.from(`${JSON.stringify(ordered)}\n`, 'utf8'));
}

/** Reads a head back; throws when it is not exactly what headBytes writes. */
export function parseHead(bytes: Uint8Array): TreeHead {
  const text = Buffer.from(bytes).toString('utf8');
  const value = JSON.parse(text) as Partial<TreeHead>;
  const head: TreeHead = {
    log: String(value.log),
    checkpoint: Number(value.checkpoint),
    treeSize: Number(value.treeSize),
    rootHash: String(value.rootHash),
    sealedAt: String(value.sealedAt),
    previous: String(value.previous),
  };
  if (
    head.log !== LOG_ID ||
    !Number.isSafeInteger(head.checkpoint) ||
    !Number.isSafeInteger(head.treeSize) ||
    !HEX64.test(head.rootHash) ||
    !HEX64.test(head.previous) ||
    Number.isNaN(Date.parse(head.sealedAt)) ||
    Buffer.compare(Buffer.from(headBytes(head)), Buffer.from(bytes)) !== 0
  )
    throw new Error('not a tree head of this log in its canonical form');
  return head;
}

/** SHA-256 of a head's bytes, hex: the next checkpoint's `previous`. */
export function headHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
