import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyInclusionProof } from './merkle-verify';

const h = (prefix: number, ...parts: Buffer[]) =>
  createHash('sha256')
    .update(Buffer.from([prefix]))
    .update(Buffer.concat(parts))
    .digest();

/** A tree of three entries: root = node(node(l0, l1), l2). */
function tree() {
  const entries = [0, 1, 2].map((i) => createHash('sha256').update(`mục ${i}`).digest());
  const leaves = entries.map((e) => h(0, e));
  const left = h(1, leaves[0]!, leaves[1]!);
  const root = h(1, left, leaves[2]!);
  return { entries, leaves, left, root };
}

describe('inclusion proofs checked in the browser', () => {
  it('accepts the path of each leaf and refuses any change', async () => {
    const t = tree();
    const proof = (i: number, path: Buffer[]) => ({
      entryHash: t.entries[i]!.toString('hex'),
      leafIndex: i,
      leafHash: t.leaves[i]!.toString('hex'),
      treeSize: 3,
      rootHash: t.root.toString('hex'),
      auditPath: path.map((p) => p.toString('hex')),
    });
    expect(await verifyInclusionProof(proof(0, [t.leaves[1]!, t.leaves[2]!]))).toBe(true);
    expect(await verifyInclusionProof(proof(1, [t.leaves[0]!, t.leaves[2]!]))).toBe(true);
    expect(await verifyInclusionProof(proof(2, [t.left]))).toBe(true);
    expect(await verifyInclusionProof({ ...proof(2, [t.left]), rootHash: '00'.repeat(32) })).toBe(false);
    expect(await verifyInclusionProof({ ...proof(2, [t.left]), leafIndex: 1 })).toBe(false);
    expect(await verifyInclusionProof(proof(0, [t.leaves[2]!, t.leaves[1]!]))).toBe(false);
    expect(
      await verifyInclusionProof({ ...proof(0, [t.leaves[1]!, t.leaves[2]!]), entryHash: 'ab'.repeat(32) }),
    ).toBe(false);
  });
});
