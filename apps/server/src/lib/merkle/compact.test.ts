import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  frontierNodes,
  leafHash,
  MerkleError,
  perfectNodes,
  rootOf,
  toHex,
  type Hash,
  type NodeId,
} from '.';
import { LEAVES_HEX, ROOTS_HEX } from './vectors';

const leafHashes = LEAVES_HEX.map((hex) => leafHash(Buffer.from(hex, 'hex')));

describe('compact range (the sealing job’s frontier)', () => {
  it('reaches the CT reference root after each of the 8 leaves, with one hash per one-bit of the size', () => {
    const range = CompactRange.empty();
    expect(toHex(range.root())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    leafHashes.forEach((leaf, i) => {
      range.append(leaf);
      expect(toHex(range.root())).toBe(ROOTS_HEX[i]);
      expect(range.size).toBe(i + 1);
      expect(range.hashes).toHaveLength(frontierNodes(i + 1).length);
    });
    // 8 = 0b1000: the whole tree is one perfect subtree.
    expect(range.hashes.map(toHex)).toEqual([ROOTS_HEX[7]]);
  });

  it('reports the leaf and every node it completes, with its level and index', () => {
    const seen: [number, number, string][] = [];
    const range = CompactRange.empty();
    range.appendAll(leafHashes.slice(0, 4), (level, index, hash) => seen.push([level, index, toHex(hash)]));
    expect(seen.map(([level, index]) => [level, index])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [0, 2],
      [0, 3],
      [1, 1],
      [2, 0],
    ]);
    expect(seen.find(([l, i]) => l === 1 && i === 1)![2]).toBe(toHex(rootOf(leafHashes.slice(2, 4))));
    expect(seen.at(-1)![2]).toBe(ROOTS_HEX[3]);
  });

  it('serialises to { size, hashes: hex[] } and back, and continues where it stopped', () => {
    const range = CompactRange.empty();
    range.appendAll(leafHashes.slice(0, 7));
    const json = JSON.parse(JSON.stringify(range));
    expect(json).toEqual({ size: 7, hashes: range.hashes.map(toHex) });
    const resumed = CompactRange.fromJSON(json);
    resumed.append(leafHashes[7]!);
    expect(toHex(resumed.root())).toBe(ROOTS_HEX[7]);
    expect(range.size).toBe(7);
  });

  it('refuses a state whose hash count does not match its size, or a leaf that is not 32 bytes', () => {
    const hex = toHex(leafHashes[0]!);
    for (const bad of [
      { size: 3, hashes: [hex] },
      { size: 2, hashes: [hex, hex] },
      { size: -1, hashes: [] },
      { size: 1.5, hashes: [hex] },
      { size: 1, hashes: ['00'] },
      { size: 1 } as never,
      null as never,
    ]) {
      expect(() => CompactRange.fromJSON(bad), JSON.stringify(bad)).toThrow(MerkleError);
    }
    expect(() => CompactRange.empty().append(new Uint8Array(31))).toThrow(MerkleError);
  });

  it('keeps its own copy of a leaf buffer the caller reuses', () => {
    const buffer: Hash = Uint8Array.from(leafHashes[0]!);
    const range = CompactRange.empty();
    range.append(buffer);
    buffer.fill(0);
    expect(toHex(range.root())).toBe(ROOTS_HEX[0]);
  });

  it('names the frontier nodes largest first', () => {
    const ids = (size: number): NodeId[] => frontierNodes(size);
    expect(ids(0)).toEqual([]);
    expect(ids(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    // Sizes beyond 32 bits work (the bit operators of JavaScript would not).
    expect(ids(2 ** 40 + 3)).toEqual([
      { level: 40, index: 0 },
      { level: 1, index: 2 ** 39 },
      { level: 0, index: 2 ** 40 + 2 },
    ]);
  });

  it('tiles an unaligned range with aligned perfect subtrees only', () => {
    expect(perfectNodes(3, 8)).toEqual([
      { level: 0, index: 3 },
      { level: 2, index: 1 },
    ]);
    expect(perfectNodes(6, 11)).toEqual([
      { level: 1, index: 3 },
      { level: 1, index: 4 },
      { level: 0, index: 10 },
    ]);
    expect(perfectNodes(5, 5)).toEqual([]);
  });
});
