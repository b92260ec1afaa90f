/**
 * Tree sizes and indexes are plain numbers (safe integers, so up to 2^53 − 1 leaves). The bit
 * operators of JavaScript work on 32 bits, so this folder halves and tests parity with
 * arithmetic instead of `>>` and `&`.
 */
import { MerkleError } from './hash';

/** The largest power of two strictly less than n (n ≥ 2): the split point k of RFC 6962 §2.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

export function isOdd(n: number): boolean {
  return n % 2 === 1;
}

export function half(n: number): number {
  return Math.floor(n / 2);
}

/** Number of one bits of n: how many perfect subtrees make up a tree of n leaves. */
export function popCount(n: number): number {
  let count = 0;
  while (n > 0) {
    if (isOdd(n)) count++;
    n = half(n);
  }
  return count;
}

export function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

export function checkSize(n: number, what: string): void {
  if (!isSize(n)) {
    throw new MerkleError(
      'MERKLE_BAD_SIZE',
      `${what} phải là số nguyên không âm — ${what} must be a non-negative safe integer, got ${String(n)}`,
    );
  }
}
