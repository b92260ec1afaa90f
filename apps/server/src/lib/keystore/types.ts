/**
 * The key store: where the platform's signing keys live. A signer hands out signatures and the
 * public key, never the private key: the PKCS#11 backend cannot export at all, and the software
 * backend keeps keys encrypted at rest and decrypts them only in memory to sign.
 */

/**
 * Signature algorithms a signer may produce. RSASSA-PKCS1-v1_5 with SHA-256 is the default: it is
 * what the government CA (Ban Cơ yếu Chính phủ) and OpenSSL's defaults interoperate with, and TT
 * 39/2017 requires PKCS#1 v2.2, which defines it. SHA-1 is never used.
 */
export type SignatureAlgorithm = 'RSASSA-PKCS1-v1_5-SHA256';

export interface KeyInfo {
  /** Stable identifier of the key inside its store (hex; the CKA_ID on a token). */
  keyId: string;
  label: string;
  algorithm: SignatureAlgorithm;
  /** SubjectPublicKeyInfo, DER. */
  publicKey: Uint8Array;
  modulusLength: number;
}

export interface Signer {
  keyId: string;
  algorithm: SignatureAlgorithm;
  /** SubjectPublicKeyInfo, DER. */
  publicKey: Uint8Array;
  /** Signs `data` (the hash is computed by the signer: pass the message, not its digest). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface GenerateKeyOptions {
  /** RSA modulus in bits; 2048 at least, 3072 by default. */
  modulusLength?: number;
}

export interface KeyStore {
  /** Which backend: for logs and the operations page. */
  readonly kind: 'pkcs11' | 'software';
  listKeys(): Promise<KeyInfo[]>;
  /** Throws KeyStoreError KEY_NOT_FOUND when no such key exists. */
  signer(keyId: string): Promise<Signer>;
  /** Generates a key pair inside the store; the private key never leaves it. */
  generateKey(label: string, options?: GenerateKeyOptions): Promise<KeyInfo>;
  /** Imports an unencrypted PKCS#8 RSA private key (DER). */
  importKey(label: string, pkcs8: Uint8Array): Promise<KeyInfo>;
}

export const MIN_MODULUS_LENGTH = 2048;
export const DEFAULT_MODULUS_LENGTH = 3072;
