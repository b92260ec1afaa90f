import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, fromHex, leafHash, MerkleError, nodeHash, rootOf, toHex } from '.';

// Known answers from transparency-dev/merkle, rfc6962/rfc6962_test.go (commit 78493b07), each
// reproducible with `echo -n <hex> | xxd -r -p | sha256sum`.
describe('RFC 6962 hashing', () => {
  it('hashes the empty tree, an empty leaf, a leaf and a node as the CT reference does', () => {
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(rootOf([]))).toBe(toHex(EMPTY_ROOT));
    expect(toHex(leafHash(new Uint8Array()))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(toHex(leafHash('L123456'))).toBe(
      '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
    );
    expect(toHex(nodeHash(Buffer.from('N123'), Buffer.from('N456')))).toBe(
      'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
    );
  });

  it('separates leaves from nodes and depends on the order of children', () => {
    const a = leafHash('Hello');
    const b = leafHash('World');
    expect(toHex(nodeHash(a, b))).not.toBe(toHex(leafHash(Buffer.concat([a, b]))));
    expect(toHex(nodeHash(a, b))).not.toBe(toHex(nodeHash(b, a)));
    expect(toHex(nodeHash(a, b))).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.of(1), a, b]))
        .digest('hex'),
    );
  });

  it('round-trips hex and refuses anything but 64 hex digits', () => {
    const h = leafHash('x');
    expect(toHex(fromHex(toHex(h).toUpperCase()))).toBe(toHex(h));
    for (const bad of ['', 'zz', toHex(h).slice(2), `${toHex(h)}00`]) {
      expect(() => fromHex(bad)).toThrow(MerkleError);
    }
  });
});
