/**
 * Private keys encrypted at rest: a PKCS#8 key sealed with AES-256-GCM under a key-encryption key
 * (KEK, 32 bytes, from the environment in production: TRUST_KEK, base64). The additional
 * authenticated data binds the ciphertext to its record — format version, key id, label and
 * public key — so a blob moved to another record, relabelled or paired with another public key
 * does not open. Pure functions over node:crypto.
 */
import { createCipheriv, createDecipheriv, createHmac, createPublicKey, randomBytes } from 'node:crypto';
import { KeyStoreError } from './errors';
import { parseRsaPkcs8 } from './rsa';
import type { SignatureAlgorithm } from './types';

export const KEK_LENGTH = 32;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const FORMAT = 'tayninh-keystore-aes256gcm-v1';

/** One encrypted key as the repository stores it. */
export interface EncryptedKeyRecord {
  keyId: string;
  label: string;
  algorithm: SignatureAlgorithm;
  /** SubjectPublicKeyInfo, DER (in clear: the public half). */
  publicKey: Uint8Array;
  modulusLength: number;
  /** Fingerprint of the KEK that sealed it (HMAC of a constant, not the KEK): tells a wrong KEK from a damaged blob. */
  kekId: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
  createdAt: string;
}

/** Reads a KEK given as base64 (the TRUST_KEK variable); exactly 32 bytes or KEK_INVALID. */
export function parseKek(base64: string | undefined): Uint8Array {
  const text = (base64 ?? '').trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new KeyStoreError('KEK_INVALID', 'The key-encryption key must be base64 text');
  }
  const kek = Buffer.from(text, 'base64');
  if (kek.length !== KEK_LENGTH) {
    throw new KeyStoreError(
      'KEK_INVALID',
      `The key-encryption key must be ${KEK_LENGTH} bytes, got ${kek.length}`,
    );
  }
  return new Uint8Array(kek);
}

export function kekId(kek: Uint8Array): string {
  checkKek(kek);
  return createHmac('sha256', kek).update(`${FORMAT} kek-id`).digest('hex').slice(0, 16);
}

/** The additional authenticated data of a record: length-prefixed fields, so no two records share one. */
export function recordAad(record: Pick<EncryptedKeyRecord, 'keyId' | 'label' | 'publicKey'>): Buffer {
  const fields = [
    Buffer.from(FORMAT),
    Buffer.from(record.keyId),
    Buffer.from(record.label),
    Buffer.from(record.publicKey),
  ];
  return Buffer.concat(
    fields.flatMap((field) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(field.length);
      return [length, field];
    }),
  );
}

export interface SealInput {
  kek: Uint8Array;
  keyId: string;
  label: string;
  pkcs8: Uint8Array;
  createdAt?: Date;
}

export function sealPrivateKey(input: SealInput): EncryptedKeyRecord {
  checkKek(input.kek);
  const { key } = parseRsaPkcs8(input.pkcs8);
  const publicKey = new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
  const iv = randomBytes(IV_LENGTH);
  const base = { keyId: input.keyId, label: input.label, publicKey };
  const cipher = createCipheriv('aes-256-gcm', input.kek, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(recordAad(base));
  const ciphertext = Buffer.concat([cipher.update(input.pkcs8), cipher.final()]);
  return {
    ...base,
    algorithm: 'RSASSA-PKCS1-v1_5-SHA256',
    modulusLength: key.asymmetricKeyDetails?.modulusLength ?? 0,
    kekId: kekId(input.kek),
    iv: new Uint8Array(iv),
    ciphertext: new Uint8Array(ciphertext),
    tag: new Uint8Array(cipher.getAuthTag()),
    createdAt: (input.createdAt ?? new Date()).toISOString(),
  };
}

/**
 * Decrypts a record's PKCS#8 key. A KEK other than the sealing one is KEK_MISMATCH; any change to
 * the ciphertext, IV, tag or authenticated fields is KEY_BLOB_CORRUPT. Never returns a wrong key.
 */
export function openPrivateKey(kek: Uint8Array, record: EncryptedKeyRecord): Uint8Array {
  checkKek(kek);
  if (kekId(kek) !== record.kekId) {
    throw new KeyStoreError(
      'KEK_MISMATCH',
      `Key ${record.keyId} was sealed under another key-encryption key`,
    );
  }
  if (record.iv.length !== IV_LENGTH || record.tag.length !== TAG_LENGTH) {
    throw new KeyStoreError('KEY_BLOB_CORRUPT', `Key ${record.keyId} has a malformed IV or tag`);
  }
  let pkcs8: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, record.iv, { authTagLength: TAG_LENGTH });
    decipher.setAAD(recordAad(record));
    decipher.setAuthTag(record.tag);
    pkcs8 = Buffer.concat([decipher.update(record.ciphertext), decipher.final()]);
  } catch (cause) {
    throw new KeyStoreError(
      'KEY_BLOB_CORRUPT',
      `Key ${record.keyId} fails authentication: damaged or altered`,
      {
        cause,
      },
    );
  }
  return new Uint8Array(pkcs8);
}

function checkKek(kek: Uint8Array): void {
  if (kek.length !== KEK_LENGTH) {
    throw new KeyStoreError(
      'KEK_INVALID',
      `The key-encryption key must be ${KEK_LENGTH} bytes, got ${kek.length}`,
    );
  }
}
