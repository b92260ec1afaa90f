/**
 * The crypto engines of the trust module: pkijs and @peculiar/x509 on Node's WebCrypto, set by
 * lib/webcrypto.ts (which loads reflect-metadata before @peculiar/x509), so every file of the
 * module imports x509 and pkijs from here, never directly.
 */
import { webcrypto } from 'node:crypto';
import { ensureCryptoEngines } from '../../lib/webcrypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

/** Node's WebCrypto. */
export const crypto = webcrypto;
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;
ensureCryptoEngines();

/** The same bytes typed as an ArrayBuffer-backed view, which the DOM's BufferSource requires. */
export function bytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
}

export { x509, pkijs };

/**
 * The signature algorithm of everything the module makes: RSASSA-PKCS1-v1_5 with SHA-256, RSA
 * 2048. TT 39/2017 requires PKCS#1 v2.2, which defines both v1.5 and PSS signatures; v1.5 with
 * SHA-256 is what the government CA's certificates and OpenSSL's defaults interoperate with.
 */
export const RSA_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;
