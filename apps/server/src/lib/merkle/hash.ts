/**
 * RFC 6962 §2.1 hashing with SHA-256 (node:crypto): leaves and interior nodes get different
 * one-byte prefixes (0x00, 0x01) so that a leaf can never be passed off as a node (second
 * preimage resistance), and the empty tree hashes to SHA-256 of the empty string.
 */
import { createHash } from 'node:crypto';

/** A SHA-256 digest (32 bytes). */
export type Hash = Uint8Array;

export const HASH_SIZE = 32;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** MTH({}) = SHA-256() = e3b0c442…b855. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** MTH({d(0)}) = SHA-256(0x00 || d(0)). */
export function leafHash(data: Uint8Array | string): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

export function equalHashes(a: Hash, b: Hash): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toHex(hash: Hash): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
}

const HEX_HASH = /^[0-9a-f]{64}$/;

/** Parses a lowercase or uppercase 64-digit hex SHA-256; throws MerkleError otherwise. */
export function fromHex(hex: string): Hash {
  const lower = hex.toLowerCase();
  if (!HEX_HASH.test(lower)) {
    throw new MerkleError(
      'MERKLE_BAD_HASH',
      `Giá trị băm không hợp lệ (cần 64 chữ số thập lục phân) — not a hex SHA-256: ${JSON.stringify(hex.slice(0, 80))}`,
    );
  }
  return Buffer.from(lower, 'hex');
}

export type MerkleErrorCode =
  | 'MERKLE_BAD_HASH'
  | 'MERKLE_BAD_SIZE'
  | 'MERKLE_INDEX_OUT_OF_RANGE'
  | 'MERKLE_BAD_FRONTIER'
  | 'MERKLE_MISSING_NODE';

/** A typed error: `code` is stable (the callers map it to a problem document), the message is Vietnamese then English. */
export class MerkleError extends Error {
  constructor(
    readonly code: MerkleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MerkleError';
  }
}
