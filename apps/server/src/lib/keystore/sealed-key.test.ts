import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKeyStoreError, KeyStoreError } from './errors';
import { kekId, openPrivateKey, parseKek, sealPrivateKey, type EncryptedKeyRecord } from './sealed-key';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));

const kekArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const labelArb = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('Dấu UBND tỉnh Tây Ninh', 'Sở Xây dựng'),
);
const keyIdArb = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex'));

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof KeyStoreError) return error.code;
    throw error;
  }
  return 'OPENED';
}

function flipString(value: string, position: number, mask: number): string {
  const bytes = Buffer.from(value.length > 0 ? value : 'x');
  bytes[position % bytes.length]! ^= mask;
  return new TextDecoder().decode(bytes);
}

describe('software keys sealed with AES-256-GCM', () => {
  it('round-trips any key id, label and KEK', () => {
    fc.assert(
      fc.property(kekArb, keyIdArb, labelArb, (kek, keyId, label) => {
        const record = sealPrivateKey({ kek, keyId, label, pkcs8 });
        expect(record.label).toBe(label);
        expect(Buffer.from(record.ciphertext)).not.toEqual(Buffer.from(pkcs8));
        expect(Buffer.from(openPrivateKey(kek, record))).toEqual(Buffer.from(pkcs8));
      }),
      { numRuns: 100 },
    );
  });

  it('fails on any flipped byte of ciphertext, IV, tag or authenticated data, never yielding a key', () => {
    const fields = ['ciphertext', 'iv', 'tag', 'keyId', 'label', 'publicKey'] as const;
    fc.assert(
      fc.property(
        kekArb,
        keyIdArb,
        labelArb,
        fc.constantFrom(...fields),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (kek, keyId, label, field, position, mask) => {
          const record = sealPrivateKey({ kek, keyId, label, pkcs8 });
          const tampered: EncryptedKeyRecord = { ...record };
          if (field === 'keyId' || field === 'label') {
            tampered[field] = flipString(record[field], position, mask);
            fc.pre(tampered[field] !== record[field]);
          } else {
            const bytes = Uint8Array.from(record[field]);
            bytes[position % bytes.length]! ^= mask;
            tampered[field] = bytes;
          }
          expect(codeOf(() => openPrivateKey(kek, tampered))).toBe('KEY_BLOB_CORRUPT');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells a wrong KEK apart, with a typed error', () => {
    fc.assert(
      fc.property(kekArb, kekArb, (kek, other) => {
        fc.pre(Buffer.compare(kek, other) !== 0);
        const record = sealPrivateKey({ kek, keyId: 'ab', label: 'l', pkcs8 });
        expect(codeOf(() => openPrivateKey(other, record))).toBe('KEK_MISMATCH');
      }),
      { numRuns: 50 },
    );
    // Even with the fingerprint forged to match, the wrong KEK does not open the blob.
    const record = sealPrivateKey({ kek: randomBytes(32), keyId: 'ab', label: 'l', pkcs8 });
    const other = randomBytes(32);
    expect(codeOf(() => openPrivateKey(other, { ...record, kekId: kekId(other) }))).toBe('KEY_BLOB_CORRUPT');
  });

  it('reads a KEK from base64 and refuses anything but 32 bytes', () => {
    const kek = randomBytes(32);
    expect(Buffer.from(parseKek(kek.toString('base64')))).toEqual(kek);
    for (const bad of [
      undefined,
      '',
      'not base64!',
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
    ]) {
      expect(() => parseKek(bad)).toThrow(expect.objectContaining({ code: 'KEK_INVALID' }));
    }
    try {
      parseKek('');
    } catch (error) {
      expect(isKeyStoreError(error, 'KEK_INVALID') && error.messageVi).toContain('32 byte');
    }
    expect(() => sealPrivateKey({ kek: randomBytes(31), keyId: 'a', label: 'l', pkcs8 })).toThrow(
      expect.objectContaining({ code: 'KEK_INVALID' }),
    );
  });
});
