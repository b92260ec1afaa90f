/**
 * What the timestamp, OCSP and CRL code share: the pkijs engine on Node's WebCrypto, object
 * identifiers, DER and serial-number helpers, signing (a CryptoKey or a callback, so that a
 * PKCS#11 key can sign without leaving its token) and signature verification.
 *
 * Algorithm: RSASSA-PKCS1-v1_5 with SHA-256 by default. TT 39/2017 names PKCS#1 v2.2, which
 * contains both v1_5 and PSS signatures; v1_5 with SHA-256 is what the government CA and OpenSSL's
 * defaults interoperate with. SHA-1 is refused for signatures; it appears only where a protocol
 * uses it as an identifier (OCSP CertID from older clients, ESSCertID v1, ResponderID byKey).
 */
import { createHash, createPublicKey, verify as nodeVerify, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ensureCryptoEngines } from '../webcrypto';
import { protocolError } from './errors';

/** Sets Node's WebCrypto as the pkijs engine, once per process (lib/webcrypto.ts). */
export const ensureEngine = ensureCryptoEngines;
ensureEngine();

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha1: '1.3.14.3.2.26',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  extKeyUsage: '2.5.29.37',
  kpTimeStamping: '1.3.6.1.5.5.7.3.8',
  kpOcspSigning: '1.3.6.1.5.5.7.3.9',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  authorityKeyIdentifier: '2.5.29.35',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

const DIGEST_NAMES: Record<string, string> = {
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
  [OID.sha1]: 'sha1',
};

/** The node:crypto name of a digest OID, or undefined. */
export function digestName(oid: string): string | undefined {
  return DIGEST_NAMES[oid];
}

export function digest(algorithm: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(data).digest());
}

export function toArrayBuffer(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function toHex(data: Uint8Array): string {
  return Buffer.from(data).toString('hex');
}

/**
 * A serial number as lowercase hexadecimal without leading zeros ("0" for zero): the key that
 * `statusOf` receives and that CRL entries are given in. `BigInt('0x' + hex)` reads it back.
 */
export function normaliseSerialHex(hex: string): string {
  const clean = hex.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(clean)) throw new TypeError(`Not a hexadecimal serial number: ${hex}`);
  return BigInt('0x' + clean).toString(16);
}

/** The serial of a pkijs Integer (a certificate serial is a positive INTEGER). */
export function serialHexOf(value: asn1js.Integer): string {
  return normaliseSerialHex(toHex(value.valueBlock.valueHexView) || '0');
}

/** A positive INTEGER from a hexadecimal serial, with the sign byte DER needs. */
export function integerFromSerialHex(hex: string): asn1js.Integer {
  let clean = normaliseSerialHex(hex);
  if (clean.length % 2) clean = '0' + clean;
  if (parseInt(clean.slice(0, 2), 16) >= 0x80) clean = '00' + clean;
  return new asn1js.Integer({ valueHex: toArrayBuffer(Buffer.from(clean, 'hex')) });
}

/** Parses DER (or fails with a typed error naming what was expected). */
export function parseDer<T>(der: Uint8Array, what: string, parse: (buffer: ArrayBuffer) => T): T {
  try {
    return parse(toArrayBuffer(der));
  } catch {
    throw protocolError('malformed', `Dữ liệu ${what} không đúng định dạng DER.`, `Malformed DER ${what}.`);
  }
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return parseDer(der, 'chứng thư số', (b) => pkijs.Certificate.fromBER(b));
}

export function certificateDer(certificate: pkijs.Certificate): Uint8Array {
  return new Uint8Array(certificate.toSchema().toBER());
}

/**
 * Signs bytes with RSASSA-PKCS1-v1_5 SHA-256: a WebCrypto private key, or a callback (a PKCS#11
 * token, a remote signer) that returns the PKCS#1 signature of `data` with SHA-256.
 */
export type SignCallback = (data: Uint8Array) => Promise<Uint8Array>;
export type CryptoKey = webcrypto.CryptoKey;
export type SigningKey = CryptoKey | SignCallback;

export function signerOf(key: SigningKey): SignCallback {
  if (typeof key === 'function') return key;
  return async (data) =>
    new Uint8Array(await webcrypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, key, toArrayBuffer(data)));
}

export function sha256WithRsa(): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({
    algorithmId: OID.sha256WithRSA,
    algorithmParams: new asn1js.Null(),
  });
}

const SIGNATURE_DIGESTS: Record<string, string> = {
  [OID.sha256WithRSA]: 'sha256',
  [OID.sha384WithRSA]: 'sha384',
  [OID.sha512WithRSA]: 'sha512',
  [OID.ecdsaWithSHA256]: 'sha256',
  [OID.ecdsaWithSHA384]: 'sha384',
};

/**
 * Verifies a signature made with the key of `certificate`. `algorithmOid` is a signature
 * algorithm (sha256WithRSAEncryption…) or, as CMS allows, rsaEncryption with `digestOid` beside it.
 */
export function verifySignature(
  certificate: pkijs.Certificate,
  algorithmOid: string,
  data: Uint8Array,
  signature: Uint8Array,
  digestOid?: string,
): boolean {
  const hash =
    algorithmOid === OID.rsaEncryption && digestOid ? digestName(digestOid) : SIGNATURE_DIGESTS[algorithmOid];
  if (!hash || hash === 'sha1') {
    throw protocolError(
      'unsupported_algorithm',
      `Thuật toán chữ ký ${algorithmOid} không được chấp nhận (chỉ SHA-256 trở lên).`,
      `Signature algorithm ${algorithmOid} is not accepted (SHA-256 or stronger only).`,
    );
  }
  const spki = new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER());
  const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  const dsaEncoding = algorithmOid.startsWith('1.2.840.10045') ? 'der' : undefined;
  return nodeVerify(hash, data, dsaEncoding ? { key, dsaEncoding } : key, signature);
}

/** The key purposes of a certificate's extended key usage and whether it is critical. */
export function extendedKeyUsage(
  certificate: pkijs.Certificate,
): { purposes: string[]; critical: boolean } | null {
  const extension = certificate.extensions?.find((e) => e.extnID === OID.extKeyUsage);
  if (!extension) return null;
  const parsed = extension.parsedValue as pkijs.ExtKeyUsage | undefined;
  return { purposes: parsed?.keyPurposes ?? [], critical: extension.critical };
}

/** Whether `certificate` is valid (notBefore ≤ at ≤ notAfter). */
export function validAt(certificate: pkijs.Certificate, at: Date): boolean {
  return certificate.notBefore.value <= at && at <= certificate.notAfter.value;
}
