import { createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isKeyStoreError } from './errors';
import type { EncryptedKeyRecord } from './sealed-key';
import { InMemoryEncryptedKeyRepository, SoftwareKeyStore } from './software';

function verifies(spki: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  return verify(
    'sha256',
    data,
    createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }),
    signature,
  );
}

describe('software key store (encrypted at rest)', () => {
  it('generates and imports keys that sign verifiably, storing only ciphertext', async () => {
    const repository = new InMemoryEncryptedKeyRepository();
    const store = new SoftwareKeyStore(randomBytes(32), repository);
    const generated = await store.generateKey('Dấu Sở Xây dựng', { modulusLength: 2048 });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    const imported = await store.importKey('imported', pkcs8);
    expect(Buffer.from(imported.publicKey)).toEqual(publicKey.export({ type: 'spki', format: 'der' }));
    expect((await store.listKeys()).map((k) => k.label)).toEqual(['Dấu Sở Xây dựng', 'imported']);

    const stored = await repository.get(imported.keyId);
    expect(Buffer.from(stored!.ciphertext).includes(pkcs8.subarray(40, 80))).toBe(false);

    for (const info of [generated, imported]) {
      const data = randomBytes(100);
      const signature = await (await store.signer(info.keyId)).sign(data);
      expect(verifies(info.publicKey, data, signature)).toBe(true);
    }
    await expect(store.importKey('imported', pkcs8)).rejects.toSatisfy((e) =>
      isKeyStoreError(e, 'KEY_EXISTS'),
    );
    await expect(store.signer('nope')).rejects.toSatisfy((e) => isKeyStoreError(e, 'KEY_NOT_FOUND'));
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'der',
    });
    await expect(store.importKey('ec', ec)).rejects.toSatisfy((e) =>
      isKeyStoreError(e, 'KEY_IMPORT_INVALID'),
    );
  });

  it('refuses a wrong KEK with KEK_MISMATCH and a damaged blob with KEY_BLOB_CORRUPT', async () => {
    const repository = new InMemoryEncryptedKeyRepository();
    const kek = randomBytes(32);
    const info = await new SoftwareKeyStore(kek, repository).generateKey('k', {
      modulusLength: 2048,
    });
    const other = new SoftwareKeyStore(randomBytes(32), repository);
    await expect(other.signer(info.keyId)).rejects.toSatisfy(
      (e) => isKeyStoreError(e, 'KEK_MISMATCH') && e.messageVi.includes('KEK'),
    );
    const damaged = {
      put: (r: EncryptedKeyRecord) => repository.put(r),
      list: () => repository.list(),
      get: async (keyId: string) => {
        const record = (await repository.get(keyId))!;
        record.ciphertext[10]! ^= 0x40;
        return record;
      },
    };
    await expect(new SoftwareKeyStore(kek, damaged).signer(info.keyId)).rejects.toSatisfy((e) =>
      isKeyStoreError(e, 'KEY_BLOB_CORRUPT'),
    );
    await expect(new SoftwareKeyStore(kek, repository).signer(info.keyId)).resolves.toBeDefined();
    expect(() => new SoftwareKeyStore(randomBytes(16), repository)).toThrow(
      expect.objectContaining({ code: 'KEK_INVALID' }),
    );
  });
});
