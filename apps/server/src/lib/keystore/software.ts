/**
 * Key store of software keys encrypted at rest (sealed-key.ts): RSA keys generated or imported in
 * the process, kept only as AES-256-GCM blobs in an EncryptedKeyRepository (the trust module keeps
 * them in its table; InMemoryEncryptedKeyRepository for tests). A signature decrypts the key in
 * memory, signs with node:crypto and drops it; nothing exports the private key.
 */
import { createPrivateKey, generateKeyPair, randomBytes, sign as rsaSign, webcrypto } from 'node:crypto';
import { promisify } from 'node:util';
import { KeyStoreError } from './errors';
import { checkModulusLength } from './rsa';
import { kekId, openPrivateKey, sealPrivateKey, type EncryptedKeyRecord } from './sealed-key';
import {
  DEFAULT_MODULUS_LENGTH,
  type GenerateKeyOptions,
  type KeyInfo,
  type KeyStore,
  type Signer,
} from './types';

const generateRsa = promisify(generateKeyPair);

export interface EncryptedKeyRepository {
  /** Stores a new record; a second put with the same keyId must fail. */
  put(record: EncryptedKeyRecord): Promise<void>;
  get(keyId: string): Promise<EncryptedKeyRecord | undefined>;
  list(): Promise<EncryptedKeyRecord[]>;
}

export class InMemoryEncryptedKeyRepository implements EncryptedKeyRepository {
  private readonly records = new Map<string, EncryptedKeyRecord>();

  async put(record: EncryptedKeyRecord): Promise<void> {
    if (this.records.has(record.keyId)) {
      throw new KeyStoreError('KEY_EXISTS', `Key ${record.keyId} is already stored`);
    }
    this.records.set(record.keyId, copy(record));
  }

  async get(keyId: string): Promise<EncryptedKeyRecord | undefined> {
    const record = this.records.get(keyId);
    return record && copy(record);
  }

  async list(): Promise<EncryptedKeyRecord[]> {
    return [...this.records.values()].map(copy);
  }
}

function copy(record: EncryptedKeyRecord): EncryptedKeyRecord {
  return {
    ...record,
    publicKey: Uint8Array.from(record.publicKey),
    iv: Uint8Array.from(record.iv),
    ciphertext: Uint8Array.from(record.ciphertext),
    tag: Uint8Array.from(record.tag),
  };
}

export class SoftwareKeyStore implements KeyStore {
  readonly kind = 'software' as const;
  private readonly kek: Uint8Array;

  constructor(
    kek: Uint8Array,
    private readonly repository: EncryptedKeyRepository,
  ) {
    this.kek = Uint8Array.from(kek);
    kekId(this.kek); // validates the KEK's length now rather than at the first signature
  }

  async listKeys(): Promise<KeyInfo[]> {
    const records = await this.repository.list();
    return records.map(info).sort((a, b) => a.label.localeCompare(b.label) || a.keyId.localeCompare(b.keyId));
  }

  async signer(keyId: string): Promise<Signer> {
    const record = await this.record(keyId);
    // Opened once now so that a wrong KEK or a damaged blob fails here, not at the first use.
    openPrivateKey(this.kek, record).fill(0);
    return {
      keyId,
      algorithm: record.algorithm,
      publicKey: Uint8Array.from(record.publicKey),
      sign: async (data) => {
        const pkcs8 = openPrivateKey(this.kek, record);
        try {
          const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
          return new Uint8Array(rsaSign('sha256', data, key));
        } finally {
          pkcs8.fill(0);
        }
      },
    };
  }

  async generateKey(label: string, options: GenerateKeyOptions = {}): Promise<KeyInfo> {
    const modulusLength = options.modulusLength ?? DEFAULT_MODULUS_LENGTH;
    checkModulusLength(modulusLength);
    await this.assertLabelFree(label);
    const { privateKey } = await generateRsa('rsa', { modulusLength, publicExponent: 0x10001 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
    try {
      return await this.store(label, pkcs8);
    } finally {
      pkcs8.fill(0);
    }
  }

  async importKey(label: string, pkcs8: Uint8Array): Promise<KeyInfo> {
    await this.assertLabelFree(label);
    return this.store(label, pkcs8);
  }

  private async store(label: string, pkcs8: Uint8Array): Promise<KeyInfo> {
    const record = sealPrivateKey({ kek: this.kek, keyId: randomBytes(16).toString('hex'), label, pkcs8 });
    await this.repository.put(record);
    return info(record);
  }

  private async record(keyId: string): Promise<EncryptedKeyRecord> {
    const record = await this.repository.get(keyId);
    if (!record) throw new KeyStoreError('KEY_NOT_FOUND', `No key ${keyId} in the software key store`);
    return record;
  }

  private async assertLabelFree(label: string): Promise<void> {
    if ((await this.repository.list()).some((record) => record.label === label)) {
      throw new KeyStoreError('KEY_EXISTS', `A key labelled "${label}" already exists`);
    }
  }
}

function info(record: EncryptedKeyRecord): KeyInfo {
  return {
    keyId: record.keyId,
    label: record.label,
    algorithm: record.algorithm,
    publicKey: Uint8Array.from(record.publicKey),
    modulusLength: record.modulusLength,
  };
}

/**
 * A signer over a WebCrypto RSASSA-PKCS1-v1_5 (SHA-256) private key already in memory — a key
 * the trust module unwrapped from trust_keys, or a test's — with the SubjectPublicKeyInfo it
 * answers to (DER).
 */
export function cryptoKeySigner(keyId: string, key: webcrypto.CryptoKey, publicKey: Uint8Array): Signer {
  return {
    keyId,
    algorithm: 'RSASSA-PKCS1-v1_5-SHA256',
    publicKey: Uint8Array.from(publicKey),
    sign: async (data) =>
      new Uint8Array(await webcrypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, key, Uint8Array.from(data))),
  };
}
