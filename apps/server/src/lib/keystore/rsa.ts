/** RSA key material helpers on node:crypto: SPKI from modulus and exponent, PKCS#8 checks. */
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { KeyStoreError } from './errors';
import { MIN_MODULUS_LENGTH } from './types';

/** SubjectPublicKeyInfo (DER) of an RSA public key given as big-endian modulus and exponent. */
export function rsaSpki(modulus: Uint8Array, publicExponent: Uint8Array): Uint8Array {
  const key = createPublicKey({
    key: { kty: 'RSA', n: b64url(stripZeros(modulus)), e: b64url(stripZeros(publicExponent)) },
    format: 'jwk',
  });
  return new Uint8Array(key.export({ type: 'spki', format: 'der' }));
}

export function modulusLengthOf(spki: Uint8Array): number {
  const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  return key.asymmetricKeyDetails?.modulusLength ?? 0;
}

export interface RsaPrivateComponents {
  modulus: Buffer;
  publicExponent: Buffer;
  privateExponent: Buffer;
  prime1: Buffer;
  prime2: Buffer;
  exp1: Buffer;
  exp2: Buffer;
  coefficient: Buffer;
}

/** Parses an unencrypted PKCS#8 RSA key of 2048 bits or more; anything else is KEY_IMPORT_INVALID. */
export function parseRsaPkcs8(pkcs8: Uint8Array): { key: KeyObject; components: RsaPrivateComponents } {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch (cause) {
    throw new KeyStoreError('KEY_IMPORT_INVALID', 'The key is not a readable PKCS#8 private key', { cause });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new KeyStoreError(
      'KEY_IMPORT_INVALID',
      `Only RSA keys are supported, got ${key.asymmetricKeyType}`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_LENGTH) {
    throw new KeyStoreError(
      'KEY_IMPORT_INVALID',
      `RSA keys need ${MIN_MODULUS_LENGTH} bits at least, got ${bits}`,
    );
  }
  const jwk: JsonWebKey = key.export({ format: 'jwk' });
  const part = (name: keyof JsonWebKey): Buffer => {
    const value = jwk[name];
    if (typeof value !== 'string') throw new KeyStoreError('KEY_IMPORT_INVALID', `RSA key lacks ${name}`);
    return Buffer.from(value, 'base64url');
  };
  return {
    key,
    components: {
      modulus: part('n'),
      publicExponent: part('e'),
      privateExponent: part('d'),
      prime1: part('p'),
      prime2: part('q'),
      exp1: part('dp'),
      exp2: part('dq'),
      coefficient: part('qi'),
    },
  };
}

export function checkModulusLength(modulusLength: number): void {
  if (!Number.isInteger(modulusLength) || modulusLength < MIN_MODULUS_LENGTH || modulusLength % 8 !== 0) {
    throw new KeyStoreError(
      'KEY_IMPORT_INVALID',
      `RSA modulus length must be a multiple of 8 and at least ${MIN_MODULUS_LENGTH} bits, got ${modulusLength}`,
    );
  }
}

function stripZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
