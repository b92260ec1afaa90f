// The hand check of docs/TRUST-MERKLE.md (a shell script over openssl, jq and xxd) run against this
// library's proofs: an independent verifier, and the documented commands kept true.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inclusionProof, leafHash, rootOf, toHex } from '.';

const doc = readFileSync(new URL('../../../../../docs/TRUST-MERKLE.md', import.meta.url), 'utf8');
const script = /```sh\n(#!\/usr\/bin\/env bash\n# verify-inclusion\.sh[\s\S]*?)```/.exec(doc)?.[1];
const tools = ['bash', 'openssl', 'jq', 'xxd'].every((t) => spawnSync('which', [t]).status === 0);
const dir = mkdtempSync(join(tmpdir(), 'merkle-openssl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(proof: object): string {
  const file = join(dir, 'proof.json');
  writeFileSync(file, JSON.stringify(proof));
  const run = spawnSync('bash', [join(dir, 'verify-inclusion.sh'), file], { encoding: 'utf8' });
  return run.stdout.trim();
}

describe.skipIf(!tools)('the documented openssl check', () => {
  it('is in the document', () => {
    expect(script).toBeDefined();
    writeFileSync(join(dir, 'verify-inclusion.sh'), script!);
  });

  it('accepts the library’s proofs and refuses altered ones', () => {
    expect(
      execFileSync('bash', ['-c', "printf '\\000entry 5' | openssl dgst -sha256 -r"], { encoding: 'utf8' }),
    ).toContain(toHex(leafHash('entry 5')));
    for (const size of [1, 2, 13, 64, 100]) {
      const leaves = Array.from({ length: size }, (_, i) => leafHash(`entry ${i}`));
      const rootHash = toHex(rootOf(leaves));
      for (const leafIndex of new Set([0, Math.floor(size / 2), size - 1])) {
        const proof = {
          treeSize: size,
          leafIndex,
          leafHash: toHex(leaves[leafIndex]!),
          auditPath: inclusionProof(leaves, leafIndex).map(toHex),
          rootHash,
        };
        expect(check(proof), `${leafIndex}/${size}`).toBe('OK');
        expect(check({ ...proof, rootHash: toHex(leafHash('other')) })).toMatch(/^FAIL/);
        if (size > 1) expect(check({ ...proof, leafIndex: (leafIndex + 1) % size })).toMatch(/^FAIL/);
      }
    }
  });
});
