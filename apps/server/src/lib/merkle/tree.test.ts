import { describe, expect, it } from 'vitest';
import { leafHash, rootOf, toHex } from '.';
import { LEAVES_HEX, ROOTS_HEX } from './vectors';

const leafHashes = LEAVES_HEX.map((hex) => leafHash(Buffer.from(hex, 'hex')));

describe('Merkle Tree Hash (RFC 6962 §2.1)', () => {
  it('gives the CT reference roots for the trees of 1 to 8 leaves', () => {
    expect(ROOTS_HEX.map((_, i) => toHex(rootOf(leafHashes.slice(0, i + 1))))).toEqual(ROOTS_HEX);
  });
});
