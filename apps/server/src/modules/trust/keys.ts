/**
 * Private keys the platform holds (the demo PKI's), behind a small interface so that the generic
 * key store (lib/keystore: PKCS#11 tokens, software keys) can take its place: a KeyProtector
 * turns a key into a record to store and back. The one here encrypts the PKCS#8 key with
 * AES-256-GCM under the key-encryption key from the environment (TRUST_KEK), the label as
 * associated data, so a record moved to another label or altered does not decrypt.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { DomainError } from '../../http/errors';
import { crypto, RSA_ALGORITHM, type CryptoKey } from './engine';

export interface ProtectedKey {
  algorithm: string;
  kekId: string;
  wrapped: Uint8Array;
}

export interface KeyProtector {
  protect(label: string, key: CryptoKey): Promise<ProtectedKey>;
  /** The signing key (RSASSA-PKCS1-v1_5, SHA-256); throws when the record is not this protector's. */
  recover(label: string, record: ProtectedKey): Promise<CryptoKey>;
}

export const KEY_ALGORITHM = 'RSASSA-PKCS1-v1_5/SHA-256/2048';

export function kekIdOf(kek: Uint8Array): string {
  return createHash('sha256').update(kek).digest('hex').slice(0, 16);
}

/** AES-256-GCM under a 32-byte key-encryption key: nonce (12) ‖ ciphertext ‖ tag (16). */
export function encryptedKeyProtector(kek: Uint8Array): KeyProtector {
  if (kek.length !== 32) throw new Error('the key-encryption key must be 32 bytes');
  const kekId = kekIdOf(kek);
  return {
    async protect(label, key) {
      const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', kek, nonce);
      cipher.setAAD(Buffer.from(label, 'utf8'));
      const body = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
      pkcs8.fill(0);
      return {
        algorithm: KEY_ALGORITHM,
        kekId,
        wrapped: new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()])),
      };
    },
    async recover(label, record) {
      if (record.kekId !== kekId)
        throw new DomainError({
          code: 'trust_kek_mismatch',
          status: 500,
          message: `Khóa "${label}" được mã hóa bằng một khóa mã hóa khóa khác (TRUST_KEK không khớp).`,
          messageEn: `Key "${label}" was encrypted under another key-encryption key (TRUST_KEK does not match).`,
        });
      const data = Buffer.from(record.wrapped);
      const decipher = createDecipheriv('aes-256-gcm', kek, data.subarray(0, 12));
      decipher.setAAD(Buffer.from(label, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const pkcs8 = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      try {
        return await crypto.subtle.importKey('pkcs8', pkcs8, RSA_ALGORITHM, false, ['sign']);
      } finally {
        pkcs8.fill(0);
      }
    },
  };
}

export interface KekSource {
  kek: Uint8Array;
  /** env: TRUST_KEK; file: read from DATA_DIR; generated: written to DATA_DIR just now. */
  origin: 'env' | 'file' | 'generated';
  path: string | null;
}

export const KEK_FILE = 'trust-kek';

/**
 * The key-encryption key: TRUST_KEK (base64 of 32 bytes) when set. Without it, on the embedded
 * database only (a demo convenience, not for production), one kept in DATA_DIR/trust-kek (mode
 * 0600), generated the first time; on PostgreSQL it must be set.
 */
export function loadKek(env: NodeJS.ProcessEnv, embedded: { dataDir: string } | null): KekSource {
  const raw = env.TRUST_KEK;
  if (raw) {
    const kek = Buffer.from(raw, 'base64');
    if (kek.length !== 32 || kek.toString('base64').replace(/=+$/, '') !== raw.trim().replace(/=+$/, ''))
      throw new Error(
        'Environment variable TRUST_KEK must be the base64 encoding of 32 bytes (openssl rand -base64 32).',
      );
    return { kek: new Uint8Array(kek), origin: 'env', path: null };
  }
  if (!embedded)
    throw new Error(
      'Environment variable TRUST_KEK must be set (base64 of 32 bytes: openssl rand -base64 32) to keep keys encrypted at rest.',
    );
  const path = join(embedded.dataDir, KEK_FILE);
  if (existsSync(path)) {
    const kek = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (kek.length !== 32) throw new Error(`${path} must hold the base64 encoding of 32 bytes.`);
    return { kek: new Uint8Array(kek), origin: 'file', path };
  }
  mkdirSync(embedded.dataDir, { recursive: true });
  const kek = randomBytes(32);
  writeFileSync(path, `${kek.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { kek: new Uint8Array(kek), origin: 'generated', path };
}

export async function storeKey(
  db: Kysely<Database>,
  protector: KeyProtector,
  entry: { label: string; certificateFingerprint: string; key: CryptoKey },
): Promise<void> {
  const record = await protector.protect(entry.label, entry.key);
  await db
    .insertInto('trust_keys')
    .values({
      label: entry.label,
      certificate_fingerprint: entry.certificateFingerprint,
      algorithm: record.algorithm,
      kek_id: record.kekId,
      wrapped: record.wrapped,
    })
    .execute();
}

/** A held key and the fingerprint of its certificate; null when there is no key of that label. */
export async function loadKey(
  db: Kysely<Database>,
  protector: KeyProtector,
  label: string,
): Promise<{ key: CryptoKey; certificateFingerprint: string } | null> {
  const row = await db.selectFrom('trust_keys').selectAll().where('label', '=', label).executeTakeFirst();
  if (!row) return null;
  const key = await protector.recover(label, {
    algorithm: row.algorithm,
    kekId: row.kek_id,
    wrapped: row.wrapped,
  });
  return { key, certificateFingerprint: row.certificate_fingerprint };
}

/**
 * The key-encryption key for a running server, never generated: TRUST_KEK, or on the embedded
 * database the DATA_DIR file the demo PKI wrote; null when there is none (nothing to unlock).
 */
export function existingKek(
  trustKek: string | null,
  embedded: { dataDir: string } | null,
): Uint8Array | null {
  if (trustKek) return loadKek({ TRUST_KEK: trustKek }, null).kek;
  if (!embedded || !existsSync(join(embedded.dataDir, KEK_FILE))) return null;
  return loadKek({}, embedded).kek;
}
